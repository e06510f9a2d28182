"""`madara-tui search QUERY`: full-text search over the cache (ی/ي, ک/ك, ZWNJ and digit kinds
all match)."""

from __future__ import annotations

import argparse

from madara_tui.commands.common import EXIT_OK, TextOut, err, out, print_json, run_command
from madara_tui.commands.json_output import SCHEMA_VERSION, hit_json
from madara_tui.commands.list import headline_row
from madara_tui.config import Overrides
from madara_tui.messages import msg
from madara_tui.runtime import Runtime

SAY_REKEYING_FROM = 1_000
"""Articles left to re-key from which `search` says it is doing so (a second or more of work:
~1-2 ms an article on a 2-core machine)."""


def run(args: argparse.Namespace, overrides: Overrides) -> int:
    """Print the best matches with a snippet each (or `{"query", "results"}` with --json)."""

    async def body(runtime: Runtime) -> int:
        lang = runtime.config.lang
        # Results as a fresh index gives them: finish the re-keying a key change left for
        # after the start (it runs in the reader's background), saying so when it is long.
        pending = await runtime.service.search_keys_pending()
        if pending >= SAY_REKEYING_FROM:
            err(msg("search_rekeying", lang, count=pending))
        if pending:
            await runtime.service.catch_up_search_index()
        hits = await runtime.service.search(args.query, limit=max(args.limit, 0))
        if args.json:
            print_json({"version": SCHEMA_VERSION, "query": args.query,
                        "results": [hit_json(h) for h in hits]})
            return EXIT_OK
        if not hits:
            err(msg("no_results", lang))
            return EXIT_OK
        with TextOut(runtime.config.bidi, None) as text:
            for index, hit in enumerate(hits):
                if index:
                    out()
                text.para(headline_row(hit.headline, lang))
                if hit.snippet:
                    text.para(hit.snippet)
        return EXIT_OK

    return run_command(overrides, body)
