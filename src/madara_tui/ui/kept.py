"""A bounded map that keeps the most recently used entries, freed by reference counting.

Textual's `LRUCache` links its entries in a ring of lists, and the ring outlives `clear()` (and
the cache itself) as a reference cycle. So whatever a cleared or closed view's cache held — a
long article's paragraphs, the strips a view drew with the caches each strip keeps — stayed in
memory until the next full collection, and that collection (tens of milliseconds) fell inside
whichever article open or key press came next (docs/performance.md, Round 5). An `OrderedDict`
keeps the order in C without a cycle: what leaves it is freed at once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, KeysView
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Kept(Generic[K, V]):
    """At most `limit` entries; reading or storing one makes it the most recent, and storing
    past the limit drops the least recent."""

    __slots__ = ("_items", "_limit")

    def __init__(self, limit: int) -> None:
        self._items: OrderedDict[K, V] = OrderedDict()
        self._limit = limit

    def get(self, key: K) -> V | None:
        """The value kept for `key` (now the most recent), or None."""
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def __getitem__(self, key: K) -> V:
        value = self._items[key]
        self._items.move_to_end(key)
        return value

    def set(self, key: K, value: V) -> None:
        """Keep `value` for `key` as the most recent entry."""
        items = self._items
        items[key] = value
        items.move_to_end(key)
        if len(items) > self._limit:
            items.popitem(last=False)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def keys(self) -> KeysView[K]:
        """The keys, least recent first."""
        return self._items.keys()

    def clear(self) -> None:
        """Forget every entry."""
        self._items.clear()
