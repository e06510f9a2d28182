"""`madara-tui fetch`: refresh every source and print a summary, for people and cron.

Exit status 0 when at least one source worked, 1 when none did (or offline), with the reason
on stderr.
"""

from __future__ import annotations

import argparse

from madara_tui.commands.common import EXIT_FAILED, EXIT_OK, err, note, run_command
from madara_tui.messages import msg, state_label
from madara_tui.runtime import Runtime


def run(args: argparse.Namespace) -> int:
    """Refresh and report; see the module docstring for the exit status."""

    async def body(runtime: Runtime) -> int:
        lang = runtime.config.lang
        if runtime.service.offline:
            err(msg("fetch_offline", lang))
            return EXIT_FAILED
        report = await runtime.service.refresh()
        for source in report.sources:
            if source.error:
                err(msg("fetch_source_failed", lang, source=source.source, error=source.error))
            elif source.not_modified:
                note(msg("fetch_not_modified", lang, source=source.source))
            else:
                stats = source.stats
                note(msg("fetch_source_ok", lang, source=source.source, new=stats.new,
                        updated=stats.updated, unchanged=stats.unchanged))
        for item in report.outbox:
            note(msg("fetch_outbox", lang, id=item.id, state=state_label(item.state, lang)))
        if not report.ok:
            err(msg("fetch_all_failed", lang))
            return EXIT_FAILED
        return EXIT_OK

    return run_command(args, body)
