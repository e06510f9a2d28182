"""`madara-tui demo`: serve the demo site (bundled or generated) on loopback until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from madara_tui.config import Overrides
from madara_tui.demo.content import ContentError, DemoContent, load_content
from madara_tui.demo.faults import FAULTS
from madara_tui.demo.server import DemoSite


def _content(args: argparse.Namespace) -> DemoContent:
    generate = getattr(args, "generate", None)
    if generate:
        from madara_tui.demo.generate import generate_content

        return generate_content(generate, seed=getattr(args, "seed", 1),
                                feeds=getattr(args, "feeds", 0) or 0)
    return load_content()


def run(args: argparse.Namespace, overrides: Overrides) -> int:
    """Serve until interrupted; prints the base URL first. Returns the exit status."""
    try:
        content = _content(args)
    except ContentError as exc:
        print(f"madara-tui demo: {exc}", file=sys.stderr)
        return 2
    fault = getattr(args, "fault", None)
    if fault is not None and fault not in FAULTS:
        print(f"madara-tui demo: unknown fault {fault!r} ({', '.join(sorted(FAULTS))})",
              file=sys.stderr)
        return 2
    site = DemoSite(content, flood_interval=getattr(args, "flood_interval", 15.0))
    try:
        url = site.start(port=getattr(args, "port", 0) or 0)
    except OSError as exc:
        print(f"madara-tui demo: cannot listen: {exc}", file=sys.stderr)
        return 1
    site.set_fault(fault)
    print(url, flush=True)
    feeds = f", {content.feeds} feeds at {url}/feeds/<k>.xml" if content.feeds else ""
    print(f"{len(content.articles)} articles{feeds}; Ctrl-C stops.", file=sys.stderr, flush=True)
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda _sig, _frame: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        print("stopping", file=sys.stderr)  # Ctrl-C is how the user asks us to stop
    finally:
        signal.signal(signal.SIGTERM, previous)
        site.stop()
    return 0
