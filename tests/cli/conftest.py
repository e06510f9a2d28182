"""Fixtures for the CLI tests: the demo site on a loopback port and a data dir in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_env import Cli

from madara_tui.demo import DemoSite


@pytest.fixture
def site() -> Iterator[DemoSite]:
    with DemoSite(flood_interval=0.0) as demo:
        yield demo


@pytest.fixture
def cli(site: DemoSite, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(site.url, tmp_path / "data", capsys, monkeypatch)


@pytest.fixture
def fetched(cli: Cli) -> Cli:
    """A CLI whose cache holds the whole demo site."""
    assert cli("fetch").status == 0
    return cli
