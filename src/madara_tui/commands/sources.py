"""`madara-tui sources import FILE.opml` / `madara-tui sources export`.

Imported feeds are kept in the user database (see `madara_tui.service.sources`), never written
into the config file, and are refreshed with the config's sources from then on. `export` writes
every source — the site, the config's feeds and the imported ones — as OPML on stdout.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from madara_tui.client.errors import FetchError
from madara_tui.client.opml import parse_opml, write_opml
from madara_tui.commands.common import EXIT_FAILED, EXIT_OK, err, note, out, run_command
from madara_tui.messages import msg
from madara_tui.runtime import Runtime


def run(args: argparse.Namespace) -> int:
    """Import or export; exit 1 when the OPML file cannot be read."""

    async def body(runtime: Runtime) -> int:
        lang = runtime.config.lang
        service = runtime.service
        if args.sources_command == "export":
            sources = await asyncio.to_thread(service.sources)
            out(write_opml(sources).rstrip("\n"))
            return EXIT_OK
        try:
            data = await asyncio.to_thread(Path(args.file).expanduser().read_bytes)
            found = parse_opml(data)
        except (OSError, FetchError, ValueError) as exc:
            reason = exc.message(lang) if isinstance(exc, FetchError) else str(exc)
            err(msg("sources_unreadable", lang, error=reason))
            return EXIT_FAILED
        added = await asyncio.to_thread(service.add_sources, found)
        note(msg("sources_imported", lang, added=added, skipped=len(found) - added))
        return EXIT_OK

    return run_command(args, body)
