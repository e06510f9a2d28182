"""`madara-tui rtl`, run as a real process."""

from __future__ import annotations

import os
import subprocess
import sys

from rich.cells import cell_len

ARTICLE = (
    "ظرفیت‌های اصفهان در یونسکو نیازمند بهره‌وری بیشتر\n"
    "\n"
    "به گزارش سایت خبری مدارا؛ استاندار اصفهان (در نشست ICCN) گفت مصرف آب حدود ۳۶٪ بیشتر"
    " بوده است.\n"
    "Plain English paragraph.\n"
)


def rtl(*args: str, data: bytes = ARTICLE.encode(), env: dict[str, str] | None = None,
        ) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if k != "MADARA_TUI_BIDI"}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "madara_tui", "rtl", *args], input=data,
                          capture_output=True, env=environment, timeout=60)


def test_lays_out_paragraphs_padded_with_blank_lines_between() -> None:
    result = rtl("--width", "40")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").split("\n")
    assert lines[-1] == ""  # ends with a newline
    lines = lines[:-1]
    blank = [i for i, line in enumerate(lines) if not line]
    assert len(blank) == 2  # three paragraphs; the empty input line is not one
    first, second = lines[:blank[0]], lines[blank[0] + 1:blank[1]]
    assert all(cell_len(line) == 40 for line in first + second)  # RTL: padded to the width
    assert len(second) > 1
    assert "\u200c" not in result.stdout.decode()
    assert "٪۳۶" in "".join(second)  # visual order
    assert lines[-1] == "Plain English paragraph."


def test_no_bidi_option_and_a_pipe_mean_visual_order() -> None:
    result = rtl(data="سلام دنیا\n".encode())
    assert result.stdout.decode().rstrip("\n").split() == ["ﺎﯿﻧﺩ", "ﻡﻼﺳ"]
    assert len(result.stdout.decode().rstrip("\n")) == 80  # default width without a terminal


def test_terminal_mode_prints_logical_text() -> None:
    for args, env in ((["--bidi", "terminal"], {}), ([], {"MADARA_TUI_BIDI": "terminal"})):
        result = rtl("--width", "30", *args, data="خانه‌ی ما (ICCN)\n".encode(), env=env)
        assert result.stdout.decode() == "خانه‌ی ما (ICCN)\n"


def test_escape_sequences_in_the_input_are_not_printed() -> None:
    result = rtl(data=b"\x1b]0;pwned\x07\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \x1b[2Jok\n")
    assert b"\x1b" not in result.stdout and b"pwned" not in result.stdout


def test_invalid_utf8_is_an_error_with_a_clear_message() -> None:
    result = rtl(data="سلام ".encode() + b"\xff\xfe world\n")
    assert result.returncode == 1
    assert result.stdout == b""
    message = result.stderr.decode()
    assert "not valid UTF-8" in message and "0xff" in message and "offset 9" in message


def test_bad_width() -> None:
    result = rtl("--width", "1")
    assert result.returncode == 1 and b"--width" in result.stderr
