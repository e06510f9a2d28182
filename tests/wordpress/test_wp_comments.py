"""Posting comments to a real WordPress: every outcome it really gives, each checked against its
database.

WordPress allows one comment per 15 s from one address (all of ours come from 127.0.0.1).
Rather than sleep, a test that needs a clean slate moves the earlier comments an hour back in
the database (`age_comments`); the «too fast» test posts twice within the limit on purpose.
"""

from __future__ import annotations

from typing import Any

import pytest
from wp_cli import WpCli
from wp_server import WordPressServer

from madara_tui.client import Fetcher, WordPressSite, post_comment
from madara_tui.client.validators import Validators
from madara_tui.config import Config
from madara_tui.models import CommentDraft, CommentForm, CommentState
from madara_tui.service import Service
from madara_tui.store import Store

REST_CLOSED = {"rest": "closed_401"}
PUBLISHING = {"comment_moderation": False, "comment_previously_approved": False}
"""Moderation off and no «previously approved author» rule: a new reader's comment is published."""


def _rows(wp: WordPressServer, key: str, text: str) -> list[dict[str, str]]:
    return [dict(c) for c in wp.comments_of(wp.ids[key]) if c["content"] == text]


def _comment(cli: WpCli, wp: WordPressServer, key: str, text: str,
             email: str = "khanande@example.org") -> Any:
    return cli("--lang", "en", "comment", str(wp.ids[key]), "--name", "خواننده آزمون",
               "--email", email, stdin=text)


@pytest.mark.parametrize("switches", [
    {}, REST_CLOSED, {"permalink_structure": "", **REST_CLOSED},
    {"theme": "twentytwentyone", "akismet": True}])
def test_a_new_readers_comment_is_held(wp: WordPressServer, cli: WpCli,
                                       switches: dict[str, Any]) -> None:
    """WordPress holds a first-time author's comment (its default); readers don't see it."""
    wp.configure(**switches)
    wp.age_comments()
    text = f"دیدگاه آزمایشی در پیکربندی {sorted(switches)}"
    sent = _comment(cli, wp, "newest", text)
    assert sent.status == 0, sent.err
    assert "held" in sent.out
    assert [r["approved"] for r in _rows(wp, "newest", text)] == ["0"]
    shown = cli("comments", str(wp.ids["newest"]), "--json").json()["comments"]
    assert text not in [c["text"] for c in shown]


def test_published_then_duplicate(wp: WordPressServer, cli: WpCli) -> None:
    wp.configure(**PUBLISHING)
    wp.age_comments()
    text = "این دیدگاه باید بی‌درنگ منتشر شود."
    first = _comment(cli, wp, "p14", text)
    assert first.status == 0 and "published" in first.out, first.err
    assert [r["approved"] for r in _rows(wp, "p14", text)] == ["1"]
    shown = cli("comments", str(wp.ids["p14"]), "--json").json()["comments"]
    assert shown[-1]["text"] == text and shown[-1]["parent"] == 0
    again = _comment(cli, wp, "p14", text)  # same post, author, email and text: 409
    assert again.status == 0 and "already" in again.out.lower(), (again.out, again.err)
    assert len(_rows(wp, "p14", text)) == 1


def test_too_fast(wp: WordPressServer, cli: WpCli) -> None:
    """Two comments within WordPress's 15 s: the second is refused with 429 and stays queued."""
    wp.configure(**PUBLISHING)
    wp.age_comments()
    first = _comment(cli, wp, "p10", "نخستین دیدگاه پشت سر هم")
    assert first.status == 0, first.err
    second = _comment(cli, wp, "p10", "دومین دیدگاه پشت سر هم", email="digari@example.org")
    assert second.status == 1, second.out
    assert "too fast" in second.err.lower() or "wait" in second.err.lower(), second.err
    assert [r["content"] for r in wp.comments_of(wp.ids["p10"])] == ["نخستین دیدگاه پشت سر هم"]
    queued = cli("outbox", "--json").json()
    assert [i["state"] for i in queued["outbox"]] == ["too_fast"]


def test_an_email_wordpress_refuses_gives_its_message(wp: WordPressServer, cli: WpCli) -> None:
    """Our check passes it, WordPress's `is_email` does not (a domain starting with a hyphen):
    its answer is a 200 error page, read as a refusal with WordPress's own message."""
    wp.age_comments()
    text = "دیدگاهی با نشانی نادرست"
    sent = _comment(cli, wp, "p11", text, email="khanande@-bad.example")
    assert sent.status == 1
    assert "valid email" in sent.err, sent.err
    assert _rows(wp, "p11", text) == []


