"""The command palette (ctrl+p): "area: verb" entries in the interface language.

Category and source names come from the site, so every entry is shown as `Content` built from
plain text (Textual's own fuzzy highlighter parses markup; we highlight ourselves).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from madara_tui.messages import tr
from madara_tui.text import BidiMode
from madara_tui.ui.host import ReaderHost
from madara_tui.ui.lines import visual

if TYPE_CHECKING:
    from madara_tui.ui.screens.headlines import HeadlinesScreen

Entry = tuple[str, Callable[[], object]]


class ReaderCommands(Provider):
    """Sources, categories, filters, bidi mode, language, themes, refresh, outbox, search."""

    _categories: list[str]
    _sources: list[tuple[str, str]]

    @property
    def reader(self) -> ReaderHost:
        """The app, as its screens see it."""
        return cast(ReaderHost, self.app)

    async def startup(self) -> None:
        app = self.reader
        categories = await app.service.categories()
        self._categories = [category.name for category in categories]
        self._sources = [(s.url, s.title or s.url) for s in await app.service.sources()]

    def _headlines(self) -> HeadlinesScreen | None:
        from madara_tui.ui.screens.headlines import HeadlinesScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, HeadlinesScreen):
                return screen
        return None

    def _on_headlines(self, method: str, *args: object) -> None:
        screen = self._headlines()
        if screen is None:
            return
        while self.app.screen is not screen and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        getattr(screen, method)(*args)

    def entries(self) -> Iterator[Entry]:
        """Every command as (logical label, callback)."""
        app = self.reader
        lang = app.lang
        other = BidiMode.TERMINAL if app.bidi_mode is BidiMode.APP else BidiMode.APP
        yield tr("cmd.refresh", lang), app.action_refresh
        yield tr("cmd.outbox", lang), app.action_outbox
        yield tr("cmd.bidi", lang, mode=tr(f"mode.{other}", lang)), app.action_toggle_bidi
        yield tr("cmd.lang", lang), app.action_toggle_lang
        yield tr("cmd.search", lang), app.action_search
        yield tr("cmd.help", lang), app.action_help
        yield tr("cmd.category.all", lang), partial(self._on_headlines, "set_category", None)
        for name in getattr(self, "_categories", []):
            yield (tr("cmd.category", lang, name=name),
                   partial(self._on_headlines, "set_category", name))
        yield tr("cmd.source.all", lang), partial(self._on_headlines, "set_source", None)
        for url, title in getattr(self, "_sources", []):
            yield tr("cmd.source", lang, name=title), partial(self._on_headlines, "set_source", url)
        for kind in ("all", "unread", "bookmarked"):
            yield (tr("cmd.filter", lang, name=tr(f"filter.{kind}", lang)),
                   partial(self._on_headlines, "set_filter", kind))
        yield tr("cmd.mark_all_read", lang), partial(self._on_headlines, "action_mark_all_read")
        yield tr("cmd.sidebar", lang), partial(self._on_headlines, "action_toggle_sidebar")
        yield tr("cmd.quit", lang), self.app.exit
        for theme in sorted(self.app.available_themes):
            yield tr("cmd.theme", lang, name=theme), partial(setattr, self.app, "theme", theme)

    def _display(self, label: str, offsets: tuple[int, ...] = ()) -> Content:
        app = self.reader
        if app.lang == "fa" and app.bidi_mode is BidiMode.APP:
            return Content(visual(label, app.bidi_mode))
        content = Content(label)
        for offset in offsets:
            if not label[offset].isspace():
                content = content.stylize("bold underline", offset, offset + 1)
        return content

    async def discover(self) -> Hits:
        for label, callback in self.entries():
            yield DiscoveryHit(self._display(label), callback, text=label)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback in self.entries():
            score = matcher.match(label)
            if score > 0:
                _, offsets = matcher.fuzzy_search.match(query, label)
                yield Hit(score, self._display(label, tuple(offsets)), callback, text=label)
