"""The full text of an article page from any site, for feed items that carry only a summary.

The main text is found by readability-lxml (a port of Mozilla's Readability: it scores the
page's containers by their paragraphs' length and punctuation and drops navigation, sidebars
and footers by their class names and link density), and the HTML it keeps goes through the
same `html_blocks` conversion and cleaning as every other body. It was chosen over trafilatura
because it hands back HTML — headings, lists, quotes, links and images survive into our blocks —
with a small dependency set (lxml, cssselect, chardet), and it never fetches anything itself.

Persian pages: readability counts commas to score paragraphs and knows only the Latin `,`; the
Persian `،` is folded to it on a copy used for scoring only, and `dir="rtl"` needs nothing (it
ignores attributes it does not score). Whatever it returns is only kept when it holds real
text: an extractor that finds nothing gives `()`, and the caller keeps the summary, marked.
"""

from __future__ import annotations

import logging

from madara_tui.client.html_blocks import html_to_blocks
from madara_tui.models import Block, BlockKind
from madara_tui.records import replace
from madara_tui.text import parse_persian_date

MIN_TEXT = 200
"""Characters of text below which an extraction is taken as having found nothing."""
MAX_HTML = 3_000_000
"""Characters of a page handed to the extractor (the fetcher caps the download itself)."""


def extract_main_html(html: str) -> str:
    """The page's main content as an HTML fragment ("" when the page has none)."""
    from readability import Document  # on use: lxml is only needed for feed-only articles

    # readability logs every candidate at INFO/DEBUG: not for the reader's terminal.
    logging.getLogger("readability.readability").setLevel(logging.WARNING)
    scored = html[:MAX_HTML].replace("،", "، ,")
    try:
        fragment: str = Document(scored).summary(html_partial=True)
    except (ValueError, TypeError) as error:  # an empty or unparsable document
        logging.getLogger(__name__).debug("no main text: %s", error)
        return ""
    return fragment.replace("، ,", "،")


def _split(block: Block) -> list[Block]:
    """A paragraph of `<br><br>`-separated text (older portals) as one block per paragraph;
    one with links stays whole (their offsets are into the whole text)."""
    if block.kind is not BlockKind.PARAGRAPH or block.links or "\n\n" not in block.text:
        return [block]
    parts = (part.strip() for part in block.text.split("\n\n"))
    return [replace(block, text=part) for part in parts if part]


def _is_dateline(block: Block) -> bool:
    """A short line above the text that is only its date (`سه‌شنبه ۲۰ آبان ۱۴۰۴ ساعت ۰۸:۳۰`)."""
    return len(block.text) <= 60 and parse_persian_date(block.text) is not None


def extract_blocks(html: str, url: str, title: str = "") -> tuple[Block, ...]:
    """The page's main text as blocks (links resolved against `url`, the `title` left out), or
    `()` when the extractor found too little text to be the article."""
    fragment = extract_main_html(html)
    if not fragment:
        return ()
    blocks = [part for block in html_to_blocks(fragment, url) for part in _split(block)
              if not (title and part.text == title)]
    while blocks and _is_dateline(blocks[0]):
        del blocks[0]
    text = sum(len(b.text) for b in blocks if b.kind is not BlockKind.IMAGE)
    return tuple(blocks) if text >= MIN_TEXT else ()


__all__ = ["extract_blocks", "extract_main_html"]
