"""`records.record` behaves as `@dataclass(frozen=True, slots=True)` does — the dataclass is the
oracle — and the program's value classes are records (their import is on the reader's start)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from datetime import UTC, datetime

import pytest

from madara_tui import models
from madara_tui.records import record, replace


@record
class Pair:
    """A record with a required field, a defaulted one and a property."""

    name: str
    count: int = 0
    tags: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.name}:{self.count}"


@dataclasses.dataclass(frozen=True, slots=True)
class Oracle:
    name: str
    count: int = 0
    tags: tuple[str, ...] = ()


@record
class Single:
    value: int


@record
class Nothing:
    pass


@record
class Other:
    """Three fields as `Pair`: the two share a compiled `__init__` with their own names put in."""

    x: int
    y: str = "y"
    z: int = 1


def as_oracle(pair: Pair) -> Oracle:
    return Oracle(pair.name, pair.count, pair.tags)


CASES = [Pair("a"), Pair("a", 1), Pair(name="b", count=2, tags=("x", "y")), Pair("a", tags=())]


@pytest.mark.parametrize("left", CASES)
@pytest.mark.parametrize("right", CASES)
def test_equality_and_hash_are_the_dataclass_ones(left: Pair, right: Pair) -> None:
    assert (left == right) == (as_oracle(left) == as_oracle(right))
    assert (left != right) == (as_oracle(left) != as_oracle(right))
    assert hash(left) == hash(as_oracle(left))  # both hash the tuple of the fields
    if left == right:
        assert hash(left) == hash(right)


def test_repr_is_the_dataclass_one_with_the_class_name() -> None:
    pair = Pair("a", 3, ("t",))
    assert repr(pair) == repr(as_oracle(pair)).replace("Oracle(", "Pair(", 1)
    assert repr(Single(1)) == "Single(value=1)" and repr(Nothing()) == "Nothing()"


def test_only_the_same_class_compares_equal() -> None:
    assert Pair("a") != as_oracle(Pair("a"))
    assert Pair("a") != ("a", 0, ())
    assert Single(1) == Single(1) and Single(1) != Single(2) and Nothing() == Nothing()
    assert len({Pair("a"), Pair("a"), Pair("b")}) == 2


def test_construction_takes_positions_keywords_and_defaults_as_a_dataclass() -> None:
    assert Pair("a", 2) == Pair(count=2, name="a")
    assert Pair("a").count == 0 and Pair("a").tags == ()
    for bad in ((), ("a", 1, (), 4)):
        with pytest.raises(TypeError):
            Pair(*bad)
        with pytest.raises(TypeError):
            Oracle(*bad)
    with pytest.raises(TypeError):
        Pair("a", colour="red")  # type: ignore[call-arg]
    other = Other(z=3, x=2)
    assert (other.x, other.y, other.z) == (2, "y", 3) and Pair(tags=("t",), name="n").count == 0
    with pytest.raises(TypeError, match="name"):
        Other(name="a")  # type: ignore[call-arg]


def test_fields_are_frozen_and_no_other_attribute_can_be_added() -> None:
    pair = Pair("a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        pair.name = "b"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del pair.count  # type: ignore[misc]
    with pytest.raises(AttributeError):
        pair.other = 1  # type: ignore[attr-defined]
    assert not hasattr(pair, "__dict__")
    assert Pair.__slots__ == ("name", "count", "tags") == Pair.__match_args__
    assert pair.label == "a:0"


def test_replace_changes_the_given_fields_of_records_and_dataclasses() -> None:
    pair = Pair("a", 1, ("t",))
    changed = replace(pair, count=5)
    assert changed == Pair("a", 5, ("t",)) and pair == Pair("a", 1, ("t",))
    assert type(changed) is Pair
    assert replace(as_oracle(pair), count=5) == Oracle("a", 5, ("t",))
    with pytest.raises(TypeError):
        replace(pair, colour="red")


@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy,
                                    lambda value: pickle.loads(pickle.dumps(value))])
def test_records_copy_and_pickle(copier: object) -> None:
    article = models.Article(
        id=7, source="http://127.0.0.1:1", url="http://127.0.0.1:1/?p=7", title="خبر",
        published=datetime(2024, 3, 20, tzinfo=UTC),
        blocks=(models.Block(models.BlockKind.PARAGRAPH, "متن", (models.Link(0, 3, "http://x/"),)),),
        categories=("سیاست",))
    assert callable(copier)
    again = copier(article)
    assert again == article and type(again) is models.Article
    assert again.blocks[0].links[0].url == "http://x/"


def test_declarations_a_record_cannot_keep_are_refused() -> None:
    class Derived(Pair):  # type: ignore[misc]
        pass

    class WithFactory:
        items: list[int] = dataclasses.field(default_factory=list)

    class MutableDefault:
        items: list[int] = []  # noqa: RUF012 - the refused declaration itself

    class Gap:
        first: int = 0
        second: int

    class PostInit:
        value: int

        def __post_init__(self) -> None:
            pass

    for bad in (Derived, WithFactory, MutableDefault, Gap, PostInit):
        with pytest.raises(TypeError):
            record(bad)


def test_the_models_are_records() -> None:
    value_classes = [value for value in vars(models).values()
                     if isinstance(value, type) and value.__module__ == models.__name__
                     and not issubclass(value, models.StrEnum)]
    assert len(value_classes) == 17
    for cls in value_classes:
        assert not dataclasses.is_dataclass(cls), cls
        assert cls.__slots__ == cls.__match_args__, cls
