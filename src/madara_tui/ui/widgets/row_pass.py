"""The base of our Line-API views: what every row of one render pass shares, computed once.

Textual asks a view for its rows one `render_line(y)` at a time. The content width, the view's
Rich style and the style of each text role are the same for every row of one pass, but asking
Textual for them walks the DOM (the style inherits from every ancestor) and resolves a component
class per role: done for each row, it cost about as much as drawing the rows (the profile of
opening a long article, docs/performance.md). They are read once in `render_lines` and reused.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip

from madara_tui.ui.widgets.shaped import role_styles


class RowPass(NamedTuple):
    """The values every row of one render pass shares."""

    width: int
    """Cells of the content region (without scrollbar and padding)."""
    base: Style
    """The view's own Rich style."""
    styles: dict[str, Style]
    """The Rich style of each text role (`shaped.role_styles`)."""


class RowsView(ScrollView):
    """A ScrollView whose `render_line` reads the shared values from `row_pass()`."""

    _pass: RowPass | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        self._pass = RowPass(self.scrollable_content_region.width, self.rich_style,
                             role_styles(self))
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def row_pass(self) -> RowPass:
        """The shared values of the pass being drawn (read now when called outside one)."""
        if self._pass is not None:
            return self._pass
        return RowPass(self.scrollable_content_region.width, self.rich_style, role_styles(self))
