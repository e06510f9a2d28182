"""The program's data: frozen value classes (`records.record`) shared by the client, the store,
the service and the UI.

No I/O here. Every string field holds *logical-order*, already-cleaned text (see
`madara_tui.text.clean`): the client cleans at the boundary, so nothing downstream re-cleans.
Times are timezone-aware `datetime`s.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from madara_tui.records import record


class BlockKind(StrEnum):
    """What a body block is; the article view styles each kind differently."""

    PARAGRAPH = "p"
    HEADING = "h"
    LIST_ITEM = "li"
    QUOTE = "quote"
    IMAGE = "img"
    PREFORMATTED = "pre"


@record
class Link:
    """A link inside a block: `text[start:end]` of the block is the link's text."""

    start: int
    end: int
    url: str
    """Absolute URL, resolved against the article URL; not yet checked for safety to open."""


@record
class Block:
    """One block of an article body, in logical order."""

    kind: BlockKind
    text: str
    """Plain text; for an image, its alt text (may be empty)."""
    links: tuple[Link, ...] = ()
    level: int = 0
    """Heading level (1–6) or list nesting depth (1 = top level); 0 otherwise."""
    ordered: bool = False
    """For list items: part of an ordered list."""
    src: str = ""
    """For images: the absolute image URL."""


@record
class ImageRef:
    """A picture that belongs to an article but not to its body (the featured image)."""

    url: str
    """Absolute http(s) URL."""
    alt: str = ""


@record
class Category:
    """A site category (WordPress term)."""

    id: int
    name: str
    slug: str
    count: int = 0
    parent: int = 0


@record
class Related:
    """An item of an article's related news."""

    title: str
    url: str
    summary: str = ""
    article_id: int | None = None
    """The related post's ID when known (from the URL's `?p=` or a cached article)."""
    computed: bool = False
    """True when the program computed it from its cache rather than the site listing it."""


@record
class CommentForm:
    """The article page's comment form: where to post and what to send back."""

    action: str
    """Absolute URL of `wp-comments-post.php` (or the form's action)."""
    post_id: int
    hidden: tuple[tuple[str, str], ...] = ()
    """Every hidden input of the form, name and value, in page order (nonces, honeypots, …)."""
    required: frozenset[str] = frozenset({"author", "email", "comment"})
    """Visible fields the page marks as required (`required` attribute or a `*` in the label)."""
    fields: tuple[str, ...] = ("author", "email", "url", "comment")
    """Visible fields the form has."""


@record
class Comment:
    """A published comment. `parent` is 0 for a top-level comment."""

    id: int
    post_id: int
    parent: int
    author: str
    date: datetime
    text: str
    author_url: str = ""
    held: bool = False
    """The user's own comment, held for moderation: the site shows it to its author only."""
    dropped: bool = False
    """The user's own comment the site held and then deleted or marked spam (shown once)."""


@record
class Article:
    """A news article as the program knows it.

    `id` is the site's post ID (for Madara also the `کد خبر`). Articles from a plain feed with no
    post ID get a stable ID derived from their GUID (see `madara_tui.client.feeds`).
    """

    id: int
    source: str
    """The source's base URL (the WordPress site, or the feed URL) — the article's origin."""
    url: str
    title: str
    published: datetime
    lead: str = ""
    blocks: tuple[Block, ...] = ()
    categories: tuple[str, ...] = ()
    """Category names, the primary one first."""
    code: str = ""
    """The page's `کد خبر` as printed (digits normalized to ASCII); empty when unknown."""
    author: str = ""
    modified: datetime | None = None
    comments_open: bool = True
    related: tuple[Related, ...] = ()
    form: CommentForm | None = None
    complete: bool = False
    """True once the article page (code, related news, form) has been read."""
    featured_image: ImageRef | None = None
    """The post's featured image (REST `_embed`'s `wp:featuredmedia`), shown under the title."""
    summary_only: bool = False
    """True while the body is only the feed's summary (no full text from the feed nor the page):
    the article view says so."""

    @property
    def category(self) -> str:
        """The primary category name, or an empty string."""
        return self.categories[0] if self.categories else ""


