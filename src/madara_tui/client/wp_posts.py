"""WordPress REST objects → the program's models: posts, comments, dates, featured images.

Helpers of `madara_tui.client.wordpress`. Every string passes the cleaner once (`html_to_text`,
`html_to_blocks` or `clean_text`).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from madara_tui.client.errors import ParseFailure
from madara_tui.client.html_blocks import absolute_url, html_to_blocks, html_to_text
from madara_tui.models import Article, Block, BlockKind, Category, Comment, ImageRef
from madara_tui.text import clean_text, usable_date

if TYPE_CHECKING:
    from madara_tui.client.http import Response

SITE_ZONE = ZoneInfo("Asia/Tehran")
"""The site's zone: WordPress's local `date` fields are in it, and every time the program hands
out (`--json`, the article view) is shown at its offset, whichever way the site was read."""
_HTTP = frozenset({"http", "https"})
_MORE = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*$")
_SPACES = re.compile(r"\s+")


MAX_ID = 2**63 - 1
"""Largest ID SQLite's INTEGER holds; a bigger one failed every later store write."""


def _int(value: Any, default: int = 0) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) <= 19:
        value = int(value.strip())
    if isinstance(value, int) and -MAX_ID <= value <= MAX_ID:
        return value
    return default


def _rendered(post: dict[str, Any], key: str) -> str:
    value = post.get(key)
    if isinstance(value, dict):
        value = value.get("rendered")
    return value if isinstance(value, str) else ""


def site_time(moment: datetime) -> datetime:
    """`moment` at the site's offset (Tehran's for Madara): one convention for every source."""
    return moment.astimezone(SITE_ZONE)


def parse_wp_date(gmt: Any, local: Any = None) -> datetime | None:
    """An aware datetime from WordPress's `date_gmt` (UTC), else its `date` in the site's zone,
    given at the site's offset; None when neither is a date in the range the program keeps
    (`text.usable_date`)."""
    for value, zone in ((gmt, UTC), (local, SITE_ZONE)):
        if not isinstance(value, str) or not value:
            continue
        try:
            moment = datetime.fromisoformat(value.strip()[:40])
        except ValueError:
            continue
        usable = usable_date(moment.replace(tzinfo=zone) if moment.tzinfo is None else moment)
        return site_time(usable) if usable is not None else None
    return None


