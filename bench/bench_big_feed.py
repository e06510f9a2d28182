"""A huge feed: one 16 MB Atom feed of 340,000 tiny entries (850 KB gzipped), then eight at once.

The real `madara-tui fetch` runs against a loopback server that serves the feeds gzipped next
to an empty WordPress site; the figures are its wall time and the peak memory of its whole
process tree (the program and its parsing workers), sampled from /proc every 20 ms. Targets
(hardening round 2): one feed ≤ 100 MB and ≤ 5 s, eight ≤ 250 MB.

Run: .venv/bin/python bench/bench_big_feed.py [--runs N] [--quick]
"""

from __future__ import annotations

import gzip
import os
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from common import MADARA, Figure, median, parse_options, print_figures, work_dir

ENTRIES = 340_000
QUICK_ENTRIES = 20_000


def atom(entries: int) -> bytes:
    """The feed: a channel and `entries` entries of a few dozen bytes each."""
    head = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            '<title>خبرهای بسیار</title><updated>2026-11-30T10:00:00Z</updated>')
    # ~47 bytes an entry: 340,000 of them make the 16 MB of the finding (under the 16 MiB cap).
    body = "".join(f"<entry><id>e{i}</id><title>t</title></entry>" for i in range(entries))
    return (head + body + "</feed>").encode()


def serve(feed_gz: bytes) -> ThreadingHTTPServer:
    """A loopback server: /feed/N → the gzipped feed; the WordPress REST API → empty lists."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/feed/"):
                body, kind, extra = feed_gz, "application/atom+xml", {"Content-Encoding": "gzip"}
            elif self.path.startswith("/wp-json/"):
                body, kind, extra = b"[]", "application/json", {}
            else:
                body, kind, extra = b"", "text/plain", {}
                self.send_response(404)
            if body or kind != "text/plain":
                self.send_response(200)
            self.send_header("Content-Type", kind)
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of `pid` and all its descendants, in KiB (0 once it is gone)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        todo += [int(child) for child in children]
    return total


def fetch(site: str, feeds: int, data: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds of the program, peak MiB of its process tree) of one `fetch`
    of `feeds` feeds. CPU time is given beside wall time: on a shared machine the wall time
    says more about the neighbours than about the program."""
    config = data / f"config-{feeds}.toml"
    urls = ", ".join(f'"{site}/feed/{n}"' for n in range(feeds))
    config.write_text(f"sources = [{urls}]\n", encoding="utf-8")
    store = data / f"store-{feeds}-{time.monotonic_ns()}"
    argv = [str(MADARA), "--site", site, "--data-dir", str(store), "--config", str(config),
            "--lang", "en", "fetch"]
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while True:
        done, status, usage = os.wait4(process.pid, os.WNOHANG)
        if done:
            break
        peak = max(peak, _tree_rss_kib(process.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    out, err = process.communicate()
    if process.returncode != 0 or out.count("500 new") != feeds:
        raise RuntimeError(f"fetch failed ({process.returncode}): {out}{err}")
    return seconds, usage.ru_utime + usage.ru_stime, peak / 1024


def main(argv: list[str] | None = None) -> None:
    options = parse_options(__doc__, argv)
    entries = QUICK_ENTRIES if options.quick else ENTRIES
    runs = options.runs or (1 if options.quick else 3)
    data = work_dir(options.data)
    raw = atom(entries)
    packed = gzip.compress(raw, 6)
    server = serve(packed)
    site = f"http://127.0.0.1:{server.server_address[1]}"
    figures = []
    try:
        for feeds, limit_mib in ((1, 100.0), (8, 250.0)):
            results = [fetch(site, feeds, data) for _ in range(runs)]
            seconds = median([r[0] for r in results])
            cpu = median([r[1] for r in results])
            peak = median([r[2] for r in results])
            note = (f"{len(raw) / 1e6:.1f} MB, {entries} entries, {len(packed) / 1e3:.0f} KB "
                    f"gzipped; {seconds:.2f} s wall, {cpu:.2f} s CPU")
            target = f"≤ {limit_mib:.0f} MB" + (" and ≤ 5 s" if feeds == 1 else "")
            met = peak <= limit_mib and (feeds != 1 or seconds <= 5.0)
            figures.append(Figure(f"big_feed_peak_{feeds}", peak, "MB", target=target,
                                  met=met, runs=runs, note=note))
            figures.append(Figure(f"big_feed_time_{feeds}", seconds, "s", runs=runs,
                                  note=f"{cpu:.2f} s CPU in the program itself"))
    finally:
        server.shutdown()
    print_figures(figures)


if __name__ == "__main__":
    main()
