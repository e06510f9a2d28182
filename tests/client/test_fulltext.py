"""The full text of a summary-only feed item: its page's main text, found by the extractor in
three page layouts written for the project (an agency page with a sidebar, a magazine article
with nested sections, an old table-based portal with `<br>` paragraphs), and the summary kept,
marked, when the extractor finds nothing."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from madara_tui.client.fulltext import extract_blocks
from madara_tui.client.http import Fetcher
from madara_tui.config import Config
from madara_tui.models import BlockKind, Source
from madara_tui.service import Service
from madara_tui.store import Store
from madara_tui.ui.article_text import article_pieces

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
EXPECTED = {
    # layout: (first body text starts, last body text starts, text that must not be body)
    "agency": ("به گزارش خبرگزاری نمونه، کتابخانهٔ محلهٔ", "عضویت برای ساکنان محله",
               ("پربازدیدترین‌ها", "صفحهٔ نخست", "کلیه حقوق", "نمایشگاه کتاب کودک")),
    "magazine": ("در روستاهای کوهپایه، باغ‌ها", "برخی جوانان روستا",
                 ("خبرنامه", "سفری کوتاه", "همهٔ حقوق", "جستجو")),
    "portal": ("به گزارش پرتال نمونه، بارش سنگین برف", "پیش‌بینی هواشناسی",
               ("پیوند یک", "نظرسنجی", "تعداد بازدید", "تمامی حقوق")),
}


@pytest.mark.parametrize("layout", sorted(EXPECTED))
def test_the_main_text_of_three_layouts(layout: str) -> None:
    html = (LAYOUTS / f"{layout}.html").read_text(encoding="utf-8")
    title = {"portal": "بارش برف راه‌های کوهستانی را بست"}.get(layout, "")
    blocks = extract_blocks(html, "http://news.example/item", title)
    texts = [b.text for b in blocks if b.kind is not BlockKind.IMAGE]
    first, last, never = EXPECTED[layout]
    assert texts[0].startswith(first) and texts[-1].startswith(last), texts
    assert not any(noise in text for noise in never for text in texts)
    assert title not in texts
    assert "،" in texts[0] and ", ," not in " ".join(texts)  # the Persian comma is kept as is


def test_the_magazine_keeps_its_structure() -> None:
    html = (LAYOUTS / "magazine.html").read_text(encoding="utf-8")
    kinds = [b.kind for b in extract_blocks(html, "http://news.example/item")]
    assert kinds.count(BlockKind.LIST_ITEM) == 3 and BlockKind.QUOTE in kinds


def test_nothing_found_is_empty() -> None:
    html = "<html dir='rtl'><body><nav><a href='/'>خانه</a></nav><p>کوتاه</p></body></html>"
    assert extract_blocks(html, "http://news.example/") == ()


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>خبرگزاری نمونه</title><link>{base}/</link>
<item><title>بازگشایی کتابخانهٔ محله پس از نوسازی</title><link>{base}/agency.html</link>
<guid>{base}/agency.html</guid><pubDate>Wed, 12 Nov 2025 06:45:00 +0000</pubDate>
<description>کتابخانهٔ محله پس از هشت ماه دوباره باز شد.</description></item>
<item><title>صفحه‌ای بی‌متن</title><link>{base}/empty.html</link><guid>{base}/empty.html</guid>
<pubDate>Wed, 12 Nov 2025 05:00:00 +0000</pubDate>
<description>تنها خلاصه‌ای از این خبر هست.</description></item>
</channel></rss>"""


@pytest.fixture
def news_site(tmp_path: Path) -> Iterator[str]:
    """A plain (non-WordPress) site on loopback: a summary-only feed and its pages."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "agency.html").write_bytes((LAYOUTS / "agency.html").read_bytes())
    (root / "empty.html").write_text("<html><body><nav><a href='/'>خانه</a></nav></body></html>",
                                     encoding="utf-8")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *_args: None  # type: ignore[method-assign]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (root / "feed.xml").write_text(FEED.format(base=base), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()
    thread.join()


async def test_a_summary_only_feed_gets_its_full_text(news_site: str, tmp_path: Path) -> None:
    feed = f"{news_site}/feed.xml"
    config = Config(sources=(Source(url=feed, kind="feed"),), data_dir=tmp_path / "data")
    store = Store(config.data_dir)
    try:
        async with Fetcher(validators=store) as fetcher:
            service = Service(config, store, fetcher)
            await service.refresh()
            listed = {h.title: h for h in store.headlines(limit=10)}
            full = listed["بازگشایی کتابخانهٔ محله پس از نوسازی"]
            before = store.article(feed, full.id)
            assert before is not None and before.summary_only and before.blocks == ()
            article = await service.complete_article(feed, full.id)
            assert not article.summary_only
            assert article.lead == "کتابخانهٔ محله پس از هشت ماه دوباره باز شد."
            assert article.blocks[0].text.startswith("به گزارش خبرگزاری نمونه")
            assert article.lead not in [b.text for b in article.blocks]
            stored = store.article(feed, full.id)
            assert stored is not None and stored.blocks == article.blocks

            bare = listed["صفحه‌ای بی‌متن"]
            kept = await service.complete_article(feed, bare.id)
            assert kept.summary_only and kept.blocks == ()
            assert kept.lead == "تنها خلاصه‌ای از این خبر هست."
            pieces, _links = article_pieces(kept, "fa")
            assert any("فقط خلاصهٔ این خبر" in p.text for p in pieces)
    finally:
        store.close()
