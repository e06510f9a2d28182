"""Findings 10, 13 and 18 of hardening round 2: the reader without a terminal, a config file
that is not UTF-8 or names a user that doesn't exist, and key names carrying escapes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from harness import argv


def _run(args: list[str], tmp_path: Path, timeout: float = 60
         ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=timeout, check=False, cwd=tmp_path)


def test_the_reader_without_a_terminal_says_so_and_exits_2(tmp_path: Path) -> None:
    out, err = tmp_path / "out", tmp_path / "err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        result = subprocess.run(argv(None, tmp_path / "data", "--offline"),
                                stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr,
                                timeout=60, check=False)
    assert result.returncode == 2
    written = out.read_bytes() + err.read_bytes()
    assert b"\x1b" not in written
    assert "پایانه" in err.read_text(encoding="utf-8")
    assert "fetch" in err.read_text(encoding="utf-8")


def test_the_reader_with_output_to_a_file_exits_too(tmp_path: Path) -> None:
    result = _run([*argv(None, tmp_path / "data", "--offline"), "--lang", "en"], tmp_path)
    assert result.returncode == 2
    assert b"needs a terminal" in result.stderr and b"\x1b" not in result.stderr


@pytest.mark.parametrize("content", [
    b"site = \"http://127.0.0.1:1\"\ntheme = \"\xff\xfe\xe9t\xe9\"\n",
    "lang = \"fa\"\n".encode("utf-16"),
    b"data_dir = \"~nosuchuser-madara/x\"\n",
    b"[keymap]\n\"app.quit\" = \"\\u001b]52;c;cHduZWQ=\\u0007q\"\n",
    b"[keymap]\n\"app.quit\" = \"q,\\u001b[2J\"\n",
    b"[keymap]\n\"app.quit\" = \"\\u202eq\"\n",
    b"[keymap]\n\"app\\u001b[31m.quit\" = \"q\"\n",
])
@pytest.mark.parametrize("command", [("list",), ("outbox",)])
def test_a_bad_config_is_a_message_and_exit_2(tmp_path: Path, content: bytes,
                                              command: tuple[str, ...]) -> None:
    config = tmp_path / "config.toml"
    config.write_bytes(content)
    args = [sys.executable, "-m", "madara_tui", "--data-dir", str(tmp_path / "data"),
            "--config", str(config), "--offline", *command]
    result = _run(args, tmp_path)
    assert result.returncode == 2, result.stderr[-2000:]
    assert b"Traceback" not in result.stderr
    assert b"\x1b" not in result.stdout + result.stderr
    assert "پیکربندی" in result.stderr.decode("utf-8")


def test_key_names_that_are_fine_stay(tmp_path: Path) -> None:
    from madara_tui.config import load_config

    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"article.bookmark" = "B, ctrl+b"\n"app.quit" = "?"\n',
                      encoding="utf-8")
    assert load_config(config).keymap == {"article.bookmark": "B,ctrl+b", "app.quit": "?"}
