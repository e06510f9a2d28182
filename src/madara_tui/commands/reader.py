"""`madara-tui` with no subcommand: the reader.

`make_app` is the one factory the program, the tests and the snapshots use. `run` opens the
runtime, puts the terminal in explicit bidi mode (ESC[8l) when the program does the ordering —
whatever the environment says: over ssh nothing tells a VTE terminal apart, and terminals that
don't know the mode ignore it — runs the app, and always puts the terminal back (ESC[8h): on a
normal exit, on an exception, at interpreter exit and on SIGTERM/SIGHUP. Inside tmux the
sequences also go through tmux's passthrough; when tmux does not allow it, the status line says
once how to set it (see docs/terminals.md).
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Mapping
from contextlib import suppress
from datetime import datetime
from functools import partial
from types import FrameType

from madara_tui.commands.common import run_to_status
from madara_tui.commands.hangup import watch_hangup
from madara_tui.commands.human import for_terminal, use_bidi_setting
from madara_tui.config import Overrides
from madara_tui.messages import Lang, msg
from madara_tui.runtime import DEMO_URL, open_runtime
from madara_tui.text import (
    EXPLICIT_MODE,
    IMPLICIT_MODE,
    BidiMode,
    in_kitty,
    in_multiplexer,
    mode_switch,
    resolve_bidi_mode,
)
from madara_tui.ui.app import MadaraApp, Opener, ReaderRuntime, TerminalWrite, tehran_now
from madara_tui.ui.pictures.detect import Graphics, choose, detect


def _open_in_browser(url: str) -> bool:
    """webbrowser.open: an argv list, never a shell (the URL was checked by the caller)."""
    import webbrowser  # on first use: it brings shlex and a search of the PATH the start needn't

    return webbrowser.open(url, new=2)


def make_app(runtime: ReaderRuntime, *, lang: Lang | None = None, bidi: BidiMode | None = None,
             env: Mapping[str, str] | None = None, clock: Callable[[], datetime] | None = None,
             opener: Opener | None = None, terminal_write: TerminalWrite | None = None,
             refresh_on_start: bool = True, demo: bool | None = None,
             graphics: Graphics | None = None) -> MadaraApp:
    """The reader over `runtime`. Tests inject the clock, the browser opener, the terminal
    writer and the picture protocol; everything else comes from the runtime's config and the
    environment (with no terminal to ask, `images = "auto"` means half blocks)."""
    config = runtime.config
    environ = os.environ if env is None else env
    mode = bidi or resolve_bidi_mode(config.bidi, environ)
    if demo is None:
        demo = getattr(runtime, "demo", None) is not None or config.site == DEMO_URL
    return MadaraApp(
        runtime,
        lang=lang or config.lang,
        bidi_mode=mode,
        clock=clock or tehran_now,
        opener=opener or _open_in_browser,
        terminal_write=terminal_write or (lambda _data: None),
        explicit_mode=terminal_write is not None,
        demo=demo,
        refresh_on_start=refresh_on_start,
        keymap=config.keymap,
        graphics=graphics or choose(config.images, environ, None),
    )


def _write_raw(data: str) -> None:
    """Send control bytes straight to the terminal (one write call, so it can't interleave
    with Textual's output mid-sequence)."""
    stream = sys.__stderr__
    if stream is not None and stream.isatty():
        os.write(stream.fileno(), data.encode("ascii"))


def terminal_writer(env: Mapping[str, str], write: TerminalWrite = _write_raw) -> TerminalWrite:
    """A writer that sends the bidi mode switches as this terminal must receive them (inside
    tmux, plain and through passthrough, see `mode_switch`); other data as it is."""
    enter, leave = mode_switch(env)
    routes = {EXPLICIT_MODE: enter, IMPLICIT_MODE: leave}

    def send(data: str) -> None:
        write(routes.get(data, data))
    return send


def tmux_allows_passthrough(env: Mapping[str, str]) -> bool:
    """Whether the tmux pane we run in passes escape sequences to the outer terminal (its
    `allow-passthrough` option, tmux ≥ 3.3). False when tmux can't be asked."""
    target = ["-t", env["TMUX_PANE"]] if env.get("TMUX_PANE") else []
    try:
        result = subprocess.run(["tmux", "show-options", "-Apv", *target, "allow-passthrough"],
                                capture_output=True, text=True, timeout=2, check=False,
                                env=dict(env))
    except (OSError, subprocess.SubprocessError):
        return False
    values = result.stdout.split()
    return result.returncode == 0 and bool(values) and values[-1] in ("on", "all")


def multiplexer_hint(env: Mapping[str, str], lang: Lang,
                     allows: Callable[[Mapping[str, str]], bool] = tmux_allows_passthrough
                     ) -> str | None:
    """The one status-line notice for a multiplexer that keeps the mode switch from the outer
    terminal (tmux without passthrough, screen), or None."""
    where = in_multiplexer(env)
    if where == "tmux" and not allows(env):
        return msg("tmux_passthrough", lang)
    if where == "screen":
        return msg("screen_mode", lang)
    return None


KITTY_HINT_SHOWN = "kitty_hint_shown"
"""Preference set once the kitty hint was shown: it is said once per data directory, since
nothing tells whether the user has already turned `force_ltr` on."""


def kitty_hint(env: Mapping[str, str], lang: Lang, *, shown_before: bool) -> str | None:
    """The notice for kitty, which reverses Arabic-script runs unless `force_ltr` is on
    (`text.termmode.in_kitty`), or None."""
    if shown_before or not in_kitty(env):
        return None
    return msg("kitty_force_ltr", lang)


class TerminalRestore:
    """Puts the terminal back in implicit bidi mode exactly once, whatever ends the program."""

    def __init__(self, write: TerminalWrite) -> None:
        self._write = write
        self._armed = False
        self._previous: dict[int, object] = {}

    def arm(self) -> None:
        """From now on, restore at exit, on SIGTERM/SIGHUP and on `restore()`."""
        self._armed = True
        atexit.register(self.restore)
        for sig in (signal.SIGTERM, signal.SIGHUP):
            self._previous[sig] = signal.signal(sig, self._on_signal)

    def restore(self) -> None:
        """Send ESC[8h once, and stop listening for signals."""
        if not self._armed:
            return
        self._armed = False
        self._write(IMPLICIT_MODE)
        atexit.unregister(self.restore)
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)  # type: ignore[arg-type]

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        previous = self._previous.get(signum)
        self.restore()
        if callable(previous):
            previous(signum, frame)
        else:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)


