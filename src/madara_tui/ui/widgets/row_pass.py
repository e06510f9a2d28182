"""The base of our Line-API views: what every row of one render pass shares, computed once.

Textual asks a view for its rows one `render_line(y)` at a time. The content width, the view's
Rich style and the style of each text role are the same for every row of one pass, but asking
Textual for them walks the DOM (the style inherits from every ancestor) and resolves a component
class per role: done for each row, it cost about as much as drawing the rows (the profile of
opening a long article, docs/performance.md). They are read once in `render_lines` and reused.

Each view also keeps the strips it drew (like Textual's `Log` and `DataTable`), by a key that
holds everything a row's look depends on besides the pass: a row scrolled back into view, or
drawn again when the cursor moved elsewhere, is not styled again. A pass whose width, view style
or role styles differ from the last one (a resize, a new theme, focus) drops them all.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cache
from typing import ClassVar, NamedTuple

from rich.style import Style
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip

from madara_tui.ui.kept import Kept
from madara_tui.ui.widgets.shaped import ROLES, role_styles


class RowPass(NamedTuple):
    """The values every row of one render pass shares."""

    width: int
    """Cells of the content region (without scrollbar and padding)."""
    base: Style
    """The view's own Rich style."""
    styles: dict[str, Style]
    """The Rich style of each text role (`shaped.role_styles`)."""


@cache
def role_class_names(roles: tuple[str, ...]) -> tuple[str, ...]:
    """The component class of each of `roles`, in order."""
    return tuple(f"text--{role}" for role in roles)

STRIPS_KEPT = 1024
"""Rows kept drawn per view: a few screens of the tallest terminal."""


class RowsView(ScrollView):
    """A ScrollView whose `render_line` reads the shared values from `row_pass()` and keeps
    the strips it drew (`strip`)."""

    VIEW_ROLES: ClassVar[tuple[str, ...]] = ROLES
    """The text roles the view draws; its `COMPONENT_CLASSES` must be theirs. Textual styles
    a hidden node per component class each time it styles the view (mounting, focus), so a
    view declares only the roles it draws (docs/performance.md, rounds 4 and 5)."""

    _pass: RowPass | None = None
    _strips_pass: RowPass | None = None
    _strips: Kept[Hashable, Strip] | None = None
    _roles: tuple[tuple[object, ...], dict[str, Style]] | None = None
    """The role classes' Textual styles and the Rich styles resolved from them."""

    def render_lines(self, crop: Region) -> list[Strip]:
        self._pass = self._read_pass()
        if self._pass != self._strips_pass:
            self.forget_strips()
            self._strips_pass = self._pass
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def row_pass(self) -> RowPass:
        """The shared values of the pass being drawn (read now when called outside one)."""
        return self._pass or self._read_pass()

    def _read_pass(self) -> RowPass:
        return RowPass(self.scrollable_content_region.width, self.rich_style,
                       self._role_styles())

    def _role_styles(self) -> dict[str, Style]:
        """`role_styles(self)`, resolved again only when Textual has given the role classes
        new styles (it makes new ones whenever it applies the stylesheet: a theme, CSS). Its
        own cache of them is dropped on every refresh, so each key press resolved all the
        roles again, a tenth of the frame."""
        roles = self.VIEW_ROLES
        sources = tuple(map(self._component_styles.get, role_class_names(roles)))
        kept = self._roles
        if kept is None or any(old is not new for old, new in zip(kept[0], sources,
                                                                   strict=True)):
            kept = self._roles = (sources, role_styles(self, roles))
        return kept[1]

    def strip(self, key: Hashable, draw: Callable[[], Strip]) -> Strip:
        """The row drawn for `key` in this pass's width and styles: kept, or `draw()` now.
        `key` must hold every other thing the row's look depends on (its content, whether
        the cursor is on it, …)."""
        if self._strips is None:
            self._strips = Kept(STRIPS_KEPT)
        found = self._strips.get(key)
        if found is None:
            found = draw()
            self._strips.set(key, found)
        return found

    def forget_strips(self) -> None:
        """Drop every kept row (their styles changed)."""
        if self._strips is not None:
            self._strips.clear()
