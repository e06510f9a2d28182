"""The views' bounded caches: most recent kept, and what leaves is freed at once."""

from __future__ import annotations

import gc
import weakref

from madara_tui.ui.kept import Kept


class Value:
    """Something a weak reference can watch."""


def test_the_least_recently_used_entry_goes_past_the_limit() -> None:
    kept: Kept[str, int] = Kept(2)
    kept.set("a", 1)
    kept.set("b", 2)
    assert kept.get("a") == 1  # now the most recent: "b" goes next
    kept.set("c", 3)
    assert "b" not in kept and kept.get("b") is None
    assert list(kept.keys()) == ["a", "c"] and len(kept) == 2
    assert kept["a"] == 1
    kept.set("d", 4)  # reading by index made "a" recent too
    assert list(kept.keys()) == ["a", "d"]


def test_what_leaves_is_freed_without_the_cyclic_collector() -> None:
    # Textual's LRUCache keeps entries in a ring of lists that outlives clear() as a cycle.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        kept: Kept[int, Value] = Kept(1)
        first, second = Value(), Value()
        gone = [weakref.ref(first), weakref.ref(second)]
        kept.set(1, first)
        kept.set(2, second)  # evicts the first
        del first, second
        assert gone[0]() is None and gone[1]() is not None
        kept.clear()
        assert gone[1]() is None
    finally:
        if was_enabled:
            gc.enable()
