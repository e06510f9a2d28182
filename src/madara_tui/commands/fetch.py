"""`madara-tui fetch`: refresh every source and print a summary, for people and cron.

Exit status 0 when at least one source worked, 1 when none did (or offline), with the reason
on stderr.
"""

from __future__ import annotations

import argparse

from madara_tui.commands.common import EXIT_FAILED, EXIT_OK, err, note, run_command
from madara_tui.config import Overrides
from madara_tui.messages import Lang, msg, state_label
from madara_tui.models import SourceReport
from madara_tui.runtime import Runtime


def way_name(way: str, lang: Lang, feed: str = "") -> str:
    """`rest`, `rest_route` or `rss` as the summary names it."""
    return msg(f"way_{way}", lang, feed=feed or "")


def print_way(source: SourceReport, lang: Lang) -> None:
    """Which way a WordPress source was read, and why each one tried before it was not."""
    note(msg("fetch_way", lang, way=way_name(source.way, lang, source.feed_url)))
    for way, why in source.passed_over:
        note(msg("fetch_passed_over", lang, way=way_name(way, lang), why=why))


async def fetch_older(runtime: Runtime, pages: int, lang: Lang) -> None:
    """`--older N`: N pages of older headlines, with a progress line per page on stderr."""

    def progress(done: int, total: int, new: int) -> None:
        err(msg("fetch_older_progress", lang, done=done, total=total, new=new))

    older = await runtime.service.fetch_older(pages, progress)
    if older.error:
        err(msg("fetch_older_failed", lang, error=older.error, new=older.stats.new))
    else:
        note(msg("fetch_older_done", lang, pages=older.pages, new=older.stats.new))
    if older.end:
        note(msg("fetch_older_end", lang))


def run(args: argparse.Namespace, overrides: Overrides) -> int:
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
            if source.way and not source.error:
                print_way(source, lang)
        if args.older > 0:
            await fetch_older(runtime, args.older, lang)
        for item in report.outbox:
            note(msg("fetch_outbox", lang, id=item.id, state=state_label(item.state, lang)))
        if not report.ok:
            err(msg("fetch_all_failed", lang))
            return EXIT_FAILED
        return EXIT_OK

    return run_command(overrides, body)
