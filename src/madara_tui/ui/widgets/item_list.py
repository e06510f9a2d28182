"""A scrolling list of multi-paragraph items with a cursor (related news, comments, search
results, the outbox, links, help). Line API: only the visible rows are turned into strips."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Sequence
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive

from madara_tui.records import record
from madara_tui.text import BidiMode
from madara_tui.ui.lines import (
    BLANK,
    DrawnLine,
    ParagraphCache,
    Piece,
    layout,
)
from madara_tui.ui.widgets.laid_out import LaidOutView
from madara_tui.ui.widgets.shaped import (
    ROLE_CLASSES,
    ROLE_CSS,
    role_classes,
    ui_lang,
)


@record
class Item:
    """One entry: its paragraphs and the value handed back when it is chosen."""

    pieces: tuple[Piece, ...]
    value: object = None
    selectable: bool = True


class ItemList(LaidOutView, can_focus=True):
    """Items separated by a blank row; the cursor item is highlighted; Enter or a click on the
    highlighted item posts `ItemList.Chosen`."""

    DEFAULT_CSS = ("ItemList { height: 1fr; padding: 0 1; overflow-x: hidden; }\n"
                   "ItemList {" + ROLE_CSS + "}")
    COMPONENT_CLASSES: ClassVar[set[str]] = ROLE_CLASSES
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor(1)", "Down", show=False, id="list.down", tooltip="Next item"),
        Binding("up,k", "cursor(-1)", "Up", show=False, id="list.up", tooltip="Previous item"),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("home,g", "jump(0)", show=False),
        Binding("end,G", "jump(-1)", show=False),
        Binding("enter", "choose", "Open", id="list.open", tooltip="Open the highlighted item"),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    class _ItemMessage(Message):
        """Something happened to the item at `index` (whose value is `value`)."""

        def __init__(self, item_list: ItemList, index: int, value: object) -> None:
            super().__init__()
            self.item_list = item_list
            self.index = index
            self.value = value

        @property
        def control(self) -> ItemList:
            return self.item_list

    class Chosen(_ItemMessage):
        """The user chose an item."""

    class Highlighted(_ItemMessage):
        """The cursor moved to another item."""

    def __init__(self, items: Sequence[Item] = (), *, empty: str = "", gap: int = 1,
                 name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._items: tuple[Item, ...] = tuple(items)
        self._empty = empty
        self._gap = gap
        self._cache = ParagraphCache(limit=2048)

    @property
    def items(self) -> tuple[Item, ...]:
        """The items shown."""
        return self._items

    def set_items(self, items: Sequence[Item], *, empty: str | None = None,
                  keep_cursor: bool = False) -> None:
        """Show `items`; the cursor goes to the first selectable one unless `keep_cursor`."""
        self._items = tuple(items)
        if empty is not None:
            self._empty = empty
        old = self.cursor
        self.relayout()
        target = min(old, len(self._items) - 1) if keep_cursor else 0
        self.set_reactive(ItemList.cursor, max(self._nearest(target, 1), 0))
        if not keep_cursor:
            self.scroll_to(y=0, animate=False)
        self.refresh()

    def _lay_out(self, width: int, mode: BidiMode) -> tuple[list[DrawnLine], list[int]]:
        lines: list[DrawnLine] = []
        starts: list[int] = []
        pieces: list[Piece] = []
        if not self._items and self._empty:
            pieces = [Piece(self._empty, "dim")]
        rtl_ui = ui_lang(self) == "fa"
        for index, item in enumerate(self._items):
            starts.append(len(lines))
            if index and self._gap:
                lines.extend(DrawnLine(BLANK, "blank", -1) for _ in range(self._gap))
                starts[-1] = len(lines)
            for drawn in layout(item.pieces, width, mode, self._cache, indent_right=rtl_ui):
                lines.append(DrawnLine(drawn.line, drawn.role, index, drawn.indent_left))
        for drawn in layout(pieces, width, mode, self._cache, indent_right=rtl_ui):
            lines.append(DrawnLine(drawn.line, drawn.role, -1, drawn.indent_left))
        return lines, starts

    def _row_marks(self, drawn: DrawnLine) -> Hashable:
        return drawn.piece >= 0 and drawn.piece == self.cursor

    def _row_style(self, drawn: DrawnLine, style: Style, styles: dict[str, Style]) -> Style:
        if drawn.piece >= 0 and drawn.piece == self.cursor:
            return style + styles["cursor"]
        return style

    def _nearest(self, index: int, step: int) -> int:
        if not self._items:
            return -1
        index = max(0, min(index, len(self._items) - 1))
        probe = index
        while 0 <= probe < len(self._items):
            if self._items[probe].selectable:
                return probe
            probe += step
        probe = index
        while 0 <= probe < len(self._items):
            if self._items[probe].selectable:
                return probe
            probe -= step
        return -1

    def watch_cursor(self, _old: int, new: int) -> None:
        self.refresh()
        self._scroll_to_item(new)
        if 0 <= new < len(self._items):
            self.post_message(self.Highlighted(self, new, self._items[new].value))

    def _scroll_to_item(self, index: int) -> None:
        lines, starts = self._layout()
        if not 0 <= index < len(starts):
            return
        start = starts[index]
        end = starts[index + 1] - self._gap if index + 1 < len(starts) else len(lines)
        width = self.scrollable_content_region.width
        self.scroll_to_region(Region(0, start, width, max(end - start, 1)), animate=False,
                              force=True)

    def action_cursor(self, step: int) -> None:
        target = self._nearest(self.cursor + step, step)
        if target >= 0:
            self.cursor = target

    def action_page(self, step: int) -> None:
        _, starts = self._layout()
        if not starts:
            return
        row = starts[max(self.cursor, 0)] + step * max(self.size.height - 1, 1)
        index = max(bisect_right(starts, max(row, 0)) - 1, 0)
        target = self._nearest(index, step)
        if target >= 0:
            self.cursor = target

    def action_jump(self, where: int) -> None:
        target = self._nearest(len(self._items) - 1 if where < 0 else 0, 1 if where >= 0 else -1)
        if target >= 0:
            self.cursor = target

    def action_choose(self) -> None:
        if 0 <= self.cursor < len(self._items) and self._items[self.cursor].selectable:
            self.post_message(self.Chosen(self, self.cursor, self._items[self.cursor].value))

    def on_click(self, event: events.Click) -> None:
        lines, _ = self._layout()
        row = int(self.scroll_offset.y) + event.y
        if not 0 <= row < len(lines) or lines[row].piece < 0:
            return
        index = lines[row].piece
        if not self._items[index].selectable:
            return
        if index == self.cursor or event.chain > 1:
            self.cursor = index
            self.action_choose()
        else:
            self.cursor = index


class CategoryList(ItemList):
    """The headline screen's category list: plain names under a label, so only the roles those
    draw (`RowsView.VIEW_ROLES`; the list is on the first screen, styled before its frame)."""

    VIEW_ROLES: ClassVar[tuple[str, ...]] = ("label", "dim", "cursor")
    COMPONENT_CLASSES: ClassVar[set[str]] = role_classes(VIEW_ROLES)


# Not ItemList's classes as well. Said after the class: `Widget.__init_subclass__` does not
# pass DOMNode's `inherit_component_classes` argument on, and sets the flag back to True.
CategoryList._inherit_component_classes = False
