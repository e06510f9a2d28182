"""The article page (the seed page's shape) → `ArticlePage`: the parts the REST API lacks.

Everything is found by labels and structure, not by one theme's class names:

- meta lines: `کد خبر`, `انتشار` / `تاریخ انتشار` (Jalali, parsed with `parse_persian_date`),
  `دسته‌بندی` / `دسته بندی` / `سرویس` / `گروه`, whatever element holds them and with or without a
  space, ZWNJ or colon; any digit kind;
- the title is the page's `h1` (the one inside `article`/`main` when the logo is an `h1` too);
- the body is the element holding the most paragraph text (as readability tools find it), cut
  into blocks by `html_blocks`; footer noise (`چاپ`, share boxes, view counts, copyright) is
  dropped;
- the lead is the first sizeable text between the title and the body, else the meta description;
- `اخبار مرتبط`: the block introduced by that label; one item per distinct link (title = link
  text, summary = the item's paragraph);
- the comment form: the form posting to `wp-comments-post.php` (or holding
  `textarea[name=comment]`), with every hidden input in page order, sent back verbatim (they
  are nonces, never displayed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode

from madara_tui.client.feeds import post_id_from_url
from madara_tui.client.html_blocks import (
    absolute_url,
    blocks_from_node,
    is_hidden,
    parse_html,
    text_of_node,
)
from madara_tui.client.ingest import typed_errors
from madara_tui.client.page_parts import comment_form, meta_labels, related_items
from madara_tui.client.wp_posts import real_lead, site_time
from madara_tui.models import Article, Block, BlockKind, CommentForm, ImageRef, Related
from madara_tui.records import replace
from madara_tui.text import clean_text, usable_date

_HTTP = frozenset({"http", "https"})
_EXCLUDED = frozenset({"form", "footer", "nav", "aside", "header", "script", "style", "noscript"})
_NOISE_EXACT = frozenset({"چاپ", "print", "اشتراک گذاری", "اشتراک‌گذاری", "اشتراک گذاری:", "share"})
_NOISE = re.compile(
    r"^(?:کلیه حقوق|تمامی حقوق|همه حقوق|اشتراک[\s\u200c]*گذاری\s*:|لینک کوتاه\s*:|"
    r"(?:تعداد\s*)?بازدید\s*:|[\d۰-۹٠-٩]+\s*بازدید$|کد خبر\s*:|(?:تاریخ\s*)?انتشار\s*:|"
    r"دسته[\s\u200c]*بندی\s*:)"
)
_STOP = re.compile(r"^(?:اخبار|مطالب|خبرهای)\s*مرتبط|^ارسال دیدگاه|^دیدگاهتان را بنویسید")


@dataclass(frozen=True, slots=True)
class ArticlePage:
    """What an article's HTML page says about it. Strings are cleaned; `published` is aware."""

    url: str
    title: str
    code: str
    """`کد خبر` with ASCII digits, or empty."""
    published: datetime | None
    category: str
    categories: tuple[str, ...]
    """Every category the page links, the labelled one (`category`) first."""
    author: str
    lead: str
    blocks: tuple[Block, ...]
    related: tuple[Related, ...]
    form: CommentForm | None
    comments_open: bool
    post_id: int | None = None
    """The WordPress post ID: the form's `comment_post_ID`, the shortlink's `?p=`, or the code."""
    featured_image: ImageRef | None = None
    """The page's `og:image` (with `og:image:alt`), the picture sites share the article with."""

    def as_article(
        self, source: str, *, post_id: int | None = None, base: Article | None = None
    ) -> Article:
        """An `Article` (marked complete) from this page, merged over `base` when given."""
        ident = post_id or self.post_id or (base.id if base else 0)
        fields = {
            "code": self.code or (base.code if base else "") or (str(ident) if ident else ""),
            "related": self.related,
            "form": self.form,
            "comments_open": self.comments_open,
            "complete": True,
            # REST's `_embed` names the featured image itself; the page's og:image stands in.
            "featured_image": (base.featured_image if base is not None else None)
            or self.featured_image,
        }
        if base is not None:
            blocks, summary_only = base.blocks, base.summary_only
            if self.blocks and (summary_only or _much_longer(self.blocks, base.blocks)):
                # The feed carried a summary (or a cut text): the page's full text wins.
                blocks, summary_only = self.blocks, False
            extra = {
                "title": base.title or self.title,
                "lead": real_lead(base.lead or self.lead, blocks),
                "blocks": blocks,
                "summary_only": summary_only,
                "categories": self.categories or base.categories,
                "author": base.author or self.author,
            }
            return replace(base, **fields, **extra)
        return Article(
            id=ident,
            source=source,
            url=self.url,
            title=self.title,
            published=site_time(self.published or datetime.now(UTC)),
            lead=real_lead(self.lead, self.blocks),
            blocks=self.blocks,
            categories=self.categories,
            author=self.author,
            **fields,  # type: ignore[arg-type]
        )


def _text_length(blocks: tuple[Block, ...]) -> int:
    return sum(len(block.text) for block in blocks if block.kind is not BlockKind.IMAGE)


def _much_longer(page: tuple[Block, ...], listed: tuple[Block, ...]) -> bool:
    """The page's text is more than twice the listed one: the listing held a cut version."""
    return _text_length(page) > 2 * _text_length(listed)


def _inside(node: LexborNode, tags: frozenset[str], stop_ids: set[int] | None = None) -> bool:
    current: LexborNode | None = node.parent
    depth = 0
    while current is not None and depth < 200:
        if current.tag in tags or (stop_ids and current.mem_id in stop_ids):
            return True
        current = current.parent
        depth += 1
    return False


