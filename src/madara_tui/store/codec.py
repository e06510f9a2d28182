"""Articles to and from cache rows: JSON for the nested parts, a content hash, and the merge rule.

The hash covers every field of the (merged) article, so an article that comes back unchanged is
recognised without rewriting its row, its FTS entry or its category links.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

from madara_tui.models import Article, Block, BlockKind, CommentForm, ImageRef, Link, Related
from madara_tui.records import replace


def timestamp(moment: datetime) -> int:
    """UTC epoch seconds; a naive datetime is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def _block_to_json(block: Block) -> dict[str, Any]:
    data: dict[str, Any] = {"k": block.kind.value, "t": block.text}
    if block.links:
        data["l"] = [[link.start, link.end, link.url] for link in block.links]
    if block.level:
        data["v"] = block.level
    if block.ordered:
        data["o"] = True
    if block.src:
        data["s"] = block.src
    return data


def _block_from_json(data: dict[str, Any]) -> Block:
    return Block(
        kind=BlockKind(data["k"]),
        text=data["t"],
        links=tuple(Link(int(s), int(e), str(u)) for s, e, u in data.get("l", ())),
        level=int(data.get("v", 0)),
        ordered=bool(data.get("o", False)),
        src=str(data.get("s", "")),
    )


def related_to_json(items: tuple[Related, ...]) -> str:
    """The related list as compact JSON."""
    return _dumps([
        {"t": r.title, "u": r.url, "s": r.summary, "i": r.article_id, "c": r.computed}
        for r in items
    ])


def related_from_json(text: str) -> tuple[Related, ...]:
    """The related list back from JSON."""
    return tuple(
        Related(title=d["t"], url=d["u"], summary=d.get("s", ""), article_id=d.get("i"),
                computed=bool(d.get("c", False)))
        for d in json.loads(text)
    )


def _form_to_json(form: CommentForm | None) -> str | None:
    if form is None:
        return None
    return _dumps({
        "action": form.action,
        "post_id": form.post_id,
        "hidden": [list(pair) for pair in form.hidden],
        "required": sorted(form.required),
        "fields": list(form.fields),
    })


def _form_from_json(text: str | None) -> CommentForm | None:
    if text is None:
        return None
    data = json.loads(text)
    return CommentForm(
        action=data["action"],
        post_id=int(data["post_id"]),
        hidden=tuple((str(n), str(v)) for n, v in data["hidden"]),
        required=frozenset(data["required"]),
        fields=tuple(data["fields"]),
    )


def _featured_to_json(image: ImageRef | None) -> str | None:
    return None if image is None else _dumps({"url": image.url, "alt": image.alt})


def _featured_from_json(text: str | None) -> ImageRef | None:
    if not text:
        return None
    data = json.loads(text)
    return ImageRef(str(data["url"]), str(data.get("alt", ""))) if isinstance(data, dict) \
        and data.get("url") else None


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def merge(incoming: Article, stored: Article | None) -> Article:
    """What to store when `incoming` arrives and `stored` is already cached.

    A feed or API listing carries a shorter version than the article page: once an article is
    complete (its page was read), the page-only fields survive later shorter versions, and a
    listing with no body or lead does not blank the one we have.
    """
    if stored is None:
        return incoming
    merged = incoming
    if stored.complete and not incoming.complete:
        merged = replace(
            merged,
            code=incoming.code or stored.code,
            related=incoming.related or stored.related,
            form=incoming.form or stored.form,
            complete=True,
        )
    if not incoming.blocks and stored.blocks:
        merged = replace(merged, blocks=stored.blocks)
    if not incoming.lead and stored.lead:
        merged = replace(merged, lead=stored.lead)
    if not incoming.author and stored.author:
        merged = replace(merged, author=stored.author)
    if incoming.featured_image is None and stored.featured_image is not None:
        merged = replace(merged, featured_image=stored.featured_image)
    if stored.complete and not stored.summary_only and incoming.summary_only:
        # The page's full text was read before: a later summary-only feed item keeps it.
        merged = replace(merged, blocks=stored.blocks, summary_only=False)
    return merged


def article_row(article: Article) -> dict[str, Any]:
    """The column values for `article` (without `pk` and `stored_ts`), including its hash."""
    row: dict[str, Any] = {
        "source": article.source,
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "lead": article.lead,
        "published": article.published.isoformat(),
        "published_ts": timestamp(article.published),
        "modified": article.modified.isoformat() if article.modified else None,
        "author": article.author,
        "code": article.code,
        "category": article.category,
        "categories": _dumps(list(article.categories)),
        "blocks": _dumps([_block_to_json(b) for b in article.blocks]),
        "related": related_to_json(article.related),
        "form": _form_to_json(article.form),
        "comments_open": int(article.comments_open),
        "complete": int(article.complete),
        "featured": _featured_to_json(article.featured_image),
        "summary_only": int(article.summary_only),
    }
    import hashlib  # on the first write: the reader's start only reads (OpenSSL's ~2–5 ms)

    row["hash"] = hashlib.sha256(_dumps(row).encode()).hexdigest()
    return row


ARTICLE_COLUMNS = (
    "source, id, url, title, lead, published, modified, author, code, categories, blocks, "
    "related, form, comments_open, complete, featured, summary_only"
)
"""The columns `article_from_row` needs, in a SELECT list."""


def article_from_row(row: sqlite3.Row) -> Article:
    """The Article stored in `row` (selected with `ARTICLE_COLUMNS`)."""
    return Article(
        id=int(row["id"]),
        source=row["source"],
        url=row["url"],
        title=row["title"],
        published=datetime.fromisoformat(row["published"]),
        lead=row["lead"],
        blocks=blocks_from_json(row["blocks"]),
        categories=tuple(json.loads(row["categories"])),
        code=row["code"],
        author=row["author"],
        modified=datetime.fromisoformat(row["modified"]) if row["modified"] else None,
        comments_open=bool(row["comments_open"]),
        related=related_from_json(row["related"]),
        form=_form_from_json(row["form"]),
        complete=bool(row["complete"]),
        featured_image=_featured_from_json(row["featured"]),
        summary_only=bool(row["summary_only"]),
    )


def blocks_from_json(text: str) -> tuple[Block, ...]:
    """The body blocks stored as JSON in the `blocks` column."""
    return tuple(_block_from_json(d) for d in json.loads(text))


def body_text_from_json(text: str) -> str:
    """`body_text(blocks_from_json(text))` without building the blocks (for search's snippets,
    which read the text of 50 bodies per search and nothing else)."""
    return "\n".join(block["t"] for block in json.loads(text) if block["t"])


def body_text(blocks: tuple[Block, ...]) -> str:
    """The body's logical text, one block per line (what search indexes and snippets quote)."""
    return "\n".join(block.text for block in blocks if block.text)
