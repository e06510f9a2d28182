"""Generated JSON, XML, HTML, URLs and dates through the ingestion boundary: whatever comes in,
only the typed errors (`FetchError` and its subclasses) come out, and every string that comes
out can be stored and shown (encodes to UTF-8, no escape or bidi control survives)."""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from madara_tui.client import wordpress
from madara_tui.client.errors import FetchError
from madara_tui.client.feeds import parse_feed
from madara_tui.client.html_blocks import absolute_url, html_to_blocks, html_to_text
from madara_tui.client.http import Response, _parse_url
from madara_tui.client.ingest import ingest
from madara_tui.client.opml import parse_opml
from madara_tui.client.page import parse_article_page
from madara_tui.client.urls import http_url_problem
from madara_tui.text import (
    format_date,
    format_jalali,
    format_local,
    format_relative,
    parse_persian_date,
    usable_date,
)

URL = "http://127.0.0.1:1"
TRIED: Counter[str] = Counter()
FORBIDDEN = set("\x1b\x9b\x9d\u202e\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\x00\x07")
PROPERTY = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

# Text with the characters that broke ingestion before: lone surrogates, controls, escapes,
# bidi controls, combining marks, astral characters.
NASTY = st.lists(st.one_of(
    st.characters(codec=None),
    st.sampled_from(["\ud800", "\udfff", "\x1b[2J", "\x1b]52;c;eA==\x07", "\u202e", "\u064b",
                     "\x9b", "&#xD800;", "&#x110000;", "<b>", "</div>", "\U0001f600"]),
), max_size=40).map("".join)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True) | NASTY,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from([
        "id", "post", "parent", "date", "date_gmt", "modified_gmt", "link", "title", "rendered",
        "excerpt", "content", "author_name", "author_url", "name", "slug", "count",
        "categories", "_embedded", "author", "wp:term", "taxonomy", "comment_status"]),
        children, max_size=8),
    max_leaves=25,
)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    if hasattr(value, "__slots__"):
        return [s for name in value.__slots__ for s in _strings(getattr(value, name))]
    return []


def _storable(value: Any) -> None:
    for text in _strings(value):
        text.encode("utf-8")  # a lone surrogate would raise here, as in SQLite
        assert not FORBIDDEN & set(text), ascii(text)[:200]


def _typed(what: str, parse: Any, *args: Any) -> Any:
    TRIED[what] += 1
    try:
        result = ingest(URL, parse, *args)
    except FetchError:
        return None
    _storable(result)
    return result


def _response(body: bytes, content_type: str = "application/json") -> Response:
    return Response(URL + "/wp-json/wp/v2/posts", 200,
                    httpx.Headers({"content-type": content_type}), body)


def _post(value: Any) -> Any:
    return wordpress.article_from_post(value, URL)


def _posts(value: Any) -> Any:
    return wordpress._articles(_response(json.dumps(value).encode()), URL)


@PROPERTY
@given(value=JSON)
def test_generated_json_through_the_rest_readers(value: Any) -> None:
    _typed("json", _posts, [value])
    _typed("json", _post, value)
    _typed("json", wordpress.comment_from_json, value, 7)
    _typed("json", wordpress._categories, [value])


@PROPERTY
@given(post=st.fixed_dictionaries({}, optional={
    "id": st.integers(min_value=-5, max_value=2**70) | NASTY,
    "date_gmt": NASTY | st.sampled_from(["9999-12-31T23:59:59", "0001-01-01T00:00:00+03:30"]),
    "link": NASTY.map(lambda t: URL + "/" + t) | NASTY,
    "title": st.fixed_dictionaries({"rendered": NASTY}),
    "content": st.fixed_dictionaries({"rendered": NASTY}),
    "_embedded": st.fixed_dictionaries({"author": st.lists(
        st.fixed_dictionaries({"name": NASTY}), max_size=2)}),
}))
def test_generated_posts_become_articles_or_typed_errors(post: dict[str, Any]) -> None:
    article = _typed("json", _post, {"id": 7, **post})
    if article is not None:
        assert 1900 <= article.published.year < 2200


