"""How one headline row is laid out: columns mirrored for the Persian interface.

Persian (left → right on screen): time · category · title (right-aligned) · marks.
English:                          marks · title · category · time (right-aligned).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style

from madara_tui.models import Headline
from madara_tui.records import record
from madara_tui.text import BidiMode, ScreenLine, Span
from madara_tui.ui.lines import ParagraphCache, one_line, pad_line, visual

MARK_CELLS = 2
GAP = 2
UNREAD = "●"
BOOKMARK = "★"


@record
class RowLayout:
    """Column widths (in cells) for a given list width."""

    width: int
    rtl: bool
    time: int
    category: int
    title: int

    @classmethod
    def for_width(cls, width: int, *, rtl: bool, time_cells: int) -> RowLayout:
        """Columns for `width` cells; narrow lists drop the category, then the time."""
        time = 18 if rtl else 16
        category = 14
        if width < 70:
            category = 0
        if width < 40:
            time = 0
        used = MARK_CELLS + 1 + (time + GAP if time else 0) + (category + GAP if category else 0)
        return cls(width, rtl, time, category, max(width - used, 1))


def _text_segments(line_text: str, spans: tuple[Span, ...], style: Style,
                   styles: dict[str, Style]) -> list[Segment]:
    if not spans:
        return [Segment(line_text, style)]
    out: list[Segment] = []
    position = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start > position:
            out.append(Segment(line_text[position:span.start], style))
        key = span.style.split(":", 1)[0]
        out.append(Segment(line_text[span.start:span.end], style + styles.get(key, Style.null())))
        position = max(position, span.end)
    if position < len(line_text):
        out.append(Segment(line_text[position:], style))
    return out


def row_segments(headline: Headline, when: str, layout: RowLayout, mode: BidiMode,
                 paragraphs: ParagraphCache, style: Style, styles: dict[str, Style],
                 title_spans: tuple[Span, ...] = ()) -> list[Segment]:
    """The segments of one row, left to right on screen, `layout.width` cells in all."""
    title_style = style + (styles["title"] if not headline.read else Style.null())
    meta = style + styles["meta"]
    title = one_line(paragraphs.get(headline.title, title_spans), layout.title, mode)
    title = pad_line(title, layout.title, right=layout.rtl)
    marks = [
        Segment(UNREAD if not headline.read else " ", style + styles["unread"]),
        Segment(BOOKMARK if headline.bookmarked else " ", style + styles["mark"]),
    ]
    if layout.rtl:
        marks.reverse()
    columns: list[list[Segment]] = []
    if layout.time:
        shown = visual(when, mode)
        time_line = pad_line(ScreenLine(shown, (), False), layout.time, right=not layout.rtl)
        columns.append([Segment(time_line.text, meta)])
    if layout.category:
        category = one_line(paragraphs.get(headline.category), layout.category, mode)
        category = pad_line(category, layout.category, right=layout.rtl)
        columns.append([Segment(category.text, meta)])
    title_segments = _text_segments(title.text, title.spans, title_style, styles)
    gap = [Segment(" " * GAP, style)]
    if layout.rtl:
        out: list[Segment] = []
        for column in columns:
            out += column + gap
        return [*out, *title_segments, Segment(" ", style), *marks]
    out = [*marks, Segment(" ", style), *title_segments]
    for column in reversed(columns):
        out += gap + column
    return out
