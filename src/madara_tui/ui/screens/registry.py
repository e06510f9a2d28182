"""The one module that knows every screen: the app makes its screens here.

Screens ask the app for another screen (`ReaderHost.show_article`, …) and the app asks this
module, so neither the app nor a screen imports the other. Each screen's module is imported
when that screen is first made: the reader's start pays only for the headlines.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Mapping
from typing import TYPE_CHECKING

from textual.dom import DOMNode

from madara_tui.messages import Lang

if TYPE_CHECKING:
    from textual.screen import Screen

    from madara_tui.article_links import NumberedLink
    from madara_tui.links import LinkCheck
    from madara_tui.service import Service
    from madara_tui.ui.host import Walk
    from madara_tui.ui.screens.headlines import FirstRows


def read_ahead(service: Service) -> asyncio.Task[FirstRows]:
    """Start reading what the first headline screen shows (`headlines.read_first_rows`): the
    reader does it before Textual starts, so the reads — SQLite, in threads, ~50 ms of counting
    at 200,000 articles — overlap Textual's start instead of following the app's mount."""
    from madara_tui.ui.screens.headlines import read_first_rows

    return asyncio.ensure_future(read_first_rows(service))


async def first_headlines(service: Service, ahead: Awaitable[FirstRows] | None = None
                          ) -> Screen[None]:
    """The headlines screen with what its first frame shows already read (the reader's start),
    from `ahead` when its reading was started before (`read_ahead`)."""
    from madara_tui.ui.screens.headlines import HeadlinesScreen

    screen = HeadlinesScreen()
    await screen.prepare(service, ahead)
    return screen


def article(source: str, article_id: int, *, index: int | None = None,
            walk: Walk | None = None) -> Screen[None]:
    """One article (n/p `walk` the list it came from, from `index`)."""
    from madara_tui.ui.screens.article import ArticleScreen

    return ArticleScreen(source, article_id, index=index, walk=walk)


def related(source: str, article_id: int) -> Screen[None]:
    """The article's related news."""
    from madara_tui.ui.screens.related import RelatedScreen

    return RelatedScreen(source, article_id)


def comments(source: str, article_id: int) -> Screen[None]:
    """The article's comment thread."""
    from madara_tui.ui.screens.comments import CommentsScreen

    return CommentsScreen(source, article_id)


def comment_form(source: str, article_id: int, *, parent: int = 0,
                 parent_author: str = "") -> Screen[None]:
    """The comment form (a reply when `parent` is set)."""
    from madara_tui.ui.screens.comment_form import CommentFormScreen

    return CommentFormScreen(source, article_id, parent=parent, parent_author=parent_author)


def links(numbered: list[NumberedLink], source: str = "") -> Screen[None]:
    """The numbered links of an article of site `source`."""
    from madara_tui.ui.screens.dialogs import LinksScreen

    return LinksScreen(numbered, source)


def confirm_open(check: LinkCheck) -> Screen[bool | None]:
    """"Open in the browser?" for a link that passed the check."""
    from madara_tui.ui.screens.dialogs import ConfirmOpenScreen

    return ConfirmOpenScreen(check)


def no_browser(url: str) -> Screen[bool | None]:
    """"No browser was opened", offering to copy `url`."""
    from madara_tui.ui.screens.dialogs import NoBrowserScreen

    return NoBrowserScreen(url)


def outbox() -> Screen[None]:
    """Comments waiting to be sent."""
    from madara_tui.ui.screens.outbox import OutboxScreen

    return OutboxScreen()


def search() -> Screen[None]:
    """Search the cache."""
    from madara_tui.ui.screens.search import SearchScreen

    return SearchScreen()


def key_help(app_class: type[DOMNode], keymap: Mapping[str, str]) -> Screen[None]:
    """Every key of every screen (the one below first) and the bidi modes."""
    from madara_tui.ui.screens.help import HelpScreen

    return HelpScreen(binding_groups(app_class), keymap)


def binding_table(app_class: type[DOMNode], lang: Lang) -> list[tuple[str, str, str]]:
    """(key names, label, binding id) of every binding of the reader, as the help lists them."""
    from madara_tui.ui.screens.help import binding_rows

    return binding_rows(lang, binding_groups(app_class))


def binding_groups(app_class: type[DOMNode]) -> list[tuple[type[DOMNode], ...]]:
    """The classes with keys, each screen with its widgets, in the help's order; the app's own
    bindings (`app_class`) go with those every screen shares."""
    from madara_tui.ui.screens.article import ArticleScreen
    from madara_tui.ui.screens.base import ReaderScreen
    from madara_tui.ui.screens.comment_form import CommentFormScreen
    from madara_tui.ui.screens.comments import CommentList, CommentsScreen
    from madara_tui.ui.screens.headlines import HeadlinesScreen
    from madara_tui.ui.screens.outbox import OutboxScreen
    from madara_tui.ui.widgets.document import DocumentView
    from madara_tui.ui.widgets.headline_list import HeadlineList
    from madara_tui.ui.widgets.item_list import ItemList

    return [(HeadlinesScreen, HeadlineList), (ArticleScreen, DocumentView),
            (CommentsScreen, CommentList), (CommentFormScreen,), (OutboxScreen,),
            (app_class, ReaderScreen, ItemList)]