def _say_hint(app: MadaraApp, notices: list[str], at: int,
              asking: asyncio.Task[str | None]) -> None:
    """Say the start notices again with the multiplexer's hint among them (at `at`, where the
    start put it before it asked tmux beside the first screen), if there is one."""
    if asking.cancelled() or asking.exception() is not None:
        return
    hint = asking.result()
    if hint and app.return_code is None:
        notices.insert(at, hint)
        said = " · ".join(notices)
        if app.is_running:
            # Through the app's queue: this callback runs in the start's context, outside the
            # app's, and the message's timer started here fired without the app (the message
            # stayed, and quitting ended in a traceback).
            app.call_later(app.say, said)
        else:
            app.say(said)  # before the app runs, saying starts no timer


STDIN_FD = 0
"""Where the keys come in (`_has_terminal` has checked it is a terminal)."""
HANGUP_GRACE = 10.0
"""Seconds the polite end may take once the terminal is gone (`commands.hangup`)."""


def _detect_graphics(setting: str) -> Graphics:
    """The picture protocol, asking the terminal (stdin, and stderr where Textual draws) before
    the reader takes it over."""
    stdin, stderr = sys.__stdin__, sys.__stderr__
    fd_in = stdin.fileno() if stdin is not None and stdin.isatty() else None
    fd_out = stderr.fileno() if stderr is not None and stderr.isatty() else None
    try:
        return detect(setting, os.environ, fd_in, fd_out)
    except OSError:
        return choose(setting, os.environ, None)


def _has_terminal() -> bool:
    """True when standard input (keys come in) and standard error (where Textual draws) are a
    terminal: without one Textual writes escape sequences to a file and waits for keys
    forever."""
    streams = (sys.__stdin__, sys.__stderr__)
    return all(stream is not None and stream.isatty() for stream in streams)


def run(args: argparse.Namespace, overrides: Overrides) -> int:
    """Run the reader; returns the exit status (2 for a bad configuration or no terminal)."""
    lang = overrides.ui_lang
    use_bidi_setting(overrides.bidi)
    if not _has_terminal():
        sys.stderr.write(for_terminal(msg("needs_terminal", lang), sys.stderr) + "\n")
        return 2

    async def main() -> int:
        async with open_runtime(overrides) as runtime:
            graphics = _detect_graphics(runtime.config.images)
            write = terminal_writer(os.environ)
            app = make_app(runtime, terminal_write=write, graphics=graphics)
            app.read_ahead()
            guard = TerminalRestore(write)
            notices = list(runtime.notices)
            guard.arm()
            asking: asyncio.Task[str | None] | None = None
            if app.bidi_mode is BidiMode.APP:
                write(EXPLICIT_MODE)
                # Asking tmux runs a tmux client (5–30 ms): asked while the first screen is
                # made, its notice said when the answer comes (`_say_hint`).
                asking = asyncio.create_task(
                    asyncio.to_thread(multiplexer_hint, os.environ, app.lang))
                asking.add_done_callback(partial(_say_hint, app, notices, len(notices)))
                if in_kitty(os.environ):  # only there is the preference worth a read at start
                    shown = await runtime.service.preference(KITTY_HINT_SHOWN) is not None
                    hint = kitty_hint(os.environ, app.lang, shown_before=shown)
                    if hint:
                        notices.append(hint)
                        await runtime.service.set_preference(KITTY_HINT_SHOWN, "1")
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                # A polite end: the app saves the reading position, then the guard below puts
                # the terminal back.
                loop.add_signal_handler(sig, app.exit)

            def hung_up() -> None:
                # The same end when the terminal goes away without a signal.
                with suppress(RuntimeError):  # the loop has closed: the program ended already
                    loop.call_soon_threadsafe(app.exit)

            watch_hangup(STDIN_FD, hung_up, grace=HANGUP_GRACE)
            try:
                if notices:
                    app.say(" · ".join(notices))
                await app.run_async()
            finally:
                if asking is not None:
                    asking.cancel()
                guard.restore()
            return app.return_code or 0

    # A bad config, or a data dir that can't be used (a file in its place, a read-only or
    # full disk), ends with a message and the commands' exit status instead of a traceback.
    return run_to_status(lang, main())