async def _post_raw(wp: WordPressServer, post_id: int, text: str) -> CommentState:
    """Post through the form of an open post's page, aimed at `post_id`."""
    async with Fetcher() as fetcher:
        page = await WordPressSite(fetcher, wp.url).article_page(f"{wp.url}/?p={wp.ids['p12']}")
        assert page.form is not None
        form = CommentForm(page.form.action, post_id, page.form.hidden, page.form.required,
                           page.form.fields)
        draft = CommentDraft(wp.url, post_id, author="خواننده آزمون",
                             email="khanande@example.org", text=text)
        result = await post_comment(fetcher, form, draft, allow_insecure_email=True)
    return result.state


async def test_comments_closed_and_unknown_post(wp: WordPressServer) -> None:
    """A post with comments closed answers 403 with an error page; a post that does not exist
    an empty 200. Nothing reaches the database."""
    wp.age_comments()
    assert await _post_raw(wp, wp.ids["closed"], "دیدگاه برای خبر بسته") is CommentState.REJECTED
    assert wp.comments_of(wp.ids["closed"]) == []
    missing = int(wp.sql("SELECT MAX(ID) + 1000 FROM wp_posts")[0][0])
    assert await _post_raw(wp, missing, "دیدگاه برای خبر ناموجود") is CommentState.NOT_FOUND
    assert wp.comments_of(missing) == []


@pytest.mark.parametrize("theme", ["twentytwentythree", "twentytwentyone"])
@pytest.mark.parametrize("akismet", [False, True])
async def test_the_form_is_read_with_its_hidden_fields(wp: WordPressServer, akismet: bool,
                                                       theme: str) -> None:
    """Every hidden input is sent back (Akismet adds `ak_js` and the `ak_hp_textarea` honeypot);
    a post with comments closed has no form."""
    wp.configure(akismet=akismet, theme=theme)
    async with Fetcher() as fetcher:
        site = WordPressSite(fetcher, wp.url)
        page = await site.article_page(f"{wp.url}/?p={wp.ids['p13']}")
        closed = await site.article_page(f"{wp.url}/?p={wp.ids['closed']}")
    assert page.form is not None and page.comments_open
    names = [name for name, _value in page.form.hidden]
    assert ("comment_post_ID", str(wp.ids["p13"])) in page.form.hidden
    assert ("ak_js" in names and "ak_hp_textarea" in names) is akismet
    assert closed.form is None and not closed.comments_open


@pytest.mark.parametrize("moderator", ["delete", "spam", "trash"])
async def test_a_held_comment_the_site_drops_is_recorded_dropped(
        wp: WordPressServer, cli: WpCli, moderator: str) -> None:
    """Moderation on: the comment is held, and the reader keeps WordPress's address for it
    (`?unapproved=N&moderation-hash=H`). While it is held, that address shows it; once the
    moderator deletes it, marks it spam or trashes it, it shows nothing, and the reader
    records the comment DROPPED."""
    wp.configure(comment_moderation=True)
    wp.age_comments()
    config = Config(site=wp.url, data_dir=cli.data_dir, allow_insecure_email=True)
    post = wp.ids["p13"]
    text = f"دیدگاهی برای بررسی مدیر ({moderator})"
    with Store(cli.data_dir) as store:
        async with Fetcher(validators=Validators(), deadline=20.0) as fetcher:
            service = Service(config, store, fetcher)
            item = await service.send_comment(CommentDraft(
                wp.url, post, author="خواننده آزمون", email="khanande@example.org", text=text))
            assert item.state is CommentState.HELD and item.comment_id, item
            assert [r["approved"] for r in _rows(wp, "p13", text)] == ["0"]
            assert f"unapproved={item.comment_id}" in item.held_link
            thread = await service.thread(wp.url, post)
            assert [c.id for c in thread if c.held] == [item.comment_id]
            assert store.outbox_item(item.id).state is CommentState.HELD  # type: ignore[union-attr]
            change = {"delete": f"DELETE FROM wp_comments WHERE comment_ID = {item.comment_id}",
                      "spam": "UPDATE wp_comments SET comment_approved = 'spam' "
                              f"WHERE comment_ID = {item.comment_id}",
                      "trash": "UPDATE wp_comments SET comment_approved = 'trash' "
                               f"WHERE comment_ID = {item.comment_id}"}[moderator]
            wp.sql(change)
            thread = await service.thread(wp.url, post)
            assert [(c.id, c.dropped) for c in thread if c.text == text] == [
                (item.comment_id, True)]
            after = store.outbox_item(item.id)
            assert after is not None and after.state is CommentState.DROPPED
            again = await service.thread(wp.url, post)
            assert item.comment_id not in {c.id for c in again}
