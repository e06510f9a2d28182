"""An input field's text laid out for drawing, with the screen cell of every cursor position.

The field draws exactly what the text engine lays out (`Paragraph.lines`: shaped, visual order),
so the engine is asked where each logical character landed: every character gets a one-character
span, and the spans come back in the screen line's offsets. From that, each cursor position (a
logical index between characters) gets a column, as GTK and Qt place it:

- before a character that is drawn: on that character's cell (for a block cursor, the cell the
  next typed letter goes before);
- before characters that are not drawn (ZWNJ, ZWJ, bidi marks, a mark inside its base's cell):
  on the cell of the next drawn one — the half-space shows as the letter forms around it;
- at the end of a run: beside the last drawn character, on the side its direction continues
  (left of an RTL letter, right of a Latin one); spaces the engine does not draw at a line's end
  push it further, towards the paragraph's end side.

Arrow keys then move by screen column (Left moves left), between rows at a row's edge in reading
order; Up and Down keep the column.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from madara_tui.text.layout import MIN_WIDTH, Paragraph, Span
from madara_tui.text.levels import resolve_levels
from madara_tui.text.termmode import BidiMode
from madara_tui.text.width import cell_width

_RTL_CLASSES = frozenset(("R", "AL"))


def field_direction(text: str, *, empty_rtl: bool) -> str:
    """"rtl" when `text` has any right-to-left letter (a Persian comment that starts with a
    Latin word still reads right to left), "ltr" when it has a Latin (or other left-to-right)
    letter and none of those, `empty_rtl`'s choice when it has no letters at all."""
    has_ltr = False
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_CLASSES:
            return "rtl"
        has_ltr = has_ltr or kind == "L"
    if has_ltr:
        return "ltr"
    return "rtl" if empty_rtl else "ltr"


class DrawnCell(NamedTuple):
    """What the field draws for one logical character: its glyph(s) at screen column `x`.
    (A named tuple: a few thousand are made per key typed in a long comment.)"""

    x: int
    text: str
    width: int
    logical: int
    """The logical character's index in the field's text."""


@dataclass(frozen=True, slots=True)
class CaretRow:
    """One screen row of a field: the drawn cells and the cursor positions it owns.

    The row owns positions `first`…`last`; `xs[p - first]` is the screen column of position p.
    """

    cells: tuple[DrawnCell, ...]
    first: int
    last: int
    xs: tuple[int, ...]
    rtl: bool

    def x_of(self, position: int) -> int:
        """Screen column of the cursor at `position` (one this row owns)."""
        return self.xs[position - self.first]

    def nearest(self, x: int, near: int) -> int:
        """The position whose column is closest to `x` (the one closest to `near` on a tie)."""
        best = min(range(len(self.xs)),
                   key=lambda k: (abs(self.xs[k] - x), abs(self.first + k - near)))
        return self.first + best


@dataclass(frozen=True, slots=True)
class _Row:
    """A row before alignment: columns relative to the leftmost drawn cell."""

    cells: tuple[tuple[int, str, int, int], ...]
    """(column, text, width, logical index) in visual order."""
    content: int
    first: int
    last: int
    cols: tuple[int, ...]
    rtl: bool


@lru_cache(maxsize=256)
def _paragraph_rows(text: str, width: int, mode: BidiMode, direction: str) -> tuple[_Row, ...]:
    """The rows of one paragraph (no line breaks inside), positions counted from its start.
    Memoized: an edit lays out again only the paragraph it changed, a cursor move nothing."""
    rtl = direction == "rtl"
    if not text:
        return (_Row((), 0, 0, 0, (-1 if rtl and mode is BidiMode.APP else 0,), rtl),)
    spans = [Span(i, i + 1, str(i)) for i in range(len(text))]
    paragraph = Paragraph(text, spans, direction=direction)
    lines = paragraph.lines(max(width, MIN_WIDTH), mode)
    levels = resolve_levels(text, paragraph.base) if mode is BidiMode.APP else ""
    shown: list[dict[int, tuple[int, str, int]]] = []
    for line in lines:
        placed = sorted((span.start, span.end, int(span.style)) for span in line.spans)
        here: dict[int, tuple[int, str, int]] = {}
        col = 0
        previous = placed[0][0] if placed else 0  # the padding before it is not content
        for a, b, index in placed:
            if a > previous:
                col += cell_width(line.text[previous:a])
            glyph = line.text[a:b]
            width = cell_width(glyph)
            here[index] = (col, glyph, width)
            col, previous = col + width, b
        if here or not shown:
            shown.append(here)
    firsts = [0, *(min(here) for here in shown[1:])]
    rows: list[_Row] = []
    for k, here in enumerate(shown):
        first = firsts[k]
        end = firsts[k + 1] if k + 1 < len(firsts) else len(text) + 1
        content = max((col + w for col, _g, w in here.values()), default=0)
        cols = [_column(text, p, here, first, end, content, levels, rtl)
                for p in range(first, end)]
        # In the order the engine drew them (`here` was filled so): a zero-width glyph (ZWNJ
        # kept for a terminal that shapes) shares its column with the next one.
        cells = tuple((col, glyph, w, index) for index, (col, glyph, w) in here.items())
        rows.append(_Row(cells, content, first, end - 1, tuple(cols), rtl))
    return tuple(rows)


