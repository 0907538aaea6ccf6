"""Hostile import files: refused with exit 2 and one short line, the portfolio unchanged;
markup stored literally; links and attachment names made safe."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssup_desktop.cli import main
from ssup_desktop.content import load_all
from ssup_desktop.domain.evidence import MAX_ATTACHMENT_BYTES
from ssup_desktop.export import interchange
from ssup_desktop.services import PortfolioService

EID = "0d9c6a8e-1111-4d1e-9c55-0123456789ab"
AID = "7a7a7a7a-2222-4d1e-9c55-0123456789ab"


def _digest(path: Path) -> str:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    rows = [
        repr(conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall())
        for t in ("profile", "evidence", "attachment", "attachment_data", "evidence_link")
    ]
    conn.close()
    return hashlib.sha256("".join(rows).encode()).hexdigest()


def _valid_doc() -> dict[str, Any]:
    statement = next(iter(load_all().values())).statements[0].id
    data = b"hello attachment"
    return {
        "format": "ssup-desktop-portfolio",
        "format_version": 1,
        "profile": {"owner_name": "Pat", "edition": "sfia9"},
        "evidence": [
            {
                "id": EID,
                "title": "A real entry",
                "statement_ids": [statement],
                "links": [{"url": "https://example.com/win", "label": "Win"}],
                "attachments": [
                    {
                        "id": AID,
                        "name": "notes.txt",
                        "media_type": "text/plain",
                        "size": len(data),
                        "sha256": hashlib.sha256(data).hexdigest(),
                        "data_base64": base64.b64encode(data).decode(),
                    }
                ],
            }
        ],
    }


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    path = tmp_path / "mine.ssup"
    service = PortfolioService.create(path, load_all())
    service.close()
    return path


def _import(
    capsys: pytest.CaptureFixture[str], source: Path, portfolio: Path
) -> tuple[int, str, str]:
    code = main(["import", str(source), "--portfolio", str(portfolio)])
    out, err = capsys.readouterr()
    return code, out, err


def _assert_refused(
    capsys: pytest.CaptureFixture[str], source: Path, portfolio: Path, words: str
) -> str:
    before = _digest(portfolio)
    code, out, err = _import(capsys, source, portfolio)
    assert code == 2, (out, err[:500])
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert len(err) < 1000, f"message echoes too much: {len(err)} characters"
    assert err.startswith(f"ssup-desktop: {source}: ")
    assert words in err, err
    assert _digest(portfolio) == before
    return err


def _doc_with(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    doc = _valid_doc()
    change(doc)
    return doc


CASES: dict[str, tuple[bytes | Callable[[], bytes], str]] = {
    "not-json": (b"title: this is YAML, not JSON\n", "not valid JSON"),
    "empty": (b"", "empty file"),
    "whitespace": (b"  \n\t ", "empty file"),
    "binary": (bytes(range(256)) * 20, "not a JSON file"),
    "a-list": (b"[1, 2, 3]", "not an SSUP Desktop portfolio export"),
    "wrong-type-title": (
        lambda: json.dumps(_doc_with(lambda d: d["evidence"][0].update(title=12345))).encode(),
        "field evidence[0].title",
    ),
    "wrong-type-evidence": (
        lambda: json.dumps(_doc_with(lambda d: d.update(evidence="lots"))).encode(),
        "field evidence",
    ),
    "format-version-2": (
        lambda: json.dumps(_doc_with(lambda d: d.update(format_version=2))).encode(),
        "format version 2 is not supported",
    ),
    "format-version-text": (
        lambda: json.dumps(_doc_with(lambda d: d.update(format_version="1"))).encode(),
        "format_version must be a whole number",
    ),
    "duplicate-ids": (
        lambda: json.dumps(
            _doc_with(lambda d: d["evidence"].append(copy.deepcopy(d["evidence"][0])))
        ).encode(),
        "appears more than once",
    ),
    "unknown-statement": (
        lambda: json.dumps(
            _doc_with(lambda d: d["evidence"][0].update(statement_ids=["SSUP-9-99"]))
        ).encode(),
        "unknown SSUP statement id(s): SSUP-9-99",
    ),
    "deep-nesting": (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    "deep-nesting-in-field": (
        lambda: (
            json.dumps(_valid_doc())[:-1].encode()
            + b', "x": '
            + b"[" * 100_000
            + b"]" * 100_000
            + b"}"
        ),
        "not valid JSON",
    ),
    "javascript-link": (
        lambda: json.dumps(
            _doc_with(lambda d: d["evidence"][0].update(links=[{"url": "javascript:alert(1)"}]))
        ).encode(),
        "only http, https and mailto links are allowed",
    ),
    "file-link": (
        lambda: json.dumps(
            _doc_with(lambda d: d["evidence"][0].update(links=[{"url": "file:///etc/passwd"}]))
        ).encode(),
        "only http, https and mailto links are allowed",
    ),
    "attachment-too-large": (
        lambda: json.dumps(
            _doc_with(
                lambda d: d["evidence"][0]["attachments"][0].update(size=MAX_ATTACHMENT_BYTES + 1)
            )
        ).encode(),
        "field evidence[0].attachments[0].size",
    ),
    "attachment-sha-mismatch": (
        lambda: json.dumps(
            _doc_with(lambda d: d["evidence"][0]["attachments"][0].update(sha256="0" * 64))
        ).encode(),
        "sha256 does not match its data",
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_hostile_files_are_refused(
    tmp_path: Path, portfolio: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    content, words = CASES[kind]
    source = tmp_path / "hostile.json"
    source.write_bytes(content() if callable(content) else content)
    _assert_refused(capsys, source, portfolio, words)


def test_a_50_mb_title_is_refused_without_echoing_it(
    tmp_path: Path, portfolio: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _valid_doc()
    doc["evidence"][0]["title"] = "A" * (50 * 2**20)
    source = tmp_path / "huge.json"
    source.write_text(json.dumps(doc))
    del doc
    _assert_refused(capsys, source, portfolio, "at most 300 characters")


def test_a_huge_unknown_key_is_not_echoed(
    tmp_path: Path, portfolio: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _valid_doc()
    doc["evidence"][0]["k" * 2_000_000] = 1
    source = tmp_path / "key.json"
    source.write_text(json.dumps(doc))
    _assert_refused(capsys, source, portfolio, "field evidence[0].kkk")


def test_files_over_the_size_limit_are_refused_before_reading(
    tmp_path: Path,
    portfolio: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "sparse.json"
    with source.open("wb") as stream:  # a sparse file: 1 GiB + 1 byte that takes no space
        stream.truncate(interchange.MAX_IMPORT_BYTES + 1)

    def never(self: Path) -> bytes:
        raise AssertionError("the oversized file was read")

    monkeypatch.setattr(Path, "read_bytes", never)
    err = _assert_refused_without_digest(capsys, source, portfolio)
    assert "too large to import (1024 MiB; the limit is 1024 MiB)" in err


def _assert_refused_without_digest(
    capsys: pytest.CaptureFixture[str], source: Path, portfolio: Path
) -> str:
    code, out, err = _import(capsys, source, portfolio)
    assert code == 2 and out == "" and err.count("\n") == 1
    return err


def test_markup_is_stored_and_exported_literally(
    tmp_path: Path, portfolio: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = '<script>alert("x")</script><b>bold</b> &amp; <img src=x onerror=alert(1)>'
    doc = _valid_doc()
    doc["evidence"][0].update(title=script[:300], description=script, tags=["<i>tag</i>"])
    doc["profile"]["owner_name"] = "<h1>Pat</h1>"
    source = tmp_path / "markup.json"
    source.write_text(json.dumps(doc))
    assert _import(capsys, source, portfolio)[0] == 0
    service = PortfolioService.open(portfolio, load_all())
    (entry,) = service.list_evidence()
    assert entry.title == script[:300] and entry.description == script
    assert entry.tags == ("<i>tag</i>",)
    assert service.profile().owner_name == "<h1>Pat</h1>"
    service.close()
    out = tmp_path / "again.json"
    assert main(["export", str(out), "--portfolio", str(portfolio)]) == 0
    again = json.loads(out.read_text())
    assert again["evidence"][0]["description"] == script


def test_attachment_names_are_sanitised_on_import(
    tmp_path: Path, portfolio: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _valid_doc()
    doc["evidence"][0]["attachments"][0]["name"] = "../../etc/pass\x00wd:evil?.txt"
    source = tmp_path / "names.json"
    source.write_text(json.dumps(doc))
    assert _import(capsys, source, portfolio)[0] == 0
    conn = sqlite3.connect(portfolio)
    (name,) = conn.execute("SELECT name FROM attachment").fetchone()
    conn.close()
    assert name == "passwd_evil_.txt"
    assert "/" not in name and "\x00" not in name


# --- property-based: any text round-trips literally; any junk is refused cleanly -------------


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    title=st.text(min_size=1, max_size=300).filter(lambda t: t.strip() != ""),
    story=st.text(max_size=2000),
)
def test_any_text_is_stored_literally_or_refused_cleanly(
    tmp_path: Path, portfolio: Path, capsys: pytest.CaptureFixture[str], title: str, story: str
) -> None:
    doc = _valid_doc()
    entry_id = str(uuid.uuid4())  # the portfolio is shared by all examples of one run
    doc["evidence"][0].update(id=entry_id, title=title, action=story, attachments=[])
    source = tmp_path / "prop.json"
    source.write_text(json.dumps(doc))
    before = _digest(portfolio)
    code, _out, err = _import(capsys, source, portfolio)
    if code != 0:
        assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
        assert _digest(portfolio) == before
        return
    conn = sqlite3.connect(portfolio)
    stored = conn.execute("SELECT title, action FROM evidence WHERE id = ?", (entry_id,)).fetchone()
    conn.close()
    assert stored is not None
    assert stored[0].strip() == title.strip()  # only surrounding blanks are trimmed
    assert stored[1] == story


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(junk=st.binary(max_size=3000))
def test_random_bytes_are_refused_cleanly(
    tmp_path: Path, portfolio: Path, capsys: pytest.CaptureFixture[str], junk: bytes
) -> None:
    source = tmp_path / "junk.json"
    source.write_bytes(junk)
    before = _digest(portfolio)
    code, _out, err = _import(capsys, source, portfolio)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert _digest(portfolio) == before
