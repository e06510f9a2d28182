"""The base of our scrolling Line-API views: rows are the text engine's lines, laid out once per
width and bidi mode, and laid out again when either (or the language) changes."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.strip import Strip

from madara_tui.text import BidiMode
from madara_tui.ui.lines import DrawnLine, styles_from, to_strip
from madara_tui.ui.widgets.row_pass import RowsView
from madara_tui.ui.widgets.shaped import follow_app, ui_mode


class LaidOutView(RowsView):
    """Subclasses say how to lay out their content in `_lay_out`; this keeps the result for the
    current width and mode, sizes the virtual area from it and redraws when it changes."""

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._drawn: tuple[int, BidiMode, list[DrawnLine], list[int]] | None = None
        self._pass_rows: tuple[list[DrawnLine], int, int] | None = None

    def on_mount(self) -> None:
        follow_app(self, self.relayout)

    def on_unmount(self) -> None:
        # Freed now by reference counting: left with the closed widget for the cyclic
        # collector, a long article's rows and drawn strips made its next full collection
        # ~100 ms longer, in whichever article open or key press it fell on
        # (docs/performance.md, Rounds 4 and 5).
        self._drawn = None
        self.forget_strips()

    def on_resize(self, _event: events.Resize) -> None:
        self.relayout()

    def relayout(self) -> None:
        """Lay out again (width, bidi mode, language or content changed)."""
        self._drawn = None
        lines, _ = self._layout()
        self.virtual_size = Size(self.scrollable_content_region.width, len(lines))
        self.refresh()

    def _layout(self) -> tuple[list[DrawnLine], list[int]]:
        """The screen rows, and the first row of each paragraph or item."""
        width, mode = self._layout_key()
        if self._drawn is None or self._drawn[:2] != (width, mode):
            lines, starts = self._lay_out(width, mode)
            self._drawn = (width, mode, lines, starts)
        return self._drawn[2], self._drawn[3]

    def _layout_key(self) -> tuple[int, BidiMode]:
        """What a layout depends on besides the content: the width and the bidi mode."""
        return max(self.scrollable_content_region.width, 1), ui_mode(self)

    def _lay_out(self, width: int, mode: BidiMode) -> tuple[list[DrawnLine], list[int]]:
        raise NotImplementedError

    def render_lines(self, crop: Region) -> list[Strip]:
        # The rows and the scroll offset are the same for every row of a pass: finding the
        # layout asks Textual for the content region, which walks the styles, once per row.
        self._pass_rows = (self._layout()[0], *self.scroll_offset)
        try:
            return super().render_lines(crop)
        finally:
            self._pass_rows = None

    def pass_rows(self) -> tuple[list[DrawnLine], int, int]:
        """(the screen rows, scroll x, scroll y) of the pass being drawn (now outside one)."""
        if self._pass_rows is not None:
            return self._pass_rows
        return (self._layout()[0], *self.scroll_offset)

    def render_line(self, y: int) -> Strip:
        width, base, styles = self.row_pass()
        lines, scroll_x, scroll_y = self.pass_rows()
        row = scroll_y + y
        if row >= len(lines):
            return Strip.blank(width, base)
        drawn = lines[row]

        def draw() -> Strip:
            style = base + styles.get(drawn.role, Style.null())
            return to_strip(drawn, width, self._row_style(drawn, style, styles),
                            self._span_styles(styles))

        return self.strip((drawn, self._row_marks(drawn)), draw).crop(scroll_x, scroll_x + width)

    def _row_marks(self, drawn: DrawnLine) -> Hashable:
        """What besides `drawn` itself changes how its row looks (subclasses that mark a row
        or a span say so here, for the kept strips' key)."""
        return None

    def _row_style(self, drawn: DrawnLine, style: Style, styles: dict[str, Style]) -> Style:
        """The style of a whole row (subclasses add a cursor)."""
        return style

    def _span_styles(self, styles: dict[str, Style]) -> Callable[[str], Style]:
        """How span keys ("link:3", "hit") map to styles (subclasses mark one)."""
        return styles_from(styles)
