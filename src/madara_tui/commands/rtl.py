"""`madara-tui rtl`: lay out UTF-8 text from stdin for a terminal, one screen line per output line.

Each input line is a paragraph (empty lines are skipped); paragraphs are wrapped to the width,
RTL ones padded on the left to it, with one blank line between paragraphs. The input is cleaned
first (escape sequences and unsafe controls removed), because it is printed to a terminal.

Width: `--width N`, else the terminal's width when stdout is a terminal, else 80.

Who reorders (`--bidi`, else the MADARA_TUI_BIDI environment variable, else `auto`):
- `app`: visual order, shaped — reads correctly on a terminal that does no bidi, in a file or a
  pager. On a terminal the output is wrapped in `ESC[8l` … `ESC[8h` (through tmux's passthrough
  inside tmux) so a terminal that reorders (VTE, mintty) does not reorder it again; the others
  ignore the sequences.
- `terminal`: logical order, unshaped, wrapped by cells; for terminals that reorder themselves.
- `auto`: when stdout is a terminal, guessed from the environment (`resolve_bidi_mode`); when
  stdout is a file or a pipe, `app` (there is no terminal to ask, and visual order is what reads
  correctly on the terminals that do no bidi, which are most of them).

Invalid UTF-8 on stdin: the command prints where the first bad byte is and exits with status 1,
printing nothing else (it does not guess at a replacement).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from typing import BinaryIO

from madara_tui.config import BIDI_ENV, Overrides
from madara_tui.text import (
    BidiMode,
    clean_text,
    layout_text,
    mode_switch,
    resolve_bidi_mode,
)
from madara_tui.text.layout import MIN_WIDTH

DEFAULT_WIDTH = 80


def choose_mode(setting: str, stdout_is_tty: bool, env: dict[str, str]) -> BidiMode:
    """The bidi mode for the filter: `auto` asks the environment only when writing to a terminal."""
    if setting == "auto" and not stdout_is_tty:
        return BidiMode.APP
    return resolve_bidi_mode(setting, env)


def _fail(message: str) -> int:
    sys.stderr.write(f"madara-tui rtl: {message}\n")
    return 1


def run(args: argparse.Namespace, overrides: Overrides) -> int:
    """Read stdin, write the laid-out lines to stdout; returns the exit status."""
    stdout: BinaryIO = sys.stdout.buffer
    is_tty = sys.stdout.isatty()
    width = args.width
    if width is None:
        width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns if is_tty else DEFAULT_WIDTH
    if width < MIN_WIDTH:
        return _fail(f"--width must be at least {MIN_WIDTH}")
    env = dict(os.environ)
    setting = args.bidi or env.get(BIDI_ENV) or "auto"
    try:
        mode = choose_mode(setting, is_tty, env)
    except ValueError as exc:
        return _fail(str(exc))
    raw = sys.stdin.buffer.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _fail(f"stdin is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset "
                     f"{exc.start}); nothing was printed")
    text = clean_text(text.removeprefix("\ufeff"), multiline=True)
    lines = layout_text(text, width, mode)
    body = "".join(line.text + "\n" for line in lines)
    if mode == BidiMode.APP and is_tty:
        enter, leave = mode_switch(env)
        body = enter + body + leave
    try:
        stdout.write(body.encode("utf-8"))
        stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`); stop quietly, without a second error at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return 0
