"""Feeds parsed from bytes (IDs, caps, cleaning) and OPML import/export."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from madara_tui.client import ParseFailure, parse_feed, parse_opml, stable_id, write_opml
from madara_tui.client.feeds import MAX_ENTRIES
from madara_tui.models import Source

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>سایت خبری نمونه</title><link>http://127.0.0.1:8000</link>
<item><title>افتتاح پل \x1b[31mتازه</title><link>http://127.0.0.1:8000/1405/08/bridge/</link>
<guid isPermaLink="false">http://127.0.0.1:8000/?p=331901</guid>
<pubDate>Tue, 21 Jan 2025 23:49:00 +0000</pubDate><dc:creator>تحریریه</dc:creator>
<category>شهری</category><description><![CDATA[<p>خلاصه خبر پل</p>]]></description>
<content:encoded><![CDATA[<p>متن کامل <a href="/?p=5">پیوند</a></p><script>x()</script>]]>
</content:encoded></item>
<item><title>خبری بی‌شناسه</title><link>https://example.org/news/a</link>
<guid>tag:example.org,2025:a</guid><description>فقط خلاصه</description></item>
</channel></rss>"""


def test_rss_items_become_articles() -> None:
    feed = parse_feed(
        RSS.encode(), "http://127.0.0.1:8000/feed/", {"Content-Type": "application/rss+xml"}
    )
    assert feed.is_feed and feed.title == "سایت خبری نمونه"
    first, second = feed.articles
    assert first.id == 331901 and first.code == "331901"
    assert first.title == "افتتاح پل تازه"
    assert first.published == datetime(2025, 1, 21, 23, 49, tzinfo=UTC)
    assert first.categories == ("شهری",) and first.author == "تحریریه"
    assert first.lead == "خلاصه خبر پل"
    assert first.blocks[0].text == "متن کامل پیوند"
    assert first.blocks[0].links[0].url == "http://127.0.0.1:8000/?p=5"
    assert second.id == stable_id("tag:example.org,2025:a")
    assert 2**47 <= second.id < 2**48 and second.code == ""
    # A summary without `content:encoded` is the lead; the body waits for the article page.
    assert first.summary_only is False
    assert second.lead == "فقط خلاصه" and second.blocks == () and second.summary_only


def test_entries_are_capped_and_garbage_is_not_a_feed() -> None:
    items = "".join(
        f"<item><title>t{n}</title><guid>g{n}</guid></item>" for n in range(MAX_ENTRIES + 50)
    )
    feed = parse_feed(
        f"<rss version='2.0'><channel>{items}</channel></rss>".encode(), "http://x.test/f"
    )
    assert len(feed.articles) == MAX_ENTRIES
    page = parse_feed(b"<html><body><p>not a feed</p></body></html>", "http://x.test/")
    assert not page.is_feed and page.articles == []
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><title>&b;</title>'
        b"</channel></rss>"
    )
    parse_feed(bomb, "http://x.test/")  # must not expand or raise


def test_cp1256_feed_is_readable() -> None:
    body = (
        "<?xml version='1.0' encoding='windows-1256'?><rss version='2.0'><channel>"
        "<item><title>خبر</title><guid>x</guid></item></channel></rss>"
    )
    feed = parse_feed(body.encode("cp1256"), "http://x.test/")
    assert feed.articles[0].title == "خبر"


def test_opml_round_trip() -> None:
    sources = [
        Source("http://127.0.0.1:8000", "مدارا \x1b[2J", "wordpress", "خبری"),
        Source("https://example.org/feed/", "نمونه <&>", "feed", "خبری"),
        Source("https://example.com/rss", "", "feed", ""),
    ]
    text = write_opml(sources)
    back = parse_opml(text.encode())
    assert [(s.url, s.kind, s.category) for s in back] == [
        (s.url, s.kind, s.category) for s in sources
    ]
    assert back[0].title == "مدارا" and back[1].title == "نمونه <&>"
    assert back[2].title == "https://example.com/rss"


def test_opml_rejects_entities_and_unsafe_urls() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "xxxxxxxx">]><opml><body>'
        b'<outline text="&a;" xmlUrl="https://e.org/f"/></body></opml>'
    )
    with pytest.raises(ParseFailure):
        parse_opml(laughs)
    with pytest.raises(ParseFailure):
        parse_opml(b"<not-xml")
    unsafe = (
        b'<opml version="2.0"><body><outline text="x" xmlUrl="exec:rm -rf ~"/>'
        b'<outline text="f" xmlUrl="file:///etc/passwd"/>'
        b'<outline text="ok" xmlUrl="https://e.org/f"/></body></opml>'
    )
    assert [s.url for s in parse_opml(unsafe)] == ["https://e.org/f"]
