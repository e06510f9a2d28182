"""`open_runtime`: the bundled demo site stands in when no site is configured."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from cli_env import free_port, run_main

from madara_tui import runtime
from madara_tui.cli import build_parser, overrides_from_args
from madara_tui.config import Overrides
from madara_tui.demo import DemoSite


@pytest.fixture
def demo_port(monkeypatch: pytest.MonkeyPatch) -> int:
    """Point the runtime's fixed demo port at a port of this test's own."""
    port = free_port()
    monkeypatch.setattr(runtime, "DEMO_PORT", port)
    monkeypatch.setattr(runtime, "DEMO_URL", f"http://127.0.0.1:{port}")
    return port


def _args(tmp_path: Path, *extra: str) -> Overrides:
    args = build_parser().parse_args(["--data-dir", str(tmp_path / "data"), *extra, "list"])
    return overrides_from_args(args)


async def test_no_site_starts_the_demo_on_the_fixed_port(demo_port: int, tmp_path: Path) -> None:
    async with runtime.open_runtime(_args(tmp_path)) as rt:
        assert rt.demo is not None and rt.config.site == f"http://127.0.0.1:{demo_port}"
        assert any(rt.config.site in notice for notice in rt.notices)
        # A second program at the same time reuses the running demo site.
        async with runtime.open_runtime(_args(tmp_path, "--lang", "en")) as second:
            assert second.demo is None and second.config.site == rt.config.site
            assert second.notices == [
                f"no site configured: using the bundled demo site at {rt.config.site}"]
            report = await second.service.refresh()
            assert report.ok


async def test_port_taken_by_something_else_uses_another(demo_port: int, tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", demo_port))
        squatter.listen()
        async with runtime.open_runtime(_args(tmp_path)) as rt:
            assert rt.demo is not None
            assert rt.config.site and rt.config.site != f"http://127.0.0.1:{demo_port}"
            assert any(str(rt.demo.url) in n for n in rt.notices)


async def test_offline_without_site_starts_nothing(demo_port: int, tmp_path: Path) -> None:
    async with runtime.open_runtime(_args(tmp_path, "--offline")) as rt:
        assert rt.demo is None and rt.fetcher is None and rt.service.offline
        assert rt.config.site == f"http://127.0.0.1:{demo_port}"


def test_cli_prints_the_demo_notice_on_stderr(demo_port: int, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    with DemoSite() as other:
        assert other.url  # a demo site elsewhere must not matter
    status = run_main(["--data-dir", str(tmp_path / "data"), "--lang", "en", "fetch"])
    captured = capsys.readouterr()
    assert status == 0
    assert f"using the bundled demo site at http://127.0.0.1:{demo_port}" in captured.err
    assert f"http://127.0.0.1:{demo_port}:" in captured.out


def test_bad_config_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text('bidi = "sideways"\n', encoding="utf-8")
    status = run_main(["--config", str(config), "--data-dir", str(tmp_path / "d"), "list"])
    assert status == 2 and "bidi" in capsys.readouterr().err
