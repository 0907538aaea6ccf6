"""The owner's profile: checked as it is made, copied with replace(), never pydantic."""

from __future__ import annotations

import uuid

import pytest

from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.record import FrozenRecordError
from ssup_desktop.domain.sfia import Edition
from ssup_desktop.domain.values import MAX_TITLE


def test_a_new_profile_has_defaults_and_an_id_of_its_own() -> None:
    first, second = Profile(), Profile()
    assert first.edition is Edition.SFIA9
    assert first.current_level is None and first.owner_name == ""
    assert first.portfolio_id != second.portfolio_id
    assert first.created.tzinfo is not None


def test_replace_gives_a_changed_copy_and_leaves_the_original() -> None:
    profile = Profile(owner_name="Sam", current_level=2)
    moved = profile.replace(current_level=3, target_level=4)
    assert (moved.current_level, moved.target_level, moved.owner_name) == (3, 4, "Sam")
    assert profile.current_level == 2
    assert moved.portfolio_id == profile.portfolio_id


def test_profiles_are_immutable() -> None:
    with pytest.raises(FrozenRecordError):
        Profile().owner_name = "X"  # type: ignore[misc]


def test_an_edition_given_as_text_becomes_the_edition() -> None:
    assert Profile(edition="sfia7").edition is Edition.SFIA7  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"owner_name": "x" * (MAX_TITLE + 1)}, "owner_name: at most 300 characters"),
        ({"organisation": 7}, "organisation: should be text"),
        ({"edition": "sfia10"}, "edition: 'sfia10' is not one of sfia9, sfia8, sfia7"),
        ({"current_level": 0}, "current_level: should be a level from 1 to 7"),
        ({"target_level": 8}, "target_level: should be a level from 1 to 7"),
        ({"target_level": True}, "target_level: should be a level from 1 to 7"),
        ({"portfolio_id": "not-a-uuid"}, "portfolio_id: should be a UUID"),
        ({"modified": "2024-01-01"}, "modified: should be a date and time"),
    ],
)
def test_bad_values_are_refused_with_the_field_named(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        Profile(**changes)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=message):
        Profile().replace(**changes)


def test_the_id_survives_a_copy() -> None:
    fixed = uuid.uuid4()
    assert Profile(portfolio_id=fixed).replace(role="Lead").portfolio_id == fixed
