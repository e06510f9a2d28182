"""The first screen: categories on the reading-start side, the headline list, filters."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal

from madara_tui.models import Headline
from madara_tui.records import record, replace
from madara_tui.service import HeadlineFilter, Service
from madara_tui.text import cell_width
from madara_tui.ui.lines import Piece
from madara_tui.ui.screens.base import ReaderScreen
from madara_tui.ui.widgets.bars import KeyBar, TopBar
from madara_tui.ui.widgets.headline_list import PAGE_ROWS, HeadlineList
from madara_tui.ui.widgets.item_list import CategoryList, Item, ItemList


@record
class FilteredHeadlines:
    """The service's headlines under one filter (the list's `HeadlineSource`)."""

    service: Service
    filters: HeadlineFilter

    async def count(self) -> int:
        """How many rows match."""
        return await self.service.headline_count(self.filters)

    async def page(self, offset: int, limit: int) -> list[Headline]:
        """Rows `offset` … `offset + limit - 1`."""
        return await self.service.headline_page(self.filters, offset, limit)


@record
class FirstRows:
    """What the first frame of the headline screen shows, read before the screen is composed
    (`HeadlinesScreen.prepare`)."""

    hide_read: bool
    """The remembered «hide read headlines» filter."""
    count: int
    page: list[Headline]
    """The first `PAGE_ROWS` rows under that filter."""
    categories: list[str]


async def read_first_rows(service: Service) -> FirstRows:
    """What the first frame shows: the hide-read preference, then the row count, the first page
    and the categories."""
    hide_read = await service.preference(HIDE_READ_PREF) == "1"
    filters = HeadlineFilter(unread=hide_read)
    count, page, categories = await asyncio.gather(
        service.headline_count(filters), service.headline_page(filters, 0, PAGE_ROWS),
        service.categories_in_use())
    return FirstRows(hide_read, count, page, [c.name for c in categories])


SIDEBAR_MIN_SCREEN = 100
"""Below this many columns the category list starts hidden (`s` shows it): at 80 columns the
headline titles need the room."""
SIDEBAR_CELLS = (14, 30)
"""The category list is as wide as its longest name, within these bounds (with padding)."""
HIDE_READ_PREF = "headlines.hide_read"


class HeadlinesScreen(ReaderScreen):
    """Headlines with categories and the unread/bookmarked filters."""

    AUTO_FOCUS = "#headlines"
    """The list starts with the focus: given to the first focusable widget instead (the
    category list) and then moved, the focus restyled both lists twice before the first
    frame (docs/performance.md, round 5)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", id="headlines.quit", tooltip="Quit"),
        Binding("u", "toggle_filter('unread')", "Hide read", id="headlines.unread",
                tooltip="Hide read headlines (remembered)"),
        Binding("m", "toggle_filter('bookmarked')", "Bookmarked", id="headlines.bookmarked",
                tooltip="Show only bookmarked headlines"),
        Binding("right_square_bracket", "category(1)", "Next category", show=False,
                id="headlines.next_category", tooltip="Next category"),
        Binding("left_square_bracket", "category(-1)", "Previous category", show=False,
                id="headlines.previous_category", tooltip="Previous category"),
        Binding("c", "focus_categories", "Categories", show=False, id="headlines.categories",
                tooltip="Move to the category list"),
        Binding("b", "bookmark", "Bookmark", show=False, id="headlines.bookmark",
                tooltip="Bookmark the highlighted headline"),
        Binding("x", "toggle_read", "Read/unread", show=False, id="headlines.toggle_read",
                tooltip="Mark the highlighted headline read or unread"),
        Binding("A", "mark_all_read", "Mark all read", show=False, id="headlines.mark_all_read",
                tooltip="Mark every headline of this category (or all) read"),
        Binding("z", "undo_mark_all_read", "Undo", show=False, id="headlines.undo",
                tooltip="Mark unread again what the last mark all read marked"),
        Binding("s", "toggle_sidebar", "Categories", show=False, id="headlines.sidebar",
                tooltip="Show or hide the category list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._categories: list[str] = []
        self._sidebar_choice: bool | None = None
        """The user's last `s`: shown or hidden whatever the width (None: by the width)."""
        self.filters = HeadlineFilter()
        """The filters in force (category, unread, bookmarked, source)."""
        self._fetching_older = False
        self._last_marked: list[tuple[str, int]] = []
        """What the last mark all read marked (so `z` can undo it); empty once undone."""
        self._oldest_reached = False
        self._first: FirstRows | None = None

    async def prepare(self, service: Service,
                      ahead: Awaitable[FirstRows] | None = None) -> None:
        """Have what the first frame shows (`read_first_rows`, or its reading started `ahead`)
        before the screen is composed. The first frame is then the whole screen, rows and
        categories in place, where without it the screen was drawn once empty and again as
        each read arrived (the start's first frame: see docs/performance.md)."""
        self._first = await (ahead if ahead is not None else read_first_rows(service))

    def compose(self) -> ComposeResult:
        yield TopBar("headlines.title", id="top")
        with Horizontal(id="body"):
            yield CategoryList(id="categories", gap=0)
            yield HeadlineList(self.reader.clock, id="headlines")
        yield KeyBar(id="keys")

    @property
    def headline_list(self) -> HeadlineList:
        """The list widget."""
        return self.query_one("#headlines", HeadlineList)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The first screen has nothing to go back to: `q` quits instead.
        return action != "back"

    def on_mount(self) -> None:
        self._fit_sidebar(self.app.size.width)
        first, self._first = self._first, None
        if first is None:
            self.headline_list.set_source(FilteredHeadlines(self.reader.service, self.filters))
            self._load_categories()
            self._load_hide_read()
        else:
            self.filters = replace(self.filters, unread=first.hide_read)
            self.headline_list.set_source(FilteredHeadlines(self.reader.service, self.filters),
                                          (first.count, first.page))
            self._categories = first.categories
            self._show_categories()
        self.headline_list.focus()
        self._after_first_rows()

    @work(group="first-rows", exit_on_error=False)
    async def _after_first_rows(self) -> None:
        """Once the first rows are read and drawn, let the app start its background work."""
        await self.headline_list.wait_loaded()
        self.call_after_refresh(self.reader.first_screen_drawn)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_sidebar(event.size.width)

    @property
    def sidebar_shown(self) -> bool:
        """Whether the category list is on screen."""
        return bool(self.query_one("#categories", ItemList).display)

    def _fit_sidebar(self, width: int) -> None:
        shown = self._sidebar_choice
        if shown is None:
            shown = width >= SIDEBAR_MIN_SCREEN
        menu = self.query_one("#categories", ItemList)
        if bool(menu.display) != shown:
            if not shown and menu.has_focus:
                self.headline_list.focus()
            menu.display = shown

    def action_toggle_sidebar(self) -> None:
        self._sidebar_choice = not self.sidebar_shown
        self._fit_sidebar(self.app.size.width)

    @work(group="prefs", exit_on_error=False)
    async def _load_hide_read(self) -> None:
        reader = self.reader
        if await reader.service.preference(HIDE_READ_PREF) == "1":
            self._apply(unread=True)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if self.first_shown(event):
            return
        # Read marks and bookmarks may have changed on the article screen.
        if self.is_mounted:
            self.headline_list.reload()

    def data_changed(self) -> None:
        """A refresh finished: read the categories and the rows again."""
        self._load_categories()
        self.headline_list.reload()

    def relabel(self) -> None:
        self._show_categories()
        self._update_title()

    @work(group="categories", exclusive=True, exit_on_error=False)
    async def _load_categories(self) -> None:
        categories = await self.reader.service.categories_in_use()
        self._categories = [category.name for category in categories]
        self._show_categories()

    def _show_categories(self) -> None:
        items = [Item((Piece(self.words("headlines.all"), "label", truncate=True),), None)]
        items += [Item((Piece(name, "text", truncate=True),), name) for name in self._categories]
        menu = self.query_one("#categories", ItemList)
        longest = max((cell_width(piece.text) for item in items for piece in item.pieces),
                      default=0)
        low, high = SIDEBAR_CELLS
        menu.styles.width = max(low, min(high, longest + 5))  # padding, border, a margin
        menu.set_items(items, keep_cursor=True)
        current = self.filters.category
        index = self._categories.index(current) + 1 if current in self._categories else 0
        menu.set_reactive(ItemList.cursor, index)
        menu.refresh()

    def _update_title(self) -> None:
        parts = [self.filters.category or ""]
        if self.filters.unread:
            parts.append(self.words("filter.unread"))
        if self.filters.bookmarked:
            parts.append(self.words("filter.bookmarked"))
        count = self.headline_list.count
        if count >= 0:
            parts.append(self.words("headlines.count", count=self.reader.number(count)))
        self.query_one(TopBar).set_title("headlines.title", parts)

    @on(HeadlineList.Counted)
    def _counted(self) -> None:
        self._update_title()

    @on(HeadlineList.EndReached)
    def _end_reached(self) -> None:
        """The end of the unfiltered list: fetch the next older page from the site."""
        filters = self.filters
        if self.reader.service.offline or self._oldest_reached or (
                filters.category or filters.unread or filters.bookmarked or filters.source):
            return
        self._fetch_older()

    @work(group="older", exclusive=False, exit_on_error=False)
    async def _fetch_older(self) -> None:
        if self._fetching_older:
            return
        self._fetching_older = True
        reader = self.reader
        try:
            reader.say_key("headlines.older.loading")
            report = await reader.service.fetch_older(1)
        finally:
            self._fetching_older = False
        if report.error:
            reader.say_key("headlines.older.failed", error=True, reason=report.error)
            return
        self._oldest_reached = report.end and not report.stats.new
        reader.say_key("headlines.older.end" if self._oldest_reached else "headlines.older.done",
                       new=report.stats.new)
        if report.stats.new:
            self.headline_list.reload()

    def _apply(self, **changes: Any) -> None:
        self.filters = replace(self.filters, **changes)
        self.headline_list.set_source(FilteredHeadlines(self.reader.service, self.filters))
        self._show_categories()
        self._update_title()

    # Called by keys, the category list and the command palette.

    def set_category(self, name: str | None) -> None:
        """Show only `name`'s headlines (None: every category)."""
        self._apply(category=name)

    def set_source(self, url: str | None) -> None:
        """Show only the headlines of source `url` (None: every source)."""
        self._apply(source=url)

    def set_filter(self, kind: str) -> None:
        """"all", "unread" or "bookmarked"."""
        self._apply(unread=kind == "unread", bookmarked=kind == "bookmarked")

    def action_toggle_filter(self, kind: str) -> None:
        on_now = getattr(self.filters, kind)
        self.set_filter("all" if on_now else kind)
        if kind == "unread":  # hiding read headlines is a habit: remember it
            remember = self.reader.service.set_preference(HIDE_READ_PREF, "0" if on_now else "1")
            self.app.run_worker(remember, group="prefs", exit_on_error=False)

    @work(group="marks", exclusive=True, exit_on_error=False)
    async def action_mark_all_read(self) -> None:
        """Mark every headline the category (and source) in force shows read."""
        reader = self.reader
        marked = await reader.service.mark_all_read(category=self.filters.category,
                                                    source=self.filters.source)
        # Nothing asks first (a confirmation on every A is a chore); the message offers the
        # undo instead, and the marks stay undoable until the next mark all read.
        self._last_marked = marked
        reader.say_key("headlines.marked_read", count=len(marked),
                       undo=self._key_of("headlines.undo"))
        self.headline_list.reload()

    @work(group="marks", exclusive=True, exit_on_error=False)
    async def action_undo_mark_all_read(self) -> None:
        """Mark unread again what the last mark all read marked."""
        marked, self._last_marked = self._last_marked, []
        if not marked:
            self.reader.say_key("headlines.nothing_to_undo")
            return
        await self.reader.service.mark_unread(marked)
        self.reader.say_key("headlines.marked_unread", count=len(marked))
        self.headline_list.reload()

    def _key_of(self, binding_id: str) -> str:
        """The key bound to `binding_id` now (the keymap may have moved it), as shown."""
        for active in self.active_bindings.values():
            if active.binding.id == binding_id:
                return self.app.get_key_display(active.binding)
        return ""

    def action_category(self, step: int) -> None:
        names: list[str | None] = [None, *self._categories]
        index = names.index(self.filters.category) if self.filters.category in names else 0
        self.set_category(names[(index + step) % len(names)])

    def action_focus_categories(self) -> None:
        if not self.sidebar_shown:
            self._sidebar_choice = True
            self._fit_sidebar(self.app.size.width)
        self.query_one("#categories", ItemList).focus()

    @on(ItemList.Chosen, "#categories")
    def _category_chosen(self, event: ItemList.Chosen) -> None:
        self.set_category(event.value if isinstance(event.value, str) else None)
        self.headline_list.focus()

    @on(HeadlineList.Opened)
    def _open(self, event: HeadlineList.Opened) -> None:
        self.reader.show_article(event.headline.source, event.headline.id, index=event.index,
                                 walk=self.walk_to)

    async def walk_to(self, index: int) -> Headline | None:
        """The headline at `index` with the list's cursor moved there (the article screen's
        n/p); None past either end."""
        headline = await self.headline_list.headline_at(index)
        if headline is not None:
            self.headline_list.cursor = index
        return headline

    async def _selected(self) -> Headline | None:
        return await self.headline_list.headline_at(self.headline_list.cursor)

    @work(group="marks", exit_on_error=False)
    async def action_bookmark(self) -> None:
        headline = await self._selected()
        if headline is not None:
            await self.reader.service.set_bookmark(headline.source, headline.id,
                                                   not headline.bookmarked)
            self.headline_list.reload()

    @work(group="marks", exit_on_error=False)
    async def action_toggle_read(self) -> None:
        headline = await self._selected()
        if headline is not None:
            await self.reader.service.mark_read(headline.source, headline.id, not headline.read)
            self.headline_list.reload()
