"""XML entity attacks (our own fixtures in `fixtures/`) through feed and OPML ingestion: no
expansion, no file read, no fetch, bounded time and memory.

Each parse runs in a fresh interpreter (`probe.py`), so its memory can be measured alone and a
runaway parse is killed at the deadline instead of taking the test run with it.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from madara_tui.client.errors import ParseFailure
from madara_tui.client.feeds import parse_feed
from madara_tui.client.opml import parse_opml

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
DEADLINE = 20.0
"""Seconds a probe may take before it counts as a hang (a harmless parse takes well under 1 s)."""
MAX_ADDED_MIB = 100.0
PASSWD_MARKERS = ("root:", "/bin/", "nologin")


def probe(kind: str, target: str) -> dict[str, Any]:
    """Run `probe.py kind target` and return its JSON report."""
    try:
        done = subprocess.run([sys.executable, str(HERE / "probe.py"), kind, target],
                              capture_output=True, text=True, timeout=DEADLINE, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{kind} {target}: still running after {DEADLINE} s")
    assert done.returncode == 0, done.stderr[-2000:]
    report: dict[str, Any] = json.loads(done.stdout)
    return report


FEEDS = sorted(p.name for p in FIXTURES.glob("*.xml"))
OPMLS = sorted(p.name for p in FIXTURES.glob("*.opml"))


def test_the_fixtures_are_there() -> None:
    assert len(FEEDS) >= 5 and len(OPMLS) >= 3


@pytest.mark.parametrize("name", FEEDS)
def test_feed_entity_attacks_are_harmless(name: str) -> None:
    report = probe("feed", str(FIXTURES / name))
    assert report["added_mib"] < MAX_ADDED_MIB, report
    # No expansion: the longest field stays the size of the document's own text.
    assert report["longest_text"] <= (FIXTURES / name).stat().st_size, report["longest_text"]
    assert "خنده" * 100 not in report["joined"]
    assert "ا" * 100_000 not in report["joined"]
    assert not any(marker in report["joined"] for marker in PASSWD_MARKERS)


@pytest.mark.parametrize("name", OPMLS)
def test_opml_entity_attacks_are_refused(name: str) -> None:
    report = probe("opml", str(FIXTURES / name))
    assert report["added_mib"] < MAX_ADDED_MIB, report
    assert "refused" in report, report
    with pytest.raises(ParseFailure):
        parse_opml((FIXTURES / name).read_bytes())


class _Listener:
    """A loopback socket that counts connections: an external entity must never be fetched."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


def test_external_entities_and_dtds_are_never_fetched() -> None:
    listener = _Listener()
    try:
        url = f"http://127.0.0.1:{listener.port}/evil.dtd"
        feed = (
            '<?xml version="1.0"?>\n'
            f'<!DOCTYPE rss SYSTEM "{url}" [\n <!ENTITY net SYSTEM "{url}">\n'
            f' <!ENTITY % pe SYSTEM "{url}"> %pe;\n]>\n'
            '<rss version="2.0"><channel><title>خوراک &net;</title>'
            "<item><title>خبر &net;</title><guid>http://127.0.0.1:9/?p=900301</guid></item>"
            "</channel></rss>"
        ).encode()
        result = parse_feed(feed, "http://127.0.0.1:9/feed/")
        assert [a.id for a in result.articles] == [900301]
        opml = (f'<?xml version="1.0"?><!DOCTYPE opml SYSTEM "{url}"><opml version="2.0">'
                '<head/><body><outline text="x" xmlUrl="http://127.0.0.1:9/feed/"/></body>'
                "</opml>").encode()
        with pytest.raises(ParseFailure):
            parse_opml(opml)
    finally:
        listener.close()
    assert listener.connections == 0
