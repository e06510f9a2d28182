"""Article factory shared by the store tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from madara_tui.models import Article, Block, BlockKind

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
