"""Every comment outcome through the service, and the UNKNOWN resolution, over the demo site."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from service_env import TRUSTED_EMAIL, Env

from madara_tui.demo import DemoSite
from madara_tui.models import CommentDraft, CommentState
from madara_tui.service import InvalidDraft
from madara_tui.store import Store


def _draft(site: DemoSite, article: int = 331201, *, email: str = "new.reader@example.com",
           text: str = "دیدگاهی تازه دربارهٔ این خبر؛ ممنون از گزارش.") -> CommentDraft:
    return CommentDraft(source=site.url, article_id=article, author="نگار", email=email,
                        text=text)


def _arrivals(site: DemoSite, text: str) -> int:
    """How many times the site stored this text (published or held)."""
    return sum(1 for p in site.posted
               if p.outcome in ("published", "held") and ("comment", text) in p.form)


async def test_published_appears_in_comments(env: Env, site: DemoSite) -> None:
    service = env.service()
    draft = _draft(site, email=TRUSTED_EMAIL, text="این خبر را با دقت خواندم؛ عالی بود.")
    item = await service.send_comment(draft)
    assert item.state is CommentState.PUBLISHED and item.comment_id
    comments = service.store.comments(site.url, 331201)
    assert any(c.id == item.comment_id for c in comments)
    assert service.store.draft(site.url, 331201) is None  # moved to the outbox, then sent


async def test_held_then_duplicate(env: Env, site: DemoSite) -> None:
    service = env.service()
    held = await service.send_comment(_draft(site))
    assert held.state is CommentState.HELD and held.comment_id
    again = await service.send_comment(_draft(site))
    assert again.state is CommentState.DUPLICATE
    assert _arrivals(site, _draft(site).text) == 1


async def test_too_fast_waits_then_is_sent_by_flush(env: Env, site: DemoSite) -> None:
    site.flood_interval = 15.0
    service = env.service()
    first = await service.send_comment(_draft(site, text="نخستین دیدگاه"))
    assert first.state is CommentState.HELD
    second = await service.send_comment(_draft(site, text="دومین دیدگاه، بی‌درنگ"))
    assert second.state is CommentState.TOO_FAST
    assert second.not_before is not None and second.not_before > datetime.now(UTC)
    assert await service.flush_outbox() == []  # still waiting: nothing sent
    site.flood_interval = 0.0
    service.store.update_outbox(second.id, CommentState.TOO_FAST,
                                not_before=datetime.now(UTC) - timedelta(seconds=1))
    (sent,) = await service.flush_outbox()
    assert sent.id == second.id and sent.state is CommentState.HELD


async def test_rejected_by_the_site_keeps_the_text(env: Env, site: DemoSite) -> None:
    service = env.service()
    # WordPress's is_email() allows at most 64 characters before the @; the form check here is
    # laxer, so the site itself refuses it with its error page.
    draft = _draft(site, email="a" * 70 + "@example.com", text="متنی که نباید گم شود")
    item = await service.send_comment(draft)
    assert item.state is CommentState.REJECTED
    assert "ایمیل" in item.message  # the site's own (cleaned) message
    assert service.store.draft(site.url, 331201) == draft  # back in the form for fixing
    assert [i.id for i in await service.outbox()] == [item.id]
    assert await service.flush_outbox() == []  # never retried as is


async def test_comments_closed_is_rejected_without_posting(env: Env, site: DemoSite) -> None:
    service = env.service()
    item = await service.send_comment(_draft(site, 331214))
    assert item.state is CommentState.REJECTED and item.message
    assert not site.posted


async def test_invalid_draft_is_not_queued(env: Env, site: DemoSite) -> None:
    service = env.service()
    with pytest.raises(InvalidDraft) as caught:
        await service.send_comment(_draft(site, email="not-an-email"))
    assert "email_invalid" in caught.value.errors
    assert "ایمیل" in caught.value.message("fa")
    assert service.store.outbox() == []


async def test_queued_offline_then_sent_by_the_next_refresh(env: Env, site: DemoSite) -> None:
    offline = env.service(offline=True)
    queued = await offline.send_comment(_draft(site, text="نوشته در مترو، بی‌اینترنت"))
    assert queued.state is CommentState.QUEUED
    assert not site.posted
    online = env.service()
    report = await online.refresh()
    assert [(i.id, i.state) for i in report.outbox] == [(queued.id, CommentState.HELD)]
    assert _arrivals(site, "نوشته در مترو، بی‌اینترنت") == 1


async def test_unknown_that_was_published_is_found_not_resent(env: Env, site: DemoSite) -> None:
    service = env.service()
    text = "پاسخ رسید ولی برنامه آن را نشنید"
    item = await service.send_comment(_draft(site, email=TRUSTED_EMAIL, text=text))
    assert item.state is CommentState.PUBLISHED
    service.store.update_outbox(item.id, CommentState.UNKNOWN)  # as if the answer was lost
    posts_before = len(site.posted)
    (resolved,) = await service.flush_outbox()
    assert resolved.state is CommentState.PUBLISHED and resolved.comment_id == item.comment_id
    assert len(site.posted) == posts_before  # found on the site: nothing sent again


async def test_unknown_that_was_held_is_resent_once_and_409_means_arrived(
        env: Env, site: DemoSite) -> None:
    service = env.service()
    text = "در صف بررسی است و دیده نمی‌شود"
    item = await service.send_comment(_draft(site, text=text))
    assert item.state is CommentState.HELD
    service.store.update_outbox(item.id, CommentState.UNKNOWN)
    (resolved,) = await service.flush_outbox()
    assert resolved.state is CommentState.DUPLICATE
    assert [p.outcome for p in site.posted] == ["held", "duplicate"]
    assert _arrivals(site, text) == 1
    assert await service.flush_outbox() == []  # settled: no more sends


async def test_unknown_that_never_arrived_is_sent(env: Env, site: DemoSite) -> None:
    service = env.service()
    text = "این یکی هرگز به سایت نرسید"
    queued = service.store.enqueue(_draft(site, text=text))
    with Store(env.data_dir) as crashed:  # a process that died while sending
        crashed.update_outbox(queued.id, CommentState.SENDING)
    service.store.recover_sending()  # what the next start does
    assert service.store.outbox()[0].state is CommentState.UNKNOWN
    (resolved,) = await service.flush_outbox()
    assert resolved.state is CommentState.HELD
    assert _arrivals(site, text) == 1


async def test_a_held_comment_the_site_drops_is_recorded_dropped(env: Env,
                                                                 site: DemoSite) -> None:
    service = env.service()
    kept = await service.send_comment(_draft(site, text="این یکی در صف بررسی می‌ماند"))
    gone = await service.send_comment(_draft(site, text="این یکی را مدیر سایت پاک می‌کند"))
    for item in (kept, gone):
        assert item.state is CommentState.HELD and item.comment_id
        assert f"unapproved={item.comment_id}&moderation-hash=" in item.held_link
    thread = await service.thread(site.url, 331201)
    assert {c.id for c in thread if c.held} == {kept.comment_id, gone.comment_id}
    assert gone.comment_id is not None
    site.book.drop(gone.comment_id)
    thread = await service.thread(site.url, 331201)
    # Said once, in its place: the thread has it marked, the outbox keeps its words.
    assert [(c.id, c.held, c.dropped) for c in thread if c.id in (kept.comment_id,
                                                                   gone.comment_id)] == [
        (kept.comment_id, True, False), (gone.comment_id, False, True)]
    after = service.store.outbox_item(gone.id)
    assert after is not None and after.state is CommentState.DROPPED
    assert after.draft.text == gone.draft.text
    assert gone.id in [i.id for i in await service.outbox()]
    again = await service.thread(site.url, 331201)
    assert gone.comment_id not in {c.id for c in again}
    assert kept.comment_id in {c.id for c in again if c.held}
    # A dropped comment is final: nothing resends it.
    assert await service.flush_outbox() == []
    assert _arrivals(site, gone.draft.text) == 1


async def test_a_held_comment_is_never_called_dropped_without_the_sites_word(
        env: Env, site: DemoSite, monkeypatch: pytest.MonkeyPatch) -> None:
    from madara_tui.service import thread as thread_module

    service = env.service()
    held = await service.send_comment(_draft(site, text="دیدگاهی که دیرتر بررسی می‌شود"))
    assert held.comment_id is not None
    site.book.drop(held.comment_id)
    # The held address is past WordPress's ten minutes: it shows nothing either way, so the
    # comment stays held rather than be called dropped on no evidence.
    monkeypatch.setattr(thread_module, "HELD_LINK_LIFE", timedelta(0))
    thread = await service.thread(site.url, 331201)
    assert held.comment_id in {c.id for c in thread if c.held}
    monkeypatch.undo()
    # A held address on another host than the site's is never followed.
    assert "//127.0.0.1:" in held.held_link
    service.store.update_outbox(held.id, CommentState.HELD, comment_id=held.comment_id,
                                held_link=held.held_link.replace("127.0.0.1", "localhost"))
    thread = await service.thread(site.url, 331201)
    assert held.comment_id in {c.id for c in thread if c.held}
    assert service.store.outbox_item(held.id).state is CommentState.HELD  # type: ignore[union-attr]
    # The site cannot be reached: no verdict either.
    service.store.update_outbox(held.id, CommentState.HELD, comment_id=held.comment_id,
                                held_link=held.held_link)
    site.stop()
    thread = await service.thread(site.url, 331201)
    assert held.comment_id in {c.id for c in thread if c.held}
