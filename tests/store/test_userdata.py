"""The user's own data: marks, bookmarks, positions, preferences, drafts and the outbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from store_factory import SOURCE

from madara_tui.models import CommentDraft, CommentState
from madara_tui.store import Store

DRAFT = CommentDraft(source=SOURCE, article_id=331201, author="نسرین", email="n@example.com",
                     text="به نظرم مرمت پل خوب انجام شد.")


def test_marks_bookmarks_positions_prefs(store: Store) -> None:
    assert not store.is_read(SOURCE, 1)
    store.mark_read(SOURCE, 1)
    store.mark_read(SOURCE, 1)
    assert store.is_read(SOURCE, 1)
    store.mark_read(SOURCE, 1, read=False)
    assert not store.is_read(SOURCE, 1)
    store.set_bookmark(SOURCE, 2, True)
    assert store.is_bookmarked(SOURCE, 2) and not store.is_bookmarked(SOURCE, 3)
    assert store.position(SOURCE, 2) == 0
    store.set_position(SOURCE, 2, 57)
    store.set_position(SOURCE, 2, 60)
    assert store.position(SOURCE, 2) == 60
    assert store.get_pref("theme") is None
    assert store.get_pref("theme", "nord") == "nord"
    store.set_pref("theme", "gruvbox")
    assert store.get_pref("theme") == "gruvbox"


def test_drafts_are_keyed_by_article_and_parent(store: Store) -> None:
    store.save_draft(DRAFT)
    reply = CommentDraft(source=SOURCE, article_id=331201, parent=77, text="پاسخ")
    store.save_draft(reply)
    assert store.draft(SOURCE, 331201) == DRAFT
    assert store.draft(SOURCE, 331201, parent=77) == reply
    assert store.draft(SOURCE, 331202) is None
    store.save_draft(CommentDraft(source=SOURCE, article_id=331201, parent=77))
    assert store.draft(SOURCE, 331201, parent=77) is None
    store.delete_draft(SOURCE, 331201)
    assert store.draft(SOURCE, 331201) is None


def test_enqueue_moves_the_draft_into_the_outbox(store: Store) -> None:
    store.save_draft(DRAFT)
    item = store.enqueue(DRAFT)
    assert item.state is CommentState.QUEUED
    assert item.draft == DRAFT
    assert item.attempts == 0
    assert store.draft(SOURCE, DRAFT.article_id) is None
    assert store.outbox() == [item]
    assert store.outbox([CommentState.QUEUED]) == [item]
    assert store.outbox([CommentState.UNKNOWN]) == []
    assert store.outbox([]) == []


def test_enqueue_is_one_transaction(store: Store) -> None:
    store.save_draft(DRAFT)
    # A failing outbox insert must leave the draft where it was.
    store._user.conn.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'full'); END"
    )
    with pytest.raises(Exception, match="full"):
        store.enqueue(DRAFT)
    assert store.draft(SOURCE, DRAFT.article_id) == DRAFT
    assert store.outbox() == []


def test_update_outbox_states_and_attempts(store: Store) -> None:
    item = store.enqueue(DRAFT)
    sending = store.update_outbox(item.id, CommentState.SENDING)
    assert (sending.state, sending.attempts) == (CommentState.SENDING, 1)
    later = datetime.now(UTC) + timedelta(seconds=60)
    wait = store.update_outbox(item.id, CommentState.TOO_FAST, message="آهسته‌تر",
                               not_before=later)
    assert (wait.state, wait.attempts, wait.message, wait.not_before) == (
        CommentState.TOO_FAST, 1, "آهسته‌تر", later)
    store.update_outbox(item.id, CommentState.SENDING)
    done = store.update_outbox(item.id, CommentState.HELD, comment_id=901)
    assert (done.state, done.attempts, done.comment_id, done.not_before) == (
        CommentState.HELD, 2, 901, None)
    assert done.draft == DRAFT  # the full text stays with the item
    assert store.outbox_item(item.id) == done
    with pytest.raises(KeyError):
        store.update_outbox(999, CommentState.SENDING)
    store.remove_outbox(item.id)
    assert store.outbox() == []


def test_sending_becomes_unknown_at_next_open(tmp_path: Path) -> None:
    with Store(tmp_path) as first:
        queued = first.enqueue(DRAFT)
        sending = first.enqueue(DRAFT)
        first.update_outbox(sending.id, CommentState.SENDING)
        assert first.recovered == 0
    with Store(tmp_path) as second:
        assert second.recovered == 1
        states = {item.id: item.state for item in second.outbox()}
        assert states == {queued.id: CommentState.QUEUED, sending.id: CommentState.UNKNOWN}
        assert second.recover_sending() == 0
