"""The reader command's terminal handling: ESC[8h exactly once, whatever ends the program."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

from madara_tui.commands.reader import (
    TerminalRestore,
    kitty_hint,
    multiplexer_hint,
    terminal_writer,
    tmux_allows_passthrough,
)
from madara_tui.text import EXPLICIT_MODE, IMPLICIT_MODE


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



def test_the_switch_reaches_the_terminal_through_tmux_passthrough() -> None:
    written: list[str] = []
    write = terminal_writer({"TMUX": "/tmp/sock,1,0"}, written.append)
    write(EXPLICIT_MODE)
    write(IMPLICIT_MODE)
    write("\x1b]0;title\x07")  # anything else goes out as it is
    assert written == [EXPLICIT_MODE + "\x1bPtmux;\x1b" + EXPLICIT_MODE + "\x1b\\",
                       IMPLICIT_MODE + "\x1bPtmux;\x1b" + IMPLICIT_MODE + "\x1b\\",
                       "\x1b]0;title\x07"]
    plain: list[str] = []
    terminal_writer({}, plain.append)(EXPLICIT_MODE)
    assert plain == [EXPLICIT_MODE]


def _tmux(socket: Path, *args: str) -> str:
    return subprocess.run(["tmux", "-S", str(socket), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def test_the_tmux_hint_follows_the_pane_allow_passthrough_option(tmp_path: Path) -> None:
    assert shutil.which("tmux"), "tmux is needed (scripts/system-deps.sh installs it)"
    socket = tmp_path / "tmux.sock"
    _tmux(socket, "-f", os.devnull, "new-session", "-d", "-s", "probe", "sleep 60")
    try:
        pane = _tmux(socket, "display-message", "-p", "-t", "probe", "#{pane_id}")
        pid = _tmux(socket, "display-message", "-p", "#{pid}")
        env = {"TMUX": f"{socket},{pid},0", "TMUX_PANE": pane, "PATH": os.environ["PATH"]}
        assert not tmux_allows_passthrough(env)
        hint = multiplexer_hint(env, "en")
        assert hint is not None and "allow-passthrough on" in hint
        _tmux(socket, "set-option", "-g", "allow-passthrough", "on")
        assert tmux_allows_passthrough(env)
        assert multiplexer_hint(env, "en") is None
    finally:
        _tmux(socket, "kill-server")


def test_no_hint_outside_a_multiplexer_and_one_for_screen() -> None:
    assert multiplexer_hint({}, "fa") is None
    screen = multiplexer_hint({"STY": "123.pts-0.host"}, "en")
    assert screen is not None and "8l" in screen


def test_the_kitty_hint_is_for_kitty_only_and_only_once() -> None:
    for env in ({"TERM": "xterm-kitty"}, {"TERM": "screen-256color", "KITTY_WINDOW_ID": "3"}):
        hint = kitty_hint(env, "en", shown_before=False)
        assert hint is not None and "force_ltr" in hint
        assert kitty_hint(env, "en", shown_before=True) is None
    assert kitty_hint({"TERM": "xterm-256color"}, "fa", shown_before=False) is None
