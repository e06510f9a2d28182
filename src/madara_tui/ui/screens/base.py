"""What every reader screen shares: typed access to the app, the interface language, a
top bar and a key bar, and the `relabel` hook called when the language or bidi mode changes."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from textual import events
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

from madara_tui import collector
from madara_tui.messages import Lang, tr
from madara_tui.text import BidiMode
from madara_tui.ui.host import ReaderHost
from madara_tui.ui.lines import embedded_values, visual
from madara_tui.ui.widgets.shaped import forget_closed_watchers


class ReaderMixin:
    """Helpers for screens of `MadaraApp`."""

    def on_unmount(self) -> None:
        app = cast(Screen[Any], self).app
        # The closed screen's widgets still watch the app's language and mode until dropped.
        forget_closed_watchers(app)
        # Its garbage is collected once the screen beneath is drawn (see `collector`).
        app.call_after_refresh(collector.collect)

    @property
    def reader(self) -> ReaderHost:
        """The app, as screens see it (see `ReaderHost`)."""
        return cast(ReaderHost, cast(Screen[Any], self).app)

    @property
    def lang(self) -> Lang:
        """The interface language."""
        return self.reader.lang

    @property
    def mode(self) -> BidiMode:
        """The bidi mode in force."""
        return self.reader.bidi_mode

    def words(self, key: str, **values: object) -> str:
        """Interface text `key` in the current language (logical order), each of `values`
        isolated (`lines.embedded`)."""
        return tr(key, self.lang, **embedded_values(values))

    def visual_words(self, key: str, **values: object) -> str:
        """Interface text `key`, ready for a Textual widget that shows one short line (shaped
        and in visual order in app mode)."""
        return visual(tr(key, self.lang, **embedded_values(values)), self.mode)

    def relabel(self) -> None:
        """Language or bidi mode changed: update texts held by plain Textual widgets."""


class ReaderScreen(ReaderMixin, Screen[None]):
    """A full screen of the reader; `escape`/`q` go back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back", id="screen.back", tooltip="Back"),
    ]

    _shown = False
    """Whether the screen has been resumed (shown) before."""

    def action_back(self) -> None:
        self.dismiss()

    def first_shown(self, event: events.ScreenResume) -> bool:
        """For a screen's `on_screen_resume`: whether this is its first resume, right after it
        was pushed. Then every widget was styled as it mounted (and took the focus), and
        nothing has changed since, so Textual's styling of the whole screen again is skipped
        (docs/performance.md, rounds 5 and 6)."""
        if self._shown:
            return False
        self._shown = True
        event.refresh_styles = False
        return True


class ReaderModal(ReaderMixin, ModalScreen[Any]):
    """A dialog over the current screen; `escape` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="dialog.close", tooltip="Close"),
    ]

    def action_close(self) -> None:
        self.dismiss(None)
