"""Inside tmux the bidi mode switch reaches the outer terminal through tmux's passthrough when
the pane allows it; otherwise the status line says how to allow it. The outer terminal here is a
pseudo-terminal of the test, with a tmux client attached to it: what the client writes is what a
real terminal around tmux would receive."""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from madara_tui.text import EXPLICIT_MODE
from madara_tui.ui.app import MESSAGE_SECONDS

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

HINT = "allow-passthrough on"


def _outer_terminal(socket: Path, passthrough: bool, data: Path) -> tuple[bytes, str]:
    """(the bytes the tmux client sent to its terminal, the pane's last screen)."""
    tmux = shutil.which("tmux")
    assert tmux, "tmux is needed (scripts/system-deps.sh installs it)"
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE")}
    env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color", MADARA_TUI_BIDI="app")
    base = [tmux, "-S", str(socket), "-f", os.devnull]
    reader = (f"sleep 2; exec {sys.executable} -m madara_tui --lang en --offline "
              f"--data-dir {data}")
    subprocess.run([*base, "start-server", ";",
                    "set-option", "-g", "allow-passthrough", "on" if passthrough else "off", ";",
                    "new-session", "-d", "-s", "reader", "-x", "200", "-y", "30", reader],
                   env=env, check=True, capture_output=True)
    master, slave = os.openpty()
    # The window takes the client's size: wide enough for the status line's whole message.
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 200, 0, 0))
    client = subprocess.Popen([*base, "attach-session", "-t", "reader"], stdin=slave,
                              stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    received = bytearray()
    screen = ""
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    received += os.read(master, 65536)
                except OSError:
                    break
            screen = subprocess.run([*base, "capture-pane", "-p", "-t", "reader"], env=env,
                                    capture_output=True, text=True).stdout
            if EXPLICIT_MODE.encode() in received or HINT in screen:
                time.sleep(1)  # let the rest of the first frame arrive
                break
    finally:
        subprocess.run([*base, "kill-server"], env=env, capture_output=True)
        try:
            client.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a client of a dead server may not notice at once
            client.kill()
            client.wait(timeout=10)
        os.close(master)
    return bytes(received), screen


def test_with_passthrough_the_outer_terminal_gets_the_switch(tmp_path: Path) -> None:
    received, screen = _outer_terminal(tmp_path / "sock", True, tmp_path / "data")
    assert EXPLICIT_MODE.encode() in received
    assert HINT not in screen


def test_without_passthrough_the_status_line_says_how(tmp_path: Path) -> None:
    received, screen = _outer_terminal(tmp_path / "sock", False, tmp_path / "data")
    assert EXPLICIT_MODE.encode() not in received  # tmux swallowed it
    assert HINT in screen


def test_the_reader_ends_cleanly_after_saying_the_hint(tmp_path: Path) -> None:
    # The hint is said when tmux answers, from a callback outside the app: the message's
    # timer, started there, once fired without the app (the message stayed), and quitting
    # then ended the reader with a traceback and status 1.
    tmux = shutil.which("tmux")
    assert tmux, "tmux is needed (scripts/system-deps.sh installs it)"
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE")}
    env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color", MADARA_TUI_BIDI="app")
    base = [tmux, "-S", str(tmp_path / "sock"), "-f", os.devnull]
    status = tmp_path / "status"
    reader = (f"{sys.executable} -m madara_tui --lang en --offline --data-dir {tmp_path / 'data'}"
              f"; echo $? > {status}; sleep 60")
    subprocess.run([*base, "start-server", ";", "set-option", "-g", "allow-passthrough", "off",
                    ";", "new-session", "-d", "-s", "reader", "-x", "200", "-y", "30", reader],
                   env=env, check=True, capture_output=True)

    def screen() -> str:
        return subprocess.run([*base, "capture-pane", "-p", "-S", "-200", "-t", "reader"],
                              env=env, capture_output=True, text=True).stdout

    try:
        deadline = time.monotonic() + 30
        while HINT not in screen() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert HINT in screen()
        time.sleep(MESSAGE_SECONDS + 1)  # the message's timer has fired
        subprocess.run([*base, "send-keys", "-t", "reader", "C-q"], env=env, check=True)
        deadline = time.monotonic() + 30
        while not status.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        shown = screen()
    finally:
        subprocess.run([*base, "kill-server"], env=env, capture_output=True)
    assert status.read_text().strip() == "0", shown
    assert "Traceback" not in shown and "Error" not in shown, shown
