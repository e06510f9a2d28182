"""The JSON shapes of the CLI's `--json` output (documented in docs/cli.md). Logical-order
text, times as ISO 8601 with their UTC offset; keys are never removed, only added."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from madara_tui.article_links import LinkedText, NumberedLink
from madara_tui.commands.common import iso
from madara_tui.models import (
    Article,
    Block,
    Comment,
    Headline,
    Link,
    OutboxItem,
    Related,
    SearchHit,
)

SCHEMA_VERSION = 1
"""Bumped only if a key changes meaning or disappears."""


def headline_json(headline: Headline) -> dict[str, Any]:
    """One headline row."""
    return {
        "id": headline.id,
        "source": headline.source,
        "title": headline.title,
        "category": headline.category,
        "published": iso(headline.published),
        "read": headline.read,
        "bookmarked": headline.bookmarked,
    }


def related_json(item: Related) -> dict[str, Any]:
    """One related-news item."""
    return {
        "id": item.article_id,
        "title": item.title,
        "url": item.url,
        "summary": item.summary,
        "computed": item.computed,
    }


def hit_json(hit: SearchHit) -> dict[str, Any]:
    """One search result: the headline, the snippet and the hits' [start, end) offsets in it."""
    return {
        **headline_json(hit.headline),
        "snippet": hit.snippet,
        "hits": [[start, end] for start, end in hit.hits],
        "rank": hit.rank,
    }


def comment_json(comment: Comment) -> dict[str, Any]:
    """One published comment; `parent` is 0 for a top-level one."""
    return {
        "id": comment.id,
        "parent": comment.parent,
        "author": comment.author,
        "author_url": comment.author_url,
        "date": iso(comment.date),
        "text": comment.text,
    }


def _number(link: Link, numbered: Sequence[NumberedLink]) -> int | None:
    for candidate in numbered:
        if (candidate.start, candidate.end, candidate.url) == (link.start, link.end, link.url):
            return candidate.number
    return None


def article_json(article: Article, blocks: list[tuple[Block, LinkedText | None]],
                 related: list[Related], comments: list[Comment] | None = None
                 ) -> dict[str, Any]:
    """A whole article. `blocks` are its blocks with their numbered links
    (`article_links.linked_blocks`): every link carries the number the reader shows after it
    (null for one that gets none), and `links` lists them in reading order."""
    numbered = [linked.links if linked is not None else () for _, linked in blocks]
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "code": article.code or str(article.id),
        "published": iso(article.published),
        "modified": iso(article.modified),
        "categories": list(article.categories),
        "author": article.author,
        "lead": article.lead,
        "blocks": [
            {
                "kind": block.kind.value,
                "text": block.text,
                "level": block.level,
                "ordered": block.ordered,
                "src": block.src,
                "links": [{"start": link.start, "end": link.end, "url": link.url,
                           "n": _number(link, found)} for link in block.links],
            }
            for (block, _), found in zip(blocks, numbered, strict=True)
        ],
        "links": [{"n": link.number, "url": link.url, "text": link.text}
                  for found in numbered for link in found],
        "related": [related_json(r) for r in related],
        "comments_open": article.comments_open,
        "complete": article.complete,
        "featured_image": ({"url": article.featured_image.url, "alt": article.featured_image.alt}
                           if article.featured_image else None),
        "summary_only": article.summary_only,
        "comments": [comment_json(c) for c in comments or []],
    }


def outbox_json(item: OutboxItem) -> dict[str, Any]:
    """One outbox item (the email is left out: output may end up in logs)."""
    return {
        "id": item.id,
        "source": item.draft.source,
        "article_id": item.draft.article_id,
        "parent": item.draft.parent,
        "author": item.draft.author,
        "text": item.draft.text,
        "state": item.state.value,
        "message": item.message,
        "comment_id": item.comment_id,
        "attempts": item.attempts,
        "created": iso(item.created),
        "updated": iso(item.updated),
        "not_before": iso(item.not_before),
    }
