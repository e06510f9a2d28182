"""HTML (an article body, a feed's `content:encoded`, a comment) → cleaned blocks or plain text.

The parser is selectolax's `LexborHTMLParser`: Lexbor is a C implementation of the WHATWG HTML
parsing algorithm, so broken, unclosed and mis-nested markup — what news sites and feeds actually
send — becomes the same tree a browser builds, and it parses a large page in about a millisecond
without pulling in lxml's libxml2 (whose HTML parser is HTML4-era and repairs differently from
browsers). The tree is walked iteratively, never recursively, so absurd nesting depth can't exhaust
the Python stack.

Rules: scripts, styles, templates, form controls and hidden elements (`hidden`, `aria-hidden`,
`display:none`, `visibility:hidden`) are dropped; whitespace collapses as a browser collapses it
(except in `<pre>`); `<br>` is a line break inside a block; links and images are resolved against
the page URL (or its `<base href>`) and kept only for http(s) (links also mailto:/tel:). Every text
piece passes `madara_tui.text.clean_text` once (multi-line strength for block text, single-line for
URLs and alt text). These functions never raise on any input.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import accumulate
from operator import sub
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from madara_tui.client.urls import http_url_problem
from madara_tui.models import Block, BlockKind, Link
from madara_tui.text import clean_text
from madara_tui.text.clean import cap_joined_marks


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


MAX_BLOCKS = 20_000
"""Blocks kept from one document; the rest is dropped (a body that long is hostile)."""
_MAX_STEPS = 2_000_000
"""Nodes visited at most; bounds the walk on pathological trees."""
MAX_DEPTH = 256
"""Deepest element nesting handed to the parser. Lexbor's time grows with the square of the
depth (150,000 nested `<div>`s in 750 KB: ~30 s); tags nested deeper are removed before parsing
(their text stays), which no real article notices."""

_DROP_TAGS = _tags(
    "script style noscript template head title meta link iframe frame frameset object embed "
    "svg math canvas select option textarea button input audio video map dialog"
)
_BLOCK_TAGS = _tags(
    "html body p div section article header footer main aside nav figure figcaption table thead "
    "tbody tfoot tr td th caption ul ol li dl dt dd blockquote pre h1 h2 h3 h4 h5 h6 form "
    "fieldset legend address details summary center hgroup"
)
_CONTEXT_TAGS = _tags("h1 h2 h3 h4 h5 h6 pre li ul ol blockquote")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_IMAGE_SOURCES = ("src", "data-src", "data-lazy-src", "data-original")

Cleaner = Callable[[str], str]


def _clean_block(text: str) -> str:
    return clean_text(text, multiline=True)


def _raw(text: str) -> str:
    return text


def absolute_url(
    href: str | None, base_url: str, *, schemes: frozenset[str] = _LINK_SCHEMES
) -> str | None:
    """`href` resolved against `base_url` and cleaned, or None when it isn't a usable link."""
    if not href:
        return None
    href = clean_text(href)
    if not href:
        return None
    try:
        url = urljoin(base_url, href)
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in schemes or (scheme in ("http", "https") and http_url_problem(parts)):
        return None
    return url


def is_hidden(node: LexborNode) -> bool:
    """True for an element the page hides (`hidden`, `aria-hidden="true"`, inline display:none)."""
    attrs = node.attributes
    if "hidden" in attrs:
        return True
    if (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(attrs.get("style") or ""))


