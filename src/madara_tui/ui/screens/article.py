"""The article: drawn from the cache at once, completed from the site in a worker, then
redrawn. Links are numbered; 1–9 open them (after the host is shown), `l` lists them."""

from __future__ import annotations

import asyncio
from typing import ClassVar

from rich.color import ColorSystem
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.worker import WorkerCancelled, WorkerFailed

from madara_tui.article_links import NumberedLink
from madara_tui.models import Article
from madara_tui.pictures.decode import PictureRefused
from madara_tui.service import FetchError, OpenedArticle
from madara_tui.ui.article_text import article_pieces, picture_urls
from madara_tui.ui.host import Walk
from madara_tui.ui.pictures.shelf import PictureShelf
from madara_tui.ui.screens.base import ReaderScreen
from madara_tui.ui.widgets.bars import KeyBar, TopBar
from madara_tui.ui.widgets.document import DocumentView


class ArticleScreen(ReaderScreen):
    """One article; `n`/`p` walk the headline list it was opened from."""

    AUTO_FOCUS = "#article"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_page", "Browser", id="article.open",
                tooltip="Open the article in the browser (the host is shown first)"),
        Binding("y", "copy_link", "Copy link", show=False, id="article.copy",
                tooltip="Copy the article's link"),
        Binding("b", "bookmark", "Bookmark", show=False, id="article.bookmark",
                tooltip="Bookmark the article"),
        Binding("n", "walk(1)", "Next", id="article.next", tooltip="Next article"),
        Binding("p", "walk(-1)", "Previous", show=False, id="article.previous",
                tooltip="Previous article"),
        Binding("r", "related", "Related", id="article.related", tooltip="Related news"),
        Binding("c", "comments", "Comments", id="article.comments", tooltip="Comments"),
        Binding("w", "write", "Write", show=False, id="article.write",
                tooltip="Write a comment on this article"),
        Binding("l", "links", "Links", show=False, id="article.links", tooltip="The link list"),
        Binding("i", "toggle_pictures", "Pictures", show=False, id="article.pictures",
                tooltip="Show or hide the pictures"),
        *(Binding(str(n), f"link({n})", show=False, id=f"article.link{n}",
                  tooltip=f"Open link {n}") for n in range(1, 10)),
    ]

    def __init__(self, source: str, article_id: int, *, index: int | None = None,
                 walk: Walk | None = None) -> None:
        super().__init__()
        self.source = source
        self.article_id = article_id
        self.index = index
        """Position in the headline list this article was opened from (for n/p)."""
        self._walk = walk
        self.article: Article | None = None
        self.source_title = ""
        """What the top bar calls the article's source (its title, or its host)."""
        self.links: list[NumberedLink] = []
        self.failed_pictures: dict[str, str] = {}
        """Picture URL → why it is not drawn (a `picture.*` string key's last part)."""
        self.shelf: PictureShelf | None = None

    def compose(self) -> ComposeResult:
        yield TopBar("headlines.title", id="top")
        yield DocumentView(id="article")
        yield KeyBar(id="keys")

    @property
    def view(self) -> DocumentView:
        """The article widget."""
        return self.query_one("#article", DocumentView)

    async def on_mount(self) -> None:
        reader = self.reader
        self.shelf = PictureShelf(reader.graphics, reader.write_graphics,
                                  _color_system(self.app.console.color_system))
        self.view.shelf = self.shelf
        # The cached article is read before this returns: the screen handles nothing else
        # (its first layout and frame included) until its mount is done, so the first frame
        # already holds the article. Read in the worker, it came after a frame of the empty
        # screen, and the screen was laid out and drawn twice per open.
        reading = self.run_worker(self._read(self.source, self.article_id), group="article",
                                  exit_on_error=False)
        try:
            opened = await reading.wait()
        except (WorkerFailed, WorkerCancelled):
            return  # the app's worker handler says why, as for any read that fails
        self._open(self.source, self.article_id, self.index, opened)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if self.first_shown(event):
            return
        # Back from a dialog: Textual repaints from its cache, which has no sixel slices.
        if self.shelf is not None and self.shelf.graphics.protocol == "sixel":
            self.view.refresh()

    def relabel(self) -> None:
        self._show(keep=True)

    def _show(self, *, keep: bool) -> None:
        if self.article is None:
            return
        shelf = self.shelf
        shown = [url for url in picture_urls(self.article)
                 if shelf is not None and shelf.visible and shelf.has(url)]
        pieces, self.links = article_pieces(self.article, self.lang, shown=shown,
                                            failed=self.failed_pictures)
        self.view.update(pieces, keep_piece=keep)
        # Where the article comes from, not the headline list's name.
        self.query_one(TopBar).set_title("", [self.article.category, self.source_title])

    def _open(self, source: str, article_id: int, index: int | None,
              opened: OpenedArticle | None = None) -> None:
        """Show article `article_id` of `source`: `opened` when it was read already, else
        read in the worker; then completed from the site."""
        self.source, self.article_id, self.index = source, article_id, index
        self.article = None
        self.failed_pictures.clear()
        if self.shelf is not None:
            self.shelf.clear()
        if opened is not None:
            self._show_cached(opened)
        self._load(opened)

    async def _read(self, source: str, article_id: int) -> OpenedArticle:
        service = self.reader.service
        self.source_title = await service.source_title(source)
        return await service.open_article(source, article_id)

    def _show_cached(self, opened: OpenedArticle) -> None:
        cached = opened.article
        if cached is not None:
            self.article = cached
            self._show(keep=False)
            self._load_pictures()
            self.view.scroll_to_position(*opened.position)
        else:
            self.reader.say_key("article.missing")

    @work(exclusive=True, group="article", exit_on_error=False)
    async def _load(self, opened: OpenedArticle | None = None) -> None:
        reader, source, article_id = self.reader, self.source, self.article_id
        service = reader.service
        if opened is None:
            opened = await self._read(source, article_id)
            self._show_cached(opened)
        cached = opened.article
        if cached is not None and (cached.complete or service.offline):
            return
        complete = await service.complete_article(source, article_id)
        if (source, article_id) == (self.source, self.article_id):
            self.article = complete
            self._show(keep=cached is not None)
            if cached is None or picture_urls(complete) != picture_urls(cached):
                self._load_pictures()

    @work(exclusive=True, group="pictures", exit_on_error=False)
    async def _load_pictures(self) -> None:
        """Fetch (or read from the cache) and decode the article's pictures, all at once; each
        is drawn as it arrives. The text is already on screen and never waits for them."""
        article, shelf = self.article, self.shelf
        if article is None or shelf is None or shelf.graphics.protocol == "off":
            return
        service = self.reader.service

        async def one(url: str) -> None:
            try:
                picture = await service.picture(url)
            except PictureRefused as exc:
                self.failed_pictures[url] = exc.reason
            except FetchError:
                self.failed_pictures[url] = "fetch"
            else:
                shelf.add(url, picture)
            if self.article is not None and (self.article.source, self.article.id) == (
                    article.source, article.id):
                self._show(keep=True)

        await asyncio.gather(*(one(url) for url in picture_urls(article)
                               if not shelf.has(url)))

    def action_toggle_pictures(self) -> None:
        if self.shelf is None or self.shelf.graphics.protocol == "off":
            return
        self.shelf.visible = not self.shelf.visible
        self._show(keep=True)
        self.reader.say_key("article.pictures.shown" if self.shelf.visible
                            else "article.pictures.hidden")

    def _save_position(self) -> None:
        if self.article is not None:
            self.app.run_worker(
                self.reader.service.save_reading_position(self.source, self.article_id,
                                                          *self.view.reading_position),
                group="positions", exit_on_error=False)

    def save_position_now(self) -> None:
        """Save the reading position at once, on this thread: the program is ending (ctrl+q,
        SIGTERM, SIGHUP) and no worker would run after it."""
        if self.article is not None:
            self.reader.service.save_position_at_exit(self.source, self.article_id,
                                                      *self.view.reading_position)

    def action_back(self) -> None:
        self._save_position()
        self.dismiss()

    def action_open_page(self) -> None:
        if self.article is not None:
            self.reader.confirm_open(self.article.url)

    def action_copy_link(self) -> None:
        if self.article is not None:
            self.app.copy_to_clipboard(self.article.url)
            self.reader.say_key("article.copied")

    def action_link(self, number: int) -> None:
        for link in self.links:
            if link.number == number:
                self.view.marked_span = f"link:{number}"
                self.view.refresh()
                self.reader.follow_link(self.source, link.url, done=self._unhighlight)
                return

    def _unhighlight(self) -> None:
        self.view.marked_span = None
        self.view.refresh()

    def action_links(self) -> None:
        self.reader.show_links(self.links, self.source)

    @work(group="marks", exit_on_error=False)
    async def action_bookmark(self) -> None:
        reader = self.reader
        on = await reader.service.toggle_bookmark(self.source, self.article_id)
        reader.say_key("article.bookmarked" if on else "article.unbookmarked")

    @work(group="walk", exclusive=True, exit_on_error=False)
    async def action_walk(self, step: int) -> None:
        if self._walk is None or self.index is None:
            return
        target = self.index + step
        headline = await self._walk(target)
        if headline is None:
            self.reader.say_key("article.last" if step > 0 else "article.first")
            return
        self._save_position()
        self._open(headline.source, headline.id, target)

    def action_related(self) -> None:
        self.reader.show_related(self.source, self.article_id)

    def action_write(self) -> None:
        if self.article is not None and not self.article.comments_open:
            self.reader.say_key("comments.closed")
            return
        self.reader.show_comment_form(self.source, self.article_id)

    def action_comments(self) -> None:
        self.reader.show_comments(self.source, self.article_id)


def _color_system(name: str | None) -> ColorSystem:
    """Rich's colour system for the console's name of it (true colour when unknown)."""
    return {"standard": ColorSystem.STANDARD, "256": ColorSystem.EIGHT_BIT,
            "windows": ColorSystem.WINDOWS}.get(name or "", ColorSystem.TRUECOLOR)
