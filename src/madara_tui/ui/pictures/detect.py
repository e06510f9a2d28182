"""Which picture protocol the terminal can do.

`choose` decides from the setting (`images = "auto" | "kitty" | "sixel" | "blocks" | "off"`),
the environment and, for `auto`, the terminal's answers to one burst of queries sent before the
reader takes the terminal (`query_terminal`):

- the kitty graphics query (`a=q` on a 1×1 image: an `OK` answer means the protocol works),
- XTVERSION (`CSI > q`: the terminal's name and version; kitty's Unicode placeholders need
  kitty 0.28 or newer, and terminals like WezTerm answer the graphics query but draw the
  placeholders as glyphs, so only the terminals named in `PLACEHOLDER_TERMINALS` get kitty),
- XTSMGRAPHICS (`CSI ? 1;1;0 S`: how many sixel colour registers),
- the cell size in pixels (`CSI 16 t`; the window size ioctl is tried first),
- and last the primary device attributes (`CSI c`), which every terminal answers: its reply ends
  the wait, and a `4` among its attributes means sixel graphics.

A terminal that never answers costs at most `timeout` seconds. Inside tmux or screen, `auto`
gives half blocks without any query (the multiplexer, not the terminal, would answer).
"""

from __future__ import annotations

import os
import re
import select
import time
from collections.abc import Callable, Mapping

from madara_tui.records import record
from madara_tui.ui.pictures.geometry import CellSize

QUERY = ("\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\"
         "\x1b[>q"
         "\x1b[?1;1;0S"
         "\x1b[16t"
         "\x1b[c")
"""Everything asked in one write; the device attributes last, so their answer ends the wait."""
TIMEOUT = 0.25
"""Longest wait for the terminal's answers, in seconds."""
PLACEHOLDER_TERMINALS = {"kitty": (0, 28), "ghostty": (0, 0)}
"""Terminals (XTVERSION names) whose kitty protocol draws Unicode placeholders, from version."""

_KITTY_OK = re.compile(rb"\x1b_Gi=31;OK\x1b\\")
_VERSION = re.compile(rb"\x1bP>\|([^\x1b]{0,80})\x1b\\")
_REGISTERS = re.compile(rb"\x1b\[\?1;0;(\d{1,5})S")
_CELL = re.compile(rb"\x1b\[6;(\d{1,4});(\d{1,4})t")
_DA1 = re.compile(rb"\x1b\[\?([\d;]{1,80})c")


@record
class TerminalAnswers:
    """What the terminal said (nothing, for one that never answers)."""

    kitty_graphics: bool = False
    version: str = ""
    """XTVERSION's text, e.g. "kitty(0.26.5)" or "XTerm(390)"."""
    sixel: bool = False
    registers: int = 0
    cell: CellSize | None = None
    answered: bool = False
    """The device attributes came back (the terminal talks)."""


def parse_answers(data: bytes) -> TerminalAnswers:
    """The answers found in what the terminal sent back."""
    version = _VERSION.search(data)
    registers = _REGISTERS.search(data)
    cell = _CELL.search(data)
    da1 = _DA1.search(data)
    cell_size = None
    if cell and int(cell.group(1)) > 0 and int(cell.group(2)) > 0:
        cell_size = CellSize(int(cell.group(2)), int(cell.group(1)))
    return TerminalAnswers(
        kitty_graphics=bool(_KITTY_OK.search(data)),
        version=version.group(1).decode("ascii", "replace") if version else "",
        sixel=bool(da1 and "4" in da1.group(1).decode("ascii").split(";")),
        registers=int(registers.group(1)) if registers else 0,
        cell=cell_size,
        answered=bool(da1),
    )


