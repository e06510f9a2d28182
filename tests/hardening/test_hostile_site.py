"""A hostile site served through every path — REST, `?rest_route=`, RSS, article pages,
comments, the comment-post error page — and every field that comes out of the client is clean;
then the same site through the real CLI, whose output must carry nothing a terminal acts on."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from field_check import (
    article_problems,
    block_problems,
    category_problems,
    comment_problems,
    form_problems,
    related_problems,
    screen_problems,
    source_problems,
)
from hostile import MARKUP_LITERAL, forbidden
from hostile_site import (
    CLICK_TITLE,
    ERROR_PAGE_MESSAGE,
    SAFE_LINK,
    hostile,
    hostile_content,
)

from madara_tui.client.comments import post_comment
from madara_tui.client.http import Fetcher
from madara_tui.client.opml import parse_opml
from madara_tui.client.wordpress import ApiMode, WordPressSite
from madara_tui.demo import DemoSite
from madara_tui.links import check_link
from madara_tui.models import Article, CommentDraft, CommentState

TERMINAL_BYTES = (b"\x1b", b"\x07", b"\x00", b"\x7f", b"\x9b", b"\x9d", b"\x90")
"""Bytes that must never appear in the CLI's (UTF-8) output."""


@pytest.fixture(scope="module")
def site() -> Iterator[DemoSite]:
    with DemoSite(hostile_content(), flood_interval=0) as demo:
        yield demo


def _check_links(articles: list[Article]) -> int:
    """Every link in the bodies: only http(s) ones with a real host pass the link check."""
    opened = 0
    for article in articles:
        for block in article.blocks:
            for link in block.links:
                verdict = check_link(link.url, article.url)
                if verdict.ok:
                    opened += 1
                    assert verdict.host in ("example.org", "127.0.0.1") or verdict.host.startswith(
                        "127.0.0.1:"), verdict
                    assert not link.url.startswith(("javascript:", "file:", "data:"))
    return opened


async def test_every_field_from_every_path_is_clean(site: DemoSite) -> None:
    problems: list[str] = []
    async with Fetcher() as fetcher:
        wp = WordPressSite(fetcher, site.url)
        page = await wp.headlines(per_page=20)
        assert wp.mode is ApiMode.REST
        assert len(page.articles) == 6
        by_id = {a.id: a for a in page.articles}
        assert by_id[900501].title == CLICK_TITLE  # markup kept as text
        for article in page.articles:
            problems += article_problems(article) + screen_problems(article.title[:5000])
            full = await wp.post(article.id)
            problems += article_problems(full)
            pg = await wp.article_page(full.url)
            for name in ("url", "title", "code", "category", "lead"):
                bad = forbidden(getattr(pg, name), multiline=False)
                problems += [f"page {article.id} {name}: {bad}"] if bad else []
            problems += block_problems(pg.blocks, f"page {article.id}")
            problems += related_problems(pg.related, f"page {article.id}")
            problems += form_problems(pg.form, f"page {article.id}")
            for comment in await wp.comments(article.id):
                problems += comment_problems(comment)
        for category in await wp.categories():
            problems += category_problems(category)
        assert _check_links(page.articles) >= 6  # the safe link in each article opens

        plain = WordPressSite(fetcher, site.url, mode=ApiMode.REST_ROUTE)
        for article in (await plain.headlines()).articles:
            problems += article_problems(article)

        site.set_fault("block_wp_json")
        try:
            rss = WordPressSite(fetcher, site.url)
            feed_page = await rss.headlines()
            assert rss.mode is ApiMode.RSS
            assert len(feed_page.articles) == 6
            for article in feed_page.articles:
                problems += article_problems(article)
            _check_links(feed_page.articles)
        finally:
            site.set_fault(None)
    assert problems == [], "\n".join(problems[:30])


