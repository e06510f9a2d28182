"""An article's thread as its reader's author sees it: the published comments and, like
WordPress shows a held comment to the person who wrote it, the user's own comments still
waiting for moderation."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from madara_tui.client.errors import FetchError
from madara_tui.models import Comment, CommentState, OutboxItem
from madara_tui.records import replace

if TYPE_CHECKING:
    from madara_tui.client.http import Fetcher
    from madara_tui.store import Store

HELD_LINK_LIFE = timedelta(minutes=9)
"""How long after posting the site's held-comment address is asked: WordPress shows the
comment through it for ten minutes (then it shows nothing, held or not); a minute is kept
for the request's own time."""


def _as_comment(item: OutboxItem) -> Comment:
    draft = item.draft
    # Held items carry the site's comment id; a negative id can never clash with a real one.
    return Comment(id=item.comment_id or -item.id, post_id=draft.article_id, parent=draft.parent,
                   author=draft.author, date=item.created, text=draft.text,
                   author_url=draft.url, held=True)


def with_held(store: Store, source: str, article_id: int,
              published: Sequence[Comment], dropped: Sequence[OutboxItem] = ()) -> list[Comment]:
    """`published` plus the user's comments on the article that the site holds for
    moderation, and the `dropped` ones (marked, shown this once). A held comment that now
    appears among `published` is recorded as PUBLISHED and shown once, as the site's."""
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
    gone = [replace(_as_comment(item), held=False, dropped=True) for item in dropped]
    return [*published, *held, *gone]


async def find_dropped(store: Store, fetcher: Fetcher, source: str, article_id: int,
                       published: Sequence[Comment]) -> list[OutboxItem]:
    """The user's held comments on the article that the site has dropped (deleted or marked
    spam), now recorded DROPPED. `published` is the site's approved list, just read.

    A held comment missing from it is looked for where WordPress shows it to its author (the
    address it answered the post with). Gone from there too, the site dropped it. That
    address works only in the first minutes (`HELD_LINK_LIFE`); later, or when the site
    cannot be asked, the comment stays held: never called dropped without the site's word."""
    from madara_tui.client.comments import held_comment_shown

    seen = {comment.id for comment in published}
    now = datetime.now(UTC)
    dropped: list[OutboxItem] = []
    for item in await asyncio.to_thread(store.outbox, [CommentState.HELD]):
        draft = item.draft
        if (draft.source != source or draft.article_id != article_id or not item.held_link
                or item.comment_id is None or item.comment_id in seen
                or now - item.updated > HELD_LINK_LIFE):
            continue
        try:
            shown = await held_comment_shown(fetcher, item.held_link, source, article_id,
                                             item.comment_id)
        except FetchError:
            continue  # no word from the site: still held
        if shown is False:
            dropped.append(await asyncio.to_thread(
                store.update_outbox, item.id, CommentState.DROPPED,
                comment_id=item.comment_id))
    return dropped
