"""The links of an article's body, numbered one way for every front end: the reader's article
view and `madara-tui read` (text and JSON) put the same « [n]» after the same link text.

Links are numbered in reading order, one number per link in the text (a URL linked twice gets
two numbers, as the reader lets you open each where it stands), over every block but pictures.
A link that overlaps the one before it or lies outside its block's text gets no number."""

from __future__ import annotations

from dataclasses import dataclass

from madara_tui.messages import Lang
from madara_tui.models import Article, Block, BlockKind
from madara_tui.text import Span, to_persian_digits


@dataclass(frozen=True, slots=True)
class NumberedLink:
    """A link of the article body, numbered as shown (1 = first)."""

    number: int
    text: str
    url: str
    start: int = 0
    """Where the link's text starts in its block's own text (before any marker)."""
    end: int = 0


@dataclass(frozen=True, slots=True)
class LinkedText:
    """A block's text with « [n]» after each numbered link."""

    text: str
    spans: tuple[Span, ...]
    """A `link:n` span over each link's text and its marker."""
    links: tuple[NumberedLink, ...]


def digits(value: int | str, lang: Lang) -> str:
    """`value` with Persian digits in the Persian interface."""
    return to_persian_digits(str(value)) if lang == "fa" else str(value)


def linked_text(block: Block, first: int, lang: Lang) -> LinkedText:
    """The block's text with « [n]» after each link (numbered from `first`)."""
    text = block.text
    out: list[str] = []
    spans: list[Span] = []
    links: list[NumberedLink] = []
    position = 0
    length = 0
    for link in sorted(block.links, key=lambda item: item.start):
        if link.start < position or link.end > len(text) or link.end <= link.start:
            continue
        number = first + len(links)
        before = text[position:link.end]
        out.append(before)
        length += len(before)
        marker = f" [{digits(number, lang)}]"
        out.append(marker)
        start = length - (link.end - link.start)
        length += len(marker)
        spans.append(Span(start, length, f"link:{number}"))
        links.append(NumberedLink(number, text[link.start:link.end], link.url,
                                  link.start, link.end))
        position = link.end
    out.append(text[position:])
    return LinkedText("".join(out), tuple(spans), tuple(links))


def linked_blocks(article: Article, lang: Lang) -> list[tuple[Block, LinkedText | None]]:
    """Every block of the body with its linked text (None for a picture, which has no link
    numbers), the numbers running on across blocks."""
    found: list[tuple[Block, LinkedText | None]] = []
    count = 0
    for block in article.blocks:
        if block.kind is BlockKind.IMAGE:
            found.append((block, None))
            continue
        linked = linked_text(block, count + 1, lang)
        count += len(linked.links)
        found.append((block, linked))
    return found


def article_links(article: Article, lang: Lang = "en") -> list[NumberedLink]:
    """Every numbered link of the body, in reading order."""
    return [link for _, linked in linked_blocks(article, lang) if linked is not None
            for link in linked.links]