def _squeeze(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\u200c", " ")).strip()


def real_lead(lead: str, blocks: tuple[Block, ...]) -> str:
    """`lead`, or "" when it is WordPress's automatic excerpt: the body's first words followed
    by ` […]` (a post without a manual excerpt) or the body's whole opening — not a lead."""
    if not lead:
        return ""
    body = _squeeze(" ".join(b.text for b in blocks if b.kind is not BlockKind.IMAGE))
    if not body:
        return lead
    words = _squeeze(_MORE.sub("", lead))
    if words and body.startswith(words):
        return ""
    return lead


def _embedded(post: dict[str, Any]) -> dict[str, Any]:
    embedded = post.get("_embedded")
    return embedded if isinstance(embedded, dict) else {}


def _category_names(post: dict[str, Any]) -> tuple[str, ...]:
    """Category names from `_embedded["wp:term"]`, in the order of the post's `categories`."""
    names: dict[int, str] = {}
    terms = _embedded(post).get("wp:term")
    for group in terms if isinstance(terms, list) else []:
        for term in group if isinstance(group, list) else []:
            if isinstance(term, dict) and term.get("taxonomy", "category") == "category":
                name = html_to_text(str(term.get("name", "")))
                if name:
                    names[_int(term.get("id"), -1)] = name
    order = post.get("categories")
    ids = [_int(i, -1) for i in order] if isinstance(order, list) else []
    first = [names.pop(i) for i in ids if i in names]
    return tuple(first + list(names.values()))


def _author(post: dict[str, Any]) -> str:
    authors = _embedded(post).get("author")
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        return clean_text(str(authors[0].get("name", "")))
    return ""


def _featured_image(post: dict[str, Any], base: str) -> ImageRef | None:
    """The featured image from `_embedded["wp:featuredmedia"]`: an absolute http(s) URL and
    its cleaned alt text (the caption's text when there is no alt)."""
    media = _embedded(post).get("wp:featuredmedia")
    if not isinstance(media, list) or not media or not isinstance(media[0], dict):
        return None
    item = media[0]
    url = absolute_url(str(item.get("source_url") or ""), base, schemes=_HTTP)
    if not url:
        return None
    alt = clean_text(str(item.get("alt_text") or ""))
    if not alt and isinstance(item.get("caption"), dict):
        alt = html_to_text(str(item["caption"].get("rendered") or ""))
    return ImageRef(url, alt)


def article_from_post(post: Any, source: str) -> Article:
    """An `Article` from one `/wp/v2/posts` item; `ParseFailure` when it isn't a post."""
    if not isinstance(post, dict) or _int(post.get("id"), -1) <= 0:
        raise ParseFailure(source, "not a WordPress post object", request_sent=True)
    post_id = _int(post.get("id"))
    link = absolute_url(str(post.get("link") or ""), source + "/", schemes=_HTTP)
    url = link or f"{source}/?p={post_id}"
    published = parse_wp_date(post.get("date_gmt"), post.get("date")) or site_time(
        datetime.now(UTC))
    blocks = html_to_blocks(_rendered(post, "content"), url)
    return Article(
        id=post_id,
        source=source,
        url=url,
        title=html_to_text(_rendered(post, "title")),
        published=published,
        lead=real_lead(html_to_text(_rendered(post, "excerpt")), blocks),
        blocks=blocks,
        categories=_category_names(post),
        code=str(post_id),
        author=_author(post),
        modified=parse_wp_date(post.get("modified_gmt"), post.get("modified")),
        comments_open=post.get("comment_status", "open") == "open",
        featured_image=_featured_image(post, url),
    )


def comment_from_json(item: Any, post_id: int) -> Comment | None:
    """A `Comment` from one `/wp/v2/comments` item, or None when the item is malformed."""
    if not isinstance(item, dict) or _int(item.get("id"), -1) <= 0:
        return None
    url = absolute_url(str(item.get("author_url") or ""), "", schemes=_HTTP)
    return Comment(
        id=_int(item.get("id")),
        post_id=_int(item.get("post"), post_id),
        parent=_int(item.get("parent")),
        author=clean_text(str(item.get("author_name", ""))),
        date=parse_wp_date(item.get("date_gmt"), item.get("date")) or site_time(datetime.now(UTC)),
        text=html_to_text(_rendered(item, "content"), multiline=True),
        author_url=url or "",
    )


def _json_list(response: Response, what: str) -> list[Any]:
    data = response.json()
    if not isinstance(data, list):
        raise ParseFailure(response.url, f"expected a list of {what}", request_sent=True)
    return data


def _articles(response: Response, source: str) -> list[Article]:
    return [article_from_post(post, source) for post in _json_list(response, "posts")]


def _comments(items: list[Any], post_id: int) -> list[Comment]:
    comments = (comment_from_json(item, post_id) for item in items)
    return [c for c in comments if c is not None]


def _categories(items: list[Any]) -> list[Category]:
    return [
        Category(id=_int(item.get("id")), name=html_to_text(str(item.get("name", ""))),
                 slug=clean_text(str(item.get("slug", ""))), count=_int(item.get("count")),
                 parent=_int(item.get("parent")))
        for item in items
        if isinstance(item, dict) and _int(item.get("id"), -1) > 0
    ]


__all__ = [
    "SITE_ZONE",
    "article_from_post",
    "comment_from_json",
    "parse_wp_date",
    "real_lead",
    "site_time",
]
