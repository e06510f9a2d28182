"""The approved comments an article page lists, for sites whose REST API is closed.

WordPress prints each comment as `<li id="comment-N">` (classic themes through
`wp_list_comments()`, block themes through the Comment Template block) and nests replies in an
`<ol class="children">` (block themes: a plain `<ol>`) inside the parent's `li`: the parent is
the nearest enclosing comment `li`. Within one comment, the parts are found by the class names
WordPress core itself prints (not one theme's): the author (`.fn`, `.comment-author`,
`.wp-block-comment-author-name`), the time (`time[datetime]`) and the text
(`.comment-content`, `.wp-block-comment-content`). Held comments are never printed to visitors.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode

from madara_tui.client.html_blocks import absolute_url, text_of_node
from madara_tui.client.page_parts import aware_iso_time
from madara_tui.client.wp_posts import site_time
from madara_tui.models import Comment

_ID = re.compile(r"^comment-(\d{1,12})$")
_AUTHOR = (".wp-block-comment-author-name", ".fn", ".comment-author")
"""In order of preference: `.comment-author` also holds the avatar and «says»."""
_TEXT = (".wp-block-comment-content", ".comment-content")
_HTTP = frozenset({"http", "https"})
MAX_COMMENTS = 5_000


def _comment_id(node: LexborNode) -> int | None:
    match = _ID.match(node.attributes.get("id") or "")
    return int(match.group(1)) if match else None


def _own(node: LexborNode, selectors: str | tuple[str, ...]) -> LexborNode | None:
    """The first match of the first selector that matches inside `node` but not inside a
    nested reply."""
    if isinstance(selectors, tuple):
        for selector in selectors:
            found = _own(node, selector)
            if found is not None:
                return found
        return None
    for found in node.css(selectors):
        holder = found.parent
        while holder is not None and holder.mem_id != node.mem_id:
            if holder.tag == "li" and _comment_id(holder) is not None:
                break
            holder = holder.parent
        else:
            return found
    return None


def _time(node: LexborNode) -> datetime | None:
    stamp = _own(node, "time[datetime]")
    value = stamp.attributes.get("datetime") if stamp is not None else None
    moment = aware_iso_time(value)
    return site_time(moment) if moment is not None else None


def _author_url(node: LexborNode, base: str) -> str:
    author = _own(node, _AUTHOR)
    link = author.css_first("a[href]") if author is not None else None
    if link is None and author is not None and author.tag == "a":
        link = author
    href = link.attributes.get("href") if link is not None else None
    return absolute_url(href, base, schemes=_HTTP) or ""


def comments_from_page(html: str | bytes, url: str, post_id: int) -> list[Comment]:
    """The page's comments in page order (parents before their replies). Never raises."""
    tree = LexborHTMLParser(html)
    result: list[Comment] = []
    seen: set[int] = set()
    for node in tree.css('li[id^="comment-"]')[:MAX_COMMENTS]:
        ident = _comment_id(node)
        if ident is None or ident in seen:
            continue
        body = _own(node, _TEXT)
        if body is None:
            continue
        parent = 0
        holder = node.parent
        while holder is not None:
            if holder.tag == "li" and _comment_id(holder) is not None:
                parent = _comment_id(holder) or 0
                break
            holder = holder.parent
        author = _own(node, _AUTHOR)
        seen.add(ident)
        result.append(Comment(
            id=ident,
            post_id=post_id,
            parent=parent,
            author=text_of_node(author) if author is not None else "",
            date=_time(node) or site_time(datetime.now(UTC)),
            text=text_of_node(body, multiline=True),
            author_url=_author_url(node, url),
        ))
    return result


__all__ = ["comments_from_page"]
