"""Findings 1–4 of hardening round 2: one hostile answer must not make every later `fetch`,
`list`, `read` or the reader crash. Each test drives the real command line against a loopback
site scripted to send the answer, then uses the cache again."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import cli
from scripted_site import Answer, ScriptedSite, dumps, json_answer, post_json

from madara_tui.client.errors import BadRedirect, BadURL, FetchError
from madara_tui.client.feeds import parse_feed
from madara_tui.client.http import Fetcher
from madara_tui.client.opml import parse_opml
from madara_tui.client.wordpress import WordPressSite
from madara_tui.store import Store


@pytest.fixture
def site() -> ScriptedSite:
    with ScriptedSite().running() as running:
        yield running


def _no_traceback(result: object) -> None:
    err = getattr(result, "stderr", "")
    assert "Traceback" not in err, err[-2000:]


# -- 1. lone surrogates ----------------------------------------------------------------------




def test_lone_surrogates_in_rest_fields_are_stored_as_replacement_characters(
        site: ScriptedSite, tmp_path: Path) -> None:
    post = post_json(7, link=f"{site.url}/?p=7&x=\udfff")
    text = dumps([post]).replace('"\\u0646\\u0648\\u06cc\\u0633\\u0646\\u062f\\u0647"',
                                 '"\\ud800\\u0646\\u0648\\u06cc\\u0633\\u0646\\u062f\\u0647"')
    text = text.replace('"\\u062e\\u0628\\u0631 ', '"\\udc00\\u062e\\u0628\\u0631 ')
    assert "\\ud800" in text and "\\udc00" in text and "\\udfff" in text
    site.posts(text)
    data = tmp_path / "data"
    fetched = cli(site.url, data, "fetch")
    _no_traceback(fetched)
    assert fetched.returncode == 0, fetched.stderr
    for args in (("list", "--json"), ("read", "7")):
        again = cli(site.url, data, "--offline", *args)
        _no_traceback(again)
        assert again.returncode == 0, again.stderr
    store = Store(data)
    try:
        article = store.article(site.url, 7)
    finally:
        store.close()
    assert article is not None and article.author == "\ufffdنویسنده"
    assert article.url.endswith("x=\ufffd")


async def test_lone_surrogate_in_a_comment_author_is_stored(site: ScriptedSite,
                                                            tmp_path: Path) -> None:
    site.routes["/wp-json/wp/v2/comments"] = json_answer(
        '[{"id": 5, "post": 7, "parent": 0, "author_name": "\\ud83d x \\ud800",'
        ' "date_gmt": "2026-11-20T08:00:00", "content": {"rendered": "<p>\\udbff</p>"},'
        ' "author_url": "http://127.0.0.1:1/\\udfff"}]')
    async with Fetcher() as fetcher:
        comments = await WordPressSite(fetcher, site.url).comments(7)
    assert comments[0].author == "\ufffd x \ufffd"
    store = Store(tmp_path / "data")
    try:
        store.replace_comments(site.url, 7, comments)
        assert store.comments(site.url, 7)[0].author == "\ufffd x \ufffd"
    finally:
        store.close()


@pytest.mark.parametrize("reference", ["&#xD800;", "&#xdfff;", "&#55296;", "&#x110000;",
                                       "&#99999999999999999999999;", "&#0;"])
@pytest.mark.parametrize("content_type", ["application/rss+xml; charset=UTF-8",
                                          "text/xml; charset=windows-1256"])
def test_feed_character_references_to_no_character(reference: str, content_type: str) -> None:
    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f'<title>کانال {reference}</title><item><title>خبر {reference} یک</title>'
            f'<guid>urn:x:{reference}</guid><description>متن {reference}</description>'
            '</item></channel></rss>').encode()
    result = parse_feed(body, "http://127.0.0.1:1/feed/", {"content-type": content_type})
    assert [a.title for a in result.articles] == ["خبر \ufffd یک"]
    assert result.title == "کانال \ufffd"


# -- 2. ports and host labels out of range -----------------------------------------------------

BAD_ADDRESSES = ["http://127.0.0.1:99999/x", "http://127.0.0.1:65536/x", "http://127.0.0.1:-1/x",
                 "http://xn--/x", "http://xn--a.example/x"]


@pytest.mark.parametrize("location", BAD_ADDRESSES)
async def test_redirect_to_a_bad_port_or_host_is_a_bad_redirect(site: ScriptedSite,
                                                                 location: str) -> None:
    site.routes["/r"] = Answer(b"", 302, {"Location": location})
    async with Fetcher() as fetcher:
        with pytest.raises(BadRedirect):
            await fetcher.get(f"{site.url}/r")


@pytest.mark.parametrize("address", BAD_ADDRESSES)
async def test_fetching_a_bad_port_or_host_is_a_bad_url(address: str) -> None:
    async with Fetcher() as fetcher:
        with pytest.raises(BadURL):
            await fetcher.get(address)
        with pytest.raises(BadURL):
            await fetcher.post_form(address, [("a", "b")])


@pytest.mark.parametrize("address", ["http://127.0.0.1:99999", "http://xn--"])
def test_site_option_with_a_bad_address_says_so(address: str, tmp_path: Path) -> None:
    result = cli(address, tmp_path / "data", "fetch")
    _no_traceback(result)
    assert result.returncode != 0
    assert "نشانی نامعتبر" in result.stdout + result.stderr


def test_opml_import_skips_bad_ports_and_hosts_and_fetch_keeps_working(
        site: ScriptedSite, tmp_path: Path) -> None:
    outlines = "".join(f'<outline type="rss" text="x" xmlUrl="{a}"/>' for a in BAD_ADDRESSES)
    opml = tmp_path / "feeds.opml"
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}'
                    f'<outline type="rss" text="ok" xmlUrl="{site.url}/feed/"/></body></opml>',
                    encoding="utf-8")
    assert [s.url for s in parse_opml(opml.read_bytes())] == [f"{site.url}/feed/"]
    site.posts("[]")
    data = tmp_path / "data"
    imported = cli(site.url, data, "sources", "import", str(opml))
    _no_traceback(imported)
    fetched = cli(site.url, data, "fetch")
    _no_traceback(fetched)
    assert "99999" not in cli(site.url, data, "sources", "export").stdout


# -- 3. Retry-After out of range ---------------------------------------------------------------

def _comment_site(site: ScriptedSite, answer: Answer) -> None:
    post = post_json(7, link=f"{site.url}/?p=7")
    site.posts(dumps([post]))
    site.routes["/wp-json/wp/v2/posts/7"] = json_answer(dumps(post))
    site.routes["/wp-json/wp/v2/comments"] = json_answer("[]")
    site.routes["/"] = Answer(
        ('<html><body><article><h1>خبر آزمایشی</h1><p>متن خبر</p></article>'
         f'<form id="commentform" method="post" action="{site.url}/wp-comments-post.php">'
         '<textarea name="comment"></textarea><input name="author"><input name="email">'
         '<input type="hidden" name="comment_post_ID" value="7"></form></body></html>'
         ).encode(), 200, {"Content-Type": "text/html; charset=UTF-8"})
    site.routes["/wp-comments-post.php"] = answer


# Both waits are capped at a day, so the comment can't fall due during the test (an unreadable
# value such as "1e400" means WordPress's 15 s, which a slow machine can outlast).
@pytest.mark.parametrize("retry_after", ["99999999999999", "99999999999999999999999"])
def test_huge_retry_after_leaves_the_comment_waiting_and_it_is_posted_once(
        site: ScriptedSite, tmp_path: Path, retry_after: str) -> None:
    _comment_site(site, Answer(b"", 429, {"Retry-After": retry_after}))
    data = tmp_path / "data"
    assert cli(site.url, data, "fetch").returncode == 0
    sent = cli(site.url, data, "comment", "7", "--name", "مینا", "--email",
               "mina@example.org", stdin="دیدگاهی برای آزمون")
    _no_traceback(sent)
    outbox = cli(site.url, data, "--offline", "outbox", "--json")
    _no_traceback(outbox)
    assert '"too_fast"' in outbox.stdout, outbox.stdout
    assert '"sending"' not in outbox.stdout and '"unknown"' not in outbox.stdout
    for _ in range(2):
        _no_traceback(cli(site.url, data, "fetch"))
    assert site.count("POST", "/wp-comments-post.php") == 1


# -- 4. dates out of range ---------------------------------------------------------------------

@pytest.mark.parametrize("date_gmt", ["9999-12-31T23:59:59", "0001-01-01T00:00:00",
                                      "0001-01-01T00:00:00+03:30", "9999-12-31T23:59:59-12:00"])
def test_posts_dated_out_of_range_can_be_listed_and_read(site: ScriptedSite, tmp_path: Path,
                                                         date_gmt: str) -> None:
    site.posts(dumps([post_json(7, date_gmt=date_gmt, modified_gmt=date_gmt)]))
    data = tmp_path / "data"
    fetched = cli(site.url, data, "fetch")
    _no_traceback(fetched)
    assert fetched.returncode == 0
    for args in (("list",), ("read", "7"), ("list", "--json"), ("search", "خبر")):
        result = cli(site.url, data, "--offline", *args)
        _no_traceback(result)
        assert result.returncode == 0, (args, result.stderr)


def test_feed_items_of_year_one_or_9999_get_a_date_that_formats() -> None:
    from madara_tui.text import format_jalali, format_relative

    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>f</title>'
            '<item><title>کهنه</title><guid>urn:a</guid>'
            '<pubDate>Mon, 01 Jan 0001 00:00:00 +0330</pubDate></item>'
            '<item><title>آینده</title><guid>urn:b</guid>'
            '<pubDate>Fri, 31 Dec 9999 23:59:59 -1200</pubDate></item></channel></rss>').encode()
    result = parse_feed(body, "http://127.0.0.1:1/feed/", {"content-type": "application/rss+xml"})
    assert [a.title for a in result.articles] == ["کهنه", "آینده"]
    for article in result.articles:
        assert 1900 <= article.published.year < 2200
        assert format_jalali(article.published) and format_relative(article.published)


def test_formatting_cannot_fail_on_any_stored_date() -> None:
    from datetime import UTC, datetime, timedelta, timezone

    from madara_tui.text import format_date, format_jalali, format_local, format_relative

    for moment in (datetime.min.replace(tzinfo=timezone(timedelta(hours=3, minutes=30))),
                   datetime.max.replace(tzinfo=timezone(timedelta(hours=-12))),
                   datetime.min, datetime.max, datetime(1, 1, 1, tzinfo=UTC)):
        assert format_jalali(moment) and format_date(moment) and format_date(moment, "en")
        assert format_relative(moment) and format_relative(moment, lang="en")
        assert format_local(moment)


def test_typed_errors_cross_a_process_boundary_intact() -> None:
    """Feeds parse in a process pool: their typed errors come back pickled."""
    import pickle

    from madara_tui.client.errors import HTTPStatus

    error = pickle.loads(pickle.dumps(HTTPStatus("http://127.0.0.1:1/feed", 503)))
    assert isinstance(error, FetchError) and error.status == 503
    assert error.url == "http://127.0.0.1:1/feed" and error.message("en").endswith("(503)")
