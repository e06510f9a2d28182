"""From the text engine's screen lines to Textual strips.

Textual never wraps or aligns text we laid out: every widget here asks the text engine for lines
(`Paragraph.lines`) at its own width and turns each `ScreenLine` into a `Strip` of `Segment`s.
Span style keys ("bold", "link:3", "hit", …) are mapped to Rich styles by the widget that draws.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from madara_tui.messages import Lang
from madara_tui.records import record
from madara_tui.text import BidiMode, Paragraph, ScreenLine, Span, cell_width
from madara_tui.ui.kept import Kept

ELLIPSIS = "…"


@record
class Piece:
    """A paragraph to draw: logical text, its style role and layout hints."""

    text: str
    role: str = "text"
    """The look of the whole paragraph ("title", "lead", "meta", "dim", …)."""
    spans: tuple[Span, ...] = ()
    direction: str = "content"
    """Base direction (see `madara_tui.text.direction`): by default RTL when the text has any
    RTL character, since what we draw comes from a Persian site or a Persian reader."""
    indent: int = 0
    """Cells kept free on the paragraph's start side (the right for RTL interfaces)."""
    truncate: bool = False
    """One line only, cut with an ellipsis, instead of wrapping."""
    picture: str = ""
    """A picture's URL: its rows (when it can be shown) come before the text, its caption."""


def interface_direction(lang: Lang) -> str:
    """The direction of a sentence of the interface itself (help, labels around the site's
    values): Persian lines are RTL as content is; English ones keep their first strong
    character's direction, so a Persian key name or category inside stays in place."""
    return "content" if lang == "fa" else "auto"


@record
class DrawnLine:
    """One laid-out screen row and where it came from."""

    line: ScreenLine
    role: str
    piece: int
    """Index of the `Piece` this row belongs to (-1 for separators)."""
    indent_left: int = 0
    picture: str = ""
    """For a row of a picture: its URL (the row's text is then empty)."""
    picture_row: int = 0
    picture_size: tuple[int, int] = (0, 0)
    """The whole picture's (columns, rows)."""


BLANK = ScreenLine("", (), False)


class ParagraphCache:
    """Keeps one `Paragraph` per (text, spans, direction), the `limit` most recently used:
    shaping happens once, a new width or bidi mode only reorders (the engine memoizes lines per
    width and mode)."""

    def __init__(self, limit: int = 4096) -> None:
        self._items: Kept[tuple[str, tuple[Span, ...], str], Paragraph] = Kept(limit)

    def clear(self) -> None:
        """Forget every paragraph."""
        self._items.clear()

    def get(self, text: str, spans: tuple[Span, ...] = (), direction: str = "content"
            ) -> Paragraph:
        """The prepared paragraph for these arguments."""
        key = (text, spans, direction)
        paragraph = self._items.get(key)
        if paragraph is None:
            paragraph = Paragraph(text, spans, direction=direction)
            self._items.set(key, paragraph)
        return paragraph


def pad_line(line: ScreenLine, width: int, *, right: bool | None = None) -> ScreenLine:
    """`line` made exactly `width` cells wide: padded on the left for RTL (or `right=True`),
    on the right otherwise; cut at the far end of reading when too wide."""
    to_right = line.rtl if right is None else right
    text = line.text.strip(" ") if to_right else line.text.rstrip(" ")
    lead = len(line.text) - len(line.text.lstrip(" ")) if to_right else 0
    spans = _shift(line.spans, -lead, len(text))
    cells = cell_width(text)
    if cells > width:
        text, spans = _cut(text, spans, width, keep_right=to_right)
        cells = cell_width(text)
    gap = max(width - cells, 0)
    if to_right:
        return ScreenLine(" " * gap + text, _shift(spans, gap, gap + len(text)), line.rtl)
    return ScreenLine(text + " " * gap, spans, line.rtl)


def _shift(spans: Sequence[Span], by: int, limit: int) -> tuple[Span, ...]:
    out = []
    for span in spans:
        start, end = max(span.start + by, 0), min(span.end + by, limit)
        if end > start:
            out.append(Span(start, end, span.style))
    return tuple(out)


