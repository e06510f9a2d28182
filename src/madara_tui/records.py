"""`record`: frozen, slotted value classes, made at import for a tenth of a dataclass's cost.

`@dataclass(frozen=True, slots=True)` writes six methods per class as source text and compiles
each with `exec`, then builds the class a second time for its slots: ~1.5–2.5 ms a class, and
the reader's start defined ~40 of them before its first frame (docs/performance.md, Round 4).
A record behaves as such a dataclass does — keyword or positional construction with defaults,
equality and hashing by the fields in order (only with the same class), the same `repr`,
assignment and deletion raising `dataclasses.FrozenInstanceError`, pickling and copying,
`__match_args__` — but compiles nothing of its own: its `__init__` is the code compiled once
for its number of fields with its field names put in (so construction is as fast as a
dataclass's), and the rest is shared between all records (equality and hashing read the fields
with one `operator.attrgetter`). Type checkers see a frozen dataclass (`dataclass_transform`).
`replace` is `dataclasses.replace` for records and dataclasses alike.

Fields are the class's own annotations, in order; a default is the class attribute of that
name. No inheritance between records, no `field()` options, no `ClassVar` fields: what the
program's value classes need, and a `TypeError` for the rest.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from operator import attrgetter
from types import CodeType, FunctionType
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")

_UNHASHABLE_DEFAULTS = (list, dict, set)
_TEMPLATES: dict[int, CodeType] = {}


def _values_getter(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """A function from a record to its field values as a tuple (attrgetter returns a bare value
    for a single name)."""
    if len(names) == 1:
        name = names[0]
        return lambda record: (getattr(record, name),)
    if not names:
        return lambda record: ()
    return attrgetter(*names)


def _template(arity: int) -> CodeType:
    """The compiled `__init__` of a record with `arity` fields, its names placeholders: one
    `compile` per number of fields, not per class (each took ~0.3–0.6 ms)."""
    code = _TEMPLATES.get(arity)
    if code is None:
        params = [f"_{index}" for index in range(arity)]
        body = "".join(f"    _set(self, {name!r}, {name})\n" for name in params) or "    pass\n"
        namespace: dict[str, Any] = {}
        exec(compile(f"def __init__(self, {', '.join(params)}):\n{body}", "<record>", "exec"),
             namespace)
        code = _TEMPLATES[arity] = namespace["__init__"].__code__
    return code


def _init(cls_name: str, names: tuple[str, ...], defaults: dict[str, object]) -> Any:
    """The class's `__init__`: the template for its number of fields with the field names put
    in; it sets each field through object.__setattr__, as a frozen dataclass's does."""
    template = _template(len(names))
    placeholders = {f"_{index}": name for index, name in enumerate(names)}
    code = template.replace(
        co_varnames=("self", *names),
        co_consts=tuple(placeholders.get(value, value) if isinstance(value, str) else value
                        for value in template.co_consts),
        co_qualname=f"{cls_name}.__init__")
    return FunctionType(code, {"_set": object.__setattr__}, "__init__",
                        tuple(defaults.values()) or None)


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        return self._record_values(self) == other._record_values(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self._record_values(self))


def _repr(self: Any) -> str:
    fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._record_fields)
    return f"{self.__class__.__qualname__}({fields})"


def _setattr(self: object, name: str, value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: object, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _reduce(self: Any) -> tuple[type, tuple[Any, ...]]:
    return self.__class__, self._record_values(self)


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    """`cls` as a frozen, slotted value class (see the module's docstring)."""
    if cls.__bases__ != (object,):
        raise TypeError(f"{cls.__qualname__}: a record derives from no other class")
    if "__post_init__" in cls.__dict__:
        raise TypeError(f"{cls.__qualname__}: a record has no __post_init__")
    annotations = inspect.get_annotations(cls)
    names = tuple(annotations)
    defaults: dict[str, object] = {}
    for name in names:
        if "ClassVar" in str(annotations[name]):
            raise TypeError(f"{cls.__qualname__}.{name}: a record has no class variables")
        if name in cls.__dict__:
            default = cls.__dict__[name]
            if isinstance(default, (*_UNHASHABLE_DEFAULTS, dataclasses.Field)):
                raise TypeError(f"{cls.__qualname__}.{name}: a record's default is a plain, "
                                "immutable value")
            defaults[name] = default
        elif defaults:
            raise TypeError(f"{cls.__qualname__}.{name}: a field without a default follows "
                            "one with a default")
    namespace = {key: value for key, value in cls.__dict__.items()
                 if key not in defaults and key not in ("__dict__", "__weakref__")}
    namespace.update(
        __slots__=names,
        __match_args__=names,
        _record_fields=names,
        _record_values=staticmethod(_values_getter(names)),
        __init__=_init(cls.__qualname__, names, defaults),
        __eq__=_eq,
        __hash__=_hash,
        __repr__=_repr,
        __setattr__=_setattr,
        __delattr__=_delattr,
        __reduce__=_reduce,
    )
    made: type[T] = type(cls.__name__, cls.__bases__, namespace)  # (object,): its metaclass is type
    return made


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the record (or dataclass) `obj` with the fields in `changes` changed."""
    fields: tuple[str, ...] | None = getattr(type(obj), "_record_fields", None)
    if fields is None:
        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    for name in fields:
        if name not in changes:
            changes[name] = getattr(obj, name)
    return type(obj)(**changes)