async def test_a_hostile_comment_error_page_gives_a_clean_message(site: DemoSite) -> None:
    async with Fetcher() as fetcher:
        wp = WordPressSite(fetcher, site.url)
        article = (await wp.headlines()).articles[0]
        pg = await wp.article_page(article.url)
        assert pg.form is not None
        draft = CommentDraft(source=site.url, article_id=article.id, author="آزمون",
                             email="azmoon@example.com", text="یک دیدگاه آزمایشی")
        site.comment_error = ERROR_PAGE_MESSAGE
        try:
            result = await post_comment(fetcher, pg.form, draft)
        finally:
            site.comment_error = None
    assert result.state is CommentState.REJECTED
    assert forbidden(result.message, multiline=True) == []
    assert "دیدگاه شما پذیرفته نشد" in result.message
    assert "52;c;" not in result.message and "pwned" not in result.message
    assert site.posted[-1].outcome == "invalid"


def test_hostile_opml_titles_are_cleaned() -> None:
    # XML can't carry ESC at all; C1 controls, bidi overrides and markup it can.
    # (An unterminated 8-bit OSC swallows the rest of its line, so it comes last.)
    title = "خبرها \u202e [@click=app.quit]x[/] \u009b31m \u0085 \u009d0;t"
    opml = (
        '<?xml version="1.0" encoding="utf-8"?><opml version="2.0"><head><title>t</title></head>'
        f'<body><outline text="{title}"><outline text="{title}" type="rss" '
        'xmlUrl="http://127.0.0.1:9/feed/"/><outline text="x" xmlUrl="javascript:alert(1)"/>'
        '<outline text="y" xmlUrl="file:///etc/passwd"/></outline></body></opml>'
    ).encode()
    sources = parse_opml(opml)
    assert [s.url for s in sources] == ["http://127.0.0.1:9/feed/"]
    assert [p for s in sources for p in source_problems(s)] == []
    assert MARKUP_LITERAL in sources[0].title


def _cli(site: DemoSite, data: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    config = data.parent / "config.toml"
    config.write_text("", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "madara_tui", "--site", site.url, "--data-dir", str(data),
         "--config", str(config), *args],
        capture_output=True, timeout=120, check=False,
    )


def test_the_cli_prints_nothing_a_terminal_acts_on(site: DemoSite, tmp_path: Path) -> None:
    data = tmp_path / "data"
    fetched = _cli(site, data, "fetch")
    assert fetched.returncode == 0, fetched.stderr.decode()
    runs = [fetched]
    runs.append(_cli(site, data, "list", "--json"))
    runs.append(_cli(site, data, "list"))
    for post_id in (900501, 900502, 900503):
        runs.append(_cli(site, data, "read", str(post_id), "--width", "80"))
        runs.append(_cli(site, data, "read", str(post_id), "--json"))
        runs.append(_cli(site, data, "related", str(post_id)))
    runs.append(_cli(site, data, "search", "شورای"))
    site.comment_error = ERROR_PAGE_MESSAGE
    try:
        done = subprocess.run(
            [sys.executable, "-m", "madara_tui", "--site", site.url, "--data-dir", str(data),
             "--config", str(tmp_path / "config.toml"), "comment", "900503", "--name",
             hostile("نام").replace("\x00", ""), "--email", "azmoon@example.com"],
            input="دیدگاهی برای آزمون".encode(), capture_output=True, timeout=120, check=False)
    finally:
        site.comment_error = None
    runs.append(done)
    assert done.returncode != 0
    assert "پذیرفته نشد".encode() in done.stdout + done.stderr
    for run in runs:
        for stream in (run.stdout, run.stderr):
            assert b"Traceback" not in stream, stream.decode(errors="replace")[-2000:]
            text = stream.decode("utf-8")  # strictly UTF-8: no stray 8-bit bytes either
            assert forbidden(text, multiline=True) == [], (run.args[-3:], text[:300])
            for bad in TERMINAL_BYTES:
                assert bad not in stream, (run.args[-3:], bad)
    listing = runs[1].stdout.decode()
    assert MARKUP_LITERAL in listing and SAFE_LINK not in listing
