"""Run one piece of ingestion in a fresh interpreter and report, as JSON on stdout, what it gave
and what it cost: the peak resident memory it added (`ru_maxrss` after minus before — the
imports are done first, so only the work itself counts) and the seconds it took.

    python probe.py feed FILE        parse_feed on the file's bytes
    python probe.py opml FILE        parse_opml on the file's bytes
    python probe.py fetch URL        Fetcher.get(URL) (e.g. the demo site's gzip bomb)
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from madara_tui.client.errors import FetchError, ParseFailure
from madara_tui.client.feeds import parse_feed
from madara_tui.client.http import Fetcher
from madara_tui.client.opml import parse_opml


def _maxrss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _feed(path: str) -> dict[str, Any]:
    result = parse_feed(Path(path).read_bytes(), "http://127.0.0.1:9/feed/")
    texts = [result.title]
    for article in result.articles:
        texts += [article.title, article.lead, *(b.text for b in article.blocks)]
    return {"articles": len(result.articles), "texts": texts}


def _opml(path: str) -> dict[str, Any]:
    try:
        sources = parse_opml(Path(path).read_bytes())
    except ParseFailure as exc:
        return {"refused": exc.message("en"), "texts": []}
    return {"sources": len(sources), "texts": [s.title for s in sources]}


async def _fetch(url: str) -> dict[str, Any]:
    async with Fetcher() as fetcher:
        try:
            response = await fetcher.get(url)
        except FetchError as exc:
            return {"error": type(exc).__name__, "message": exc.message("en"), "texts": []}
        return {"status": response.status, "bytes": len(response.body), "texts": []}


def main(kind: str, target: str) -> None:
    before = _maxrss_kib()
    started = time.perf_counter()
    if kind == "feed":
        report = _feed(target)
    elif kind == "opml":
        report = _opml(target)
    else:
        report = asyncio.run(_fetch(target))
    report["seconds"] = time.perf_counter() - started
    report["added_mib"] = (_maxrss_kib() - before) / 1024
    texts = report.pop("texts")
    report["longest_text"] = max((len(t) for t in texts), default=0)
    report["joined"] = "\n".join(texts)[:100_000]
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
