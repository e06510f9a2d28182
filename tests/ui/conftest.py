"""Fixtures for the reader's tests: the real demo site on loopback (port 0), a fresh data
directory, the real runtime (store, fetcher, service), with the outside world captured."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from reader_harness import Captured, reader_args

from madara_tui.demo import DemoSite
from madara_tui.runtime import Runtime, open_runtime


@pytest.fixture(autouse=True)
def _quiet_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MADARA_TUI_BIDI", raising=False)


@pytest.fixture
def demo_site() -> Iterator[DemoSite]:
    site = DemoSite(flood_interval=0)
    site.start(port=0)
    try:
        yield site
    finally:
        site.stop()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
async def runtime(demo_site: DemoSite, data_dir: Path) -> AsyncIterator[Runtime]:
    async with open_runtime(reader_args(data_dir, demo_site.url)) as opened:
        yield opened


@pytest.fixture
def captured() -> Captured:
    return Captured()


@pytest.fixture
async def filled(runtime: Runtime) -> Runtime:
    """The runtime after one refresh: the cache holds the demo site's headlines."""
    report = await runtime.service.refresh()
    assert report.ok
    return runtime
