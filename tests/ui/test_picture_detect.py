"""Choosing the picture protocol: the environment, then the terminal's answers to one query
burst, read from a real pseudo-terminal played by a fake terminal (which answers as kitty, as
a sixel xterm, or never)."""

from __future__ import annotations

import os
import pty
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from madara_tui.ui.pictures.detect import (
    QUERY,
    TIMEOUT,
    TerminalAnswers,
    choose,
    detect,
    parse_answers,
)
from madara_tui.ui.pictures.geometry import CellSize

KITTY_NEW = (b"\x1b_Gi=31;OK\x1b\\\x1bP>|kitty(0.35.2)\x1b\\\x1b[6;20;10t"
             b"\x1b[?62;c")
KITTY_OLD = (b"\x1b_Gi=31;OK\x1b\\\x1bP>|kitty(0.26.5)\x1b\\\x1b[?62;c")
XTERM_SIXEL = b"\x1bP>|XTerm(379)\x1b\\\x1b[?1;0;16S\x1b[?63;1;2;4;6;9;15;22c"
PLAIN = b"\x1b[?1;2c"


@contextmanager
def fake_terminal(answer: bytes | None) -> Iterator[tuple[int, list[bytes]]]:
    """A pty whose other end plays the terminal: reads the program's query and, when it has
    seen all of it, answers with `answer` (None: never answers). Yields the program's fd and
    what the terminal received."""
    master, slave = pty.openpty()
    received: list[bytes] = []
    stop = threading.Event()

    def terminal() -> None:
        seen = b""
        while not stop.is_set():
            import select

            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            seen += os.read(master, 4096)
            if answer is not None and seen.endswith(QUERY.encode()):
                received.append(seen)
                os.write(master, answer)
                seen = b""

    thread = threading.Thread(target=terminal, daemon=True)
    thread.start()
    try:
        yield slave, received
    finally:
        stop.set()
        thread.join()
        os.close(master)
        os.close(slave)


def test_new_kitty_gets_kitty_placeholders() -> None:
    with fake_terminal(KITTY_NEW) as (fd, received):
        graphics = detect("auto", {"TERM": "xterm-kitty"}, fd, fd)
    assert received == [QUERY.encode()]
    assert graphics.protocol == "kitty"
    assert graphics.cell.width > 0


def test_kitty_before_placeholders_gets_half_blocks() -> None:
    with fake_terminal(KITTY_OLD) as (fd, _received):
        graphics = detect("auto", {"TERM": "xterm-kitty"}, fd, fd)
    assert graphics.protocol == "blocks" and graphics.reason == "no graphics"


def test_a_sixel_terminal_gets_sixel_with_its_colour_registers() -> None:
    with fake_terminal(XTERM_SIXEL) as (fd, _received):
        graphics = detect("auto", {"TERM": "xterm"}, fd, fd)
    assert graphics.protocol == "sixel" and graphics.registers == 16


def test_a_terminal_without_graphics_gets_half_blocks() -> None:
    with fake_terminal(PLAIN) as (fd, _received):
        graphics = detect("auto", {"TERM": "xterm-256color"}, fd, fd)
    assert graphics.protocol == "blocks" and graphics.reason == "no graphics"


def test_a_terminal_that_never_answers_costs_at_most_the_timeout() -> None:
    with fake_terminal(None) as (fd, _received):
        started = time.monotonic()
        graphics = detect("auto", {"TERM": "xterm"}, fd, fd, timeout=0.3)
        waited = time.monotonic() - started
    assert graphics.protocol == "blocks" and graphics.reason == "no answer"
    assert 0.3 <= waited < 0.3 + 1.0, waited  # the deadline, plus scheduling on a busy machine
    assert TIMEOUT <= 0.5, "the default wait stays short"


def test_the_answer_to_the_query_ends_the_wait_early() -> None:
    with fake_terminal(PLAIN) as (fd, _received):
        started = time.monotonic()
        detect("auto", {"TERM": "xterm"}, fd, fd, timeout=5.0)
        assert time.monotonic() - started < 2.0


def test_multiplexers_and_settings_need_no_query() -> None:
    def never() -> TerminalAnswers:
        raise AssertionError("queried")

    assert choose("auto", {"TMUX": "/tmp/x,1,0", "TERM": "screen"}, never).protocol == "blocks"
    assert choose("off", {}, never).protocol == "off"
    assert choose("blocks", {}, never).protocol == "blocks"
    assert choose("auto", {"TERM": "dumb"}, never).protocol == "off"
    forced = choose("sixel", {}, lambda: TerminalAnswers(cell=CellSize(9, 18)))
    assert (forced.protocol, forced.cell) == ("sixel", CellSize(9, 18))
    assert choose("auto", {}, None).protocol == "blocks"


def test_answers_are_parsed_from_any_order_and_noise() -> None:
    answers = parse_answers(b"junk" + XTERM_SIXEL[::1] + b"\x1b[6;17;8t")
    assert answers.sixel and answers.registers == 16 and answers.answered
    assert answers.cell == CellSize(8, 17) and answers.version == "XTerm(379)"
    assert not parse_answers(b"\x1b[?62;1c").sixel
