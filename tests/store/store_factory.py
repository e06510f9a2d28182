"""Article factory shared by the store tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from madara_tui import locations
from madara_tui.models import Article, Block, BlockKind
from madara_tui.store import Store

TEHRAN = ZoneInfo("Asia/Tehran")
SOURCE = "http://127.0.0.1:8080"
BASE_TIME = datetime(2025, 1, 22, 9, 15, tzinfo=TEHRAN)


def make_article(
    id: int,
    *,
    title: str | None = None,
    lead: str = "",
    body: tuple[str, ...] = (),
    categories: tuple[str, ...] = ("جامعه",),
    hours: float | None = None,
    source: str = SOURCE,
    **extra: object,
) -> Article:
    """An article published `hours` after BASE_TIME (default: `id` hours)."""
    return Article(
        id=id,
        source=source,
        url=f"{source}/?p={id}",
        title=title if title is not None else f"گزارش شمارهٔ {id} از شورای شهر",
        published=BASE_TIME + timedelta(hours=id if hours is None else hours),
        lead=lead,
        blocks=tuple(Block(BlockKind.PARAGRAPH, text) for text in body),
        categories=categories,
        **extra,  # type: ignore[arg-type]
    )


STALE = "stalekey"
"""A word the old keys of `make_old_cache` hold and the current rules never make from its
articles: a search for it tells which articles still hold old keys."""


def make_old_cache(data_dir: Path, articles: Sequence[Article]) -> None:
    """A cache as version 2 of the schema left it: without the later columns and the re-keying
    record, its search keys made by the old rules (the hamza dropped with its seat: مسئول was
    keyed مسیول) and each body's key ending in `STALE`."""
    with Store(data_dir) as store:
        store.upsert_articles(articles)
    with closing(sqlite3.connect(locations.cache_db(data_dir))) as conn:
        conn.execute("UPDATE article_fts SET title = replace(title, 'ء', 'ی'), "
                     "lead = replace(lead, 'ء', 'ی'), body = replace(body, 'ء', 'ی') || ' ' || ?",
                     (STALE,))
        for later in ("featured", "summary_only"):  # columns added by later steps
            conn.execute(f"ALTER TABLE articles DROP COLUMN {later}")
        conn.execute("DROP TABLE search_rekey")
        conn.execute("PRAGMA user_version = 2")
        conn.commit()
