"""Related news: the site's list, or the one computed from the cache (labelled so)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult

from madara_tui.models import Related
from madara_tui.ui.lines import Piece
from madara_tui.ui.screens.base import ReaderScreen
from madara_tui.ui.widgets.bars import KeyBar, TopBar
from madara_tui.ui.widgets.item_list import Item, ItemList
from madara_tui.ui.widgets.shaped import ShapedText


class RelatedScreen(ReaderScreen):
    """Title and summary of each related item; Enter opens it in the reader (or, when it is
    not cached, offers the browser)."""

    def __init__(self, source: str, article_id: int) -> None:
        super().__init__()
        self.source = source
        self.article_id = article_id
        self.related: list[Related] = []

    def compose(self) -> ComposeResult:
        yield TopBar("related.title", id="top")
        yield ShapedText(id="related-origin", classes="note")
        yield ItemList(id="related")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one("#related", ItemList).focus()
        self._load()

    @work(exclusive=True, group="related", exit_on_error=False)
    async def _load(self) -> None:
        reader = self.reader
        self.related = await reader.service.related(self.source, self.article_id)
        self._show()

    def _show(self) -> None:
        computed = any(item.computed for item in self.related)
        origin = self.words("related.computed" if computed else "related.site")
        self.query_one("#related-origin", ShapedText).update(
            [Piece(origin, "dim")] if self.related else [])
        items = []
        for item in self.related:
            pieces = [Piece(item.title, "title")]
            if item.summary:
                pieces.append(Piece(item.summary, "dim"))
            items.append(Item(tuple(pieces), item))
        self.query_one("#related", ItemList).set_items(items, empty=self.words("related.empty"),
                                                       keep_cursor=True)

    def relabel(self) -> None:
        self._show()

    @on(ItemList.Chosen)
    def _chosen(self, event: ItemList.Chosen) -> None:
        if isinstance(event.value, Related):
            self._open(event.value)

    @work(group="related-open", exit_on_error=False)
    async def _open(self, item: Related) -> None:
        reader, service = self.reader, self.reader.service
        item = await service.resolve_related(item)
        if item.article_id is not None:
            cached = await service.cached_article(self.source, item.article_id)
            if cached is None:
                cached = await service.cached_article_anywhere(item.article_id)
            if cached is not None or not reader.service.offline:
                source = cached.source if cached is not None else self.source
                reader.show_article(source, item.article_id)
                return
        reader.confirm_open(item.url)
