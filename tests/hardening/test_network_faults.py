"""Broken networks: every fault of the demo site, an unknown host (DNS) and a TLS failure, through
the service and the real CLI. Each must give a clear message (never a traceback), leave the
cache intact and usable, and keep memory bounded (the gzip bomb adds < 100 MB)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from harness import FAULTS, WORKING_FAULTS, cli, count, forget_validators, integrity

from madara_tui import locations
from madara_tui.client.http import Fetcher
from madara_tui.config import load_config
from madara_tui.demo import DemoSite
from madara_tui.service import Service
from madara_tui.store import Store

HERE = Path(__file__).parent
CASES = (*FAULTS, "dns", "tls")
DNS_SITE = "http://madara-hardening.invalid"
CLI_DEADLINE = 60.0
"""Seconds a failing `fetch` may take (the client gives up on a stall after its timeouts)."""
TOTAL_FAULTS: list[str] = []
"""Every fault injected in this module (for the report)."""
HEADLINES = "SELECT count(*) FROM articles"
BOMB: dict[str, float] = {}
"""Measured memory figures of the gzip bomb (for the report)."""


@pytest.fixture(scope="module")
def site() -> Iterator[DemoSite]:
    # The stall outlasts every client timeout, so the client must give up on its own.
    with DemoSite(flood_interval=0, stall_seconds=45) as demo:
        yield demo


def _target(site: DemoSite, case: str) -> str:
    if case == "dns":
        return DNS_SITE
    if case == "tls":  # https to a port that speaks plain http
        return site.url.replace("http://", "https://")
    return site.url


def _inject(site: DemoSite, case: str) -> None:
    TOTAL_FAULTS.append(case)
    if case in FAULTS:
        site.set_fault(case)


def _readable(message: str) -> None:
    assert message.strip(), "no message at all"
    for leak in ("Traceback", "httpx.", "Exception", "Error(", "sqlite3."):
        assert leak not in message, message


@pytest.fixture
def primed(site: DemoSite, tmp_path: Path) -> Path:
    """A data dir whose cache holds the demo site's headlines (validators forgotten)."""
    data = tmp_path / "data"
    first = cli(site.url, data, "fetch")
    assert first.returncode == 0, first.stderr
    forget_validators(data)
    return data


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_cli_fetch_under_fault(site: DemoSite, primed: Path, case: str) -> None:
    cache = locations.cache_db(primed)
    before = count(cache, HEADLINES)
    _inject(site, case)
    started = time.monotonic()
    try:
        done = cli(_target(site, case), primed, "fetch")
    finally:
        site.set_fault(None)
    elapsed = time.monotonic() - started
    assert elapsed < CLI_DEADLINE, elapsed
    _readable(done.stderr + done.stdout)
    if case in WORKING_FAULTS:
        assert done.returncode == 0, done.stderr
    else:
        assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
        assert done.stderr.strip(), "a failed fetch must say why"
    # The cache is intact and usable afterwards.
    assert integrity(cache) == "ok"
    assert count(cache, HEADLINES) >= before
    listed = cli(site.url, primed, "list", "--json", "--limit", "5")
    assert listed.returncode == 0, listed.stderr
    items = json.loads(listed.stdout)["headlines"]
    assert items
    read = cli(site.url, primed, "--offline", "read", str(items[0]["id"]))
    assert read.returncode == 0, read.stderr


@pytest.mark.parametrize("case", CASES)
async def test_service_refresh_under_fault(site: DemoSite, tmp_path: Path, case: str) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        good = load_config(None, site=site.url, data_dir=data, lang="en")
        async with Fetcher(validators=store) as fetcher:
            assert (await Service(good, store, fetcher).refresh()).ok
        forget_validators(data)
        before = store.count_headlines()
        config = load_config(None, site=_target(site, case), data_dir=data, lang="en")
        _inject(site, case)
        try:
            # Short timeouts, so a stall costs seconds here (the CLI test uses the real ones).
            async with Fetcher(validators=store, timeout=3.0, deadline=8.0) as fetcher:
                report = await Service(config, store, fetcher).refresh()
        finally:
            site.set_fault(None)
        if case in WORKING_FAULTS:
            assert report.ok, report
        else:
            assert not report.ok
            _readable(report.sources[0].error)
        assert store.count_headlines() >= before
        assert store.headlines(limit=3)
    assert integrity(locations.cache_db(data)) == "ok"


BOMB_CHILD = textwrap.dedent("""
    import resource, subprocess, sys
    done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(done.returncode, peak, repr(done.stderr[-300:]))
""")


def _cli_peak_kib(site: DemoSite, data: Path) -> tuple[int, int, str]:
    """Run `fetch` in a fresh child and return (exit status, its peak RSS in KiB, stderr)."""
    config = data.parent / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", BOMB_CHILD, sys.executable, "-m", "madara_tui", "--site",
         site.url, "--data-dir", str(data), "--config", str(config), "fetch"],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout.split(" ", 2)
    return int(out[0]), int(out[1]), out[2]


def test_the_gzip_bomb_adds_less_than_100_mb(site: DemoSite, tmp_path: Path) -> None:
    # The client alone, in a fresh interpreter: peak RSS after minus before the fetch.
    TOTAL_FAULTS.append("gzip_bomb")
    site.set_fault("gzip_bomb")
    try:
        done = subprocess.run([sys.executable, str(HERE / "probe.py"), "fetch",
                               f"{site.url}/wp-json/wp/v2/posts"],
                              capture_output=True, text=True, timeout=60, check=True)
        report = json.loads(done.stdout)
        assert report["error"] == "TooLarge", report
        assert report["added_mib"] < 100, report
        # The whole program: a bombed `fetch` peaks within 100 MB of a normal one.
        status, bombed, stderr = _cli_peak_kib(site, tmp_path / "bombed" / "data")
    finally:
        site.set_fault(None)
    assert status == 1, stderr
    _, normal, _ = _cli_peak_kib(site, tmp_path / "normal" / "data")
    BOMB.update(client_mib=report["added_mib"], cli_extra_mib=(bombed - normal) / 1024)
    assert (bombed - normal) / 1024 < 100, (bombed, normal)


def test_zz_report_faults(capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print(f"\n[hardening] network faults injected: {len(TOTAL_FAULTS)} "
              f"({len(set(TOTAL_FAULTS))} kinds); gzip bomb memory: {BOMB}")
    assert TOTAL_FAULTS
