"""Load and validate the packaged SFIA content (one JSON file per edition) into domain objects."""

from __future__ import annotations

import json
from functools import cache

from ssup_desktop.domain.sfia import Edition, Skill, SkillDataError, skill_from_dict
from ssup_desktop.paths import PACKAGE_DATA


class ContentError(Exception):
    """A packaged or given content file is malformed; the message names the file and the field."""


def parse_skill(text: str, source_name: str) -> Skill:
    """Parse one edition's JSON text; raise ContentError naming ``source_name`` and the field."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError(
            f"{source_name}: not valid JSON ({exc.msg} at line {exc.lineno})"
        ) from exc
    try:
        return skill_from_dict(raw)
    except SkillDataError as exc:
        raise ContentError(
            f"{source_name}: field {exc.where or '(top level)'}: {exc.problem}"
        ) from exc


def edition_file(edition: Edition) -> str:
    return f"ssup-{edition.value}.json"


@cache
def load_skill(edition: Edition) -> Skill:
    """The packaged SSUP skill in ``edition`` (cached: the files never change at run time)."""
    name = edition_file(edition)
    text = (PACKAGE_DATA / name).read_text(encoding="utf-8")
    skill = parse_skill(text, f"ssup_desktop/data/{name}")
    if skill.edition != edition:
        raise ContentError(f"ssup_desktop/data/{name}: field edition: expected {edition.value}")
    return skill


def load_all() -> dict[Edition, Skill]:
    """Every packaged edition, keyed by edition."""
    return {edition: load_skill(edition) for edition in Edition}
