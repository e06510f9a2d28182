"""Fixtures for the service tests: the demo site on a loopback port, a real store in tmp_path,
and a `Service` wired the way the runtime wires it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from service_env import Env

from madara_tui.demo import DemoSite


@pytest.fixture
def site() -> Iterator[DemoSite]:
    """The demo site with no flood limit (tests that need one set it)."""
    with DemoSite(flood_interval=0.0) as demo:
        yield demo


@pytest.fixture
async def env(site: DemoSite, tmp_path: Path) -> AsyncIterator[Env]:
    opened = Env(site, tmp_path / "data")
    yield opened
    await opened.aclose()
