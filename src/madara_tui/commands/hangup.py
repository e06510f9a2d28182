"""Ending the reader when its terminal goes away without a SIGHUP.

A terminal that closes sends SIGHUP to the processes it controls, and the reader ends politely
on it. A reader started without a controlling terminal (`setsid`, some job runners and session
managers) gets no signal: its input stays a hung-up terminal whose reads return nothing at once,
and Textual's input thread turns that into a busy loop (a core at 40 % for as long as the
process lives). `watch_hangup` waits for the hang-up itself (POLLHUP, which `poll` reports even
when no event is asked for, so the wait costs nothing) and then calls `on_hangup` once.
"""

from __future__ import annotations

import select
import threading
from collections.abc import Callable


def watch_hangup(fd: int, on_hangup: Callable[[], None]) -> threading.Thread:
    """Call `on_hangup` (from a daemon thread) when the terminal on `fd` hangs up."""

    def wait() -> None:
        watcher = select.poll()
        watcher.register(fd, 0)  # no events asked: only POLLHUP, POLLERR and POLLNVAL wake it
        try:
            while True:
                if watcher.poll():
                    break
        except OSError:  # the descriptor itself is gone: the terminal with it
            pass
        on_hangup()

    thread = threading.Thread(target=wait, name="terminal-hangup", daemon=True)
    thread.start()
    return thread
