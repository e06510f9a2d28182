"""Posting comments to the demo site: every outcome WordPress can give, read from real answers."""

from __future__ import annotations

import socket

import httpx
import pytest

from madara_tui.client import Fetcher, InsecureEmail, Refused, WordPressSite, post_comment
from madara_tui.demo import DemoSite
from madara_tui.models import CommentDraft, CommentForm, CommentState


async def form_of(demo: DemoSite, fetcher: Fetcher, *, open_: bool = True) -> CommentForm:
    article = next(a for a in demo.content.articles if a.comments_open is open_)
    page = await WordPressSite(fetcher, demo.url).article_page(f"{demo.url}/?p={article.id}")
    if page.form is None:  # a closed post shows no form: build the one a stale page had
        return CommentForm(f"{demo.url}/wp-comments-post.php", article.id)
    return page.form


def draft(form: CommentForm, text: str, email: str = "reader@example.com") -> CommentDraft:
    return CommentDraft(demo_source, form.post_id, "خواننده", email, "", text)


demo_source = "demo"


async def test_held_then_duplicate(demo: DemoSite, fetcher: Fetcher) -> None:
    form = await form_of(demo, fetcher)
    first = await post_comment(fetcher, form, draft(form, "این خبر برای محله ما خیلی مهم بود."))
    assert first.state is CommentState.HELD and first.comment_id
    posted = dict(demo.posted[-1].form)
    for name, value in form.hidden:
        if name not in ("comment_post_ID", "comment_parent"):
            assert posted[name] == value  # every hidden input went back
    assert posted["comment"] == "این خبر برای محله ما خیلی مهم بود."
    again = await post_comment(fetcher, form, draft(form, "این خبر برای محله ما خیلی مهم بود."))
    assert again.state is CommentState.DUPLICATE


async def test_published_for_a_known_commenter(demo: DemoSite, fetcher: Fetcher) -> None:
    form = await form_of(demo, fetcher)
    known = next(c.email for c in demo.content.comments if c.approved and c.email)
    result = await post_comment(fetcher, form, draft(form, "ممنون از گزارش دقیق.", known))
    assert result.state is CommentState.PUBLISHED and result.comment_id
    comments = await WordPressSite(fetcher, demo.url).comments(form.post_id)
    assert result.comment_id in {c.id for c in comments}


async def test_too_fast(demo: DemoSite, fetcher: Fetcher) -> None:
    demo.flood_interval = 60
    form = await form_of(demo, fetcher)
    await post_comment(fetcher, form, draft(form, "دیدگاه نخست"))
    result = await post_comment(fetcher, form, draft(form, "دیدگاه دوم بلافاصله"))
    assert result.state is CommentState.TOO_FAST
    assert result.retry_after is not None and result.retry_after > 0


async def test_rejected_with_the_sites_message(demo: DemoSite, fetcher: Fetcher) -> None:
    form = await form_of(demo, fetcher)
    result = await post_comment(fetcher, form, draft(form, "متن", email="not-an-email"))
    assert result.state is CommentState.REJECTED
    assert result.message and not result.message.startswith("خطا")
    assert "\n" not in result.message and "<" not in result.message


async def test_closed_post_is_rejected(demo: DemoSite, fetcher: Fetcher) -> None:
    form = await form_of(demo, fetcher, open_=False)
    result = await post_comment(fetcher, form, draft(form, "دیدگاه روی خبر بسته"))
    assert result.state is CommentState.REJECTED and result.message
    assert demo.posted[-1].status == 403


async def test_unknown_post_is_not_found(demo: DemoSite, fetcher: Fetcher) -> None:
    form = CommentForm(f"{demo.url}/wp-comments-post.php", 999_999_999)
    result = await post_comment(fetcher, form, draft(form, "دیدگاه برای خبری که نیست"))
    assert result.state is CommentState.NOT_FOUND


async def test_stall_after_sending_is_unknown(demo: DemoSite, fetcher: Fetcher) -> None:
    form = await form_of(demo, fetcher)
    demo.set_fault("stall", path_prefix="/wp-comments-post.php")
    result = await post_comment(fetcher, form, draft(form, "شاید رسیده باشد"))
    assert result.state is CommentState.UNKNOWN and result.message


@pytest.mark.parametrize("fault", ["reset", "truncate"])
async def test_broken_body_after_a_complete_redirect_keeps_the_outcome(
    demo: DemoSite, fetcher: Fetcher, fault: str
) -> None:
    # The connection breaks in the body, after the 302 and its Location arrived whole.
    form = await form_of(demo, fetcher)
    demo.set_fault(fault, path_prefix="/wp-comments-post.php")
    result = await post_comment(fetcher, form, draft(form, "پاسخ کامل رسید"))
    assert result.state is CommentState.HELD and result.comment_id


async def test_reset_before_the_answer_is_unknown(demo: DemoSite) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.")

    form = CommentForm(f"{demo.url}/wp-comments-post.php", 5)
    transport = httpx.MockTransport(handler)
    async with Fetcher(transport=transport, trust_env=False) as fetcher:
        result = await post_comment(fetcher, form, draft(form, "شاید رسیده باشد"))
    assert result.state is CommentState.UNKNOWN and result.message


async def test_refused_before_sending_raises(fetcher: Fetcher) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    form = CommentForm(f"http://127.0.0.1:{port}/wp-comments-post.php", 5)
    with pytest.raises(Refused) as info:
        await post_comment(fetcher, form, draft(form, "در صف می‌ماند"))
    assert not info.value.request_sent


async def test_email_over_plain_http_to_a_remote_host_is_refused(fetcher: Fetcher) -> None:
    form = CommentForm("http://news.example.org/wp-comments-post.php", 5)
    with pytest.raises(InsecureEmail):
        await post_comment(fetcher, form, draft(form, "متن"))
