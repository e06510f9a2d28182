"""`madara-tui read ID`: the article as a reader sees it — title, news code, Jalali date,
category, lead, body with numbered links, the link list and related news — laid out by the text
engine (see `common.TextOut` for the bidi rules)."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from madara_tui.article_links import LinkedText, digits, linked_blocks
from madara_tui.commands.common import EXIT_OK, TextOut, out, print_json, run_command
from madara_tui.commands.json_output import SCHEMA_VERSION, article_json
from madara_tui.commands.related import article_and_related, print_related
from madara_tui.config import Overrides
from madara_tui.messages import Lang, msg
from madara_tui.models import Article, Block, BlockKind
from madara_tui.runtime import Runtime
from madara_tui.service import FetchError
from madara_tui.text import format_date, format_jalali


def block_text(block: Block, linked: LinkedText | None, lang: Lang = "fa") -> str:
    """The block's text with « [n]» after each link's text (numbered as the reader numbers
    them, see `madara_tui.article_links`), and a prefix by kind."""
    text = linked.text if linked is not None else block.text
    if block.kind is BlockKind.LIST_ITEM:
        indent = "  " * max(block.level - 1, 0)
        return f"{indent}{'-' if block.ordered else '•'} {text}"
    if block.kind is BlockKind.QUOTE:
        return f"« {text} »"
    if block.kind is BlockKind.IMAGE:
        return f"[{msg('label_image', lang)}: {text or block.src}]"
    return text


async def images_json(runtime: Runtime, article: Article) -> list[dict[str, Any]]:
    """Each body picture: URL, alt text and its size in pixels (read from the picture cache,
    fetching it when online; null when it can't be had or isn't a picture we decode)."""
    from madara_tui.pictures.decode import PictureRefused, header_size

    loader = runtime.service.pictures
    out: list[dict[str, Any]] = []
    featured = article.featured_image
    extra = (Block(BlockKind.IMAGE, featured.alt, src=featured.url),) if featured and not any(
        b.src == featured.url for b in article.blocks) else ()
    for block in extra + article.blocks:
        if block.kind is not BlockKind.IMAGE or not block.src:
            continue
        size: dict[str, int] | None = None
        try:
            _media_type, body = await loader.body(block.src, offline=runtime.service.offline)
        except (PictureRefused, FetchError):
            pass  # the size stays unknown; the picture is still listed
        else:
            found = await asyncio.to_thread(header_size, body)
            if found is not None:
                size = {"width": found[0], "height": found[1]}
        out.append({"url": block.src, "alt": block.text, "size": size,
                    "featured": featured is not None and block.src == featured.url})
    return out


def meta_line(article: Article, lang: Lang) -> str:
    """`کد خبر : … | انتشار : … | دسته‌بندی : …` (English labels with --lang en)."""
    date = format_jalali(article.published) if lang == "fa" else format_date(article.published,
                                                                              "en")
    code = digits(article.code or str(article.id), lang)
    parts = [f"{msg('label_code', lang)} : {code}",
             f"{msg('label_published', lang)} : {date}"]
    if article.category:
        parts.append(f"{msg('label_category', lang)} : {article.category}")
    return " | ".join(parts)


def run(args: argparse.Namespace, overrides: Overrides) -> int:
    """Print the article (or its JSON with --json) and mark it read; exit 3 when unknown."""

    async def body(runtime: Runtime) -> int:
        lang = runtime.config.lang
        article, related = await article_and_related(runtime, args.id)
        blocks = linked_blocks(article, lang)
        links = [link for _, linked in blocks if linked is not None for link in linked.links]
        await runtime.service.mark_read(article.source, article.id)
        if args.json:
            comments = await runtime.service.load_comments(article.source, article.id)
            shape = article_json(article, blocks, related, comments)
            shape["images"] = await images_json(runtime, article)
            print_json({"version": SCHEMA_VERSION, "article": shape})
            return EXIT_OK
        with TextOut(runtime.config.bidi, args.width) as text:
            text.para(article.title)
            text.para(meta_line(article, lang))
            featured = article.featured_image
            if featured is not None and not any(b.src == featured.url for b in article.blocks):
                out()
                text.para(f"[{msg('label_image', lang)}: {featured.alt or featured.url}]")
            if article.lead:
                out()
                text.para(article.lead)
            if article.summary_only:
                out()
                text.para(msg("summary_only", lang))
            previous: Block | None = None
            for block, linked in blocks:
                # Items of one list stay together; every other block gets a blank line.
                if not (previous is not None and previous.kind is BlockKind.LIST_ITEM
                        and block.kind is BlockKind.LIST_ITEM):
                    out()
                text.para(block_text(block, linked, lang))
                previous = block
            if links:
                out()
                text.para(msg("label_links", lang) + ":")
                for link in links:
                    out(f"[{digits(link.number, lang)}] {link.url}")
            if related:
                out()
                print_related(text, related, lang)
        return EXIT_OK

    return run_command(overrides, body)