def _column(text: str, p: int, here: dict[int, tuple[int, str, int]], first: int, end: int,
            content: int, levels: str, rtl: bool) -> int:
    """Column of cursor position `p` in a row showing `here` (see the module docstring);
    `levels` are the paragraph's bidi levels, "" in terminal mode (logical columns)."""
    i = p
    limit = min(end, len(text))
    while i < limit and i not in here and text[i] != " ":
        i += 1
    if i < limit and i in here:
        return here[i][0]
    q = p - 1
    while q >= first and q not in here:
        q -= 1
    backwards = bool(levels) and rtl
    if q < first:
        return -1 if backwards else 0
    spaces = sum(1 for j in range(q + 1, p) if text[j] == " ")
    if spaces:
        return -1 - spaces if backwards else content + spaces
    col, _glyph, width = here[q]
    if levels and ord(levels[q]) & 1:
        return col - 1
    return col + width


class FieldLayout:
    """A field's whole text laid out in rows `area` cells wide, columns aligned: RTL rows to the
    right edge, LTR rows to the left; a one-line field is one row that may be wider than `area`
    (the widget scrolls it)."""

    def __init__(self, text: str, area: int, mode: BidiMode, *, multiline: bool,
                 empty_rtl: bool) -> None:
        self.text = text
        self.area = max(area, 1)
        whole = field_direction(text, empty_rtl=empty_rtl)
        paragraphs = text.split("\n") if multiline else [text]
        rows: list[CaretRow] = []
        start = 0
        for paragraph in paragraphs:
            direction = (field_direction(paragraph, empty_rtl=whole == "rtl"))
            width = self.area - 1 if multiline else cell_width(paragraph) + 2
            for row in _paragraph_rows(paragraph, width, mode, direction):
                rows.append(self._align(row, start, clamp=multiline))
            start += len(paragraph) + 1
        self.rows = tuple(rows)

    def _align(self, row: _Row, start: int, *, clamp: bool) -> CaretRow:
        low = min(0, *row.cols)
        high = max(row.content, *(col + 1 for col in row.cols))
        offset = self.area - high if row.rtl else -low
        xs = [col + offset for col in row.cols]
        if clamp:
            xs = [max(0, min(x, self.area - 1)) for x in xs]
        cells = tuple(DrawnCell(col + offset, glyph, width, start + index)
                      for col, glyph, width, index in row.cells)
        return CaretRow(cells, start + row.first, start + row.last, tuple(xs), row.rtl)

    def row_of(self, position: int) -> int:
        """Index of the row that owns `position`."""
        for k, row in enumerate(self.rows):
            if row.first <= position <= row.last:
                return k
        return len(self.rows) - 1

    def place(self, position: int) -> tuple[int, int]:
        """(row, screen column) of the cursor at `position`."""
        k = self.row_of(position)
        return k, self.rows[k].x_of(position)

    def sideways(self, position: int, step: int) -> int:
        """The position one screen column to the left (`step` -1) or right (+1): the nearest
        column that way in the row; past the row's edge, the next row in reading order (an RTL
        row continues below on the left, above on the right). Unchanged at the text's ends."""
        k, x = self.place(position)
        row = self.rows[k]
        ahead = [(x2, p) for p, x2 in enumerate(row.xs, row.first)
                 if (x2 < x if step < 0 else x2 > x)]
        if ahead:
            target = max(ahead)[0] if step < 0 else min(ahead)[0]
            return row.nearest(target, position)
        forward = (step < 0) == row.rtl
        k2 = k + 1 if forward else k - 1
        if not 0 <= k2 < len(self.rows):
            return position
        other = self.rows[k2]
        edge = max(other.xs) if step < 0 else min(other.xs)
        return other.nearest(edge, position)

    def vertical(self, position: int, step: int, goal: int) -> int:
        """The position in the row `step` rows away whose column is nearest `goal`;
        unchanged on the first or last row."""
        k = self.row_of(position) + step
        if not 0 <= k < len(self.rows):
            return position
        return self.rows[k].nearest(goal, position)

    def row_start(self, position: int) -> int:
        """The logical start of the position's row (Home)."""
        return self.rows[self.row_of(position)].first

    def row_end(self, position: int) -> int:
        """The logical end of the position's row (End)."""
        return self.rows[self.row_of(position)].last
