"""Driving a program in a real terminal: a tmux pane of 120×40 on a private tmux server, polled
with `capture-pane -p` until a string shows.

The clock starts just before `tmux new-session` (the server is already up, so that costs a few
milliseconds, the same for both programs) and stops at the first capture that holds the string.
Captures are taken every POLL seconds, so a figure is late by POLL/2 on average, on both sides.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

# One tmux server per bench process: `stop_server` kills the whole server, which must not take
# another bench's panes with it when two run at once.
SOCKET = f"madara-bench-{os.getpid()}"
WIDTH, HEIGHT = 120, 40
POLL = 0.01


class ScreenTimeout(RuntimeError):
    """The awaited string never showed."""


def _tmux(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True,
                          check=check)


class Pane:
    """One program running in its own tmux session. Use as a context manager: the session is
    always killed on exit."""

    _serial = 0

    def __init__(self, argv: Sequence[str], *, cwd: Path | None = None,
                 env: dict[str, str] | None = None) -> None:
        Pane._serial += 1
        self.name = f"bench{Pane._serial}"
        self.argv = list(argv)
        self.cwd = cwd
        self.env = env or {}
        self.started = 0.0

    def __enter__(self) -> Pane:
        _keep_server()
        command = " ".join(shlex.quote(a) for a in self.argv)
        options = ["-d", "-s", self.name, "-x", str(WIDTH), "-y", str(HEIGHT)]
        if self.cwd is not None:
            options += ["-c", str(self.cwd)]
        for key, value in self.env.items():
            options += ["-e", f"{key}={value}"]
        self.started = time.perf_counter()
        _tmux("new-session", *options, command)
        return self

    def __exit__(self, *exc: object) -> None:
        _tmux("kill-session", "-t", self.name, check=False)

    def screen(self) -> str:
        """The pane's text now ('' once the program has ended)."""
        done = _tmux("capture-pane", "-p", "-t", self.name, check=False)
        return done.stdout if done.returncode == 0 else ""

    def wait_for(self, needle: str, timeout: float = 60.0) -> float:
        """Seconds from the start until `needle` shows in the pane."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if needle in self.screen():
                return time.perf_counter() - self.started
            time.sleep(POLL)
        raise ScreenTimeout(f"{needle!r} never showed; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        """Send keys (tmux key names, e.g. "Enter", "C-q", "q")."""
        _tmux("send-keys", "-t", self.name, *keys)

    def alive(self) -> bool:
        """True while the session (its program) is running."""
        return _tmux("has-session", "-t", self.name, check=False).returncode == 0

    def wait_exit(self, timeout: float = 20.0) -> bool:
        """Wait for the program to end by itself; False when it did not within `timeout`."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if not self.alive():
                return True
            time.sleep(0.05)
        return False


def _keep_server() -> None:
    """Start the private tmux server with an idle session, so the server's own start-up is not
    on either program's clock (the idle session keeps it up between runs)."""
    if _tmux("has-session", "-t", "idle", check=False).returncode != 0:
        _tmux("new-session", "-d", "-s", "idle", "-x", str(WIDTH), "-y", str(HEIGHT), "sleep",
              "86400")


def stop_server() -> None:
    """Stop the private tmux server (and anything left in it)."""
    _tmux("kill-server", check=False)
