"""The outbox: comments queued offline, of unknown fate, refused or waiting out a flood limit;
`s` retries sending them (uncertain ones are checked first, never resent blindly)."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from madara_tui.messages import state_label
from madara_tui.models import OutboxItem
from madara_tui.text import format_relative
from madara_tui.ui.lines import Piece
from madara_tui.ui.screens.base import ReaderScreen
from madara_tui.ui.widgets.bars import KeyBar, TopBar
from madara_tui.ui.widgets.item_list import Item, ItemList


class OutboxScreen(ReaderScreen):
    """Every comment the site has not confirmed yet."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "retry", "Retry", id="outbox.retry", tooltip="Try sending them again"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[OutboxItem] = []

    def compose(self) -> ComposeResult:
        yield TopBar("outbox.title", id="top")
        yield ItemList(id="outbox")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one("#outbox", ItemList).focus()
        self._load()

    @work(exclusive=True, group="outbox", exit_on_error=False)
    async def _load(self) -> None:
        reader = self.reader
        self.items = await reader.service.outbox()
        self._show()

    def _show(self) -> None:
        now = self.reader.clock()
        items = []
        for entry in self.items:
            draft = entry.draft
            head = (f"{state_label(entry.state.value, self.lang)} · "
                    f"{format_relative(entry.updated, now=now, lang=self.lang)} · "
                    f"{draft.author}")
            pieces = [Piece(head, "meta"), Piece(draft.text.replace("\n", " "), "text",
                                                 truncate=True)]
            if entry.message:
                pieces.append(Piece(entry.message, "error"))
            items.append(Item(tuple(pieces), entry))
        self.query_one("#outbox", ItemList).set_items(items, empty=self.words("outbox.empty"),
                                                      keep_cursor=True)

    def relabel(self) -> None:
        self._show()

    def data_changed(self) -> None:
        """A refresh (which flushes the outbox) finished."""
        self._load()

    @work(exclusive=True, group="outbox", exit_on_error=False)
    async def action_retry(self) -> None:
        reader = self.reader
        changed = await reader.service.flush_outbox()
        reader.say_key("outbox.retried", count=len(changed))
        self.items = await reader.service.outbox()
        self._show()