def _title(tree: LexborHTMLParser) -> str:
    candidates = tree.css("article h1, main h1") or tree.css("h1")
    for node in candidates:
        if not _inside(node, frozenset({"header", "footer", "nav"})) or len(candidates) == 1:
            text = text_of_node(node)
            if text:
                return text
    for selector in ('meta[property="og:title"]', "title"):
        found = tree.css_first(selector)
        if found is not None:
            value = found.attributes.get("content") if found.tag == "meta" else found.text()
            if value:
                return clean_text(value)
    return ""


def _content_node(tree: LexborHTMLParser, excluded: set[int]) -> LexborNode | None:
    """The element whose direct `<p>` children hold the most text."""
    scores: dict[int, int] = {}
    nodes: dict[int, LexborNode] = {}
    for paragraph in tree.css("p"):
        parent = paragraph.parent
        if parent is None or is_hidden(paragraph) or _inside(paragraph, _EXCLUDED, excluded):
            continue
        scores[parent.mem_id] = scores.get(parent.mem_id, 0) + len(paragraph.text(deep=True))
        nodes[parent.mem_id] = parent
    if not scores:
        return tree.css_first("article") or tree.body
    return nodes[max(scores, key=lambda key: scores[key])]


def _is_noise(text: str) -> bool:
    short = text.strip()
    return short.lower() in _NOISE_EXACT or bool(_NOISE.match(short))


def _body_blocks(node: LexborNode | None, url: str, title: str, lead: str) -> tuple[Block, ...]:
    if node is None:
        return ()
    kept: list[Block] = []
    for block in blocks_from_node(node, url):
        if block.kind is not BlockKind.IMAGE and _STOP.match(block.text):
            break
        if block.kind is not BlockKind.IMAGE and (
            _is_noise(block.text) or block.text in (title, lead)
        ):
            continue
        kept.append(block)
    return tuple(kept)


def _lead(tree: LexborHTMLParser, title: str, content: LexborNode | None) -> str:
    """The first sizeable text after the `h1` and before the body, else the meta description."""
    heading = tree.css_first("article h1, main h1") or tree.css_first("h1")
    content_id = content.mem_id if content is not None else -1
    beside_body = heading is not None and heading.parent is not None and content is not None
    if beside_body and heading.parent.mem_id == content.mem_id:  # type: ignore[union-attr]
        heading = None  # the paragraphs after the title are the body itself
    if heading is not None:
        node = heading.next
        steps = 0
        while node is not None and steps < 20:
            steps += 1
            if node.is_element_node and node.tag not in _EXCLUDED and not is_hidden(node):
                if node.mem_id == content_id or node.css_first("h1") is not None:
                    break
                if (
                    content is not None
                    and content.parent is not None
                    and node.mem_id == content.parent.mem_id
                ):
                    break
                text = text_of_node(node)
                if len(text) >= 30 and text != title and not _is_noise(text):
                    return text
            node = node.next
    for selector in ('meta[name="description"]', 'meta[property="og:description"]'):
        meta = tree.css_first(selector)
        if meta is not None and meta.attributes.get("content"):
            return clean_text(meta.attributes.get("content") or "")
    return ""


def _post_id(tree: LexborHTMLParser, form: CommentForm | None, code: str) -> int | None:
    if form is not None and form.post_id > 0:
        return form.post_id
    shortlink = tree.css_first('link[rel="shortlink"]')
    if shortlink is not None:
        found = post_id_from_url(shortlink.attributes.get("href") or "")
        if found:
            return found
    # At most 12 digits: an ID must fit SQLite's INTEGER, as `post_id_from_url` bounds it.
    return int(code) if code.isdigit() and len(code) <= 12 and int(code) > 0 else None


def parse_article_page(html: str | bytes, url: str) -> ArticlePage:
    """Parse an article page fetched from `url` (the base for its links). Raises only
    `ParseFailure` (the ingestion boundary)."""
    with typed_errors(url, "page"):
        return _parse_article_page(html, url)


def _parse_article_page(html: str | bytes, url: str) -> ArticlePage:
    tree = parse_html(html)
    canonical = tree.css_first('link[rel="canonical"]')
    page_url = (
        absolute_url((canonical.attributes.get("href") if canonical else None), url, schemes=_HTTP)
        or url
    )
    title = _title(tree)
    meta = meta_labels(tree)
    related, related_root = related_items(tree, url)
    excluded = {related_root.mem_id} if related_root is not None else set()
    content = _content_node(tree, excluded)
    lead = _lead(tree, title, content)
    form = comment_form(tree, url, meta.code)
    return ArticlePage(
        url=page_url,
        title=title,
        code=meta.code,
        published=usable_date(meta.published),
        category=meta.category,
        categories=meta.categories,
        author=meta.author,
        lead=lead,
        blocks=_body_blocks(content, url, title, lead),
        related=related,
        form=form,
        comments_open=form is not None,
        post_id=_post_id(tree, form, meta.code),
        featured_image=_og_image(tree, url),
    )


def _og_image(tree: LexborHTMLParser, url: str) -> ImageRef | None:
    found = tree.css_first('meta[property="og:image"]')
    raw = found.attributes.get("content") if found is not None else None
    image_url = absolute_url(raw, url, schemes=_HTTP) if raw else None
    if not image_url:
        return None
    alt = tree.css_first('meta[property="og:image:alt"]')
    return ImageRef(image_url, clean_text((alt.attributes.get("content") or "")
                                          if alt is not None else ""))


__all__ = ["ArticlePage", "parse_article_page"]
