"""Sources the user imported from OPML, kept in the user database.

The configuration file lists sources too, but the program never rewrites the user's TOML. So
`madara-tui sources import` stores the imported feeds as JSON in the preference
`sources.imported` (user.sqlite3, never rebuilt). The sources the program refreshes are the
config's (the site first, then its feeds) followed by the imported ones, each URL once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from madara_tui.models import Source, site_key

PREF_KEY = "sources.imported"
"""The preference that holds the imported sources as a JSON list of objects."""


class PrefStore(Protocol):
    """The two preference methods of `madara_tui.store.Store` this module needs."""

    def get_pref(self, key: str) -> Any: ...

    def set_pref(self, key: str, value: Any) -> None: ...


def _source_to_json(source: Source) -> dict[str, str]:
    return {"url": source.url, "title": source.title, "kind": source.kind,
            "category": source.category}


def _source_from_json(item: object) -> Source | None:
    if not isinstance(item, dict) or not isinstance(item.get("url"), str):
        return None
    return Source(url=item["url"], title=str(item.get("title", "")),
                  kind=str(item.get("kind", "feed")), category=str(item.get("category", "")))


def imported_sources(store: PrefStore) -> list[Source]:
    """The imported sources in import order; an unreadable preference counts as none."""
    raw = store.get_pref(PREF_KEY)
    if not raw:
        return []
    try:
        items = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return []
    if not isinstance(items, list):
        return []
    return [s for s in (_source_from_json(i) for i in items) if s is not None]


def merge_sources(*groups: Iterable[Source]) -> list[Source]:
    """Every source of the groups in order, each URL once (the first one wins)."""
    seen: set[str] = set()
    merged: list[Source] = []
    for group in groups:
        for source in group:
            key = site_key(source.url)
            if key not in seen:
                seen.add(key)
                merged.append(source)
    return merged


def add_imported(store: PrefStore, known: Sequence[Source], new: Sequence[Source]) -> int:
    """Persist the sources of `new` whose URL is not in `known` nor already imported; returns
    how many were added."""
    current = imported_sources(store)
    before = {site_key(s.url) for s in (*known, *current)}
    added = [s for s in merge_sources(new) if site_key(s.url) not in before]
    if added:
        payload = json.dumps([_source_to_json(s) for s in (*current, *added)], ensure_ascii=False)
        store.set_pref(PREF_KEY, payload)
    return len(added)
