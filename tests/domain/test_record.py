"""Record: frozen records as dataclasses make them, without the dataclasses module."""

from __future__ import annotations

import dataclasses
import itertools
from typing import ClassVar

import pytest

from ssup_desktop.domain.record import FrozenRecordError, Record, as_dict, field

_counter = itertools.count()


class Point(Record):
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    KIND: ClassVar[str] = "point"  # not a field


class Stamped(Record, kw_only=True):
    name: str
    serial: int = field(default_factory=lambda: next(_counter))
    checked: ClassVar[list[str]] = []

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("name: must not be empty")
        Stamped.checked.append(self.name)


class Line(Record):
    start: Point
    end: Point


@dataclasses.dataclass(frozen=True)
class DataPoint:  # what Point copies
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()


def test_fields_come_from_annotations_in_order_with_their_defaults() -> None:
    assert Point.field_names() == ("x", "y", "tags")
    assert Point.has_default("y") and not Point.has_default("x")
    assert Point(1) == Point(x=1, y=0, tags=())
    assert Point(1, 2, ("a",)).tags == ("a",)
    assert Point.KIND == "point"


def test_made_like_a_dataclass_and_refused_like_one() -> None:
    for make in (Point, DataPoint):
        with pytest.raises(TypeError):
            make()  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            make(1, z=3)  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            make(1, x=1)  # type: ignore[misc]
        with pytest.raises(TypeError):
            make(1, 2, (), 4)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Stamped("positional")  # type: ignore[call-arg]


def test_equality_hash_and_repr_follow_the_field_values() -> None:
    assert Point(1, 2) == Point(1, 2) and hash(Point(1, 2)) == hash(Point(1, 2))
    assert Point(1, 2) != Point(2, 1)
    assert Point(1, 2) != (1, 2, ())  # a record equals only a record of its type
    assert len({Point(1), Point(1), Point(2)}) == 2
    assert repr(Point(1, 2, ("a",))) == "Point(x=1, y=2, tags=('a',))"
    assert repr(Point(1, 2, ("a",))).removeprefix("Point") == repr(
        DataPoint(1, 2, ("a",))
    ).removeprefix("DataPoint")


def test_fields_cannot_be_assigned_or_deleted() -> None:
    point = Point(1)
    with pytest.raises(FrozenRecordError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.y
    with pytest.raises(AttributeError):
        point.other = 3
    assert point == Point(1)


def test_a_default_factory_makes_one_value_per_record_and_post_init_checks() -> None:
    first, second = Stamped(name="a"), Stamped(name="b")
    assert first.serial != second.serial
    assert Stamped(name="c", serial=7).serial == 7
    assert "serial" not in Stamped.__dict__  # no shared default to read by mistake
    with pytest.raises(ValueError, match="name"):
        Stamped(name="")
    assert Stamped.checked[-3:] == ["a", "b", "c"]


def test_replace_makes_a_checked_copy() -> None:
    stamped = Stamped(name="a", serial=1)
    assert stamped.replace(name="b") == Stamped(name="b", serial=1)
    with pytest.raises(ValueError):
        stamped.replace(name="")
    with pytest.raises(TypeError):
        stamped.replace(colour="red")


def test_as_dict_turns_nested_records_into_dicts_as_dataclasses_do() -> None:
    line = Line(Point(1, 2, ("a",)), Point(3))
    assert as_dict(line) == {
        "start": {"x": 1, "y": 2, "tags": ("a",)},
        "end": {"x": 3, "y": 0, "tags": ()},
    }
    assert as_dict(Point(1, 2, ("a",))) == dataclasses.asdict(DataPoint(1, 2, ("a",)))
    assert as_dict([Point(1), {"k": Point(2)}]) == [
        {"x": 1, "y": 0, "tags": ()},
        {"k": {"x": 2, "y": 0, "tags": ()}},
    ]


class Point3(Point):
    y: int = 5  # declared again: keeps its place, takes the new default
    z: int = 0


def test_a_subclass_keeps_the_fields_order_and_may_change_a_default() -> None:
    @dataclasses.dataclass(frozen=True)
    class DataPoint3(DataPoint):
        y: int = 5
        z: int = 0

    assert Point3.field_names() == ("x", "y", "tags", "z")
    assert [f.name for f in dataclasses.fields(DataPoint3)] == list(Point3.field_names())
    assert Point3(1) == Point3(1, 5, (), 0)
    assert repr(Point3(1)) == "Point3(x=1, y=5, tags=(), z=0)"


def test_a_mutable_default_is_refused() -> None:
    with pytest.raises(ValueError, match="default_factory"):

        class Bad(Record):
            items: list[int] = []  # noqa: RUF012


def test_positional_patterns_match_the_fields_in_order() -> None:
    match Point(1, 2):
        case Point(x, y):
            assert (x, y) == (1, 2)
        case _:
            pytest.fail("no match")
    assert Stamped.__match_args__ == ()
