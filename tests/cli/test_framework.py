"""The `framework` subcommand prints the SSUP skill of one SFIA edition as text or JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from ssup_desktop.cli import EXIT_OK, EXIT_USAGE, main
from ssup_desktop.content import load_skill
from ssup_desktop.domain.sfia import Edition


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["framework", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    code, out, err = _run(capsys, "--json", *argv)
    assert (code, err) == (EXIT_OK, "")
    doc: dict[str, Any] = json.loads(out)
    return doc


def test_the_default_edition_is_sfia9(capsys: pytest.CaptureFixture[str]) -> None:
    assert _json(capsys)["edition"] == "sfia9"
    code, out, _ = _run(capsys)
    assert code == EXIT_OK
    assert out.startswith("Sales support (SSUP) - SFIA 9\n")


@pytest.mark.parametrize("edition", list(Edition))
def test_json_has_the_skill_and_its_seven_levels(
    capsys: pytest.CaptureFixture[str], edition: Edition
) -> None:
    doc = _json(capsys, "--edition", edition.value)
    assert (doc["edition"], doc["code"], doc["name"]) == (edition.value, "SSUP", "Sales support")
    assert {"guidance_notes", "activities", "related_skills", "developing"} <= set(doc)
    assert [lv["level"] for lv in doc["levels"]] == [1, 2, 3, 4, 5, 6, 7]
    for lv in doc["levels"]:
        assert {"level", "name", "essence", "defined", "statements"} <= set(lv)
        assert lv["defined"] is (lv["level"] <= 6)
        assert bool(lv["statements"]) is lv["defined"]
        for st in lv["statements"]:
            assert {"id", "text"} <= set(st)


def test_json_carries_sfia9_guidance_and_related_skills(
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc = _json(capsys, "--edition", "sfia9")
    assert len(doc["guidance_notes"]) == 2
    assert doc["activities"][-1] == "assisting in post-sale support and customer onboarding."
    assert {"name": "Selling", "code": "SALE"} in doc["related_skills"]
    assert len(doc["related_skills"]) == 7
    assert doc["levels"][4]["name"] == "Ensure, advise"


@pytest.mark.parametrize("edition", list(Edition))
def test_json_has_every_statement_word_for_word(
    capsys: pytest.CaptureFixture[str], edition: Edition
) -> None:
    doc = _json(capsys, "--edition", edition.value)
    printed = [(st["id"], st["text"]) for lv in doc["levels"] for st in lv["statements"]]
    assert printed == [(st.id, st.text) for st in load_skill(edition).statements]


def test_json_shows_which_sfia8_9_statements_an_sfia7_statement_covers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc = _json(capsys, "--edition", "sfia7")
    level3 = {st["id"]: st for st in doc["levels"][2]["statements"]}
    assert level3["ssup7-3-2"]["corresponds_to"] == ["ssup-3-1", "ssup-3-2"]


@pytest.mark.parametrize("edition", list(Edition))
def test_text_has_level_names_and_every_statement(
    capsys: pytest.CaptureFixture[str], edition: Edition
) -> None:
    code, out, err = _run(capsys, "--edition", edition.value)
    assert (code, err) == (EXIT_OK, "")
    skill = load_skill(edition)
    lines = out.splitlines()
    for lv in skill.levels:
        assert any(line.startswith(f"Level {lv.level} - {lv.name}") for line in lines)
        assert f"  Essence: {lv.essence}" in lines
        for st in lv.statements:
            assert f"  [{st.id}] {st.text}" in lines
    assert "Level 7 - Set strategy, inspire, mobilise (not defined for this skill)" in lines
    assert lines[-1] == skill.attribution


def test_edition_is_case_insensitive(capsys: pytest.CaptureFixture[str]) -> None:
    assert _json(capsys, "--edition", "SFIA8")["edition"] == "sfia8"


def test_an_unknown_edition_is_one_line_naming_the_valid_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(capsys, "--edition", "sfia10")
    assert code == EXIT_USAGE
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n")
    assert "sfia10" in err
    for valid in ("sfia9", "sfia8", "sfia7"):
        assert valid in err


def test_python_dash_m_runs_the_framework_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ssup_desktop", "framework", "--edition", "sfia7"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Sales support (SSUP) - SFIA 7\n")
    assert "Can use databases to retrieve and enter data." in result.stdout
    assert "PySide6" not in result.stderr
