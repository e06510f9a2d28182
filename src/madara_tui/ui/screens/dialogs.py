"""Small dialogs: confirm opening a link (the host shown first), and the article's link list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical

from madara_tui.article_links import NumberedLink, digits
from madara_tui.links import LinkCheck, check_link
from madara_tui.ui.lines import Piece
from madara_tui.ui.screens.base import ReaderModal
from madara_tui.ui.widgets.bars import KeyBar
from madara_tui.ui.widgets.item_list import Item, ItemList
from madara_tui.ui.widgets.shaped import ShapedText


class ConfirmOpenScreen(ReaderModal):
    """"Open in the browser?" with the punycode host; `y` says yes, `n`/escape no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes", tooltip="Open it"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="Don't open it"),
    ]

    def __init__(self, check: LinkCheck) -> None:
        super().__init__()
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield ShapedText(self._pieces(), id="confirm-text")
            yield KeyBar()

    def _pieces(self) -> list[Piece]:
        return [
            Piece(self.words("open.title"), "title"),
            Piece(self.words("open.host", host=self.check.host), "label"),
            Piece(self.check.url, "dim", direction="ltr"),
        ]

    def relabel(self) -> None:
        self.query_one("#confirm-text", ShapedText).update(self._pieces())

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class NoBrowserScreen(ReaderModal):
    """"No browser was opened" with the link; `y` copies it, `n`/escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Copy", id="nobrowser.copy",
                tooltip="Copy the link"),
        Binding("n,escape", "answer(False)", "Close", id="nobrowser.close", tooltip="Close"),
    ]

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield ShapedText(self._pieces(), id="nobrowser-text")
            yield KeyBar()

    def _pieces(self) -> list[Piece]:
        return [Piece(self.words("open.failed"), "title"),
                Piece(self.words("open.copy_offer"), "label"),
                Piece(self.url, "dim", direction="ltr")]

    def relabel(self) -> None:
        self.query_one("#nobrowser-text", ShapedText).update(self._pieces())

    def action_answer(self, copy: bool) -> None:
        self.dismiss(copy)


class LinksScreen(ReaderModal):
    """The article's links, numbered as in the text; Enter opens the highlighted one."""

    def __init__(self, links: Sequence[NumberedLink], source: str = "") -> None:
        super().__init__()
        self.links = list(links)
        self.source = source
        """The site of the article the links are in (its own articles open in the reader)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog tall"):
            yield ShapedText([Piece(self.words("article.links"), "title")], id="links-title")
            yield ItemList(self._items(), empty=self.words("article.no_links"), id="links")
            yield KeyBar()

    def _items(self) -> list[Item]:
        items = []
        for link in self.links:
            host = check_link(link.url).host or link.url
            label = f"[{digits(link.number, self.lang)}] {link.text}"
            items.append(Item((Piece(label, "link", truncate=True),
                               Piece(host, "dim", direction="ltr", truncate=True)), link.url))
        return items

    def on_mount(self) -> None:
        self.query_one("#links", ItemList).focus()

    def relabel(self) -> None:
        self.query_one("#links-title", ShapedText).update([Piece(self.words("article.links"),
                                                                 "title")])
        self.query_one("#links", ItemList).set_items(self._items(), keep_cursor=True,
                                                     empty=self.words("article.no_links"))

    @on(ItemList.Chosen)
    def _chosen(self, event: ItemList.Chosen) -> None:
        self.dismiss(None)
        if isinstance(event.value, str):
            self.reader.follow_link(self.source, event.value)