@record
class Headline:
    """A row of the headline list, as the store pages it out (no body)."""

    id: int
    source: str
    title: str
    category: str
    published: datetime
    read: bool = False
    bookmarked: bool = False


@record
class SearchHit:
    """A search result: the headline and a snippet with the hit's character span in it."""

    headline: Headline
    snippet: str
    hits: tuple[tuple[int, int], ...] = ()
    """(start, end) character offsets of matched words in `snippet`."""
    rank: float = 0.0


def site_key(url: str) -> str:
    """`url` the one way the program writes a site's or a feed's address to key and compare
    it: without trailing `/` (`https://x/` and `https://x` are one site). The config, the
    sources' lists and the client's one site per address all go through here."""
    return url.rstrip("/")


@record
class Source:
    """A configured source: the WordPress site or an RSS/Atom feed."""

    url: str
    title: str = ""
    kind: str = "wordpress"
    """`wordpress` (REST, falling back to RSS and pages) or `feed` (any RSS/Atom URL)."""
    category: str = ""
    """For OPML: the folder/category the source was filed under."""


class CommentState(StrEnum):
    """Where a written comment stands. Only a confirmed success ends its life in the outbox."""

    QUEUED = "queued"
    """Waiting to be sent (offline, or not yet tried)."""
    SENDING = "sending"
    """A request is (or was, before a crash) under way."""
    PUBLISHED = "published"
    HELD = "held"
    """Accepted by the site and held for moderation."""
    DROPPED = "dropped"
    """Held, then never published: the site deleted it or marked it spam (final)."""
    DUPLICATE = "duplicate"
    """The site already had it (409): it arrived earlier."""
    TOO_FAST = "too_fast"
    """The site's flood limit (429): retry later."""
    REJECTED = "rejected"
    """The site refused it with a message; the text is kept for editing."""
    NOT_FOUND = "not_found"
    """The post is missing, trashed or protected (empty 200)."""
    UNKNOWN = "unknown"
    """The request may have arrived (timeout, reset, crash): never resent blindly."""


SITE_TOOK_IT = frozenset({CommentState.PUBLISHED, CommentState.HELD, CommentState.DUPLICATE})
"""States in which the site has the comment."""


@record
class CommentDraft:
    """What the user is writing for one article (and reply parent); saved as they type."""

    source: str
    article_id: int
    author: str = ""
    email: str = ""
    url: str = ""
    text: str = ""
    parent: int = 0


@record
class PostResult:
    """The outcome of posting a comment, as the client read it from the site's answer."""

    state: CommentState
    comment_id: int | None = None
    message: str = ""
    """The site's own message (cleaned), for rejected comments; empty otherwise."""
    retry_after: float | None = None
    """Seconds to wait, for TOO_FAST."""
    location: str = ""


@record
class OutboxItem:
    """A comment the user sent (or tried to): kept until the site confirms it."""

    id: int
    draft: CommentDraft
    state: CommentState
    created: datetime
    updated: datetime
    attempts: int = 0
    message: str = ""
    comment_id: int | None = None
    not_before: datetime | None = None
    """For TOO_FAST: don't retry before this time."""
    held_link: str = ""
    """For HELD: the site's address that shows the held comment to its author."""


@record
class UpsertStats:
    """What a batch of articles did to the cache."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0


@record
class SourceReport:
    """One source's part of a refresh."""

    source: str
    stats: UpsertStats = UpsertStats()
    error: str = ""
    """Empty on success; otherwise the error's message in the UI language."""
    not_modified: bool = False
    way: str = ""
    """How a WordPress source was read: `rest`, `rest_route` or `rss` (its feed); empty for a
    plain feed."""
    passed_over: tuple[tuple[str, str], ...] = ()
    """The ways tried before `way`, each with the site's answer that ruled it out."""
    feed_url: str = ""
    """The feed a WordPress source was read from, when `way` is `rss`."""


@record
class RefreshReport:
    """The result of refreshing every configured source."""

    sources: tuple[SourceReport, ...] = ()
    outbox: tuple[OutboxItem, ...] = ()
    """Outbox items whose state the flush changed."""

    @property
    def ok(self) -> bool:
        """True when at least one source worked."""
        return any(not s.error for s in self.sources)
