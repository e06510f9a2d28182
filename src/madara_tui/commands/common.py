"""What the CLI commands share: running one in an event loop with the runtime open, turning
failures into a message and an exit status, JSON and laid-out text output."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sqlite3
import sys
from collections.abc import Awaitable, Callable, Coroutine
from datetime import datetime
from typing import Any

from madara_tui.commands.human import for_terminal, use_bidi_setting
from madara_tui.config import ConfigError, Overrides
from madara_tui.messages import Lang, msg
from madara_tui.runtime import Runtime, open_runtime
from madara_tui.service import (
    ArticleNotFound,
    FetchError,
    InvalidDraft,
    ServiceError,
    StoreError,
)
from madara_tui.text import (
    TEHRAN,
    BidiMode,
    Paragraph,
    mode_switch,
    resolve_bidi_mode,
)

EXIT_OK = 0
"""Success (for `fetch`: at least one source worked; for `comment`: taken or queued)."""
EXIT_FAILED = 1
"""The work failed: no source refreshed, the site refused or never confirmed a comment."""
EXIT_USAGE = 2
"""Bad command line or configuration (argparse uses 2 too)."""
EXIT_NOT_FOUND = 3
"""No such article."""
EXIT_INVALID = 4
"""The comment breaks the site's rules (e.g. an invalid email); nothing was queued."""


def err(text: str) -> None:
    """A message for the user on stderr (laid out on a terminal in app mode)."""
    sys.stderr.write(for_terminal(text, sys.stderr) + "\n")
    sys.stderr.flush()


def note(text: str) -> None:
    """A message for the user on stdout (laid out on a terminal in app mode), not data."""
    sys.stdout.write(for_terminal(text, sys.stdout) + "\n")


def out(text: str = "") -> None:
    """A line on stdout."""
    sys.stdout.write(text + "\n")


def print_json(value: Any) -> None:
    """`value` as stable JSON on stdout: UTF-8 (no \\u escapes), keys in the order built."""
    out(json.dumps(value, ensure_ascii=False, indent=2))


def iso(value: datetime | None) -> str | None:
    """ISO 8601 at the site's offset (Tehran's: +03:30) whichever way the time was read (REST,
    feed or page), or None. Aware datetimes only."""
    return value.astimezone(TEHRAN).isoformat() if value is not None else None


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if reconfigure is not None and encoding != "utf8":
            reconfigure(encoding="utf-8", errors="replace")


def run_command(overrides: Overrides,
                body: Callable[[Runtime], Awaitable[int]]) -> int:
    """Open the runtime, print its notices on stderr, run `body`, close everything; failures
    that are the user's or the network's become a message and an exit status (see
    `run_to_status`), not a traceback."""
    _utf8_streams()
    use_bidi_setting(overrides.bidi)

    async def main() -> int:
        async with open_runtime(overrides) as runtime:
            use_bidi_setting(runtime.config.bidi)
            for notice in runtime.notices:
                err(notice)
            return await body(runtime)

    return run_to_status(overrides.ui_lang, main())


def run_to_status(lang: Lang, main: Coroutine[object, object, int]) -> int:
    """Run `main` in a new event loop and return its exit status. The one table of the
    failures that are the user's, the site's or the disk's → a message on stderr (in `lang`)
    and an exit status; every command and the reader end through here."""
    try:
        return asyncio.run(main)
    except ConfigError as exc:
        err(msg("config_error", lang, error=str(exc)))
        return EXIT_USAGE
    except ArticleNotFound as exc:
        err(exc.message(lang))
        return EXIT_NOT_FOUND
    except InvalidDraft as exc:
        err(exc.message(lang))
        return EXIT_INVALID
    except ServiceError as exc:
        err(exc.message(lang))
        return EXIT_FAILED
    except FetchError as exc:
        err(exc.message(lang))
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader of our output went away (`| head`): not an error worth a message.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_FAILED
    except (StoreError, sqlite3.Error, OSError) as exc:
        err(msg("store_error", lang, error=str(exc)))
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


class TextOut:
    """Prints paragraphs laid out by the text engine.

    On a terminal the `--bidi` setting decides (app mode = visual order, shaped, right-aligned
    RTL lines; terminal mode = logical order for a terminal that reorders itself). Piped
    output is logical unless `--bidi app` (or `bidi = "app"` in the config) asks otherwise;
    without `--width` it is not wrapped, one paragraph per line, for scripts.
    """

    def __init__(self, bidi: str, width: int | None, *, isatty: bool | None = None,
                 env: dict[str, str] | None = None) -> None:
        tty = sys.stdout.isatty() if isatty is None else isatty
        environ = dict(os.environ) if env is None else env
        if tty:
            self.mode = resolve_bidi_mode(bidi, environ)
        else:
            self.mode = BidiMode.APP if bidi == "app" else BidiMode.TERMINAL
        if width is None and tty:
            width = shutil.get_terminal_size((80, 24)).columns
        if width is None and self.mode is BidiMode.APP:
            width = 80
        self.width = max(width, 10) if width is not None else None
        # Sent to every terminal in app mode: ssh hides VTE_VERSION, and terminals that don't
        # know the mode ignore it.
        self._explicit = tty and self.mode is BidiMode.APP
        self._enter, self._leave = mode_switch(environ)

    def __enter__(self) -> TextOut:
        # A terminal that reorders on its own would scramble visual-order text: switch its
        # implicit bidi off while we print (and back on after).
        if self._explicit:
            sys.stdout.write(self._enter)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._explicit:
            sys.stdout.write(self._leave)
            sys.stdout.flush()

    def lines(self, text: str, *, direction: str = "content") -> list[str]:
        """`text` (one logical paragraph) as the rows to print."""
        if self.width is None:
            return [text]
        rows = Paragraph(text, direction=direction).lines(self.width, self.mode)
        if self.mode is BidiMode.APP:
            return [row.text.rstrip() for row in rows]
        # A terminal that reorders aligns lines itself: padding would only get in its way.
        return [row.text.strip() for row in rows]

    def para(self, text: str, *, direction: str = "content") -> None:
        """Print one paragraph."""
        for row in self.lines(text, direction=direction):
            out(row)

