"""`madara-tui` with no subcommand: the reader.

`make_app` is the one factory the program, the tests and the snapshots use. `run` opens the
runtime, puts a terminal that honours it in explicit bidi mode (ESC[8l) when the program does
the ordering, runs the app, and always puts the terminal back (ESC[8h): on a normal exit, on an
exception, at interpreter exit and on SIGTERM/SIGHUP.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import os
import signal
import sqlite3
import sys
import webbrowser
from collections.abc import Callable, Mapping
from datetime import datetime
from types import FrameType

from madara_tui.config import ConfigError
from madara_tui.messages import msg
from madara_tui.runtime import DEMO_URL, open_runtime
from madara_tui.store import StoreError
from madara_tui.text import (
    EXPLICIT_MODE,
    IMPLICIT_MODE,
    BidiMode,
    resolve_bidi_mode,
    wants_explicit_mode,
)
from madara_tui.ui.app import MadaraApp, Opener, ReaderRuntime, TerminalWrite, tehran_now
from madara_tui.ui.pictures.detect import Graphics, choose, detect


def _open_in_browser(url: str) -> bool:
    """webbrowser.open: an argv list, never a shell (the URL was checked by the caller)."""
    return webbrowser.open(url, new=2)


def make_app(runtime: ReaderRuntime, *, lang: str | None = None, bidi: BidiMode | None = None,
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
        explicit_mode=wants_explicit_mode(environ) and terminal_write is not None,
        demo=demo,
        refresh_on_start=refresh_on_start,
        keymap=config.keymap,
        graphics=graphics or choose(config.images, environ, None),
    )


def _write_terminal(data: str) -> None:
    """Send control bytes straight to the terminal (one write call, so it can't interleave
    with Textual's output mid-sequence)."""
    stream = sys.__stderr__
    if stream is not None and stream.isatty():
        os.write(stream.fileno(), data.encode("ascii"))


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


def run(args: argparse.Namespace) -> int:
    """Run the reader; returns the exit status (2 for a bad configuration)."""
    lang = getattr(args, "lang", None) or "fa"

    async def main() -> int:
        async with open_runtime(args) as runtime:
            graphics = _detect_graphics(runtime.config.images)
            app = make_app(runtime, terminal_write=_write_terminal, graphics=graphics)
            guard = TerminalRestore(_write_terminal)
            if app.explicit_mode:
                guard.arm()
                if app.bidi_mode is BidiMode.APP:
                    _write_terminal(EXPLICIT_MODE)
            try:
                if runtime.notices:
                    app.say(" · ".join(runtime.notices))
                await app.run_async()
            finally:
                guard.restore()
            return app.return_code or 0

    try:
        return asyncio.run(main())
    except ConfigError as exc:
        sys.stderr.write(msg("config_error", lang, error=str(exc)) + "\n")
        return 2
    except (sqlite3.Error, OSError, StoreError) as exc:
        # The data dir can't be used (a file in its place, a read-only or full disk): say so
        # instead of a traceback.
        sys.stderr.write(msg("store_error", lang, error=str(exc)) + "\n")
        return 1
    except KeyboardInterrupt:
        return 130
