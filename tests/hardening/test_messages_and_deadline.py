"""Findings 15, 16 and 17 of hardening round 2: categories that only feeds name can be listed,
messages say what happened, and a source's whole refresh has a deadline that keeps what
arrived."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from harness import cli
from scripted_site import Answer, ScriptedSite, dumps, json_answer, post_json

FEED = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>ف</title>'
        '<item><guid>urn:isf:1</guid><title>خبری از شهر</title><category>اصفهان</category>'
        '</item></channel></rss>')


@pytest.fixture
def site() -> Iterator[ScriptedSite]:
    with ScriptedSite().running() as running:
        yield running


def _config(data: Path, text: str) -> None:
    data.parent.mkdir(parents=True, exist_ok=True)
    (data.parent / "config.toml").write_text(text, encoding="utf-8")


def test_a_category_only_a_feed_names_can_be_listed(site: ScriptedSite, tmp_path: Path) -> None:
    site.posts("[]")
    site.routes["/city.xml"] = Answer(FEED.encode(), 200,
                                      {"Content-Type": "application/rss+xml; charset=UTF-8"})
    data = tmp_path / "data"
    _config(data, f'sources = ["{site.url}/city.xml"]\n')
    assert cli(site.url, data, "fetch").returncode == 0
    listed = cli(site.url, data, "--offline", "list", "--category", "اصفهان")
    assert listed.returncode == 0, listed.stderr
    assert "خبری از شهر" in listed.stdout
    assert cli(site.url, data, "--offline", "list", "--category", "یزد").returncode == 3


def test_an_empty_first_page_is_not_called_not_modified(site: ScriptedSite,
                                                        tmp_path: Path) -> None:
    site.posts("[]")
    fetched = cli(site.url, tmp_path / "data", "--lang", "en", "fetch")
    assert fetched.returncode == 0
    assert "304" not in fetched.stdout + fetched.stderr


@pytest.mark.parametrize("address", ["file:///etc/passwd", "http://", "ht!tp://x y",
                                     "http://127.0.0.1:70000"])
def test_a_bad_site_address_is_called_bad(address: str, tmp_path: Path) -> None:
    fetched = cli(address, tmp_path / "data", "--lang", "en", "fetch")
    assert "Traceback" not in fetched.stderr
    assert "not a valid http(s) address" in fetched.stdout + fetched.stderr
    assert "Could not read from the site" not in fetched.stdout + fetched.stderr


def test_a_cache_path_that_is_a_directory_is_called_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "cache.sqlite3").mkdir(parents=True)
    listed = cli(None, data, "--lang", "en", "--offline", "list")
    assert listed.returncode != 0
    assert "is a directory" in listed.stderr
    assert "disk I/O error" not in listed.stderr


def test_broken_opml_is_called_a_broken_file(site: ScriptedSite, tmp_path: Path) -> None:
    opml = tmp_path / "broken.opml"
    opml.write_text('<?xml version="1.0"?><opml><body><outline xmlUrl="http://a/', "utf-8")
    imported = cli(site.url, tmp_path / "data", "--lang", "en", "sources", "import", str(opml))
    assert imported.returncode != 0
    assert "OPML" in imported.stderr
    assert "site's answer" not in imported.stderr


def test_a_source_refresh_has_a_deadline_and_keeps_what_arrived(site: ScriptedSite,
                                                                 tmp_path: Path) -> None:
    never = threading.Event()  # the second page never answers (until the test ends)
    posts = [post_json(i, link=f"{site.url}/?p={i}") for i in range(1, 51)]
    site.routes["/wp-json/wp/v2/categories"] = json_answer("[]")
    site.routes["/wp-json/wp/v2/posts"] = json_answer(
        dumps(posts), **{"X-WP-TotalPages": "3", "X-WP-Total": "150"})
    site.routes["/wp-json/wp/v2/posts"].later = Answer(b"[]", 200, {}, delay=never)
    data = tmp_path / "data"
    _config(data, "refresh_deadline = 3\n")
    try:
        fetched = cli(site.url, data, "--lang", "en", "fetch")
    finally:
        never.set()
    assert "longer than 3 s" in fetched.stdout + fetched.stderr
    assert "the 50 new articles that had arrived are kept" in fetched.stdout + fetched.stderr
    listed = cli(site.url, data, "--offline", "list", "--json", "--limit", "100")
    assert listed.stdout.count('"id"') == 50