class _Builder:
    """Collects inline text into blocks while the walker enters and leaves elements."""

    def __init__(self, base_url: str, clean: Cleaner, *, images: bool) -> None:
        self.base_url = base_url
        self.clean = clean
        self.images = images
        self.blocks: list[Block] = []
        self._pieces: list[str] = []
        self._length = 0
        self._last = ""
        self._marks = 0
        """Combining marks the block's text ends with (a run split by tags is capped whole)."""
        self._links: list[Link] = []
        self._open_links: list[tuple[int, str | None]] = []
        self._context: list[str] = []

    # -- tree events -------------------------------------------------------------------------
    def enter(self, node: LexborNode) -> bool:
        """Handle an element or text node; True when the walker should go into its children."""
        tag = node.tag or ""
        if tag == "-text":
            self._text(node.text_content or "")
            return False
        if tag.startswith(("-", "!")) or tag in _DROP_TAGS or is_hidden(node):
            return False
        if tag == "br":
            self._newline()
            return False
        if tag == "img":
            self._image(node)
            return False
        if tag == "hr":
            self.flush()
            return False
        if tag in _BLOCK_TAGS:
            self.flush()
        if tag in _CONTEXT_TAGS:
            self._context.append(tag)
        if tag == "a":
            self._open_links.append(
                (self._length, absolute_url(node.attributes.get("href"), self.base_url))
            )
        return True

    def exit(self, node: LexborNode) -> None:
        """Leave an element the walker went into."""
        tag = node.tag or ""
        if tag == "a" and self._open_links:
            start, url = self._open_links.pop()
            if url and self._length > start:
                self._links.append(Link(start, self._length, url))
        if tag in _BLOCK_TAGS:
            self.flush()
        if tag in _CONTEXT_TAGS and self._context and self._context[-1] == tag:
            self._context.pop()

    # -- inline text ---------------------------------------------------------------------------
    def _put(self, text: str) -> None:
        text, self._marks = cap_joined_marks(text, self._marks)
        if text:
            self._pieces.append(text)
            self._length += len(text)
            self._last = text[-1]

    def _space(self) -> None:
        if self._length and self._last not in " \n":
            self._put(" ")

    def _text(self, text: str) -> None:
        if "pre" in self._context:
            self._put(self.clean(text.replace("\r\n", "\n").replace("\r", "\n")))
            return
        text = _WHITESPACE.sub(" ", text)
        core = text.strip(" ")
        if text.startswith(" "):
            self._space()
        if core:
            self._put(self.clean(core))
        if text.endswith(" ") and core:
            self._space()

    def _newline(self) -> None:
        if self._last == " ":
            self._pieces[-1] = self._pieces[-1][:-1]
            self._length -= 1
            if not self._pieces[-1]:
                self._pieces.pop()
            self._last = self._pieces[-1][-1] if self._pieces else ""
        if self._length:
            self._put("\n")

    def _image(self, node: LexborNode) -> None:
        if not self.images:
            return
        attrs = node.attributes
        src = None
        for name in _IMAGE_SOURCES:
            value = attrs.get(name)
            if value and not value.strip().lower().startswith("data:"):
                src = absolute_url(value, self.base_url, schemes=frozenset({"http", "https"}))
                if src:
                    break
        if src is None:
            return
        self.flush()
        if len(self.blocks) < MAX_BLOCKS:
            self.blocks.append(Block(BlockKind.IMAGE, clean_text(attrs.get("alt") or ""), src=src))

    # -- blocks --------------------------------------------------------------------------------
    def _kind(self) -> tuple[BlockKind, int, bool]:
        lists = [t for t in self._context if t in ("ul", "ol")]
        for tag in reversed(self._context):
            if tag in _HEADINGS:
                return BlockKind.HEADING, _HEADINGS[tag], False
            if tag == "pre":
                return BlockKind.PREFORMATTED, 0, False
            if tag == "li":
                return BlockKind.LIST_ITEM, max(1, len(lists)), bool(lists) and lists[-1] == "ol"
            if tag == "blockquote":
                return BlockKind.QUOTE, 0, False
        return BlockKind.PARAGRAPH, 0, False

    def flush(self) -> None:
        """End the current block (if it has text) and start a new one."""
        for index, (start, url) in enumerate(self._open_links):
            if url and self._length > start:
                self._links.append(Link(start, self._length, url))
            self._open_links[index] = (0, url)
        text = "".join(self._pieces).rstrip(" \n")
        links = self._links
        self._pieces, self._length, self._last, self._links = [], 0, "", []
        self._marks = 0
        if not text.strip() or len(self.blocks) >= MAX_BLOCKS:
            return
        kept: list[Link] = []
        for link in links:
            start, end = link.start, min(link.end, len(text))
            while start < end and text[start] in " \n":
                start += 1
            while end > start and text[end - 1] in " \n":
                end -= 1
            if start < end:
                kept.append(Link(start, end, link.url))
        kind, level, ordered = self._kind()
        self.blocks.append(Block(kind, text, tuple(kept), level=level, ordered=ordered))


def _walk(root: LexborNode, builder: _Builder) -> None:
    """Depth-first walk without recursion, calling `enter`/`exit` like a SAX parser would."""
    root_id = root.mem_id
    node = root.child
    steps = 0
    while node is not None and steps < _MAX_STEPS:
        steps += 1
        descend = builder.enter(node)
        child = node.child if descend else None
        if child is not None:
            node = child
            continue
        if descend:
            builder.exit(node)
        while node is not None:
            sibling = node.next
            if sibling is not None:
                node = sibling
                break
            parent = node.parent
            if parent is None or parent.mem_id == root_id:
                node = None
                break
            builder.exit(parent)
            node = parent
    builder.flush()