def _cut(text: str, spans: tuple[Span, ...], width: int, *, keep_right: bool
         ) -> tuple[str, tuple[Span, ...]]:
    """Drop characters from the far end of reading until `text` fits `width` cells."""
    chars = list(text)
    drop = 0
    while chars and cell_width("".join(chars)) > width:
        if keep_right:
            chars.pop(0)
            drop += 1
        else:
            chars.pop()
    cut = "".join(chars)
    return cut, _shift(spans, -drop, len(cut))


# Directional isolates (UAX #9 X5a–X6a): what is inside is reordered on its own, and counts as
# one neutral character to what is around it.
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"


def embedded(value: object) -> str:
    """`value` (a site's name, a category, a number) as it goes into a sentence of the
    interface: inside a first-strong isolate, so in "Headlines · ورزش · 6 items" or «۳ دیدگاه از
    John» neither the value's direction nor the digits and punctuation beside it leak into the
    sentence around it. The text engine honours the isolate and draws neither mark."""
    return FSI + str(value) + PDI


def embedded_values(values: Mapping[str, object]) -> dict[str, object]:
    """The values of an interface sentence, each holding a letter `embedded` (a name keeps
    its run to itself; a bare number is left as it is, its neighbours being isolated)."""
    return {name: embedded(value) if any(char.isalpha() for char in str(value)) else value
            for name, value in values.items()}


def isolate(line: ScreenLine) -> ScreenLine:
    """`line` (logical, mode terminal) inside an RLI/LRI … PDI pair by its paragraph's direction.

    In terminal mode the terminal reorders each whole screen row, and a row holds several fields
    (title, category, time; a label and its value; a paragraph and the padding that aligns it).
    Isolated, each field is reordered inside itself and keeps its place in the row, and its
    direction is its paragraph's, not the terminal's guess from its first letter.
    """
    text = line.text.strip(" ")
    if not text:
        return line
    lead = len(line.text) - len(line.text.lstrip(" "))
    opener = RLI if line.rtl else LRI
    spans = tuple(Span(s.start - lead + 1, s.end - lead + 1, s.style) for s in line.spans)
    return ScreenLine(opener + text + PDI, spans, line.rtl)


def rows_of(paragraph: Paragraph, width: int, mode: BidiMode) -> tuple[ScreenLine, ...]:
    """`paragraph.lines(width, mode)`, each line isolated in mode terminal (see `isolate`)."""
    lines = paragraph.lines(width, mode)
    if mode is BidiMode.TERMINAL:
        return tuple(map(isolate, lines))
    return lines


def one_line(paragraph: Paragraph, width: int, mode: BidiMode) -> ScreenLine:
    """The first screen line of `paragraph` at `width` cells, ending in an ellipsis when the
    paragraph did not fit (titles are truncated, never wrapped). Exactly `width` cells wide."""
    if width <= 0:
        return BLANK
    lines = rows_of(paragraph, max(width, 2), mode)
    if len(lines) <= 1 or width < 4:
        return pad_line(lines[0] if lines else BLANK, width, right=paragraph.rtl)
    first = pad_line(rows_of(paragraph, width - 1, mode)[0], width - 1, right=paragraph.rtl)
    if paragraph.rtl:
        # The end of an RTL line is its left edge: the ellipsis goes there.
        body = first.text.lstrip(" ")
        lead = len(first.text) - len(body)
        spans = _shift(first.spans, 1 - lead, 1 + len(body))
        return pad_line(ScreenLine(ELLIPSIS + body, spans, True), width, right=True)
    body = first.text.rstrip(" ")
    return pad_line(ScreenLine(body + ELLIPSIS, first.spans, False), width, right=False)


