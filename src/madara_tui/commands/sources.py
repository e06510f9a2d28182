"""`madara-tui sources import FILE.opml` / `madara-tui sources export`.

Imported feeds are kept in the user database (see `madara_tui.service.sources`), never written
into the config file, and are refreshed with the config's sources from then on. `export` writes
every source — the site, the config's feeds and the imported ones — as OPML on stdout.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from madara_tui.commands.common import EXIT_FAILED, EXIT_OK, err, note, out, run_command
from madara_tui.config import Overrides
from madara_tui.messages import msg
from madara_tui.runtime import Runtime
from madara_tui.service import FetchError, ParseFailure


def run(args: argparse.Namespace, overrides: Overrides) -> int:
    """Import or export; exit 1 when the OPML file cannot be read."""

    async def body(runtime: Runtime) -> int:
        lang = runtime.config.lang
        service = runtime.service
        if args.sources_command == "export":
            out((await service.export_opml()).rstrip("\n"))
            return EXIT_OK
        try:
            data = await asyncio.to_thread(Path(args.file).expanduser().read_bytes)
            added, skipped = await service.import_opml(data)
        except (OSError, FetchError, ValueError) as exc:
            if isinstance(exc, ParseFailure):
                reason = msg("opml_broken", lang)  # not "the site's answer": it is a file
            else:
                reason = exc.message(lang) if isinstance(exc, FetchError) else str(exc)
            err(msg("sources_unreadable", lang, error=reason))
            return EXIT_FAILED
        note(msg("sources_imported", lang, added=added, skipped=skipped))
        return EXIT_OK

    return run_command(overrides, body)
