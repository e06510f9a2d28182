"""How the reader moves between screens: the screens ask the app (`ReaderHost.show_article`,
`show_comments`, …) and the app pushes what `ui/screens/registry.py` makes, so no screen
imports another or the app. A base of `MadaraApp`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from textual.app import App
from textual.screen import Screen

from madara_tui.ui.host import Walk
from madara_tui.ui.screens import registry

if TYPE_CHECKING:
    from madara_tui.article_links import NumberedLink


class ScreenMoves(App[int]):
    """The screen moves of the reader (see the module docstring)."""

    _last_made: dict[str, Screen[None]]
    """The screen last made for each one-of-a-kind name (help, outbox, search)."""

    @property
    def keymap(self) -> Mapping[str, str]:
        """Binding id → keys, as configured (the help screen lists them)."""
        raise NotImplementedError

    # Moving between screens (screens ask here; see `ReaderHost`).

    def show_article(self, source: str, article_id: int, *, index: int | None = None,
                     walk: Walk | None = None) -> None:
        """Open an article (`index` in the list it came from, and `walk` along that list)."""
        self.push_screen(registry.article(source, article_id, index=index, walk=walk))

    def show_related(self, source: str, article_id: int) -> None:
        """The article's related news."""
        self.push_screen(registry.related(source, article_id))

    def show_comments(self, source: str, article_id: int) -> None:
        """The article's comment thread."""
        self.push_screen(registry.comments(source, article_id))

    def show_comment_form(self, source: str, article_id: int, *, parent: int = 0,
                          parent_author: str = "") -> None:
        """The form for a comment on the article (a reply when `parent` is set)."""
        self.push_screen(registry.comment_form(source, article_id, parent=parent,
                                               parent_author=parent_author))

    def show_links(self, links: list[NumberedLink], source: str = "") -> None:
        """The numbered links of an article of site `source` (its own articles open here)."""
        self.push_screen(registry.links(links, source))

    # Screens reachable from everywhere (one of each on the stack at a time).

    def _push_once(self, name: str, make: Callable[[], Screen[None]]) -> None:
        if self.screen is not self._last_made.get(name):
            self._last_made[name] = screen = make()
            self.push_screen(screen)

    def action_help(self) -> None:
        self._push_once("help", lambda: registry.key_help(type(self), self.keymap))

    def action_outbox(self) -> None:
        self._push_once("outbox", registry.outbox)

    def action_search(self) -> None:
        self._push_once("search", registry.search)
