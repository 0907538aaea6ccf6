"""Record: frozen records (SFIA content, the profile) without the dataclasses module.

A dataclass writes the source of its ``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` and
``__setattr__`` and compiles it as its class is made; with the module's own import that cost
7 ms of every start (the SFIA content's five classes and the profile are made before the first
paint). A Record's methods are written once, here, and read the fields from the class.

What a subclass gets, as from ``@dataclass(frozen=True)``: fields from its annotations, in
order, with defaults from class attributes (``field(default_factory=...)`` for one made per
record); ``kw_only=True`` as a class keyword; ``__post_init__`` called once the fields are set;
equality and hashing by type and field values; a repr naming the fields; assignment refused.
Type checkers see it as a dataclass (``dataclass_transform``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar, dataclass_transform

_T = TypeVar("_T")
_R = TypeVar("_R", bound="Record")


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], object]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], _T]) -> _T:
    """A default made afresh for each record (``default_factory()``)."""
    return _Factory(default_factory)  # type: ignore[return-value]


class FrozenRecordError(AttributeError):
    """A field of a record was assigned to or deleted."""


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
class Record:
    """The base of a frozen record; see the module's docstring."""

    _record_fields: ClassVar[tuple[str, ...]] = ()
    _record_defaults: ClassVar[dict[str, object]] = {}
    _record_kw_only: ClassVar[bool] = False

    def __init_subclass__(cls, *, kw_only: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # the class's own annotations (strings: ``from __future__ import annotations``);
        # inspect.get_annotations would import inspect before the first paint needs it
        declared = cls.__dict__.get("__annotations__")  # noqa: RUF063
        if declared is None:  # Python 3.14 makes them on demand (PEP 649) without the import
            declared = cls.__annotations__ if "__annotate__" in cls.__dict__ else {}
        own = [
            name
            for name, annotation in declared.items()
            if not str(annotation).startswith(("ClassVar", "typing.ClassVar"))
        ]
        # a field declared again keeps its place, as in a dataclass; a new one comes last
        cls._record_fields = (
            *cls._record_fields,
            *(name for name in own if name not in cls._record_fields),
        )
        cls._record_defaults = dict(cls._record_defaults)
        for name in own:
            if name in cls.__dict__:
                default = cls.__dict__[name]
                if isinstance(default, list | dict | set):  # shared by every record: refused
                    raise ValueError(
                        f"{cls.__name__}.{name}: a mutable default {type(default).__name__} "
                        "is not allowed: use field(default_factory=...)"
                    )
                cls._record_defaults[name] = default
                if isinstance(default, _Factory):
                    delattr(cls, name)  # no shared value to read: each record makes its own
            else:
                cls._record_defaults.pop(name, None)
        cls._record_kw_only = kw_only
        # positional patterns (``case Point(x, y)``) name the fields in order, as a
        # dataclass's do; a keyword-only record has none
        setattr(cls, "__match_args__", () if kw_only else cls._record_fields)  # noqa: B010

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        names = cls._record_fields
        if args and cls._record_kw_only:
            raise TypeError(f"{cls.__name__}() takes keyword arguments only")
        if len(args) > len(names):
            raise TypeError(f"{cls.__name__}() takes at most {len(names)} arguments")
        values = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name not in names:
                raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {name!r}")
            if name in values:
                raise TypeError(f"{cls.__name__}() got multiple values for argument {name!r}")
            values[name] = value
        defaults = cls._record_defaults
        for name in names:
            if name in values:
                value = values[name]
            elif name in defaults:
                value = defaults[name]
                if isinstance(value, _Factory):
                    value = value.make()
            else:
                raise TypeError(f"{cls.__name__}() missing required argument: {name!r}")
            object.__setattr__(self, name, value)
        self.__post_init__()

    def __post_init__(self) -> None:
        """Check the record (a subclass's rules); raise ValueError on a bad value."""

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._record_fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._record_fields)
        return f"{type(self).__name__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenRecordError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenRecordError(f"cannot delete field {name!r}")

    def replace(self: _R, **changes: Any) -> _R:
        """A copy with ``changes`` (made, and checked, like a new record)."""
        values = {name: getattr(self, name) for name in self._record_fields}
        return type(self)(**(values | changes))

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return cls._record_fields

    @classmethod
    def has_default(cls, name: str) -> bool:
        return name in cls._record_defaults


def as_dict(value: object) -> Any:
    """``value`` with every record in it turned into a dict of its fields (tuples, lists and
    dicts rebuilt around them), as ``dataclasses.asdict`` does."""
    if isinstance(value, Record):
        return {name: as_dict(getattr(value, name)) for name in value.field_names()}
    if isinstance(value, tuple | list):
        return type(value)(as_dict(item) for item in value)
    if isinstance(value, dict):
        return {as_dict(key): as_dict(item) for key, item in value.items()}
    return value
