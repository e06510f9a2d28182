"""Sending comments: nothing lost, nothing sent twice.

The life of a comment (states are `models.CommentState`):

1. `send_comment(draft)` validates first; an invalid draft raises `InvalidDraft` and nothing is
   queued. Otherwise one transaction moves the draft into the outbox as QUEUED.
2. Online, the item is marked SENDING *before* the request goes out (the user database is
   synchronous=FULL), then the site's answer sets its state: PUBLISHED, HELD or DUPLICATE (the
   site has it), TOO_FAST (retried once `not_before` has passed), REJECTED or NOT_FOUND (final),
   or UNKNOWN (timeout or reset after the request left: it may have arrived).
   Offline — or when the connection cannot even be opened — it stays QUEUED.
3. Sending starts with a claim (`Store.claim_outbox`): one transaction moves the item from the
   state it was read in to SENDING, owned by this process's open store. A second process (two
   `outbox --send` at once, a `fetch` while `comment` waits) finds the state changed and sends
   nothing. A crash while SENDING leaves the row SENDING with an owner that is gone; the next
   store opened (or the next flush) turns it into UNKNOWN. A SENDING item whose owner still runs
   is left alone: it is being sent.

UNKNOWN is never resent blindly. `flush_outbox` resolves it like this:

a. Read the post's published comments from the site. A comment with the same parent, author and
   text (compared by letters and digits only, after the search normalization, so WordPress's
   paragraph and quote rewriting does not hide it) means it arrived: PUBLISHED.
b. If the comments cannot be read, the item stays UNKNOWN (nothing is sent) until a later flush.
c. Not found: it either never arrived or is held for moderation (held comments are invisible to
   visitors). Then it is resent exactly once in this flush. WordPress rejects a comment equal to
   one it already has — held ones included — with 409, so a resend of a comment that had arrived
   is answered 409: DUPLICATE, a success. A 302 means it had not arrived and now has. WordPress
   checks duplicates before the flood limit, so a 429 also proves it had not arrived: TOO_FAST,
   retried as any other. Another timeout leaves it UNKNOWN for the next flush, which starts
   again at (a). The site's duplicate check is what makes that single resend safe.

REJECTED keeps the words twice over: the item stays in the outbox with the site's message (so
`madara-tui outbox` and the outbox view show what was refused and why; it is never retried,
since the same text would be refused again), and its text goes back to the article's draft
unless the user has already started a newer one there, so the comment form reopens with it for
fixing. Sending the fixed draft makes a new outbox item.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from madara_tui.client.errors import FetchError, HTTPStatus, InsecureEmail, Offline
from madara_tui.config import Config
from madara_tui.messages import msg
from madara_tui.models import (
    Article,
    Comment,
    CommentDraft,
    CommentForm,
    CommentState,
    OutboxItem,
    PostResult,
)
from madara_tui.service.errors import ArticleNotFound, is_unreachable
from madara_tui.text import search_key

if TYPE_CHECKING:
    from madara_tui.client.http import Fetcher
    from madara_tui.client.wordpress import WordPressSite
    from madara_tui.store import Store

DEFAULT_FLOOD_WAIT = 20.0
"""Seconds to wait after a 429 that did not say how long (WordPress's default is 15 s)."""

RETRIED = (CommentState.QUEUED, CommentState.TOO_FAST, CommentState.UNKNOWN)
"""States `flush_outbox` looks at."""


def _now() -> datetime:
    return datetime.now(UTC)


def _match_key(text: str) -> str:
    return "".join(ch for ch in search_key(text) if ch.isalnum())


def find_same_comment(comments: Sequence[Comment], draft: CommentDraft) -> Comment | None:
    """The published comment that is `draft` (same parent, author and text), if any."""
    author, text = _match_key(draft.author), _match_key(draft.text)
    for comment in comments:
        if (comment.parent == draft.parent and _match_key(comment.author) == author
                and _match_key(comment.text) == text):
            return comment
    return None


def site_base(form: CommentForm, fallback: str) -> str:
    """The WordPress site a form posts to (its action without `/wp-comments-post.php`)."""
    suffix = "/wp-comments-post.php"
    return form.action[: -len(suffix)] if form.action.endswith(suffix) else fallback


class ArticleDoor(Protocol):
    """What the outbox needs from the service: the article use cases and the shared sense of
    whether the site can be reached. (A protocol, so this module never imports the service.)"""

    config: Config
    store: Store
    fetcher: Fetcher | None

    @property
    def offline(self) -> bool:
        """True when nothing should wait on the network."""
        ...

    def note_unreachable(self) -> None:
        """Record that the site could not be reached."""
        ...

    async def complete_article(self, source: str, article_id: int) -> Article:
        """The article completed from its page (the cached one when the site is unreachable)."""
        ...

    async def load_comments(self, source: str, article_id: int) -> list[Comment]:
        """The article's published comments, read from the site and cached."""
        ...

    def site(self, base_url: str) -> WordPressSite:
        """The one client of the WordPress site at `base_url`."""
        ...


class Outbox:
    """The outbox use cases over the service's articles (see the module docstring)."""

    def __init__(self, articles: ArticleDoor) -> None:
        self._svc = articles
        self._flush_lock = asyncio.Lock()

    async def _set(self, item: OutboxItem, state: CommentState, *, message: str = "",
                   comment_id: int | None = None, not_before: datetime | None = None,
                   held_link: str | None = None) -> OutboxItem:
        updated: OutboxItem = await asyncio.to_thread(
            self._svc.store.update_outbox, item.id, state, message=message,
            comment_id=comment_id, not_before=not_before, held_link=held_link)
        return updated

    async def _form(self, item: OutboxItem) -> CommentForm | None:
        """A fresh comment form from the article page (nonces and anti-spam fields may change),
        falling back to the cached one; None when comments are closed."""
        draft = item.draft
        try:
            article = await self._svc.complete_article(draft.source, draft.article_id)
        except FetchError:
            if self._svc.offline:
                raise
            cached = await asyncio.to_thread(self._svc.store.article, draft.source,
                                             draft.article_id)
            if cached is None or cached.form is None:
                raise
            return cached.form
        if self._svc.offline:
            # complete_article fell back to the cache because the site could not be reached.
            raise Offline(draft.source, "the site could not be reached")
        return article.form if article.comments_open else None

    async def deliver(self, item: OutboxItem) -> OutboxItem:
        """Post one QUEUED/TOO_FAST item and store the outcome (offline: unchanged)."""
        if self._svc.offline:
            return item
        try:
            form = await self._form(item)
        except FetchError as exc:
            return await self._form_failed(item, exc)
        except ArticleNotFound as exc:
            return await self._set(item, CommentState.NOT_FOUND, message=exc.message(
                self._svc.config.lang))
        return await self._post(item, form)

    async def _form_failed(self, item: OutboxItem, exc: FetchError) -> OutboxItem:
        lang = self._svc.config.lang
        if isinstance(exc, HTTPStatus) and exc.status in (404, 410):
            return await self._set(item, CommentState.NOT_FOUND, message=exc.message(lang))
        if is_unreachable(exc):
            self._svc.note_unreachable()
        # Nothing was posted: the item keeps its state and is tried again later.
        return await self._set(item, item.state, message=exc.message(lang),
                               not_before=item.not_before)

    async def _post(self, item: OutboxItem, form: CommentForm | None) -> OutboxItem:
        svc, lang = self._svc, self._svc.config.lang
        if form is None:
            return await self._rejected(item, msg("comments_closed", lang))
        assert svc.fetcher is not None  # not offline
        # Imported on use: the reader starting offline never loads the posting client.
        from madara_tui.client.comments import post_comment

        claimed = await asyncio.to_thread(svc.store.claim_outbox, item.id, item.state)
        if claimed is None:
            # Another process sent it, or is sending it now (see `Store.claim_outbox`).
            current = await asyncio.to_thread(svc.store.outbox_item, item.id)
            return current if current is not None else item
        try:
            result = await post_comment(svc.fetcher, form, item.draft,
                                        allow_insecure_email=svc.config.allow_insecure_email)
        except InsecureEmail as exc:
            # Refused on our side before anything was sent. Retrying cannot help until the user
            # allows it, so it is treated like a refusal: the text goes back to the draft.
            return await self._rejected(item, exc.message(lang))
        except FetchError as exc:
            if not is_unreachable(exc):
                # The request may have left before the failure: it may have arrived.
                result = PostResult(CommentState.UNKNOWN, message=exc.message(lang))
                return await self._apply(item, result)
            # The connection never opened, so the comment did not leave.
            svc.note_unreachable()
            return await self._set(item, item.state, message=exc.message(lang),
                                   not_before=item.not_before)
        return await self._apply(item, result)

    async def _apply(self, item: OutboxItem, result: PostResult) -> OutboxItem:
        lang = self._svc.config.lang
        if result.state is CommentState.REJECTED:
            return await self._rejected(item, result.message or msg("comment_rejected", lang))
        not_before = None
        if result.state is CommentState.TOO_FAST:
            not_before = _now() + timedelta(seconds=result.retry_after or DEFAULT_FLOOD_WAIT)
        # WordPress's address for a held comment shows it to its author: kept, so a later
        # look can tell a comment still held from one the site dropped (service.thread).
        held_link = (result.location if result.state is CommentState.HELD
                     and result.comment_id is not None else None)
        updated = await self._set(item, result.state, message=result.message,
                                  comment_id=result.comment_id, not_before=not_before,
                                  held_link=held_link)
        if result.state is CommentState.PUBLISHED:
            await self._refresh_comments(item.draft)
        return updated

    async def _rejected(self, item: OutboxItem, message: str) -> OutboxItem:
        draft = item.draft
        store = self._svc.store
        current = await asyncio.to_thread(store.draft, draft.source, draft.article_id, draft.parent)
        if current is None or not current.text.strip():
            await asyncio.to_thread(store.save_draft, draft)
        return await self._set(item, CommentState.REJECTED, message=message)

    async def _refresh_comments(self, draft: CommentDraft) -> None:
        try:
            await self._svc.load_comments(draft.source, draft.article_id)
        except FetchError:
            return  # the comment is safe on the site; the cached list catches up next time

    async def resolve_unknown(self, item: OutboxItem) -> OutboxItem:
        """Step (a)–(c) of the module docstring for one UNKNOWN item."""
        svc, lang = self._svc, self._svc.config.lang
        assert svc.fetcher is not None
        draft = item.draft
        try:
            form = await self._form(item)
            base = site_base(form, draft.source) if form is not None else draft.source
            comments = await svc.site(base).comments(draft.article_id)
        except ArticleNotFound as exc:
            return await self._set(item, CommentState.NOT_FOUND, message=exc.message(lang))
        except FetchError as exc:
            if is_unreachable(exc):
                svc.note_unreachable()
            # Could not look: stay UNKNOWN, send nothing.
            return await self._set(item, CommentState.UNKNOWN, message=exc.message(lang))
        found = find_same_comment(comments, draft)
        if found is not None:
            await asyncio.to_thread(svc.store.replace_comments, draft.source,
                                    draft.article_id, comments)
            return await self._set(item, CommentState.PUBLISHED, comment_id=found.id)
        return await self._post(item, form)

    async def flush(self) -> list[OutboxItem]:
        """Send what is due: QUEUED items, TOO_FAST ones whose wait is over, and UNKNOWN ones
        through `resolve_unknown`. Returns the items whose state changed."""
        async with self._flush_lock:
            svc = self._svc
            if svc.offline:
                return []
            # A send another process left unfinished (it crashed meanwhile) is UNKNOWN now.
            await asyncio.to_thread(svc.store.recover_sending)
            items: list[OutboxItem] = await asyncio.to_thread(svc.store.outbox, list(RETRIED))
            changed: list[OutboxItem] = []
            now = _now()
            for item in sorted(items, key=lambda i: i.id):
                if svc.offline:
                    break
                if (item.state is CommentState.TOO_FAST and item.not_before is not None
                        and item.not_before > now):
                    continue
                if item.state is CommentState.UNKNOWN:
                    after = await self.resolve_unknown(item)
                else:
                    after = await self.deliver(item)
                if after.state is not item.state:
                    changed.append(after)
                if after.state is CommentState.TOO_FAST:
                    break  # the site's flood limit holds for the next comment too
            return changed