# Elements that never nest (void) or that the parser closes by itself when the next one opens
# don't deepen the tree. Every other tag, start or end, is matched by its first letter only:
# reading to its `>` (to skip self-closed `<x/>`) made the scan twice as slow, and re.I three
# times (hence the [aA] classes).
_FLAT = ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th")
_ANY_CASE = "|".join("".join(f"[{c}{c.upper()}]" for c in name) for name in _FLAT)
_DEEPENING = rf"<(/?)(?!(?:{_ANY_CASE})(?![A-Za-z0-9:-]))[A-Za-z]"
_DEEPENING_STR = re.compile(_DEEPENING)
_DEEPENING_BYTES = re.compile(_DEEPENING.encode("ascii"))
# The same tags whole (to their `>`), for removing them from a document too deep to keep.
_NESTING_TAG = rf"</?(?!(?:{_ANY_CASE})(?![A-Za-z0-9:-]))[A-Za-z][^<>]{{0,4096}}>?"
_NESTING_TAG_STR = re.compile(_NESTING_TAG)
_NESTING_TAG_BYTES = re.compile(_NESTING_TAG.encode("ascii"))
_STEP = {"": 1, "/": -1, b"": 1, b"/": -1}


def nesting_depth(html: str | bytes) -> int:
    """The deepest element nesting of `html`, counted on its tags as written (end tags close by
    count, not by name, so broken markup errs on the deep side). Runs at C speed: one regex
    scan, then running sums (`accumulate`), never a Python step per tag."""
    pattern = _DEEPENING_STR if isinstance(html, str) else _DEEPENING_BYTES
    signs: list[str | bytes] = pattern.findall(html)  # type: ignore[arg-type]
    if len(signs) <= MAX_DEPTH:
        return len(signs)
    sums = list(accumulate(map(_STEP.__getitem__, signs)))
    # An end tag with nothing open closes nothing: the depth is measured from the lowest
    # running sum so far, so leading end tags can't hide deep nesting after them.
    lows = accumulate(sums, min, initial=0)
    return max(map(sub, sums, lows), default=0)


def bounded_depth(html: str | bytes) -> str | bytes:
    """`html` itself when it nests at most `MAX_DEPTH` deep; otherwise `html` without its
    nesting tags (their text, paragraphs, line breaks and list items kept): a document that
    deep is hostile, and keeping its text matters more than its structure."""
    if nesting_depth(html) <= MAX_DEPTH:
        return html
    if isinstance(html, str):
        return _NESTING_TAG_STR.sub("", html)
    return _NESTING_TAG_BYTES.sub(b"", html)


def parse_html(html: str | bytes) -> LexborHTMLParser:
    """The parsed document, its nesting first bounded to `MAX_DEPTH` (see `bounded_depth`):
    every HTML from outside goes through here, never straight to Lexbor."""
    return LexborHTMLParser(bounded_depth(html))


def _document(html: str | bytes) -> tuple[LexborHTMLParser, LexborNode | None]:
    tree = parse_html(html)
    return tree, tree.body or tree.root


def _base_of(tree: LexborHTMLParser, base_url: str) -> str:
    base = tree.css_first("base[href]")
    if base is not None:
        resolved = absolute_url(
            base.attributes.get("href"), base_url, schemes=frozenset({"http", "https"})
        )
        if resolved:
            return resolved
    return base_url


def blocks_from_node(node: LexborNode, base_url: str) -> tuple[Block, ...]:
    """The blocks of an already parsed element's content (used by the article page parser)."""
    builder = _Builder(base_url, _clean_block, images=True)
    _walk(node, builder)
    return tuple(builder.blocks)


def html_to_blocks(html: str | bytes, base_url: str) -> tuple[Block, ...]:
    """The body blocks of `html`, cleaned; links and images made absolute against `base_url`."""
    tree, root = _document(html)
    if root is None:
        return ()
    return blocks_from_node(root, _base_of(tree, base_url))


def text_of_node(node: LexborNode, *, multiline: bool = False) -> str:
    """An element's visible text, cleaned once: blocks joined by a space (or a line break)."""
    builder = _Builder("", _raw, images=False)
    _walk(node, builder)
    joined = ("\n" if multiline else " ").join(block.text for block in builder.blocks)
    return clean_text(joined, multiline=multiline)


def html_to_text(html: str | bytes, *, multiline: bool = False) -> str:
    """The visible text of `html`, cleaned: one line, or with `multiline` one line per block."""
    _tree, root = _document(html)
    if root is None:
        return ""
    return text_of_node(root, multiline=multiline)


__all__ = [
    "MAX_BLOCKS",
    "absolute_url",
    "blocks_from_node",
    "bounded_depth",
    "html_to_blocks",
    "html_to_text",
    "is_hidden",
    "nesting_depth",
    "parse_html",
    "text_of_node",
]
