"""Findings 5–6 of hardening round 2: a hostile body must not freeze the interface. Parsing runs
off the event loop, nesting is bounded before Lexbor sees it (its time grows with the square of
the depth), and a run of combining marks split across inline tags is capped as one run."""

from __future__ import annotations

import re
import threading
import unicodedata

import pytest
from scripted_site import ScriptedSite, dumps, post_json

from madara_tui.client import html_blocks, wordpress, wp_posts
from madara_tui.client.html_blocks import (
    MAX_DEPTH,
    bounded_depth,
    html_to_blocks,
    html_to_text,
    nesting_depth,
)
from madara_tui.client.http import Fetcher
from madara_tui.client.wordpress import WordPressSite
from madara_tui.text.clean import MAX_MARKS

DEEP = "<div>" * 150_000 + "<p>متن ژرف</p>" + "</div>" * 150_000


@pytest.fixture
def site() -> ScriptedSite:
    with ScriptedSite().running() as running:
        yield running


def test_nesting_deeper_than_the_bound_is_flattened_before_parsing() -> None:
    assert nesting_depth(DEEP) == 150_000
    flat = bounded_depth(DEEP)
    assert nesting_depth(flat) <= MAX_DEPTH
    assert [b.text for b in html_to_blocks(DEEP, "http://127.0.0.1:1/")] == ["متن ژرف"]
    assert html_to_text(DEEP.encode()) == "متن ژرف"


def test_leading_end_tags_do_not_hide_the_depth_after_them() -> None:
    sneaky = "</div>" * 10_000 + "<section>" * 10_000 + "x"
    assert nesting_depth(sneaky) == 10_000
    assert nesting_depth(bounded_depth(sneaky)) <= MAX_DEPTH


def test_ordinary_markup_is_not_touched() -> None:
    page = ("<div><p>یک<p>دو<br><img src=x><ul><li>سه<li>چهار</ul></div>" * 400).encode()
    assert nesting_depth(page) <= 3
    assert bounded_depth(page) is page


def test_every_parse_of_outside_html_goes_through_the_bound(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = html_blocks.bounded_depth

    def spy(html: str | bytes) -> str | bytes:
        out = real(html)
        seen.append(nesting_depth(out))
        return out

    monkeypatch.setattr(html_blocks, "bounded_depth", spy)
    from madara_tui.client.comments import error_page_message
    from madara_tui.client.page import parse_article_page

    parse_article_page(DEEP, "http://127.0.0.1:1/?p=1")
    error_page_message(DEEP)
    html_to_blocks(DEEP, "http://127.0.0.1:1/")
    assert len(seen) == 3 and max(seen) <= MAX_DEPTH


async def test_rest_posts_are_parsed_off_the_event_loop(
        site: ScriptedSite, monkeypatch: pytest.MonkeyPatch) -> None:
    site.posts(dumps([post_json(7, content={"rendered": DEEP})]))
    threads: list[threading.Thread] = []
    real = wordpress.article_from_post

    def spy(post: object, source: str) -> object:
        threads.append(threading.current_thread())
        return real(post, source)

    # A listing is parsed in wp_posts, a single post in wordpress: spy where each is called.
    monkeypatch.setattr(wordpress, "article_from_post", spy)
    monkeypatch.setattr(wp_posts, "article_from_post", spy)
    async with Fetcher() as fetcher:
        page = await WordPressSite(fetcher, site.url).headlines(1, 20)
    assert [b.text for b in page.articles[0].blocks] == ["متن ژرف"]
    assert threads and threading.main_thread() not in threads


def _longest_mark_run(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if unicodedata.category(char).startswith("M") else 0
        longest = max(longest, run)
    return longest


@pytest.mark.parametrize("wrap", ["<b>{}</b>", "<span>{}</span>", "<a href='/x'>{}</a>",
                                  "<i>{}</i><!-- -->"])
def test_marks_split_across_inline_tags_are_capped_as_one_run(wrap: str) -> None:
    marks = "\u064b" * MAX_MARKS
    body = "<p>ب" + wrap.format(marks) * 1_000 + " پایان</p>"
    [block] = html_to_blocks(body, "http://127.0.0.1:1/")
    assert _longest_mark_run(block.text) == MAX_MARKS
    assert block.text.endswith(" پایان")
    for link in block.links:
        assert 0 <= link.start < link.end <= len(block.text)


def test_marks_in_separate_words_are_each_kept() -> None:
    word = "<b>ب" + "\u064b" * 10 + "</b>"
    body = "<p>" + " ".join(word for _ in range(50)) + "</p>"
    [block] = html_to_blocks(body, "http://127.0.0.1:1/")
    assert len(re.findall("\u064b", block.text)) == 500
