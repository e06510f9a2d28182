"""Ending the reader when its terminal goes away without a SIGHUP.

A terminal that closes sends SIGHUP to the processes it controls, and the reader ends politely
on it. A reader started without a controlling terminal (`setsid`, some job runners and session
managers) gets no signal: its input stays a hung-up terminal whose reads return nothing at once,
and Textual's input thread turns that into a busy loop (a core at 40 % for as long as the
process lives). `watch_hangup` waits for the hang-up itself (POLLHUP, which `poll` reports even
when no event is asked for, so the wait costs nothing) and then calls `on_hangup` once.

The polite end can itself get stuck once the terminal is gone: Textual hands its output to a
writer thread through a queue of 30 writes, and a writer that met the dead terminal (or was
blocked writing to one nobody read) never empties it, so the event loop waits in `Queue.put`
for ever — a reader left behind by a closed tmux server, idle until killed. After `grace`
seconds the watcher ends the process itself: everything the reader keeps is in SQLite, whose
committed transactions survive it, and there is no terminal left to put back.
"""

from __future__ import annotations

import os
import select
import threading
import time
from collections.abc import Callable

HANGUP_STATUS = 129
"""128 + SIGHUP: the exit status when the polite end did not finish within the grace time."""


def watch_hangup(fd: int, on_hangup: Callable[[], None], *,
                 grace: float | None = None) -> threading.Thread:
    """Call `on_hangup` (from a daemon thread) when the terminal on `fd` hangs up; with
    `grace`, end the process that many seconds later if it is still running."""

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
        if grace is not None:
            time.sleep(grace)  # a daemon thread: a process that ended meanwhile never wakes it
            os._exit(HANGUP_STATUS)

    thread = threading.Thread(target=wait, name="terminal-hangup", daemon=True)
    thread.start()
    return thread