@lru_cache(maxsize=2048)
def visual(text: str, mode: BidiMode) -> str:
    """A short label as the terminal should receive it: shaped and in visual order (mode app),
    or logical inside a first-strong isolate (mode terminal, so the terminal's reordering stays
    inside the label). Never wraps; for one-line labels only."""
    if not text:
        return text
    if mode is BidiMode.TERMINAL:
        return FSI + text + PDI
    width = cell_width(text) + 4
    lines = Paragraph(text).lines(width, mode)
    return " ".join(line.text.strip(" ") for line in lines)


def isolated(parts: Sequence[str], mode: BidiMode, *, rtl: bool, sep: str = " · ") -> str:
    """Short labels joined by `sep` on one line, each laid out on its own (like Unicode's
    isolates): in "Headlines · ورزش · 6 items" the count stays out of the Persian name's run.
    The first part is on the reading-start side (the right when `rtl`). In terminal mode the
    terminal orders the joined logical text."""
    if mode is BidiMode.TERMINAL:
        return sep.join(parts)
    shown = [visual(part, mode) for part in parts]
    return sep.join(reversed(shown) if rtl else shown)


PictureSize = Callable[[str, int], tuple[int, int] | None]
"""(columns, rows) of a picture shown at most `width` cells wide, or None when not shown."""


def layout(pieces: Sequence[Piece], width: int, mode: BidiMode, cache: ParagraphCache,
           *, indent_right: bool, gap: int = 0,
           picture_size: PictureSize | None = None, first: int = 0,
           last: int | None = None) -> list[DrawnLine]:
    """Every piece laid out at `width` cells, `gap` blank rows between pieces; a picture's rows
    come before its caption when `picture_size` gives it a size. With `first` and `last`, only
    pieces[first:last] (the rows a layout of them all would have there)."""
    out: list[DrawnLine] = []
    stop = len(pieces) if last is None else min(last, len(pieces))
    for index in range(first, stop):
        piece = pieces[index]
        if gap and index:
            out.extend(DrawnLine(BLANK, "blank", -1) for _ in range(gap))
        size = picture_size(piece.picture, width) if piece.picture and picture_size else None
        if size is not None:
            out.extend(DrawnLine(BLANK, "picture", index, picture=piece.picture,
                                 picture_row=row, picture_size=size) for row in range(size[1]))
        inner = max(width - piece.indent, 1)
        paragraph = cache.get(piece.text, piece.spans, piece.direction)
        if piece.truncate:
            rows: Sequence[ScreenLine] = (one_line(paragraph, inner, mode),)
        else:
            rows = rows_of(paragraph, inner, mode) or (BLANK,)
        left = 0 if indent_right else piece.indent
        for row in rows:
            out.append(DrawnLine(pad_line(row, inner, right=paragraph.rtl), piece.role, index,
                                 left))
    return out


StyleFor = Callable[[str], Style]
"""Maps a span style key ("bold", "link:3", "hit") to a Rich style."""


def to_strip(drawn: DrawnLine, width: int, base: Style, span_style: StyleFor,
             *, right_pad: bool = True) -> Strip:
    """A strip exactly `width` cells wide for one drawn line: `base` everywhere, span styles
    layered on the characters they cover."""
    line = drawn.line
    segments: list[Segment] = []
    if drawn.indent_left:
        segments.append(Segment(" " * drawn.indent_left, base))
    position = 0
    for span in sorted(line.spans, key=lambda s: s.start):
        start, end = max(span.start, position), min(span.end, len(line.text))
        if start >= end:
            continue
        if start > position:
            segments.append(Segment(line.text[position:start], base))
        segments.append(Segment(line.text[start:end], base + span_style(span.style)))
        position = end
    if position < len(line.text):
        segments.append(Segment(line.text[position:], base))
    strip = Strip(segments)
    return strip.adjust_cell_length(width, base) if right_pad else strip


def styles_from(mapping: Mapping[str, Style]) -> StyleFor:
    """A `StyleFor` that looks a key up in `mapping` by its name before any ":" ("link:3" →
    "link"); unknown keys get no extra style."""
    def lookup(key: str) -> Style:
        return mapping.get(key.split(":", 1)[0], Style.null())
    return lookup
