"""`ReaderHost`: what a screen (or the command palette) may ask of the reader application.

Screens depend on this protocol, never on the app class: the app imports the screens (through
`ui.screens.registry`), so a screen importing the app would close an import cycle. Moving to
another screen goes through the host too (`show_article`, `show_comments`, …), so screens do
not import one another either. Textual's own `App` methods (`push_screen`, `run_worker`,
`copy_to_clipboard`) are reached as `screen.app`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from madara_tui.messages import Lang
from madara_tui.models import Headline
from madara_tui.service import Service
from madara_tui.text import BidiMode

if TYPE_CHECKING:
    from madara_tui.article_links import NumberedLink
    from madara_tui.ui.pictures.detect import Graphics


Walk = Callable[[int], Awaitable[Headline | None]]
"""Steps along the list an article was opened from: the headline at an index (the list's
cursor moved there), or None past either end. The article screen's n/p call it."""


class ReaderHost(Protocol):
    """The reader application as its screens see it."""

    service: Service
    """The one door to the cache, the user's data and the site."""
    clock: Callable[[], datetime]
    """Now, in Tehran time (tests fix it)."""
    graphics: Graphics
    """How this terminal draws pictures (or why it doesn't)."""

    @property
    def lang(self) -> Lang:
        """The interface language ("fa" or "en")."""
        ...

    @property
    def bidi_mode(self) -> BidiMode:
        """Who orders right-to-left text: the program or the terminal."""
        ...

    @property
    def keymap(self) -> Mapping[str, str]:
        """The user's keys by binding id (the config's `[keymap]`)."""
        ...

    def write_graphics(self, data: str) -> None:
        """Send picture protocol bytes to the terminal, in order with the frames."""
        ...

    def first_screen_drawn(self) -> None:
        """The first headlines are on screen: background work may start."""
        ...

    def say(self, words: Callable[[Lang], str] | str, *, error: bool = False) -> None:
        """Show a short message in the status line (`words` make it in a language, so it
        follows a change of language; a plain string stays as it is)."""
        ...

    def say_key(self, key: str, *, error: bool = False, **values: object) -> None:
        """`say` the interface text `key` with `values`."""
        ...

    def number(self, value: int) -> str:
        """`value` in the interface's digits."""
        ...

    def confirm_open(self, url: str, done: Callable[[], None] | None = None) -> None:
        """Open `url` in the browser after the link check and the user's yes."""
        ...

    def follow_link(self, source: str, url: str,
                    done: Callable[[], None] | None = None) -> object:
        """Open a link of an article of `source`: the site's own articles in the reader,
        anything else through `confirm_open`."""
        ...

    # Moving between screens.

    def show_article(self, source: str, article_id: int, *, index: int | None = None,
                     walk: Walk | None = None) -> None:
        """Open an article (`index` in the list it came from, and `walk` along that list)."""
        ...

    def show_related(self, source: str, article_id: int) -> None:
        """The article's related news."""
        ...

    def show_comments(self, source: str, article_id: int) -> None:
        """The article's comment thread."""
        ...

    def show_comment_form(self, source: str, article_id: int, *, parent: int = 0,
                          parent_author: str = "") -> None:
        """The form for a comment on the article (a reply when `parent` is set)."""
        ...

    def show_links(self, links: list[NumberedLink], source: str = "") -> None:
        """The numbered links of an article of site `source`."""
        ...

    # Actions the command palette offers.

    def action_refresh(self) -> None:
        """Refresh every source."""
        ...

    def action_outbox(self) -> None:
        """Show the outbox."""
        ...

    def action_toggle_bidi(self) -> None:
        """Switch the bidi mode."""
        ...

    def action_toggle_lang(self) -> None:
        """Switch the interface language."""
        ...

    def action_search(self) -> None:
        """Show the search screen."""
        ...

    def action_help(self) -> None:
        """Show the help."""
        ...
