"""The real reader in a pseudo-terminal, over the terminal's life: when the terminal goes away
without a SIGHUP (no controlling terminal: `setsid`, job runners) the reader must end, not spin
on a hung-up input for as long as it lives; in kitty it says once how to set kitty up."""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from pty_program import PtyProgram

from madara_tui.commands.hangup import HANGUP_STATUS
from madara_tui.commands.reader import HANGUP_GRACE
from madara_tui.demo import DemoSite

pytestmark = pytest.mark.slow


KITTY_HINT = "force_ltr=yes"
NOT_KITTY = ("TMUX", "MADARA_TUI_BIDI", "KITTY_WINDOW_ID", "VTE_VERSION", "KONSOLE_VERSION")


def _reader(site: DemoSite, tmp_path: Path, **env_vars: str) -> PtyProgram:
    env = {k: v for k, v in os.environ.items() if k not in NOT_KITTY}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
               XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
               XDG_DATA_HOME=str(tmp_path / "xdg-data"))
    env.update(env_vars)
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    return PtyProgram([sys.executable, "-m", "madara_tui", "--site", site.url, "--data-dir",
                       str(tmp_path / "data"), "--config", str(config)], env, cols=100, rows=30)


def test_the_reader_ends_when_its_terminal_hangs_up(tmp_path: Path) -> None:
    with DemoSite(flood_interval=0) as site:
        # PtyProgram starts a new session without making the pty its controlling terminal, so
        # closing the other end sends no signal: only the hang-up itself tells.
        program = _reader(site, tmp_path)
        try:
            # A headline row's Jalali date: the first screen is up.
            assert program.wait_for("۱۴۰۵/", 90), program.text()[-2000:]
            program.settle()
            assert program.process.poll() is None
            os.close(program.master)  # the terminal window closes
            try:
                status = program.process.wait(30)
            except subprocess.TimeoutExpired:
                pytest.fail("the reader kept running on a hung-up terminal")
        finally:
            if program.process.poll() is None:
                program.process.kill()
                program.process.wait(10)
    assert status == 0


def test_the_reader_ends_when_its_terminal_goes_while_its_output_is_stuck(
        tmp_path: Path) -> None:
    # A terminal that stopped reading (a tmux server on its way out, a frozen ssh session)
    # blocks Textual's writer thread; its queue fills and the event loop waits on it, so the
    # polite end the hang-up asks for can never run. The hang-up watcher ends it after its grace.
    with DemoSite(flood_interval=0) as site:
        program = _reader(site, tmp_path)
        try:
            assert program.wait_for("۱۴۰۵/", 90), program.text()[-2000:]
            program.settle()
            program.stop_reading()
            for n in range(60):  # resized again and again: each a whole new screen to draw
                size = (30, 100) if n % 2 else (31, 101)
                fcntl.ioctl(program.master, termios.TIOCSWINSZ, struct.pack("HHHH", *size, 0, 0))
                program.process.send_signal(signal.SIGWINCH)  # no controlling terminal: sent here
                program.send("Gg")
                time.sleep(0.05)
            time.sleep(3)
            assert program.process.poll() is None
            os.close(program.master)  # then the terminal goes
            try:
                status = program.process.wait(HANGUP_GRACE + 30)
            except subprocess.TimeoutExpired:
                pytest.fail("the reader stayed stuck in its end after the terminal went")
        finally:
            program.finish(10)
    assert status in (0, HANGUP_STATUS)


def test_in_kitty_the_reader_says_once_how_to_set_it_up(tmp_path: Path) -> None:
    seen = []
    with DemoSite(flood_interval=0) as site:
        for _ in range(2):
            program = _reader(site, tmp_path, TERM="xterm-kitty", KITTY_WINDOW_ID="1")
            try:
                assert program.wait_for("۱۴۰۵/", 90), program.text()[-2000:]
                program.settle()
                seen.append(KITTY_HINT in program.text())
                program.send("\x11")  # ctrl+q
            finally:
                assert program.finish(30) == 0, program.text()[-2000:]
    assert seen == [True, False]  # said on the first start only
