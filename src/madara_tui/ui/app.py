"""The reader application: owns the runtime's lifetime in the UI, the language, the bidi mode,
the status line and the one handler for worker errors. Screens live in `ui.screens`."""

from __future__ import annotations

import asyncio
import difflib
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, Protocol

from rich.console import RenderableType
from textual import events, on, work
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from madara_tui import collector
from madara_tui.config import Config
from madara_tui.links import check_link, open_link
from madara_tui.messages import Lang, binding_ids, tr
from madara_tui.models import RefreshReport
from madara_tui.records import replace
from madara_tui.service import Service, explain
from madara_tui.text import (
    EXPLICIT_MODE,
    IMPLICIT_MODE,
    TEHRAN,
    BidiMode,
    to_persian_digits,
)
from madara_tui.ui.host import ReaderHost
from madara_tui.ui.lines import embedded_values
from madara_tui.ui.palette import ReaderCommands
from madara_tui.ui.persian_keys import latin_key
from madara_tui.ui.pictures.detect import Graphics
from madara_tui.ui.screen_moves import ScreenMoves
from madara_tui.ui.screens import registry
from madara_tui.ui.widgets.bars import Status, Words

MESSAGE_SECONDS = 8.0
"""How long a status message stays (it belongs to the moment it was said)."""

if TYPE_CHECKING:
    from madara_tui.ui.screens.headlines import FirstRows

Opener = Callable[[str], object]
"""Opens a URL in the browser (webbrowser.open in the program; a recorder in tests)."""
TerminalWrite = Callable[[str], None]
"""Sends raw bytes to the terminal (the bidi mode switches); a no-op in tests."""


class ReaderRuntime(Protocol):
    """What the app needs from `madara_tui.runtime.Runtime`."""

    config: Config
    service: Service


def _after_notice(notice: str, said: Words) -> Words:
    """`said`, in any language, after the start notice it is said over."""
    return lambda lang: notice + " · " + said(lang)


