"""The session's real WordPress (see `wp_server`): started once, switched per test, torn down
at the end. Without its Debian packages the tests skip and say which are missing (`make test`
installs them: scripts/system-deps.sh)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from wp_cli import WpCli
from wp_server import WordPressServer, missing_packages


@pytest.fixture(scope="session")
def wordpress_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WordPressServer]:
    missing = missing_packages()
    if missing:
        pytest.skip(f"needs the Debian packages {' '.join(missing)} (make system-deps)")
    with WordPressServer(Path(tmp_path_factory.mktemp("wordpress"))) as server:
        yield server


@pytest.fixture
def wp(wordpress_site: WordPressServer) -> Iterator[WordPressServer]:
    """The WordPress in its default configuration; back to it after the test."""
    wordpress_site.configure()
    yield wordpress_site
    wordpress_site.configure()


@pytest.fixture
def cli(wp: WordPressServer, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> WpCli:
    """The CLI against the test WordPress, with an empty data dir of its own."""
    return WpCli(wp.url, tmp_path / "data", capsys, monkeypatch)
