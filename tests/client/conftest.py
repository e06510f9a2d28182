"""Fixtures for the client's tests: the demo site on a free loopback port (fresh per test, so
posted comments and faults don't leak) and a `Fetcher` with short limits."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from madara_tui.client import Fetcher, MemoryValidators
from madara_tui.demo import DemoContent, DemoSite, load_content

FIXTURES = Path(__file__).parent / "fixtures"
DEADLINE = 1.5
"""The per-request deadline in loopback tests: faults must end within it."""


@pytest.fixture(scope="session")
def demo_content() -> DemoContent:
    return load_content()


@pytest.fixture
def demo(demo_content: DemoContent) -> Iterator[DemoSite]:
    with DemoSite(demo_content, flood_interval=0, slow_seconds=3.0, stall_seconds=4.0) as site:
        yield site


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(
        timeout=1.0, deadline=DEADLINE, validators=MemoryValidators(), trust_env=False
    ) as client:
        yield client