def _feed(title: str, date: str, body: str, kind: str) -> bytes:
    if kind == "atom":
        text = (f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title><entry>'
                f'<id>urn:{title}</id><title>{title}</title><updated>{date}</updated>'
                f'<content type="html">{body}</content></entry></feed>')
    else:
        text = (f'<rss version="2.0"><channel><title>{title}</title><item><guid>g{title}</guid>'
                f'<title>{title}</title><pubDate>{date}</pubDate>'
                f'<description>{body}</description></item></channel></rss>')
    return ('<?xml version="1.0" encoding="utf-8"?>' + text).encode("utf-8", "surrogatepass")


@PROPERTY
@given(title=NASTY, date=NASTY | st.sampled_from([
           "Mon, 01 Jan 0001 00:00:00 +0330", "Fri, 31 Dec 9999 23:59:59 -1200",
           "0001-01-01T00:00:00+03:30", "9999-12-31T23:59:59Z"]),
       body=NASTY, kind=st.sampled_from(["rss", "atom"]),
       content_type=st.sampled_from(["application/rss+xml", "text/xml; charset=windows-1256",
                                     "application/atom+xml; charset=utf-16", ""]))
def test_generated_feeds_become_articles_or_typed_errors(title: str, date: str, body: str,
                                                         kind: str, content_type: str) -> None:
    _typed("xml", parse_feed, _feed(title, date, body, kind), URL + "/feed/",
           {"content-type": content_type})


@PROPERTY
@given(raw=st.binary(max_size=300))
def test_generated_bytes_as_feed_page_and_opml(raw: bytes) -> None:
    _typed("xml", parse_feed, raw, URL + "/feed/", {"content-type": "application/rss+xml"})
    _typed("xml", parse_feed, b"<?xml version='1.0'?><rss version='2.0'>" + raw, URL, {})
    _typed("xml", parse_opml, b"<opml><body><outline xmlUrl='" + raw + b"'/></body></opml>")
    _typed("html", parse_article_page, raw, URL + "/?p=1")


@PROPERTY
@given(html=st.lists(NASTY | st.sampled_from(["<div>", "</div>", "<p>", "<a href='", "'>",
                                              "</a>", "<b>", "</b>", "<pre>", "<img src='"]),
                     max_size=30).map("".join))
def test_generated_html_through_the_html_readers(html: str) -> None:
    _typed("html", html_to_blocks, html, URL + "/")
    _typed("html", html_to_text, html)
    _typed("html", parse_article_page, html, URL + "/?p=1")


@PROPERTY
@given(url=st.one_of(
    NASTY,
    st.tuples(st.sampled_from(["http", "https", "ftp", "javascript", ""]),
              NASTY | st.sampled_from(["xn--", "xn--a", "127.0.0.1", "[::1]", "a..b"]),
              st.integers(min_value=-2, max_value=10**6).map(str) | NASTY)
    .map(lambda p: f"{p[0]}://{p[1]}:{p[2]}/x")))
def test_generated_urls_are_checked_or_refused(url: str) -> None:
    TRIED["url"] += 1
    http_url_problem(url)
    link = absolute_url(url, URL + "/")
    if link is not None:
        _storable(link)
        if link.startswith(("http:", "https:")):
            assert http_url_problem(link) is None
    with contextlib.suppress(FetchError):
        _parse_url(url, None)


ZONES = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m)))


@PROPERTY
@given(moment=st.datetimes(timezones=st.none() | ZONES), text=NASTY)
def test_generated_dates_are_clamped_and_always_format(moment: datetime, text: str) -> None:
    TRIED["date"] += 1
    usable = usable_date(moment)
    assert usable is None or 1899 <= usable.year <= 2200
    for formatted in (format_jalali(moment), format_date(moment), format_date(moment, "en"),
                      format_relative(moment), format_relative(moment, lang="en"),
                      format_local(moment)):
        assert formatted
    parsed = parse_persian_date(text)
    assert parsed is None or isinstance(parsed, datetime)
    got = wordpress.parse_wp_date(text, text)
    assert got is None or 1900 <= got.year < 2200


def test_report_generated_cases(capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print(f"\n[hardening] generated inputs through ingestion: {sum(TRIED.values())} "
              f"({', '.join(f'{k} {v}' for k, v in sorted(TRIED.items()))}), only typed errors")
