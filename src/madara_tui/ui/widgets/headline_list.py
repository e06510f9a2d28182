"""The headline list: a Line API widget that reads rows through the service one page at a time.

Only the rows on screen become strips; pages of `PAGE_ROWS` headlines are read off the event loop
and kept in a small LRU, so row 90,000 costs what row 1 costs. While a page loads, the rows it held
before a reload stay on screen (no flicker); never-seen rows show a quiet placeholder.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any, ClassVar, NamedTuple, Protocol

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from madara_tui.messages import Lang
from madara_tui.models import Headline
from madara_tui.text import BidiMode, cell_width, format_relative
from madara_tui.ui.headline_row import RowLayout, row_segments
from madara_tui.ui.lines import ParagraphCache
from madara_tui.ui.widgets.row_pass import RowsView
from madara_tui.ui.widgets.shaped import (
    follow_app,
    role_classes,
    role_css,
    ui_lang,
    ui_mode,
)

PAGE_ROWS = 100
"""Headlines read from the store at once."""
KEPT_PAGES = 12
"""Pages kept in memory (1,200 rows: a few screens either side of the view)."""


class HeadlineSource(Protocol):
    """Where rows come from (the service, under the current filters). Each call does its own
    thread hop: the event loop never waits on it."""

    async def count(self) -> int:
        """How many headlines match."""
        ...

    async def page(self, offset: int, limit: int) -> list[Headline]:
        """Headlines `offset` … `offset + limit - 1`, newest first."""
        ...


class _RowContext(NamedTuple):
    """What every row of one render pass shares (see `HeadlineList.render_lines`)."""

    scroll_y: int
    height: int
    now: datetime
    lang: Lang
    mode: BidiMode


class EmptySource:
    """No rows (before the service is known)."""

    async def count(self) -> int:
        """Always 0."""
        return 0

    async def page(self, offset: int, limit: int) -> list[Headline]:
        """Always empty."""
        return []


class HeadlineList(RowsView, can_focus=True):
    """The rows: unread mark, title (shaped, visual order, truncated), category and time."""

    VIEW_ROLES: ClassVar[tuple[str, ...]] = ("title", "meta", "dim", "cursor", "unread", "mark")
    """What `render_line` and `headline_row.row_segments` draw (a row's title has no spans)."""
    DEFAULT_CSS = ("HeadlineList { height: 1fr; overflow-x: hidden; }\n"
                   "HeadlineList {" + role_css(VIEW_ROLES) + "}")
    COMPONENT_CLASSES: ClassVar[set[str]] = role_classes(VIEW_ROLES)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Down", show=False, id="headlines.down",
                tooltip="Next headline"),
        Binding("up,k", "move(-1)", "Up", show=False, id="headlines.up",
                tooltip="Previous headline"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="headlines.page_down",
                tooltip="One screen down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="headlines.page_up",
                tooltip="One screen up"),
        Binding("home,g", "first", "First", show=False, id="headlines.first",
                tooltip="First headline"),
        Binding("end,G", "last", "Last", show=False, id="headlines.last",
                tooltip="Last headline"),
        Binding("enter", "open", "Open", id="headlines.open", tooltip="Read the article"),
    ]

    cursor: reactive[int] = reactive(0, init=False, repaint=False)  # watch_cursor repaints
    count: reactive[int] = reactive(-1, init=False)
    """Rows matching the filters; -1 until counted."""

    class Opened(Message):
        """The user opened the headline at `index`."""

        def __init__(self, index: int, headline: Headline) -> None:
            super().__init__()
            self.index = index
            self.headline = headline

    class EndReached(Message):
        """The cursor reached the last row: older headlines may be fetched from the site."""

    class Counted(Message):
        """The row count is known (after a source change or reload)."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    def __init__(self, clock: Callable[[], datetime], *, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._clock = clock
        self._source: HeadlineSource = EmptySource()
        self._generation = 0
        self._pages: LRUCache[int, list[Headline]] = LRUCache(KEPT_PAGES)
        self._stale: dict[int, list[Headline]] = {}
        self._pending: set[int] = set()
        self._paragraphs = ParagraphCache(limit=4096)
        self._loads: set[Worker[None]] = set()
        self._row_context: _RowContext | None = None

    # Data.

    def set_source(self, source: HeadlineSource,
                   first: tuple[int, list[Headline]] | None = None) -> None:
        """Show `source`'s rows from the top (filters or category changed). `first`, when the
        caller has read them already, is the row count and the first page: drawn at once,
        without a read."""
        self._source = source
        self._pages.clear()
        self._stale.clear()
        self.cursor = 0
        self.scroll_to(y=0, animate=False)
        if first is None:
            self._restart()
            return
        count, rows = first
        self._generation += 1
        self._pending.clear()
        self._pages.set(0, rows)
        self.count = count
        self.post_message(self.Counted(count))

    def reload(self) -> None:
        """Read the rows again (after a refresh or a mark changed); the old rows stay drawn
        until the new ones arrive, and the cursor stays where it is."""
        # LRUCache is not iterable: its keys() is the way through it.
        self._stale = {page: self._pages[page] for page in self._pages.keys()}  # noqa: SIM118
        self._pages.clear()
        self._restart()

    def _restart(self) -> None:
        self._generation += 1
        self._pending.clear()
        generation = self._generation
        self._spawn(self._count(generation))
        self._request(self.cursor // PAGE_ROWS)

    def _spawn(self, job: Coroutine[Any, Any, None]) -> None:
        # Errors surface through the app's one Worker.StateChanged handler.
        worker = self.run_worker(job, group="headline-pages", exit_on_error=False)
        self._loads = {w for w in self._loads if not w.is_finished}
        self._loads.add(worker)

    async def _count(self, generation: int) -> None:
        count = await self._source.count()
        if generation == self._generation:
            self.count = count
            self.post_message(self.Counted(count))

    def _request(self, page: int) -> None:
        beyond = self.count >= 0 and page * PAGE_ROWS >= max(self.count, 1)
        if page < 0 or beyond or page in self._pages or page in self._pending:
            return
        self._pending.add(page)
        self._spawn(self._load(page, self._generation))

    async def _load(self, page: int, generation: int) -> None:
        rows = await self._source.page(page * PAGE_ROWS, PAGE_ROWS)
        if generation != self._generation:
            return
        self._pending.discard(page)
        self._pages.set(page, rows)  # the least recently read page goes past KEPT_PAGES
        self._stale.pop(page, None)
        self.refresh()

    @property
    def busy(self) -> bool:
        """True while a count or a page is still being read."""
        return any(not worker.is_finished for worker in self._loads)

    async def wait_loaded(self) -> None:
        """Return once no read is in flight (tests use it to wait for rows)."""
        while self.busy:
            for worker in list(self._loads):
                if not worker.is_finished:
                    with contextlib.suppress(WorkerFailed, WorkerCancelled):
                        await worker.wait()

    def cached(self, index: int) -> Headline | None:
        """The headline at `index` if its page is in memory."""
        page = self._pages.get(index // PAGE_ROWS)
        if page is None:
            page = self._stale.get(index // PAGE_ROWS)
        if page is None or not 0 <= index % PAGE_ROWS < len(page):
            return None
        return page[index % PAGE_ROWS]

    async def headline_at(self, index: int) -> Headline | None:
        """The headline at `index` (reading its page when needed); None past either end."""
        if index < 0 or (self.count >= 0 and index >= self.count):
            return None
        found = self.cached(index)
        if found is None:
            rows = await self._source.page(index, 1)
            found = rows[0] if rows else None
        return found

    # Drawing.

    def watch_count(self, count: int) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, max(count, 0))
        if count >= 0 and self.cursor >= count:
            self.cursor = max(count - 1, 0)
        self.refresh()

    def on_mount(self) -> None:
        follow_app(self, self.refresh)

    def on_resize(self, _event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, max(self.count, 0))

    def render_lines(self, crop: Region) -> list[Strip]:
        # What every row of a pass shares, read once: per row, the scroll offset, the size,
        # the language and mode (reactives and DOM walks) and the clock cost more than
        # drawing the row from the kept strips (the profile of a key press).
        self._row_context = self._read_row_context()
        try:
            return super().render_lines(crop)
        finally:
            self._row_context = None

    def _read_row_context(self) -> _RowContext:
        return _RowContext(int(self.scroll_offset.y), max(self.size.height, 1), self._clock(),
                           ui_lang(self), ui_mode(self))

    def _row_values(self) -> _RowContext:
        """The pass's shared values (read now when called outside one)."""
        return self._row_context or self._read_row_context()

    def render_line(self, y: int) -> Strip:
        width, base, styles = self.row_pass()
        scroll_y, height, now, lang, mode = self._row_values()
        row = scroll_y + y
        if row >= max(self.count, 0):
            return Strip.blank(width, base)
        page = row // PAGE_ROWS
        self._request(page)
        if row % PAGE_ROWS > PAGE_ROWS - 2 * height:
            self._request(page + 1)
        headline = self.cached(row)
        style = base + (styles["cursor"] if row == self.cursor else Style.null())
        if headline is None:
            return Strip([Segment("…", style + styles["dim"])]).adjust_cell_length(width, style)
        when = format_relative(headline.published, now=now, lang=lang)

        def draw() -> Strip:
            layout = RowLayout.for_width(width, rtl=lang == "fa", time_cells=cell_width(when))
            segments = row_segments(headline, when, layout, mode, self._paragraphs, style,
                                    styles)
            return Strip(segments).adjust_cell_length(width, style)

        return self.strip((headline, row == self.cursor, when, lang, mode), draw)

    # Moving.

    def watch_cursor(self, old: int, new: int) -> None:
        width = self.scrollable_content_region.width
        top = self.scroll_offset.y
        self.scroll_to_region(Region(0, new, width, 1), animate=False, force=True)
        if self.scroll_offset.y == top:
            # Not scrolled: only the rows the cursor left and reached look different.
            self.refresh_line(old)
            self.refresh_line(new)
        else:
            self.refresh()
        if self.count > 0 and new == self.count - 1 and old != new:
            self.post_message(self.EndReached())

    def action_move(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self._move_to(self.cursor + step * max(self.size.height - 1, 1))

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(self.count - 1)

    def _move_to(self, index: int) -> None:
        if self.count > 0:
            self.cursor = max(0, min(index, self.count - 1))

    def action_open(self) -> None:
        headline = self.cached(self.cursor)
        if headline is not None:
            self.post_message(self.Opened(self.cursor, headline))

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_offset.y) + event.y
        if not 0 <= row < max(self.count, 0):
            return
        if row == self.cursor or event.chain > 1:
            self.cursor = row
            self.action_open()
        else:
            self.cursor = row
