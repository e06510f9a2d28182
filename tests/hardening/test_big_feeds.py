"""Finding 8 of hardening round 2: the entry limit is applied to the bytes, before the feed is
parsed. The time and memory this saves are measured by bench/bench_big_feed.py; here, that the
cut keeps exactly what the whole parse kept."""

from __future__ import annotations

import pytest

from madara_tui.client.feeds import MAX_ENTRIES, first_entries, parse_feed

URL = "http://127.0.0.1:1/feed/"
ATOM = {"content-type": "application/atom+xml"}
RSS = {"content-type": "application/rss+xml; charset=UTF-8"}


def _atom(n: int, head: str = "") -> bytes:
    entries = "".join(f"<entry><id>urn:e:{i}</id><title>خبر {i}</title></entry>"
                      for i in range(n))
    return ('<?xml version="1.0" encoding="utf-8"?>' + head +
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>بزرگ</title>'
            f'<link href="http://127.0.0.1:1/"/>{entries}</feed>').encode()


def _rss(n: int) -> bytes:
    items = "".join(f"<item><guid>g{i}</guid><title>t{i}</title>"
                    f"<description><![CDATA[<item> {i}]]></description></item>"
                    for i in range(n))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f'<title>r</title>{items}</channel></rss>').encode()


@pytest.mark.parametrize(("body", "headers"), [
    (_atom(20_000), ATOM),
    (_atom(20_000, "<!-- <entry> a decoy --><!DOCTYPE feed>"), ATOM),
    (_rss(20_000), RSS),
])
def test_a_feed_of_many_entries_is_cut_before_parsing(body: bytes, headers: dict[str, str]
                                                      ) -> None:
    cut = first_entries(body)
    assert len(cut) < len(body) // 20
    whole = parse_feed(body, URL, headers)
    kept = parse_feed(cut, URL, headers)
    assert len(kept.articles) == MAX_ENTRIES
    assert [a.id for a in whole.articles] == [a.id for a in kept.articles]
    assert [a.title for a in whole.articles] == [a.title for a in kept.articles]
    assert whole.title == kept.title


def test_a_feed_within_the_limit_is_not_copied() -> None:
    body = _atom(MAX_ENTRIES)
    assert first_entries(body) is body


def test_the_cut_closes_what_is_open() -> None:
    cut = first_entries(_rss(MAX_ENTRIES + 5))
    assert cut.endswith(b"</item></channel></rss>")


PERSIAN_FEED = ('<?xml version="1.0" encoding="{label}"?><rss version="2.0"><channel>'
                '<title>خبرنامه</title><item><guid>urn:c:1</guid><title>بازار تهران</title>'
                '<description>نرخ ارز امروز</description></item></channel></rss>')


@pytest.mark.parametrize(("encoding", "label"), [("cp1256", "utf-8"), ("utf-8", "windows-1256")])
@pytest.mark.parametrize("where", ["header", "declaration"])
def test_a_feed_with_a_wrong_charset_label_reads_right(encoding: str, label: str,
                                                       where: str) -> None:
    """Finding 14: windows-1256 labelled UTF-8 and the reverse (Persian sites send both)."""
    declared = label if where == "declaration" else "utf-8" if label != "utf-8" else label
    body = PERSIAN_FEED.format(label=declared).encode(encoding)
    headers = {"content-type": f"application/rss+xml; charset={label}" if where == "header"
               else "application/rss+xml"}
    result = parse_feed(body, URL, headers)
    assert result.title == "خبرنامه"
    assert [a.title for a in result.articles] == ["بازار تهران"]
    assert result.articles[0].lead == "نرخ ارز امروز"
