"""Running the program's CLI in this process against the test WordPress (one data dir each)."""

from __future__ import annotations

import io
import json
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


class WpCli:
    """`madara-tui --site URL --data-dir DIR …`, run in a worker thread (a fresh event loop)."""

    def __init__(self, url: str, data_dir: Path, capsys: pytest.CaptureFixture[str],
                 monkeypatch: pytest.MonkeyPatch) -> None:
        self.url = url
        self.data_dir = data_dir
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def __call__(self, *args: str, stdin: str = "") -> Result:
        self._capsys.readouterr()
        self._monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
        argv = ["--site", self.url, "--data-dir", str(self.data_dir), *args]
        with ThreadPoolExecutor(1) as pool:
            status = pool.submit(main, argv).result()
        captured = self._capsys.readouterr()
        return Result(status, captured.out, captured.err)