def query_terminal(fd_in: int, fd_out: int, timeout: float = TIMEOUT,
                   clock: Callable[[], float] = time.monotonic) -> TerminalAnswers:
    """Send `QUERY` to the terminal on `fd_out` and read its answers from `fd_in` (a tty, put
    in non-canonical, no-echo mode meanwhile) until the device attributes arrive or `timeout`
    passes."""
    import termios

    saved = termios.tcgetattr(fd_in)
    raw = termios.tcgetattr(fd_in)
    raw[3] &= ~(termios.ICANON | termios.ECHO)
    raw[6][termios.VMIN], raw[6][termios.VTIME] = 0, 0
    data = b""
    try:
        termios.tcsetattr(fd_in, termios.TCSANOW, raw)
        os.write(fd_out, QUERY.encode("ascii"))
        deadline = clock() + timeout
        while not _DA1.search(data):
            left = deadline - clock()
            if left <= 0:
                break
            ready, _, _ = select.select([fd_in], [], [], left)
            if not ready:
                break
            chunk = os.read(fd_in, 4096)
            if not chunk:
                break
            data += chunk
            if len(data) > 65536:
                break
    finally:
        termios.tcsetattr(fd_in, termios.TCSANOW, saved)
    return parse_answers(data)


def window_cell_size(fd: int) -> CellSize | None:
    """The cell size from the window size ioctl, when the terminal fills in its pixel size."""
    import fcntl
    import struct
    import termios

    try:
        packed = fcntl.ioctl(fd, termios.TIOCGWINSZ, b"\0" * 8)
    except OSError:
        return None
    rows, cols, width, height = struct.unpack("HHHH", packed)
    if rows and cols and width and height:
        return CellSize(width // cols, height // rows)
    return None


@record
class Graphics:
    """How the reader draws pictures in this terminal."""

    protocol: str = "blocks"
    """`kitty`, `sixel`, `blocks` or `off`."""
    cell: CellSize = CellSize()
    registers: int = 256
    """Sixel colour registers."""
    reason: str = ""
    """Why this protocol (for the help screen and the tests)."""


def in_multiplexer(env: Mapping[str, str]) -> bool:
    """True inside tmux or GNU screen."""
    term = env.get("TERM", "")
    return bool(env.get("TMUX")) or term.startswith(("screen", "tmux"))


def _version_at_least(version: str, name: str, since: tuple[int, int]) -> bool:
    match = re.match(rf"{name}\(?\s*(\d+)\.(\d+)", version, re.I)
    if match is None:
        return False
    return (int(match.group(1)), int(match.group(2))) >= since


def placeholders_work(answers: TerminalAnswers, env: Mapping[str, str]) -> bool:
    """True when the terminal draws kitty's Unicode placeholders."""
    if not answers.kitty_graphics:
        return False
    for name, since in PLACEHOLDER_TERMINALS.items():
        if _version_at_least(answers.version, name, since):
            return True
    return False


def choose(setting: str, env: Mapping[str, str],
           ask: Callable[[], TerminalAnswers] | None) -> Graphics:
    """The protocol for `setting`; `ask` queries the terminal (None when there is no terminal
    to ask, e.g. output is not a tty)."""
    if setting == "off":
        return Graphics("off", reason="setting")
    if env.get("TERM", "") == "dumb":
        return Graphics("off", reason="dumb terminal")
    if setting == "blocks" or (setting == "auto" and in_multiplexer(env)):
        return Graphics("blocks", reason="setting" if setting == "blocks" else "multiplexer")
    answers = ask() if ask is not None else TerminalAnswers()
    cell = answers.cell or CellSize()
    registers = answers.registers or 256
    if setting in ("kitty", "sixel"):
        return Graphics(setting, cell, registers, reason="setting")
    if placeholders_work(answers, env):
        return Graphics("kitty", cell, registers, reason=answers.version)
    if answers.sixel:
        return Graphics("sixel", cell, registers, reason="device attributes")
    reason = "no answer" if not answers.answered else "no graphics"
    return Graphics("blocks", cell, registers, reason=reason)


def detect(setting: str, env: Mapping[str, str], fd_in: int | None, fd_out: int | None,
           timeout: float = TIMEOUT) -> Graphics:
    """`choose` with the real terminal on `fd_in`/`fd_out` (ttys), the window size ioctl
    preferred for the cell size."""
    ask: Callable[[], TerminalAnswers] | None = None
    if fd_in is not None and fd_out is not None and os.isatty(fd_in) and os.isatty(fd_out):
        def ask() -> TerminalAnswers:
            answers = query_terminal(fd_in, fd_out, timeout)
            window = window_cell_size(fd_out)
            if window is not None:
                return TerminalAnswers(answers.kitty_graphics, answers.version, answers.sixel,
                                       answers.registers, window, answers.answered)
            return answers
    return choose(setting, env, ask)
