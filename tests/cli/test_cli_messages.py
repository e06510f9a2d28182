"""Human messages of the command line: laid out on a terminal in app mode, logical elsewhere."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from madara_tui.commands.human import for_terminal, use_bidi_setting
from madara_tui.text import EXPLICIT_MODE, IMPLICIT_MODE, Paragraph

NO_RESULTS = "نتیجه‌ای پیدا نشد"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _auto() -> None:
    use_bidi_setting("auto")


def test_on_a_terminal_in_app_mode_a_message_is_shaped_and_in_visual_order() -> None:
    shown = for_terminal(NO_RESULTS, Terminal(), env={"TERM": "xterm"})
    assert shown.startswith(EXPLICIT_MODE) and shown.endswith(IMPLICIT_MODE)
    body = shown.removeprefix(EXPLICIT_MODE).removesuffix(IMPLICIT_MODE)
    expected = Paragraph(NO_RESULTS, direction="content").lines(80)[0].text.rstrip()
    assert body == expected
    assert NO_RESULTS not in body  # not the logical string


def test_a_message_starting_with_latin_is_still_laid_out_rtl() -> None:
    shown = for_terminal("outbox: دیدگاه ۳ فرستاده شد", Terminal(), env={})
    assert shown.removeprefix(EXPLICIT_MODE).startswith(" ")  # right-aligned


def test_piped_output_stays_logical() -> None:
    assert for_terminal(NO_RESULTS, io.StringIO(), env={}) == NO_RESULTS


def test_terminal_mode_stays_logical() -> None:
    use_bidi_setting("terminal")
    assert for_terminal(NO_RESULTS, Terminal(), env={}) == NO_RESULTS
    use_bidi_setting("auto")
    assert for_terminal(NO_RESULTS, Terminal(), env={"KONSOLE_VERSION": "221203"}) == NO_RESULTS


def _in_a_terminal(argv: list[str], env: dict[str, str]) -> str:
    """Everything the program writes to a pseudo-terminal (stdout and stderr) until it exits."""
    master, slave = os.openpty()
    child = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                             start_new_session=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert child.wait(timeout=60) is not None
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("bidi", ["app", "terminal"])
def test_the_real_program_lays_out_its_message_on_a_terminal(tmp_path: Path, bidi: str) -> None:
    env = {**os.environ, "TERM": "xterm", "MADARA_TUI_BIDI": bidi,
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    shown = _in_a_terminal([sys.executable, "-m", "madara_tui", "--offline", "--data-dir",
                            str(tmp_path / "data"), "search", "واژه‌ای-که-نیست"], env)
    if bidi == "app":
        assert EXPLICIT_MODE in shown and IMPLICIT_MODE in shown
        assert Paragraph(NO_RESULTS, direction="content").lines(80)[0].text.strip() in shown
        assert NO_RESULTS not in shown
    else:
        assert NO_RESULTS in shown and EXPLICIT_MODE not in shown
