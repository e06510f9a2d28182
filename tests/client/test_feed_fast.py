"""The RSS fast path gives exactly what feedparser gives, and hands every other document over."""

from __future__ import annotations

import os
import urllib.request
from pathlib import Path

import pytest

from madara_tui.client.feed_fast import fast_rss
from madara_tui.client.feeds import FeedResult, parse_feed
from madara_tui.demo import DemoContent, DemoSite

RSS = {"Content-Type": "application/rss+xml; charset=UTF-8",
       "Last-Modified": "Wed, 22 Jan 2025 05:45:00 GMT"}
URL = "http://127.0.0.1:9/feed/"


def _summary(result: FeedResult) -> tuple[object, ...]:
    return (result.title, result.link, result.is_feed, [
        (a.id, a.source, a.url, a.title, a.published, a.lead, a.blocks, a.categories, a.code,
         a.author) for a in result.articles])


def _same_both_ways(body: bytes, headers: dict[str, str] = RSS) -> FeedResult:
    headers = {"Last-Modified": RSS["Last-Modified"], **headers}  # the time of undated items
    fast = parse_feed(body, URL, headers)
    assert _summary(fast) == _summary(parse_feed(body, URL, headers, fast=False))
    return fast


def _rss(items: str, channel: str = "<title>خوراک</title><link>http://127.0.0.1:9/</link>",
         ) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel>{channel}{items}</channel></rss>"
    ).encode()


def test_demo_site_feeds_take_the_fast_path_with_the_same_articles(
        demo_content: DemoContent) -> None:
    with DemoSite(demo_content, flood_interval=0) as site:
        base = site.start()
        with urllib.request.urlopen(f"{base}/feed/", timeout=10) as reply:
            body, content_type = reply.read(), reply.headers["Content-Type"]
    headers = {**RSS, "Content-Type": content_type}
    assert fast_rss(body, URL, {k.lower(): v for k, v in headers.items()}) is not None
    result = _same_both_ways(body, headers)
    assert result.articles and all(a.title and a.blocks for a in result.articles)


def test_item_fields_match_feedparser() -> None:
    body = _rss(
        "<item><title>نرخ &lt;b&gt;ارز&lt;/b&gt; امروز</title>"
        "<link>/2025/01/rate/?a=1&amp;amp;b=2</link>"
        '<guid isPermaLink="false">http://127.0.0.1:9/?p=120</guid>'
        "<pubDate>Wed, 22 Jan 2025 09:15:00 +0330</pubDate>"
        "<dc:creator><![CDATA[سمیه کاظمی]]></dc:creator>"
        "<category>اقتصاد</category><category domain='x'>بازار</category>"
        "<description><![CDATA[<p>خلاصهٔ <a href='javascript:alert(1)'>خبر</a></p>]]></description>"
        "<content:encoded><![CDATA[<p>متن <a href='/x'>کامل</a></p><script>x()</script>]]>"
        "</content:encoded></item>"
        "<item><title>بدون لینک</title><guid>http://127.0.0.1:9/?p=121</guid>"
        "<content:encoded><![CDATA[<p>فقط محتوا</p>]]></content:encoded></item>"
        "<item><title>Caf\u00c3\u00a9 \u0093quoted\u0094</title><guid>relative/guid</guid></item>"
    )
    assert fast_rss(body, URL, {"content-type": RSS["Content-Type"]}) is not None
    result = _same_both_ways(body)
    assert [a.id for a in result.articles][:2] == [120, 121]
    assert all("javascript" not in link.url for a in result.articles for b in a.blocks
               for link in b.links)


@pytest.mark.parametrize("body, headers", [
    (_rss("<item><title>a&nbsp;b</title></item>"), RSS),  # an HTML entity: not XML
    (_rss("<item><title>x</title><enclosure url='http://e/x.mp3'/></item>"), RSS),
    (_rss("<item><title>x</title><title>y</title></item>"), RSS),
    (_rss("<item><dc:creator>me@example.com (من)</dc:creator></item>"), RSS),
    (_rss("<item><title>x</title></item>").replace(b"UTF-8", b"windows-1256"), RSS),
    (_rss("<item><title>x</title></item>"), {"Content-Type": "text/html"}),
    (_rss("<item><title>x</title></item>"), {"Content-Type": "application/rss+xml; charset=x"}),
    (_rss("<item><title>x</title></item>", "<title>a</title><title>b</title>"), RSS),
    (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>',
     RSS),
    (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "b">]><rss version="2.0"><channel>'
     b"<title>&a;</title></channel></rss>", RSS),
    (_rss("<item><title>x</title><pubDate>not a date</pubDate></item>"), RSS),
    (b"<html><body>not a feed</body></html>", RSS),
])
def test_other_documents_go_to_feedparser(body: bytes, headers: dict[str, str]) -> None:
    assert fast_rss(body, URL, {k.lower(): v for k, v in headers.items()}) is None
    _same_both_ways(body, headers)


def test_feed_corpora_agree_where_the_fast_path_applies() -> None:
    root = os.environ.get("MADARA_TUI_CORPORA")
    if not root or not Path(root).is_dir():
        pytest.skip("MADARA_TUI_CORPORA is not set to the feed corpora directory")
    tried = 0
    for path in sorted(Path(root).rglob("*.xml")):
        body = path.read_bytes()
        if b"<rss" not in body[:4000]:
            continue
        if fast_rss(body, URL, {"content-type": RSS["Content-Type"]}) is None:
            continue
        tried += 1
        assert _summary(parse_feed(body, URL, RSS)) == _summary(
            parse_feed(body, URL, RSS, fast=False)), path
    assert tried > 100