class MadaraApp(ScreenMoves):
    """The reader. Build it with `madara_tui.commands.reader.make_app`."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "madara-tui"
    # Only ours: Textual's system commands (Keys, Maximize, Screenshot…) are English-only and
    # mostly meaningless here; themes, help and quit have Persian entries of their own.
    COMMANDS: ClassVar = {ReaderCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="Keys and modes"),
        Binding("slash", "search", "Search", id="app.search", tooltip="Search the cache"),
        Binding("ctrl+b,f2", "toggle_bidi", "Bidi", show=False, id="app.bidi",
                tooltip="Switch who orders right-to-left text: the program or the terminal"),
        Binding("f3", "toggle_lang", "Lang", show=False, id="app.lang", tooltip="فارسی / English"),
        Binding("ctrl+r", "refresh", "Refresh", show=False, id="app.refresh",
                tooltip="Refresh the sources"),
        Binding("ctrl+o", "outbox", "Outbox", show=False, id="app.outbox",
                tooltip="Comments waiting to be sent"),
        Binding("ctrl+q", "quit", "Quit", show=False, id="app.quit", tooltip="Quit",
                priority=True),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.palette",
                tooltip="Command palette", priority=True),
    ]

    bidi_mode: reactive[BidiMode] = reactive(BidiMode.APP, init=False)
    lang: reactive[Lang] = reactive[Lang]("fa", init=False)
    status: reactive[Status] = reactive(Status(), init=False)

    def __init__(self, runtime: ReaderRuntime, *, lang: Lang, bidi_mode: BidiMode,
                 clock: Callable[[], datetime], opener: Opener, terminal_write: TerminalWrite,
                 explicit_mode: bool, demo: bool, refresh_on_start: bool,
                 keymap: Mapping[str, str], graphics: Graphics | None = None) -> None:
        super().__init__()
        self.runtime = runtime
        self.service = runtime.service
        self.clock = clock
        self.opener = opener
        self.terminal_write = terminal_write
        self.explicit_mode = explicit_mode
        """The terminal honours ESC[8l/ESC[8h, so the mode switch is sent to it."""
        self.refresh_on_start = refresh_on_start
        self.graphics = graphics or Graphics("off", reason="not given")
        """How pictures are drawn (chosen before the app took the terminal)."""
        self.set_reactive(MadaraApp.lang, lang)
        self.set_reactive(MadaraApp.bidi_mode, bidi_mode)
        self.set_reactive(MadaraApp.status, Status(demo=demo, offline=runtime.service.offline))
        self._user_keymap = dict(keymap)
        self._message_timer: Timer | None = None
        self.message_seconds = MESSAGE_SECONDS
        """How long a status message stays."""
        self._last_made: dict[str, Screen[None]] = {}
        """The last help, outbox and search screens made (a key pressed on one does nothing)."""
        self._background_started = False
        self.last_report: RefreshReport | None = None
        """The last refresh's report (tests and the status line read it)."""
        self._first_rows: asyncio.Task[FirstRows] | None = None

    def read_ahead(self) -> None:
        """Start reading the first headline screen's rows now, before the app runs (the
        reader's start; `registry.read_ahead`). The app's mount then waits only for what is
        left of them."""
        self._first_rows = registry.read_ahead(self.service)

    # Life cycle.

    async def on_mount(self) -> None:
        self.set_keymap(self._user_keymap)
        self._check_keymap()
        self.set_class(self.lang == "fa", "-rtl")
        theme = self.runtime.config.theme or await self.service.preference("theme")
        if theme and theme in self.available_themes:
            self.theme = theme
        self.watch(self, "theme", self._remember_theme, init=False)
        self.push_screen(await registry.first_headlines(self.service, self._first_rows))
        self._first_rows = None
        if self.status.message:
            self._message_timer = self.set_timer(self.message_seconds, self.unsay)
        if self.refresh_on_start and not self.service.offline:
            self.action_refresh()

    def first_screen_drawn(self) -> None:
        """The first headlines are on screen: turn the garbage collector back on and start the
        background work that must not delay them (once), i.e. re-keying the search index after
        a key change."""
        if self._background_started:
            return
        self._background_started = True
        collector.resume(freeze=True)  # paused by `cli.main` for the start
        self.run_worker(self.service.catch_up_search_index(), group="search-index",
                        exit_on_error=False)

    def write_graphics(self, data: str) -> None:
        """Send picture protocol bytes to the terminal in the same ordered stream as the frames
        (so a picture is drawn after the frame that made room for it); to `terminal_write`
        when there is no real terminal (tests record them there)."""
        driver = self._driver
        if driver is not None and not driver.is_headless:
            driver.write(data)
        else:
            self.terminal_write(data)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            event = self._latin_twin(event)
        await super().on_event(event)

    def _latin_twin(self, event: events.Key) -> events.Key:
        """A key pressed with the Persian layout on, read as the Latin key at its place (see
        `ui.persian_keys`) — unless the focused field takes the letter, or a binding (say one
        from `[keymap]`) names the Persian key itself."""
        twin = latin_key(event.character)
        if twin is None:
            return event
        focused = self.focused
        if focused is not None and focused.check_consume_key(event.key, event.character):
            return event
        if event.key in self.screen.active_bindings:
            return event
        key, character = twin
        return events.Key(key, character)

    def _check_keymap(self) -> None:
        """Say which `[keymap]` ids match no binding (Textual ignores them), each with the
        closest valid id. Nothing to check without a `[keymap]`: the check imports every
        screen, which the start otherwise leaves for their first use."""
        if not self._user_keymap:
            return
        rows = registry.binding_table(type(self), "en")
        known = {binding_id for _, _, binding_id in rows} | set(binding_ids())
        known |= {f"article.link{n}" for n in range(1, 10)}
        known.discard("article.link1…9")
        unknown = sorted(set(self._user_keymap) - known)
        if not unknown:
            return
        guesses = [(name, (difflib.get_close_matches(name, sorted(known), n=1, cutoff=0)
                           or ["?"])[0]) for name in unknown]

        def words(lang: Lang) -> str:
            return "; ".join(tr("keymap.unknown", lang,
                                **embedded_values({"id": name, "closest": closest}))
                             for name, closest in guesses)
        self.say(words, error=True)

    def _remember_theme(self, theme: str) -> None:
        self.run_worker(self.service.set_preference("theme", theme), group="prefs")

    # Status line.

    def say(self, words: Words | str, *, error: bool = False) -> None:
        """Show a short message in the status line of the current screen for a few seconds.
        `words` makes it in a language (so it follows F3); a plain string stays as it is."""
        from madara_tui.ui.screens.base import ReaderScreen

        origin: object | None = None
        if self.is_running:
            origin = next((s for s in reversed(self.screen_stack)
                           if not isinstance(s, ModalScreen)), None)
            if not isinstance(origin, ReaderScreen):
                origin = None  # said while starting: the first screen shows it
            if self._message_timer is not None:
                self._message_timer.stop()
            self._message_timer = self.set_timer(self.message_seconds, self.unsay)
        notice = self.status.message
        if isinstance(notice, str) and notice and callable(words):
            # A start notice (tmux or kitty set-up, a rebuilt cache) outlives the first
            # message said over it, the start refresh's result, so it is seen at all.
            words = _after_notice(notice, words)

        self.status = Status(self.status.demo, self.service.offline, None, words, error, origin)

    def say_key(self, key: str, *, error: bool = False, **values: object) -> None:
        """`say` the interface text `key`; int values get the language's digits, callable
        values (an error's `message`) are asked in the language."""
        def words(lang: Lang) -> str:
            return tr(key, lang, **embedded_values({name: _localized(value, lang)
                                                    for name, value in values.items()}))
        self.say(words, error=error)

    def unsay(self) -> None:
        """Take the message down (its time is over)."""
        self._message_timer = None
        if self.status.message:
            self.status = Status(self.status.demo, self.service.offline, self.status.progress)

    def number(self, value: int) -> str:
        """`value` in the interface's digits."""
        return to_persian_digits(value) if self.lang == "fa" else str(value)

    def exit(self, result: int | None = None, return_code: int = 0,
             message: RenderableType | None = None) -> None:
        """End the program (ctrl+q, or SIGTERM/SIGHUP through `commands.reader`), first saving
        the reading position of every open article."""
        for screen in self.screen_stack:
            save = getattr(screen, "save_position_now", None)
            if save is not None:
                save()
        super().exit(result, return_code, message)

    # Refresh.

    def action_refresh(self) -> None:
        """Refresh every source in a worker, with progress in the status line."""
        self._refresh()

    @work(exclusive=True, group="refresh", exit_on_error=False)
    async def _refresh(self) -> RefreshReport:
        def progress(done: int, total: int, _source: str) -> None:
            self.status = replace(self.status, progress=(done, total))

        self.status = replace(self.status, progress=(0, 1))
        report = await self.service.refresh(progress)
        self.last_report = report
        new = sum(source.stats.new for source in report.sources)
        errors = [source.error for source in report.sources if source.error]
        if errors and not report.ok:
            self.say_key("status.refresh_failed", reason=errors[0], error=True)
        else:
            self.say_key("status.refreshed", new=new)
        for screen in self.screen_stack:
            refreshed = getattr(screen, "data_changed", None)
            if refreshed is not None:
                refreshed()
        return report

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """The one place worker errors are shown (workers don't catch their own)."""
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        reason: Words | str = explain(error) or f"{type(error).__name__}: {error}"
        self.say_key("status.error", reason=reason, error=True)

    # Bidi mode and language.

    def action_toggle_bidi(self) -> None:
        """Switch between the program ordering RTL text and the terminal doing it."""
        self.bidi_mode = BidiMode.TERMINAL if self.bidi_mode is BidiMode.APP else BidiMode.APP

    def watch_bidi_mode(self, mode: BidiMode) -> None:
        if self.explicit_mode:
            self.terminal_write(EXPLICIT_MODE if mode is BidiMode.APP else IMPLICIT_MODE)
        self._relabel()
        self.refresh(layout=True)

    def action_toggle_lang(self) -> None:
        """Switch the interface between Persian (right-to-left) and English."""
        self.lang = "en" if self.lang == "fa" else "fa"

    def watch_lang(self, lang: Lang) -> None:
        self.set_class(lang == "fa", "-rtl")
        self._relabel()
        self.refresh_css()

    def _relabel(self) -> None:
        for screen in self.screen_stack:
            relabel = getattr(screen, "relabel", None)
            if relabel is not None:
                relabel()

    # Links.

    @property
    def keymap(self) -> Mapping[str, str]:
        """The user's keys by binding id (the config's `[keymap]`)."""
        return self._user_keymap

    def confirm_open(self, url: str, done: Callable[[], None] | None = None) -> None:
        """Open `url` in the browser after showing its host and asking; refuses anything but
        a clean http/https URL. `done` runs once the question is answered."""
        check = check_link(url)
        if not check.ok:
            self.say(check.message, error=True)
            if done is not None:
                done()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.open_in_browser(check.url)
            if done is not None:
                done()

        self.push_screen(registry.confirm_open(check), answered)

    @work(group="links", exclusive=True, exit_on_error=False)
    async def follow_link(self, source: str, url: str,
                          done: Callable[[], None] | None = None) -> None:
        """Open a link of an article of `source`: another article of the same site opens in
        the reader (Esc comes back); anything else goes through `confirm_open`."""
        article = await self.service.linked_article(source, url) if source else None
        if article is None:
            self.confirm_open(url, done)
            return
        if done is not None:
            done()
        await self.push_screen(registry.article(article.source, article.id))

    def open_in_browser(self, url: str) -> None:
        """Hand a checked `url` to the browser; when none starts (`webbrowser.open` says
        False, or fails), say so and offer to copy the link instead."""
        try:
            # The one opener: it checks the link again at the moment it is handed over.
            opened = open_link(check_link(url), self.opener)
        except OSError:
            opened = False
        if opened:
            self.say_key("open.opened")
            return

        def answered(copy: bool | None) -> None:
            if copy:
                self.copy_to_clipboard(url)
                self.say_key("article.copied")

        self.push_screen(registry.no_browser(url), answered)


def _is_a_host(app: MadaraApp) -> ReaderHost:
    # Never called: mypy checks here that the app gives screens everything `ReaderHost` names.
    return app


def _localized(value: object, lang: Lang) -> object:
    if callable(value):
        return value(lang)
    if isinstance(value, int) and not isinstance(value, bool) and lang == "fa":
        return to_persian_digits(value)
    return value


def tehran_now() -> datetime:
    """The real clock, in Tehran time (tests inject a fixed one)."""
    return datetime.now(TEHRAN)
