"""An article's thread as its reader's author sees it: the published comments and, like
WordPress shows a held comment to the person who wrote it, the user's own comments still
waiting for moderation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from madara_tui.models import Comment, CommentState, OutboxItem

if TYPE_CHECKING:
    from madara_tui.store import Store


def _as_comment(item: OutboxItem) -> Comment:
    draft = item.draft
    # Held items carry the site's comment id; a negative id can never clash with a real one.
    return Comment(id=item.comment_id or -item.id, post_id=draft.article_id, parent=draft.parent,
                   author=draft.author, date=item.created, text=draft.text,
                   author_url=draft.url, held=True)


def with_held(store: Store, source: str, article_id: int,
              published: Sequence[Comment]) -> list[Comment]:
    """`published` plus the user's comments on the article that the site holds for
    moderation. A held comment that now appears among `published` is recorded as PUBLISHED
    and shown once, as the site's."""
    seen = {comment.id for comment in published}
    held: list[Comment] = []
    for item in store.outbox([CommentState.HELD]):
        draft = item.draft
        if draft.source != source or draft.article_id != article_id:
            continue
        if item.comment_id is not None and item.comment_id in seen:
            store.update_outbox(item.id, CommentState.PUBLISHED, comment_id=item.comment_id)
            continue
        held.append(_as_comment(item))
    return [*published, *held]
