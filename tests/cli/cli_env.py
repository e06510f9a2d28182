"""Helpers shared by the CLI tests: run `madara_tui.cli.main` in-process, or the real program in
a child process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from madara_tui.cli import main


@dataclass
class Result:
    status: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    """Runs commands against one site and data directory."""

    def __init__(self, site_url: str, data_dir: Path, capsys: pytest.CaptureFixture[str],
                 monkeypatch: pytest.MonkeyPatch) -> None:
        self.site_url = site_url
        self.data_dir = data_dir
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def globals(self, *, site: str | None = None) -> list[str]:
        return ["--site", site or self.site_url, "--data-dir", str(self.data_dir)]

    def __call__(self, *args: str, stdin: str = "", site: str | None = None,
                 options: tuple[str, ...] = ()) -> Result:
        """`madara-tui <globals> <options> <args>` in this process."""
        self._capsys.readouterr()
        self._monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
        status = run_main([*self.globals(site=site), *options, *args])
        captured = self._capsys.readouterr()
        return Result(status, captured.out, captured.err)


def run_main(argv: list[str]) -> int:
    """`madara_tui.cli.main(argv)` in a worker thread: there its `asyncio.run` starts from a
    clean slate, as in a fresh process (the test runner keeps an event loop set on the main
    thread between async tests, which `asyncio.run` would orphan)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(main, argv).result()


def child_env(tmp_path: Path) -> dict[str, str]:
    """The environment for a child `python -m madara_tui`: isolated config and data homes."""
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg-config")
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    env.pop("MADARA_TUI_BIDI", None)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run_child(args: list[str], tmp_path: Path, *, stdin: str = "",
              timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the real program to completion."""
    return subprocess.run([sys.executable, "-m", "madara_tui", *args], input=stdin,
                          capture_output=True, text=True, encoding="utf-8",
                          env=child_env(tmp_path), timeout=timeout, check=False)


def free_port() -> int:
    """A loopback port with nothing listening on it (for "site down")."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
