"""The reader command's terminal handling: ESC[8h exactly once, whatever ends the program."""

from __future__ import annotations

import os
import signal

from madara_tui.commands.reader import TerminalRestore
from madara_tui.text import IMPLICIT_MODE


def test_restore_writes_the_implicit_mode_once() -> None:
    written: list[str] = []
    guard = TerminalRestore(written.append)
    guard.restore()
    assert written == []  # never armed: the terminal was not switched
    guard.arm()
    guard.restore()
    guard.restore()
    assert written == [IMPLICIT_MODE]


def test_sigterm_restores_the_terminal_before_the_previous_handler() -> None:
    written: list[str] = []
    seen: list[int] = []
    previous = signal.signal(signal.SIGTERM, lambda signum, _frame: seen.append(signum))
    try:
        guard = TerminalRestore(written.append)
        guard.arm()
        os.kill(os.getpid(), signal.SIGTERM)
        assert written == [IMPLICIT_MODE]
        assert seen == [signal.SIGTERM]
    finally:
        signal.signal(signal.SIGTERM, previous)

