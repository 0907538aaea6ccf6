"""Unit tests of the SFIA domain model: validation, statement keys and cross-edition support."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ssup_desktop.content import load_all
from ssup_desktop.domain.record import FrozenRecordError, as_dict
from ssup_desktop.domain.sfia import (
    Edition,
    Level,
    SkillDataError,
    Statement,
    skill_from_dict,
    statement_keys,
    supports,
)


def _level(number: int, statements: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    if statements is None:
        statements = [{"id": f"ssup-{number}-1", "text": f"Does level {number} work."}]
    return {
        "level": number,
        "name": f"Name {number}",
        "essence": f"Essence {number}.",
        "defined": bool(statements),
        "statements": statements,
    }


def _skill(levels: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    if levels is None:
        levels = [_level(n) for n in range(1, 7)] + [_level(7, [])]
    return {
        "edition": "sfia9",
        "edition_label": "SFIA 9",
        "code": "SSUP",
        "name": "Sales support",
        "description": "Providing advice.",
        "source": "test",
        "attribution": "SFIA (c) SFIA Foundation.",
        "levels": levels,
    }


def test_a_well_formed_skill_validates() -> None:
    skill = skill_from_dict(_skill())
    assert [lv.level for lv in skill.defined_levels] == [1, 2, 3, 4, 5, 6]
    assert skill.level(3).title == "Level 3 - Name 3"
    assert skill.level_of("ssup-4-1") == 4
    assert skill.statement("ssup-9-9") is None


def test_levels_must_be_one_to_seven_in_order() -> None:
    levels = [_level(n) for n in (1, 2, 3, 5, 4, 6)] + [_level(7, [])]
    with pytest.raises(ValueError, match="levels must be 1 to 7 in order"):
        skill_from_dict(_skill(levels))


def test_a_missing_level_is_rejected() -> None:
    levels = [_level(n) for n in range(1, 7)]
    with pytest.raises(ValueError, match="levels must be 1 to 7"):
        skill_from_dict(_skill(levels))


def test_a_level_number_outside_one_to_seven_is_rejected() -> None:
    with pytest.raises(ValueError):
        Level(**_level(8, []))


def test_a_defined_level_needs_statements() -> None:
    bad = _level(2, [])
    bad["defined"] = True
    with pytest.raises(ValueError, match="level 2 is defined but has no statements"):
        Level(**bad)


def test_an_undefined_level_may_not_have_statements() -> None:
    bad = _level(7, [{"id": "ssup-7-1", "text": "Sets strategy."}])
    bad["defined"] = False
    with pytest.raises(ValueError, match="level 7 is not defined but has statements"):
        Level(**bad)


def test_statement_ids_must_be_unique() -> None:
    levels = [_level(n) for n in range(1, 7)] + [_level(7, [])]
    levels[0]["statements"].append({"id": "ssup-1-1", "text": "Again."})
    with pytest.raises(ValueError, match="statement ids must be unique"):
        skill_from_dict(_skill(levels))


def test_a_statement_must_be_filed_under_its_own_level() -> None:
    levels = [_level(n) for n in range(1, 7)] + [_level(7, [])]
    levels[2]["statements"] = [{"id": "ssup-4-2", "text": "Misfiled."}]
    with pytest.raises(ValueError, match="statement ssup-4-2 is filed under level 3"):
        skill_from_dict(_skill(levels))


@pytest.mark.parametrize("bad_id", ["ssup-0-1", "ssup-8-1", "ssup8-1-1", "SSUP-1-1", "ssup-1"])
def test_statement_ids_follow_the_pattern(bad_id: str) -> None:
    with pytest.raises(ValueError):
        Statement(id=bad_id, text="Text.")


def test_statement_text_may_not_be_empty() -> None:
    with pytest.raises(ValueError):
        Statement(id="ssup-1-1", text="")


def test_extra_fields_are_rejected() -> None:
    doc = _skill()
    doc["colour"] = "blue"
    with pytest.raises(SkillDataError, match="colour: unknown field"):
        skill_from_dict(doc)


def test_skills_are_immutable() -> None:
    skill = skill_from_dict(_skill())
    with pytest.raises(FrozenRecordError):
        skill.name = "Selling"  # type: ignore[misc]


def test_a_statement_without_correspondence_is_its_own_key() -> None:
    assert Statement(id="ssup-3-1", text="Helps.").keys == frozenset({"ssup-3-1"})


def test_an_sfia7_statement_stands_for_the_ids_it_corresponds_to() -> None:
    st = Statement(id="ssup7-3-2", text="Helps.", corresponds_to=("ssup-3-1", "ssup-3-2"))
    assert st.keys == frozenset({"ssup-3-1", "ssup-3-2"})


def test_edition_labels() -> None:
    assert [e.label for e in Edition] == ["SFIA 9", "SFIA 8", "SFIA 7"]


def test_statement_keys_finds_any_editions_statement() -> None:
    skills = load_all()
    assert statement_keys(skills, "ssup7-4-1") == frozenset({"ssup-4-1", "ssup-4-2"})
    assert statement_keys(skills, "ssup-5-2") == frozenset({"ssup-5-2"})
    assert statement_keys(skills, "ssup-9-9") == frozenset()


def test_evidence_for_an_sfia7_statement_supports_the_sfia9_statements_it_covers() -> None:
    skills = load_all()
    sfia9 = skills[Edition.SFIA9]
    linked = {"ssup7-3-2"}
    assert supports(skills, linked, sfia9.level(3).statements[0])  # ssup-3-1
    assert supports(skills, linked, sfia9.level(3).statements[1])  # ssup-3-2
    assert not supports(skills, linked, sfia9.level(3).statements[2])  # ssup-3-3


def test_evidence_for_an_sfia9_statement_supports_the_sfia7_statement_covering_it() -> None:
    skills = load_all()
    sfia7 = skills[Edition.SFIA7]
    linked = {"ssup-3-1"}
    ssup7_3_2 = sfia7.statement("ssup7-3-2")
    ssup7_4_1 = sfia7.statement("ssup7-4-1")
    assert ssup7_3_2 is not None and ssup7_4_1 is not None
    assert supports(skills, linked, ssup7_3_2)
    assert not supports(skills, linked, ssup7_4_1)


def test_evidence_for_an_sfia9_statement_does_not_support_another_statement() -> None:
    skills = load_all()
    sfia9 = skills[Edition.SFIA9]
    ssup_4_1 = sfia9.statement("ssup-4-1")
    assert ssup_4_1 is not None
    assert not supports(skills, {"ssup-3-1"}, ssup_4_1)
    assert supports(skills, {"ssup-4-1"}, ssup_4_1)


def test_evidence_for_sfia8_and_sfia9_is_shared_by_id() -> None:
    skills = load_all()
    sfia8_statement = skills[Edition.SFIA8].statement("ssup-1-3")
    assert sfia8_statement is not None
    assert supports(skills, {"ssup-1-3"}, sfia8_statement)
    assert not supports(skills, set(), sfia8_statement)


def test_a_wrongly_typed_field_is_named_with_its_path() -> None:
    levels = [_level(n) for n in range(1, 7)] + [_level(7, [])]
    levels[1]["statements"][0]["text"] = 42
    where = r"^levels\.1\.statements\.0\.text"
    with pytest.raises(SkillDataError, match=where + ": should be a string"):
        skill_from_dict(_skill(levels))


def test_a_missing_field_is_named() -> None:
    doc = _skill()
    del doc["attribution"]
    with pytest.raises(SkillDataError, match=r"^attribution: field required"):
        skill_from_dict(doc)


def test_a_level_number_given_as_true_is_refused() -> None:
    levels = [_level(n) for n in range(1, 7)] + [_level(7, [])]
    levels[0]["level"] = True
    with pytest.raises(SkillDataError, match=r"^levels\.0\.level: should be a whole number"):
        skill_from_dict(_skill(levels))


def test_a_skill_written_as_json_reads_back_equal() -> None:
    skill = skill_from_dict(_skill())
    assert skill_from_dict(json.loads(json.dumps(as_dict(skill)))) == skill


def test_an_empty_essence_names_its_path() -> None:
    levels = [_level(n) for n in range(1, 7)] + [_level(7, [])]
    levels[2]["essence"] = ""
    with pytest.raises(SkillDataError, match=r"^levels\.2\.essence: must not be empty$"):
        skill_from_dict(_skill(levels))


def test_a_malformed_statement_id_names_its_path() -> None:
    levels = [_level(n) for n in range(1, 7)] + [_level(7, [])]
    levels[0]["statements"][0]["id"] = "ssup-1"
    with pytest.raises(SkillDataError, match=r"^levels\.0\.statements\.0\.id: 'ssup-1' is not"):
        skill_from_dict(_skill(levels))
