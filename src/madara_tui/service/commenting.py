"""`Commenting`: the use cases of writing a comment — the draft saved as it is typed, the
fields the site requires, sending (one cleaning, one validation) and the outbox — for the
reader's comment form and `madara-tui comment` alike. Part of `Service`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from madara_tui.models import SITE_TOOK_IT, CommentDraft, CommentState, OutboxItem
from madara_tui.service.drafts import DEFAULT_DELAY, DraftSaver, SaveProblem, clean_draft
from madara_tui.service.errors import InvalidDraft
from madara_tui.service.library import Library

if TYPE_CHECKING:
    from madara_tui.service.outbox import Outbox

DEFAULT_REQUIRED = frozenset({"author", "email", "comment"})
"""WordPress's default required comment fields, used until the article page says otherwise."""


class Commenting(Library):
    """The comment use cases of `Service` (see the module docstring)."""

    _outbox: Outbox

    @property
    def offline(self) -> bool:
        """True when nothing should wait on the network (see `Service.offline`)."""
        raise NotImplementedError

    def draft_saver(self, delay: float = DEFAULT_DELAY, *,
                    on_problem: SaveProblem | None = None) -> DraftSaver:
        """A debounced saver for the comment form (see `DraftSaver`); `on_problem` hears at once
        when the draft can't be written (and again, with None, once it can)."""
        return DraftSaver(self.store, delay, on_problem=on_problem)

    async def required_fields(self, source: str, article_id: int) -> frozenset[str]:
        """The comment fields the article's cached form requires (WordPress's default ones
        until its page has been read)."""
        return await self.db(self._required, source, article_id)

    def _required(self, source: str, article_id: int) -> frozenset[str]:
        article = self.store.article(source, article_id)
        return article.form.required if article and article.form else DEFAULT_REQUIRED

    async def validate(self, draft: CommentDraft) -> list[str]:
        """The client's error keys for `draft` ("email_invalid", "comment_required", …), judged by
        the fields the article's cached form requires; empty when it may be sent."""
        required = await self.required_fields(draft.source, draft.article_id)
        from madara_tui.client.comments import validate_draft  # on use, like the WordPress client

        return validate_draft(draft, required)

    async def send_comment(self, draft: CommentDraft) -> OutboxItem:
        """Clean (`drafts.clean_draft`), validate, queue (one transaction: draft → outbox), and
        post when online. Returns the outbox item in its new state: QUEUED when offline. Raises
        InvalidDraft (nothing queued) when the draft breaks the site's rules. See
        `service.outbox` for the states. The reader and the command line both send through
        here, so a comment is cleaned and judged once, the same way."""
        draft = clean_draft(draft)
        errors = await self.validate(draft)
        if errors:
            raise InvalidDraft(errors)
        item: OutboxItem = await self.db(self.store.enqueue, draft)
        if self.offline:
            return item
        return await self._outbox.deliver(item)

    async def flush_outbox(self) -> list[OutboxItem]:
        """Send the queued comments and those whose flood wait is over, and resolve UNKNOWN
        ones without blind resends (see `service.outbox`). Returns the items that changed
        state; nothing when offline."""
        return await self._outbox.flush()

    async def outbox(self) -> list[OutboxItem]:
        """Every comment not confirmed by the site yet, plus refused ones, oldest first."""
        states = [s for s in CommentState if s not in SITE_TOOK_IT]
        return sorted(await self.db(self.store.outbox, states), key=lambda i: i.id)
