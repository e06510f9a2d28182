"""Fixtures for the demo site's tests: a site on a free loopback port serving the fixture
articles, and a plain httpx client that follows no redirects (so tests see the real answers)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from madara_tui.demo import DemoContent, DemoSite, load_content

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def content() -> DemoContent:
    return load_content(FIXTURES)


@pytest.fixture
def site() -> Iterator[DemoSite]:
    # A fresh site per test: posted comments and faults must not leak between tests.
    with DemoSite(load_content(FIXTURES), flood_interval=0, slow_seconds=0.5,
                  stall_seconds=3.0) as demo:
        yield demo


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10.0, follow_redirects=False) as client:
        yield client
