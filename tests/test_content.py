"""The packaged SFIA content loads and matches the source texts in ../shared/sfia-sources."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from ssup_desktop.content import ContentError, edition_file, load_all, load_skill, parse_skill
from ssup_desktop.domain.record import as_dict
from ssup_desktop.domain.sfia import Edition, Skill

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sfia-sources"
SFIA9_PAGE = "sfia9-ssup-web-page.txt"
SFIA8_PAGE = "sfia8-ssup-web-page.txt"
SFIA8_PLAIN = "sfia8-ssup-plain-text.txt"
SFIA7_PAGE = "sfia7-ssup-role-wiki-page.txt"

ESSENCE_LINE = re.compile(
    r"^\*\*\[Level (?P<level>[1-7]) - (?P<name>[^\]]+)\]\([^)]*\):\*\* "
    r"Essence of the level: (?P<essence>.+)$"
)


def _source(name: str) -> str:
    if not SOURCES.is_dir():
        pytest.skip(
            f"SFIA source texts not found at {SOURCES} (expected ../shared next to the repo)"
        )
    return (SOURCES / name).read_text(encoding="utf-8")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def _sections(
    lines: list[str], heading: re.Pattern[str], stop: re.Pattern[str] | None = None
) -> dict[int, list[str]]:
    """Non-blank lines under each level heading, up to the next heading or a stop line."""
    sections: dict[int, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        match = heading.match(line)
        if match:
            current = sections.setdefault(int(match.group(1)), [])
        elif stop is not None and stop.match(line):
            current = None
        elif current is not None and line:
            current.append(line)
    return sections


def _sfia9_sections() -> dict[int, list[str]]:
    lines = _lines(_source(SFIA9_PAGE))
    start = lines.index("###  Show/hide extra descriptions and levels.")
    sections = _sections(
        lines[start + 1 :],
        heading=re.compile(r"^###\s+(?:Sales support: )?Level ([1-7])$"),
        stop=re.compile(r"^(###|Keywords )"),
    )
    # Each section opens with the essence line and a "* * *" rule; the statements follow it.
    return {
        n: body[body.index("* * *") + 1 :] if "* * *" in body else body[1:]
        for n, body in sections.items()
    }


def _sfia9_essences() -> dict[int, tuple[str, str]]:
    found = {}
    for line in _lines(_source(SFIA9_PAGE)):
        match = ESSENCE_LINE.match(line)
        if match:
            found[int(match["level"])] = (match["name"], match["essence"].strip())
    return found


def _sfia8_web_sections() -> dict[int, list[str]]:
    return _sections(
        _lines(_source(SFIA8_PAGE)),
        heading=re.compile(r"^Sales support: Level ([1-7])$"),
    )


def _sfia8_plain_sections() -> dict[int, list[str]]:
    return _sections(
        _lines(_source(SFIA8_PLAIN)),
        heading=re.compile(r"^Level ([1-7])$"),
    )


def _sfia7_paragraphs() -> dict[int, str]:
    sections = _sections(
        _lines(_source(SFIA7_PAGE)),
        heading=re.compile(r"^==== SFIA Level ([1-7]) ====$"),
        stop=re.compile(r"^====.*====$"),
    )
    paragraphs = {}
    for n, body in sections.items():
        text = " ".join(" ".join(body).split())
        # Transcription artefact: some paragraphs start with their own level number ("4 Works...").
        paragraphs[n] = text.removeprefix(f"{n} ")
    return paragraphs


def _texts(skill: Skill, level: int) -> list[str]:
    return [st.text for st in skill.level(level).statements]


@pytest.mark.parametrize("edition", list(Edition))
def test_every_edition_loads(edition: Edition) -> None:
    skill = load_skill(edition)
    assert skill.edition == edition
    assert skill.edition_label == edition.label
    assert (skill.code, skill.name) == ("SSUP", "Sales support")
    assert [lv.level for lv in skill.levels] == [1, 2, 3, 4, 5, 6, 7]
    assert edition.label in skill.attribution
    assert "SFIA Foundation" in skill.attribution
    assert skill.source


def test_load_all_returns_every_edition() -> None:
    assert set(load_all()) == set(Edition)


def test_sfia9_statements_match_the_source_line_for_line() -> None:
    source = _sfia9_sections()
    skill = load_skill(Edition.SFIA9)
    assert sorted(source) == [1, 2, 3, 4, 5, 6, 7]
    for lv in skill.levels:
        assert _texts(skill, lv.level) == source[lv.level], f"SFIA 9 level {lv.level}"


@pytest.mark.parametrize("reader", [_sfia8_web_sections, _sfia8_plain_sections])
def test_sfia8_statements_match_the_source_line_for_line(
    reader: Callable[[], dict[int, list[str]]],
) -> None:
    source = reader()
    skill = load_skill(Edition.SFIA8)
    for n in range(1, 7):
        assert _texts(skill, n) == source[n], f"SFIA 8 level {n}"
    assert skill.level(7).statements == ()


def test_sfia8_level7_reason_is_the_web_pages_words() -> None:
    assert _sfia8_web_sections()[7] == [load_skill(Edition.SFIA8).level(7).not_defined_reason]


def test_sfia8_and_sfia9_statements_correspond_one_to_one() -> None:
    sfia9, sfia8 = load_skill(Edition.SFIA9), load_skill(Edition.SFIA8)
    for n in range(1, 8):
        ids9 = [st.id for st in sfia9.level(n).statements]
        ids8 = [st.id for st in sfia8.level(n).statements]
        assert ids9 == ids8 == [f"ssup-{n}-{i}" for i in range(1, len(ids9) + 1)]


def test_sfia7_statements_joined_are_the_source_paragraph() -> None:
    source = _sfia7_paragraphs()
    skill = load_skill(Edition.SFIA7)
    assert sorted(source) == [1, 2, 3, 4, 5, 6]
    for n in range(1, 7):
        assert " ".join(_texts(skill, n)) == source[n], f"SFIA 7 level {n}"
        ids = [st.id for st in skill.level(n).statements]
        assert ids == [f"ssup7-{n}-{i}" for i in range(1, len(ids) + 1)]
    assert skill.level(7).statements == ()


def test_sfia7_description_is_the_source_description() -> None:
    lines = _lines(_source(SFIA7_PAGE))
    description = lines[lines.index("==== Description ====") + 1]
    assert load_skill(Edition.SFIA7).description == description


@pytest.mark.parametrize("edition", list(Edition))
def test_level_names_and_essences_are_sfia9s(edition: Edition) -> None:
    essences = _sfia9_essences()
    assert sorted(essences) == [1, 2, 3, 4, 5, 6, 7]
    skill = load_skill(edition)
    for lv in skill.levels:
        assert (lv.name, lv.essence) == essences[lv.level], f"{edition.label} level {lv.level}"
    expected_source = "" if edition is Edition.SFIA9 else "SFIA 9"
    assert skill.level_names_source == expected_source


@pytest.mark.parametrize("edition", list(Edition))
def test_level7_is_not_defined_in_any_edition(edition: Edition) -> None:
    skill = load_skill(edition)
    level7 = skill.level(7)
    assert not level7.defined
    assert level7.not_defined_reason
    assert [lv.level for lv in skill.defined_levels] == [1, 2, 3, 4, 5, 6]


def test_sfia9_guidance_activities_and_level_guidance_match_the_source() -> None:
    lines = [line for line in _lines(_source(SFIA9_PAGE)) if line]
    skill = load_skill(Edition.SFIA9)
    notes_at = lines.index("### Guidance notes") + 1
    assert list(skill.guidance_notes) == lines[notes_at : notes_at + 2]
    activities_at = lines.index("Activities may include, but are not limited to:") + 1
    activities = [line.removeprefix("* ") for line in lines[activities_at : activities_at + 8]]
    assert list(skill.activities) == activities
    assert skill.activities[-1].endswith("onboarding.")
    bullets = [line.removeprefix("* ") for line in lines if line.startswith("* ")]
    assert skill.lower_levels_not_defined in bullets
    assert skill.higher_levels_not_defined in bullets
    assert skill.level(7).not_defined_reason == skill.higher_levels_not_defined
    assert skill.developing.intro in lines
    assert all(item in lines or f"* {item}" in lines for item in skill.developing.lower_not_defined)
    assert len(skill.developing.lower_not_defined) == 4
    assert [f"* {item}" for item in skill.developing.higher_not_defined] == [
        "* You can progress by developing related skills which are better suited to higher "
        "levels of organisational leadership."
    ]


def test_sfia9_related_skills_match_the_source() -> None:
    lines = _lines(_source(SFIA9_PAGE))
    at = lines.index("### Related SFIA skills") + 1
    names = [re.sub(r"^\[([^\]]+)\].*$", r"\1", line) for line in lines[at : at + 7]]
    skill = load_skill(Edition.SFIA9)
    assert [r.name for r in skill.related_skills] == names
    assert all(r.code.isupper() and len(r.code) == 4 for r in skill.related_skills)


def test_sfia8_guidance_uses_the_web_pages_wording() -> None:
    lines = [line for line in _lines(_source(SFIA8_PAGE)) if line]
    at = lines.index("Guidance notes") + 1
    skill = load_skill(Edition.SFIA8)
    assert list(skill.guidance_notes) == lines[at : at + 2]
    assert "\u2014" in skill.guidance_notes[0]
    assert skill.description == lines[lines.index("Sales support SSUP") + 1]
    assert load_skill(Edition.SFIA9).description == skill.description


def test_every_sfia8_and_sfia9_statement_is_covered_by_sfia7() -> None:
    skills = load_all()
    covered = {key for st in skills[Edition.SFIA7].statements for key in st.corresponds_to}
    for edition in (Edition.SFIA9, Edition.SFIA8):
        ids = {st.id for st in skills[edition].statements}
        assert ids - covered == set(), f"{edition.label} statements no SFIA 7 statement covers"


def test_every_sfia7_correspondence_names_a_real_statement_at_the_same_level() -> None:
    sfia9 = load_skill(Edition.SFIA9)
    for lv in load_skill(Edition.SFIA7).levels:
        for st in lv.statements:
            assert st.corresponds_to, f"{st.id} corresponds to nothing"
            for target in st.corresponds_to:
                assert sfia9.level_of(target) == lv.level, f"{st.id} -> {target}"


def test_sfia7_database_sentence_matches_the_sfia9_data_statement() -> None:
    sfia7 = load_skill(Edition.SFIA7)
    database = [st for st in sfia7.level(1).statements if "databases" in st.text]
    assert [st.corresponds_to for st in database] == [("ssup-1-3",)]


def _valid_document() -> dict[str, object]:
    # a known-good document to break
    doc: dict[str, object] = json.loads(json.dumps(as_dict(load_skill(Edition.SFIA9))))
    return doc


def test_a_level_missing_its_essence_names_the_file_and_field() -> None:
    doc = _valid_document()
    levels = doc["levels"]
    assert isinstance(levels, list)
    del levels[0]["essence"]
    with pytest.raises(ContentError) as info:
        parse_skill(json.dumps(doc), "custom/ssup-broken.json")
    message = str(info.value)
    assert message.startswith("custom/ssup-broken.json: ")
    assert "levels.0.essence" in message


def test_an_unknown_field_names_the_file_and_field() -> None:
    doc = _valid_document()
    doc["colour"] = "blue"
    with pytest.raises(ContentError, match=r"^custom/x\.json: field colour: "):
        parse_skill(json.dumps(doc), "custom/x.json")


def test_a_wrong_edition_names_the_file_and_field() -> None:
    doc = _valid_document()
    doc["edition"] = "sfia10"
    with pytest.raises(ContentError, match=r"^custom/x\.json: field edition: "):
        parse_skill(json.dumps(doc), "custom/x.json")


def test_invalid_json_names_the_file() -> None:
    with pytest.raises(ContentError, match=r"^custom/x\.json: not valid JSON .* line 1"):
        parse_skill('{"edition": "sfia9",', "custom/x.json")


def test_the_packaged_file_names() -> None:
    assert [edition_file(e) for e in Edition] == [
        "ssup-sfia9.json",
        "ssup-sfia8.json",
        "ssup-sfia7.json",
    ]
