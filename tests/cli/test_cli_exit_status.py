"""One exception → exit-status table for every command and the reader (`run_to_status`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from madara_tui.commands import common, reader
from madara_tui.config import ConfigError, Overrides
from madara_tui.service import ArticleNotFound, FetchError, InvalidDraft, ServiceError


def _in_a_thread(run: Callable[[], int]) -> int:
    """`run()` in a worker thread, where its `asyncio.run` starts from a clean slate (see
    `cli_env.run_main`: the main thread may hold the async tests' event loop)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


def _raising(exc: BaseException) -> int:
    async def main() -> int:
        raise exc

    return _in_a_thread(lambda: common.run_to_status("en", main()))


@pytest.mark.parametrize(("exc", "status", "said"), [
    (ConfigError("config: bad"), common.EXIT_USAGE, "config: bad"),
    (ArticleNotFound(7), common.EXIT_NOT_FOUND, "7"),
    (InvalidDraft(["email_invalid"]), common.EXIT_INVALID, "email"),
    (ServiceError("nope"), common.EXIT_FAILED, "nope"),
    (FetchError("https://example.test/", "timed out"), common.EXIT_FAILED, "Could not read"),
    (sqlite3.OperationalError("disk I/O error"), common.EXIT_FAILED, "disk I/O error"),
    (KeyboardInterrupt(), 130, ""),
])
def test_each_failure_has_one_status(exc: BaseException, status: int, said: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert _raising(exc) == status
    assert said in capsys.readouterr().err


def test_the_reader_ends_through_the_same_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A reader that can't start (here: its config is not TOML) says why and exits as a
    command would — with the status and words of the commands' one table."""
    monkeypatch.setattr(reader, "_has_terminal", lambda: True)
    seen: list[int] = []
    real = common.run_to_status

    def spy(lang: str, main: object) -> int:
        status = real(lang, main)  # type: ignore[arg-type]
        seen.append(status)
        return status

    monkeypatch.setattr(reader, "run_to_status", spy)
    config = tmp_path / "config.toml"
    config.write_text("site = [", encoding="utf-8")
    overrides = Overrides(config_file=config, data_dir=tmp_path / "data", lang="en")
    status = _in_a_thread(lambda: reader.run(None, overrides))  # type: ignore[arg-type]
    assert status == common.EXIT_USAGE
    assert seen == [common.EXIT_USAGE]
    assert "config" in capsys.readouterr().err
