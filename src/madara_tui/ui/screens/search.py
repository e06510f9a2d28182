"""Search (`/`): results from the store's full-text index as you type, the hits highlighted."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.timer import Timer

from madara_tui.models import SearchHit
from madara_tui.text import Span, format_relative
from madara_tui.ui.lines import Piece
from madara_tui.ui.screens.base import ReaderScreen
from madara_tui.ui.widgets.bars import KeyBar, TopBar
from madara_tui.ui.widgets.item_list import Item, ItemList
from madara_tui.ui.widgets.persian_input import PersianInput

DEBOUNCE = 0.2
"""Seconds of quiet typing before the index is asked."""
LIMIT = 50


class SearchScreen(ReaderScreen):
    """A query field (Persian shaped as it is typed) and the results (title, snippet with
    hits)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "results", "Results", show=False, id="search.results",
                tooltip="Move to the results"),
        Binding("escape", "back", "Back", id="screen.back", tooltip="Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []
        self.query_text = ""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TopBar("search.title", id="top")
        yield PersianInput(id="query")
        yield ItemList(id="results")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#query", PersianInput).focus()

    def relabel(self) -> None:
        field = self.query_one("#query", PersianInput)
        field.placeholder = self.words("search.placeholder")
        field.empty_rtl = self.lang == "fa"  # where the cursor waits in an empty box
        field.refresh()
        self._show()

    @on(PersianInput.Changed, "#query")
    def _typed(self, event: PersianInput.Changed) -> None:
        self.query_text = event.value
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self._search)

    @on(PersianInput.Submitted, "#query")
    def _submitted(self) -> None:
        self.action_results()

    def action_results(self) -> None:
        self.query_one("#results", ItemList).focus()

    @work(exclusive=True, group="search", exit_on_error=False)
    async def _search(self) -> None:
        query = self.query_text.strip()
        if not query:
            self.hits = []
        else:
            self.hits = await self.reader.service.search(query, limit=LIMIT)
        self._show()

    def _show(self) -> None:
        now = self.reader.clock()
        items = []
        for hit in self.hits:
            headline = hit.headline
            when = format_relative(headline.published, now=now, lang=self.lang)
            spans = tuple(Span(start, end, "hit") for start, end in hit.hits
                          if 0 <= start < end <= len(hit.snippet))
            pieces = [Piece(headline.title, "title", truncate=True),
                      Piece(f"{headline.category} · {when}", "meta")]
            if hit.snippet:
                pieces.append(Piece(hit.snippet, "text", spans))
            items.append(Item(tuple(pieces), headline))
        empty = self.words("search.none") if self.query_text.strip() else ""
        self.query_one("#results", ItemList).set_items(items, empty=empty)
        count = self.reader.number(len(self.hits))
        self.query_one(TopBar).set_title("search.title", self.words("search.count", count=count)
                                         if self.query_text.strip() else "")

    @on(ItemList.Chosen, "#results")
    def _chosen(self, event: ItemList.Chosen) -> None:
        from madara_tui.models import Headline

        if isinstance(event.value, Headline):
            self.reader.show_article(event.value.source, event.value.id)
