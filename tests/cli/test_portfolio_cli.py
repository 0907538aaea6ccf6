"""The sample, export, import and check subcommands: exit codes, one-line errors, no changes."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from ssup_desktop.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _digest(path: Path) -> str:
    """A fingerprint of a portfolio's content (its bytes may change with WAL checkpoints)."""
    conn = sqlite3.connect(path)
    rows = []
    for table in ("profile", "evidence", "attachment", "attachment_data", "evidence_tag"):
        rows.append(repr(conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()))
    conn.close()
    return hashlib.sha256("".join(rows).encode()).hexdigest()


@pytest.fixture
def sample_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "sample.ssup"
    assert _run(capsys, "sample", str(path))[0] == 0
    return path


def test_sample_has_entries_image_and_pdf_and_passes_check(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(sample_file)
    assert conn.execute("SELECT count(*) FROM evidence").fetchone()[0] >= 12
    media = dict(
        conn.execute(
            "SELECT media_type, d.data FROM attachment a "
            "JOIN attachment_data d ON d.attachment_id = a.id"
        )
    )
    levels = {row[0][5] for row in conn.execute("SELECT statement_id FROM evidence_statement")}
    unlinked = conn.execute(
        "SELECT count(*) FROM evidence WHERE id NOT IN (SELECT evidence_id FROM evidence_statement)"
    ).fetchone()[0]
    owner = conn.execute("SELECT owner_name, current_level, target_level FROM profile").fetchone()
    conn.close()
    assert media["image/png"].startswith(b"\x89PNG\r\n\x1a\n")
    assert "Tailspin" in PdfReader(io.BytesIO(media["application/pdf"])).pages[0].extract_text()
    assert levels == {"1", "2", "3", "4"} and unlinked == 1
    assert owner == ("Alex Morgan", 3, 4)
    code, out, err = _run(capsys, "check", "--portfolio", str(sample_file))
    assert code == 0 and err == ""
    assert out.strip() == f"{sample_file}: OK (15 entries, 2 attachments)"


def test_sample_refuses_to_overwrite(sample_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sample_file.read_bytes()
    code, _, err = _run(capsys, "sample", str(sample_file))
    assert code == 2 and str(sample_file) in err and len(err.strip().splitlines()) == 1
    assert sample_file.read_bytes() == before


def test_check_finds_a_tampered_attachment(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(sample_file)
    conn.execute(
        "UPDATE attachment_data SET data = zeroblob(10) "
        "WHERE rowid = (SELECT min(rowid) FROM attachment_data)"
    )
    conn.commit()
    conn.close()
    code, out, _ = _run(capsys, "check", "--portfolio", str(sample_file))
    assert code == 1
    assert len(out.strip().splitlines()) == 1 and "sha256" in out


def test_export_import_round_trip_via_cli(
    tmp_path: Path, sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_json = tmp_path / "out.json"
    code, out, _ = _run(capsys, "export", str(out_json), "--portfolio", str(sample_file))
    assert code == 0 and "15 entries" in out
    new = tmp_path / "new.ssup"
    code, out, _ = _run(capsys, "import", str(out_json), "--portfolio", str(new))
    assert code == 0 and "15 added, 0 updated, 0 unchanged" in out
    code, out, _ = _run(capsys, "import", str(out_json), "--portfolio", str(new))
    assert code == 0 and "0 added, 0 updated, 15 unchanged" in out
    again = tmp_path / "again.json"
    assert _run(capsys, "--portfolio", str(new), "export", str(again))[0] == 0
    first, second = json.loads(out_json.read_text()), json.loads(again.read_text())
    first.pop("exported"), second.pop("exported")
    assert first == second


def test_import_into_default_portfolio_creates_it(
    tmp_path: Path, data_dir: Path, sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_json = tmp_path / "out.json"
    _run(capsys, "export", str(out_json), "--portfolio", str(sample_file))
    assert _run(capsys, "import", str(out_json))[0] == 0
    code, out, _ = _run(capsys, "check")
    assert code == 0 and str(data_dir / "portfolio.ssup") in out


def test_export_needs_json_or_pdf_suffix(
    tmp_path: Path, sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.txt"
    code, _, err = _run(capsys, "export", str(target), "--portfolio", str(sample_file))
    assert code == 2 and f"{target}: unsupported export format (use .json or .pdf)" in err
    assert not target.exists()


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "folder"
    folder.mkdir()
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    return {
        "missing": tmp_path / "missing.ssup",
        "folder": folder,
        "foreign": foreign,
        "text": text,
    }


@pytest.mark.parametrize("command", ["check", "export"])
@pytest.mark.parametrize("kind", ["missing", "folder", "foreign", "text"])
def test_bad_portfolios_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, kind: str
) -> None:
    portfolio = _bad_inputs(tmp_path)[kind]
    extra = [str(tmp_path / "x.json")] if command == "export" else []
    code, out, err = _run(capsys, command, *extra, "--portfolio", str(portfolio))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and str(portfolio) in err
    assert "Traceback" not in err and not (tmp_path / "x.json").exists()


def test_newer_portfolio_is_refused(sample_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = sqlite3.connect(sample_file)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    code, _, err = _run(capsys, "check", "--portfolio", str(sample_file))
    assert code == 2 and "made by a newer version of SSUP Desktop (schema 99" in err


@pytest.mark.parametrize("kind", ["missing", "folder", "foreign", "text"])
def test_bad_import_files_change_nothing(
    tmp_path: Path, sample_file: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    source = _bad_inputs(tmp_path)[kind]
    before = _digest(sample_file)
    code, _, err = _run(capsys, "import", str(source), "--portfolio", str(sample_file))
    assert code == 2 and len(err.strip().splitlines()) == 1 and str(source) in err
    assert _digest(sample_file) == before


def test_failed_import_does_not_create_the_portfolio(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    target = tmp_path / "new.ssup"
    assert _run(capsys, "import", str(bad), "--portfolio", str(target))[0] == 2
    assert not target.exists()


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


def _mutate(doc: Any, path: list[int], value: Any) -> Any:
    """Replace one nested value of ``doc`` chosen by ``path`` indexes with ``value``."""
    if not path or not isinstance(doc, dict | list) or not doc:
        return value
    keys = list(doc) if isinstance(doc, dict) else list(range(len(doc)))
    key = keys[path[0] % len(keys)]
    copy = dict(doc) if isinstance(doc, dict) else list(doc)
    copy[key] = _mutate(doc[key], path[1:], value)
    return copy


@pytest.fixture(scope="module")
def valid_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from ssup_desktop.content import load_all
    from ssup_desktop.export.interchange import build_document
    from ssup_desktop.sample import build_sample

    service = build_sample(tmp_path_factory.mktemp("v") / "v.ssup", load_all())
    doc: dict[str, Any] = build_document(service).model_dump(mode="json")
    service.close()
    return doc


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    random_value=_json_values,
    path=st.lists(st.integers(min_value=0, max_value=50), max_size=6),
    mutate=st.booleans(),
)
def test_import_never_crashes(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    valid_export: dict[str, Any],
    random_value: Any,
    path: list[int],
    mutate: bool,
) -> None:
    doc = _mutate(valid_export, path, random_value) if mutate else random_value
    source = tmp_path / "fuzz.json"
    source.write_text(json.dumps(doc), "utf-8")
    target = tmp_path / "fuzz.ssup"
    code, _, err = _run(capsys, "import", str(source), "--portfolio", str(target))
    assert code in (0, 2), err
    assert "internal error" not in err and "Traceback" not in err
    if code == 2:
        assert len(err.strip().splitlines()) == 1
