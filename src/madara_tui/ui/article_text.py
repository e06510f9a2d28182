"""An article as paragraphs to draw: title, meta line, bold lead, body blocks with numbered
links («[۱]» after each link's text, numbered by `madara_tui.article_links` as `read` numbers
them), in logical order. Pure: no widgets here."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime

from madara_tui.article_links import NumberedLink, digits, linked_blocks
from madara_tui.messages import Lang, tr
from madara_tui.models import Article, Block, BlockKind
from madara_tui.text import Span, format_jalali, format_local
from madara_tui.ui.lines import Piece, embedded, interface_direction


def when(moment: datetime, lang: Lang) -> str:
    """The site's absolute date style: «۱۴۰۵/۰۹/۰۵ - ۱۰:۱۵» (English: 2026-11-26 10:15)."""
    if lang == "fa":
        return format_jalali(moment)
    return format_local(moment)


def meta_line(article: Article, lang: Lang) -> str:
    """«کد خبر: …  ۱۴۰۴/۰۸/۱۵ - ۰۹:۱۵  دسته‌بندی: …» (parts missing from the data left out)."""
    code = article.code or str(article.id)
    parts = [tr("article.code", lang, code=digits(code, lang)), when(article.published, lang)]
    if article.category:
        # Isolated: in "Category: اصفهان" the site's name neither turns the English line
        # around nor pulls the date beside it into its run.
        parts.append(tr("article.category", lang, category=embedded(article.category)))
    return "  ".join(parts)


MAX_PICTURES = 40
"""Most pictures of one article fetched and drawn; the rest show their alt text."""


def featured_block(article: Article) -> Block | None:
    """The featured image as a picture block to show under the title; None when there is none
    or the body shows the same picture anyway."""
    image = article.featured_image
    if image is None or any(b.src == image.url for b in article.blocks):
        return None
    return Block(BlockKind.IMAGE, image.alt, src=image.url)


def picture_urls(article: Article) -> list[str]:
    """The distinct picture URLs of the article (featured first, then the body's), in reading
    order (at most `MAX_PICTURES`)."""
    featured = featured_block(article)
    blocks = ((featured,) if featured else ()) + article.blocks
    urls = dict.fromkeys(b.src for b in blocks if b.kind is BlockKind.IMAGE and b.src)
    return list(urls)[:MAX_PICTURES]


def _picture_piece(block: Block, lang: Lang, shown: Collection[str],
                   failed: Mapping[str, str]) -> Piece | None:
    """A body picture: its rows and its alt text under them when shown; otherwise the alt
    text in brackets, with the reason when it could not be shown."""
    if block.src in shown:
        return Piece(block.text, "dim", picture=block.src)
    reason = failed.get(block.src)
    if reason:
        return Piece(tr("article.image.failed", lang, alt=embedded(block.text),
                        reason=tr(f"picture.{reason}", lang)), "dim")
    if block.text:
        return Piece(tr("article.image", lang, alt=embedded(block.text)), "dim")
    return None


def article_pieces(article: Article, lang: Lang, *, shown: Collection[str] = (),
                   failed: Mapping[str, str] | None = None,
                   ) -> tuple[list[Piece], list[NumberedLink]]:
    """The paragraphs of `article` and its numbered links, in reading order. Pictures whose
    URL is in `shown` are drawn; `failed` maps a picture URL to why it can't be (a
    `picture.*` string key's last part)."""
    # The meta line is the interface's sentence around the site's values: its direction is the
    # interface's (an English line keeps its labels first even with a Persian category).
    meta = Piece(meta_line(article, lang), "meta", direction=interface_direction(lang))
    pieces = [Piece(article.title, "title"), meta]
    featured = featured_block(article)
    if featured is not None:
        piece = _picture_piece(featured, lang, shown, failed or {})
        if piece is not None:
            pieces.append(piece)
    if article.lead:
        pieces.append(Piece(article.lead, "lead"))
    if article.summary_only:
        pieces.append(Piece(tr("article.summary_only", lang), "dim"))
    links: list[NumberedLink] = []
    ordinal = 0
    for block, linked in linked_blocks(article, lang):
        if linked is None:
            piece = _picture_piece(block, lang, shown, failed or {})
            if piece is not None:
                pieces.append(piece)
            continue
        text, spans = linked.text, linked.spans
        links.extend(linked.links)
        if not text.strip():
            continue
        if block.kind is BlockKind.HEADING:
            pieces.append(Piece(text, "heading", spans))
        elif block.kind is BlockKind.LIST_ITEM:
            ordinal = ordinal + 1 if block.ordered else 0
            bullet = f"{digits(ordinal, lang)}. " if block.ordered else "• "
            shifted = tuple(Span(s.start + len(bullet), s.end + len(bullet), s.style)
                            for s in spans)
            indent = 2 * max(block.level - 1, 0)
            pieces.append(Piece(bullet + text, "text", shifted, indent=indent))
        elif block.kind is BlockKind.QUOTE:
            pieces.append(Piece(text, "quote", spans, indent=2))
        elif block.kind is BlockKind.PREFORMATTED:
            pieces.append(Piece(text, "text", spans, direction="ltr"))
        else:
            pieces.append(Piece(text, "text", spans))
        if block.kind is not BlockKind.LIST_ITEM:
            ordinal = 0
    return pieces, links
