"""A scrolling document of paragraphs (the article body, the help text): Line API, re-laid out
on resize from the text engine's memoized lines, so a new width costs no reshaping.

A long document is laid out in steps: the paragraphs that fill the first screen before its first
frame, the rest `STEP` paragraphs per turn of the event loop after it. Shaping and wrapping a
5,000-word article takes several times the 16 ms of a frame (bench/bench_layout.py), and none of
it but the first screen is needed to show the article; anything that needs the whole layout
(the row count, a key that moves down, a jump to a paragraph further down) finishes it first.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.strip import Strip

from madara_tui.text import BidiMode
from madara_tui.ui.lines import (
    DrawnLine,
    ParagraphCache,
    PictureSize,
    Piece,
    layout,
    styles_from,
)
from madara_tui.ui.pictures.shelf import PictureShelf
from madara_tui.ui.widgets.laid_out import LaidOutView
from madara_tui.ui.widgets.shaped import ROLE_CSS, role_classes, ui_lang

STEP = 6
"""Paragraphs laid out per turn of the event loop after the first screen."""


@dataclass
class _Pending:
    """Where a stepwise layout stands: what it is for and the next paragraph to lay out."""

    width: int
    mode: BidiMode
    indent_right: bool
    picture_size: PictureSize
    next: int = 0


class DocumentView(LaidOutView, can_focus=True):
    """Paragraphs with a blank row between them, scrolled by line or page."""

    # The scrollbar's place is kept even while the document is short: otherwise the first
    # screen of a long article is laid out at one width and again, narrower, once the
    # scrollbar shows.
    DEFAULT_CSS = ("DocumentView { height: 1fr; padding: 0 2; overflow-x: hidden; "
                   "scrollbar-gutter: stable; }\n"
                   "DocumentView {" + ROLE_CSS + "}")
    # Only the roles an article or the help draws: Textual styles one hidden node per
    # component class each time it styles the view (mounting, focus, the screen's resume:
    # three times before an article's first frame), and that was the largest part of
    # the styling in an open's profile (docs/performance.md, round 4).
    VIEW_ROLES: ClassVar[tuple[str, ...]] = (
        "title", "lead", "meta", "dim", "heading", "quote", "link", "bold", "cursor")
    COMPONENT_CLASSES: ClassVar[set[str]] = role_classes(VIEW_ROLES)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Down", show=False, id="article.down",
                tooltip="Scroll one line down"),
        Binding("up,k", "scroll_up", "Up", show=False, id="article.up",
                tooltip="Scroll one line up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="article.page_down",
                tooltip="One screen down"),
        Binding("pageup", "page_up", "Page up", show=False, id="article.page_up",
                tooltip="One screen up"),
        Binding("home,g", "scroll_home", "Top", show=False, id="article.top", tooltip="Top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="article.bottom",
                tooltip="Bottom"),
    ]

    def __init__(self, pieces: Sequence[Piece] = (), *, gap: int = 1, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._pieces: tuple[Piece, ...] = tuple(pieces)
        self._gap = gap
        self._cache = ParagraphCache(limit=4096)
        self._pending: _Pending | None = None
        self._wanted: tuple[int, int] | None = None
        """A reading position asked for before the view had a size."""
        self.marked_span: str | None = None
        """A span style key ("link:3") drawn highlighted, e.g. the link about to open."""
        self.shelf: PictureShelf | None = None
        """The pictures of the pieces that have one (None: captions only)."""
        self._preparing: set[tuple[str, int, int]] = set()
        self._sixel_rows: dict[int, tuple[str, int]] = {}
        """Sixel slices to write after the frame: view row → (picture data, left cell)."""

    def on_unmount(self) -> None:
        self._cache.clear()  # as the rows (`LaidOutView.on_unmount`): freed now, not collected
        self._pending = None

    @property
    def pieces(self) -> tuple[Piece, ...]:
        """The paragraphs shown."""
        return self._pieces

    def update(self, pieces: Sequence[Piece], *, keep_piece: bool = True) -> None:
        """Show `pieces`; the reading position (the row at the top) stays when `keep_piece`."""
        top = (self._wanted or self.reading_position) if keep_piece else (0, 0)
        self._pieces = tuple(pieces)
        self.relayout()
        self.scroll_to_position(*top)

    def relayout(self) -> None:
        """Lay out again for the current width, bidi mode and language; keeps the reading
        position (the paragraph at the top, and how far into it) in place."""
        wanted, self._wanted = self._wanted, None
        top = wanted or (self.reading_position if self._drawn is not None else None)
        super().relayout()
        if top is not None and top != (0, 0):
            self.scroll_to_position(*top)

    def _lay_out(self, width: int, mode: BidiMode) -> tuple[list[DrawnLine], list[int]]:
        """The paragraphs that fill the first screen; the rest is laid out by
        `_lay_out_more`, scheduled here."""
        shelf, height = self.shelf, self.scrollable_content_region.height

        def picture_size(url: str, cells: int) -> tuple[int, int] | None:
            return shelf.size(url, cells, height) if shelf is not None else None

        pending = _Pending(width, mode, ui_lang(self) == "fa", picture_size)
        lines: list[DrawnLine] = []
        starts: list[int] = []
        while pending.next < len(self._pieces) and len(lines) < max(height, 1):
            self._extend(lines, starts, pending, 1)
        self._pending = pending if pending.next < len(self._pieces) else None
        if self._pending is not None:
            self.call_after_refresh(self._lay_out_more)
        return lines, starts

    def _extend(self, lines: list[DrawnLine], starts: list[int], pending: _Pending,
                count: int = STEP) -> None:
        """Lay out the next `count` paragraphs onto `lines` (their first rows onto `starts`)."""
        first = pending.next
        pending.next = min(first + count, len(self._pieces))
        for drawn in layout(self._pieces, pending.width, pending.mode, self._cache,
                            indent_right=pending.indent_right, gap=self._gap,
                            picture_size=pending.picture_size, first=first, last=pending.next):
            if drawn.piece >= 0 and len(starts) <= drawn.piece:
                starts.append(len(lines))
            lines.append(drawn)

    def _step_ready(self) -> _Pending | None:
        """The pending layout, if it still belongs to the layout being shown."""
        pending, drawn = self._pending, self._drawn
        if pending is None or drawn is None or drawn[:2] != (pending.width, pending.mode):
            self._pending = None
            return None
        return pending

    def _lay_out_more(self) -> None:
        pending = self._step_ready()
        if pending is None or self._drawn is None:
            return
        lines = self._drawn[2]
        self._extend(lines, self._drawn[3], pending)
        if pending.next < len(self._pieces):
            # The row count (the scrollbar) changes once, at the end: a new virtual size
            # redraws the whole view, which would cost a frame per step.
            self.call_after_refresh(self._lay_out_more)
        else:
            self._pending = None
            self.virtual_size = Size(self.scrollable_content_region.width, len(lines))

    def _whole(self) -> tuple[list[DrawnLine], list[int]]:
        """The layout of the whole document (finishing a stepwise one now)."""
        lines, starts = self._layout()
        pending = self._step_ready()
        if pending is not None:
            while pending.next < len(self._pieces):
                self._extend(lines, starts, pending)
            self._pending = None
            self.virtual_size = Size(self.scrollable_content_region.width, len(lines))
        return lines, starts

    def render_line(self, y: int) -> Strip:
        lines, _, scroll_y = self.pass_rows()
        row = scroll_y + y
        if self.shelf is None or not 0 <= row < len(lines) or not lines[row].picture:
            return super().render_line(y)
        drawn = lines[row]
        width, base, _ = self.row_pass()
        cols, rows = drawn.picture_size
        left = max(width - cols, 0) // 2
        right = max(width - cols - left, 0)
        picture = self.shelf.row(drawn.picture, cols, rows, drawn.picture_row, base)
        if not self.shelf.ready(drawn.picture, cols, rows):
            self._prepare(drawn.picture, cols, rows)
        sixel = self.shelf.sixel(drawn.picture, cols, rows, drawn.picture_row)
        if sixel:
            if not self._sixel_rows:
                # Runs after the frame being composed is queued to the terminal (the
                # compositor writes it synchronously); call_after_refresh would wait for the
                # next refresh, which may not come until a key is pressed.
                self.call_later(self._write_sixels)
            self._sixel_rows[y] = (sixel, left)
        return Strip([Segment(" " * left, base), *picture, Segment(" " * right, base)], width)

    def _prepare(self, url: str, cols: int, rows: int) -> None:
        """Make a picture's sixel slices in a thread, then draw again."""
        key = (url, cols, rows)
        if key in self._preparing or self.shelf is None:
            return
        self._preparing.add(key)
        shelf = self.shelf

        def make() -> None:
            try:
                shelf.prepare(url, cols, rows)
            finally:
                self.app.call_from_thread(self._prepared, key)

        self.run_worker(make, thread=True, group="sixel", exit_on_error=False)

    def _prepared(self, key: tuple[str, int, int]) -> None:
        self._preparing.discard(key)
        self.refresh()

    def _write_sixels(self) -> None:
        """Draw the sixel slices of the picture rows the last frame painted, where they are on
        screen now (the frame is already in the terminal's stream: see `ui.pictures.sixel`)."""
        from madara_tui.ui.pictures.sixel import place

        rows, self._sixel_rows = self._sixel_rows, {}
        if self.shelf is None or not rows or not self.screen.is_active:
            return  # under a dialog: the dialog's cells must not be drawn over
        region = self.content_region
        data = "".join(place(sixel, region.x + left, region.y + y)
                       for y, (sixel, left) in sorted(rows.items()) if y < region.height)
        self.shelf.write(data)

    @property
    def top_piece(self) -> int:
        """Index of the paragraph at the top of the view (the reading position)."""
        if self._drawn is None:
            return 0
        _, starts = self._drawn[2], self._drawn[3]
        return max(bisect_right(starts, int(self.scroll_offset.y)) - 1, 0)

    @property
    def reading_position(self) -> tuple[int, int]:
        """(the paragraph at the top of the view, how many of its rows are scrolled past)."""
        if self._drawn is None or not self._drawn[3]:
            return 0, 0
        starts = self._drawn[3]
        y = int(self.scroll_offset.y)
        piece = max(bisect_right(starts, y) - 1, 0)
        return piece, max(y - starts[piece], 0)

    def scroll_to_position(self, piece: int, row: int = 0) -> None:
        """Scroll so row `row` of paragraph `piece` is at the top (the row is kept inside the
        paragraph when a new width made it shorter)."""
        if piece <= 0 and row <= 0:
            self._wanted = None
            self.scroll_to_piece(0)
            return
        if not self.size.height:
            # Not laid out on screen yet (a scroll now would be clamped to 0): on first size.
            self._wanted = (piece, row)
            return
        lines, starts = self._whole()
        if not starts:
            return
        piece = max(0, min(piece, len(starts) - 1))
        end = starts[piece + 1] if piece + 1 < len(starts) else len(lines)
        y = starts[piece] + max(0, min(row, end - starts[piece] - 1))
        self.scroll_to(y=y, animate=False, force=True)

    def scroll_to_piece(self, index: int) -> None:
        """Scroll so paragraph `index` is at the top."""
        # Only the top needs no more than the first screen; any other paragraph needs the rows
        # below it too, or the scroll would stop at the end of the first screen.
        _, starts = self._layout() if index <= 0 else self._whole()
        if starts:
            index = max(0, min(index, len(starts) - 1))
            self.scroll_to(y=starts[index], animate=False, force=True)

    def lines_text(self) -> list[str]:
        """Every screen row's text (tests compare these with the text engine's output)."""
        return [drawn.line.text for drawn in self._whole()[0]]

    # Keys that move down need the rows below the first screen: a key pressed before the rest
    # of a long article is laid out finishes it first rather than stopping at the first screen.
    def action_scroll_down(self) -> None:
        self._whole()
        super().action_scroll_down()

    def action_page_down(self) -> None:
        self._whole()
        super().action_page_down()

    def action_scroll_end(self) -> None:
        self._whole()
        super().action_scroll_end()

    def _row_marks(self, drawn: DrawnLine) -> Hashable:
        wanted = self.marked_span
        return wanted if any(span.style == wanted for span in drawn.line.spans) else None

    def _span_styles(self, styles: dict[str, Style]) -> Callable[[str], Style]:
        lookup = styles_from(styles)
        wanted = self.marked_span

        def span_style(key: str) -> Style:
            style = lookup(key)
            return style + styles["cursor"] if key == wanted else style

        return span_style
