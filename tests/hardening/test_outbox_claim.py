"""Findings 7, 11 and 12 of hardening round 2: a comment is never POSTed twice, a refusal page is
not stored whole, and a redirect without a comment ID is not resent on every fetch.

A site that holds the comment's POST open (until the test lets it answer) stands in for a slow
site; the second process runs to its end while the first one waits, so nothing depends on
timing."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from harness import argv, cli
from scripted_site import Answer, ScriptedSite, dumps, json_answer, post_json

from madara_tui import locations

POST = "/wp-comments-post.php"
TEXT = "دیدگاهی که فقط یک بار باید برسد"


@pytest.fixture
def site() -> Iterator[ScriptedSite]:
    with ScriptedSite().running() as running:
        yield running


def _article_site(site: ScriptedSite, answer: Answer) -> None:
    post = post_json(7, link=f"{site.url}/?p=7")
    site.posts(dumps([post]))
    site.routes["/wp-json/wp/v2/posts/7"] = json_answer(dumps(post))
    site.routes["/wp-json/wp/v2/comments"] = json_answer("[]")
    site.routes["/"] = Answer(
        ('<html><body><article><h1>خبر آزمایشی</h1><p>متن خبر</p></article>'
         f'<form id="commentform" method="post" action="{site.url}{POST}">'
         '<textarea name="comment"></textarea><input name="author"><input name="email">'
         '<input type="hidden" name="comment_post_ID" value="7"></form></body></html>'
         ).encode(), 200, {"Content-Type": "text/html; charset=UTF-8"})
    site.routes[POST] = answer


def _states(data: Path) -> list[str]:
    with closing(sqlite3.connect(locations.user_db(data))) as conn:
        return [row[0] for row in conn.execute("SELECT state FROM outbox ORDER BY id")]


def _wait_for_post(site: ScriptedSite, process: subprocess.Popen[str]) -> None:
    """Until the held POST has arrived (or the process ended without sending)."""
    for _ in range(600):
        if site.count("POST", POST) >= 1 or process.poll() is not None:
            return
        threading.Event().wait(0.1)


def _comment_args(*extra: str) -> tuple[str, ...]:
    return ("comment", "7", "--name", "مینا", "--email", "mina@example.org", *extra)


def _sender(site: ScriptedSite, data: Path, tmp_path: Path) -> subprocess.Popen[str]:
    """`comment` running in its own process, its text on stdin."""
    text = tmp_path / "comment.txt"
    text.write_text(TEXT, encoding="utf-8")
    with text.open("rb") as stdin:
        return subprocess.Popen(argv(site.url, data, *_comment_args()), text=True, stdin=stdin,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _held_site(site: ScriptedSite) -> threading.Event:
    release = threading.Event()
    _article_site(site, Answer(b"", 302, {"Location": f"{site.url}/?p=7#comment-91"},
                               delay=release))
    return release


def test_two_outbox_sends_at_once_post_the_comment_once(site: ScriptedSite,
                                                        tmp_path: Path) -> None:
    release = _held_site(site)
    data = tmp_path / "data"
    assert cli(site.url, data, "fetch").returncode == 0
    queued = cli(site.url, data, "--offline", *_comment_args(), stdin=TEXT)
    assert queued.returncode in (0, 4), queued.stderr
    assert _states(data) == ["queued"]
    first = subprocess.Popen(argv(site.url, data, "outbox", "--send"), text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for_post(site, first)
        assert site.count("POST", POST) == 1
        second = cli(site.url, data, "outbox", "--send")
        assert "Traceback" not in second.stderr
        assert site.count("POST", POST) == 1
        assert _states(data) == ["sending"]
    finally:
        release.set()
        first.communicate(timeout=120)
    assert _states(data) == ["published"]
    assert site.count("POST", POST) == 1


def test_list_and_fetch_while_comment_waits_leave_it_alone(site: ScriptedSite,
                                                           tmp_path: Path) -> None:
    release = _held_site(site)
    data = tmp_path / "data"
    assert cli(site.url, data, "fetch").returncode == 0
    sender = _sender(site, data, tmp_path)
    try:
        _wait_for_post(site, sender)
        assert site.count("POST", POST) == 1
        listed = cli(site.url, data, "--offline", "list")
        assert listed.returncode == 0
        assert "ناتمام" not in listed.stdout + listed.stderr
        assert _states(data) == ["sending"]
        fetched = cli(site.url, data, "fetch")
        assert "Traceback" not in fetched.stderr
        assert _states(data) == ["sending"]
        assert site.count("POST", POST) == 1
    finally:
        release.set()
        sender.communicate(timeout=120)
    assert _states(data) == ["published"]


def test_a_killed_sender_leaves_an_unknown_comment(site: ScriptedSite, tmp_path: Path) -> None:
    release = _held_site(site)
    data = tmp_path / "data"
    assert cli(site.url, data, "fetch").returncode == 0
    sender = _sender(site, data, tmp_path)
    try:
        _wait_for_post(site, sender)
        sender.kill()
        sender.communicate(timeout=60)
    finally:
        release.set()
    assert _states(data) == ["sending"]
    listed = cli(site.url, data, "--offline", "list")
    assert "ناتمام" in listed.stdout + listed.stderr
    assert _states(data) == ["unknown"]


def test_a_huge_refusal_page_is_not_stored_whole(site: ScriptedSite, tmp_path: Path) -> None:
    message = "پیام رد " * 1_000_000  # about 15 MB of the site's message
    page = (f'<html><body id="error-page"><div class="wp-die-message">{message}</div>'
            '</body></html>').encode()
    _article_site(site, Answer(page, 403, {"Content-Type": "text/html; charset=UTF-8"}))
    data = tmp_path / "data"
    assert cli(site.url, data, "fetch").returncode == 0
    cli(site.url, data, *_comment_args(), stdin=TEXT)
    shown = cli(site.url, data, "--offline", "outbox", "--json")
    assert shown.returncode == 0
    assert len(shown.stdout) < 20_000
    assert "پیام رد" in shown.stdout


def test_a_redirect_without_a_comment_id_is_not_sent_again(site: ScriptedSite,
                                                           tmp_path: Path) -> None:
    _article_site(site, Answer(b"", 302, {"Location": f"{site.url}/?p=7#comment-abc"}))
    data = tmp_path / "data"
    assert cli(site.url, data, "fetch").returncode == 0
    sent = cli(site.url, data, *_comment_args(), stdin=TEXT)
    assert "redirect without" not in sent.stdout + sent.stderr
    for _ in range(2):
        cli(site.url, data, "fetch")
        cli(site.url, data, "outbox", "--send")
    assert site.count("POST", POST) == 1
    items = json.loads(cli(site.url, data, "--offline", "outbox", "--json").stdout)
    assert "redirect without" not in json.dumps(items, ensure_ascii=False)
    assert _states(data) == ["held"]
