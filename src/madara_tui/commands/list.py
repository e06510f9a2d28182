"""`madara-tui list`: cached headlines, newest first (never touches the network)."""

from __future__ import annotations

import argparse

from madara_tui.commands.common import (
    EXIT_NOT_FOUND,
    EXIT_OK,
    TextOut,
    err,
    print_json,
    run_command,
)
from madara_tui.commands.json_output import SCHEMA_VERSION, headline_json
from madara_tui.config import Overrides
from madara_tui.messages import Lang, msg
from madara_tui.models import Headline
from madara_tui.runtime import Runtime
from madara_tui.service import HeadlineFilter
from madara_tui.text import format_date, search_key, to_persian_digits

UNREAD = "●"
BOOKMARK = "★"


async def resolve_category(runtime: Runtime, name: str | None) -> str | None:
    """The category's name as stored, given its name (spelling variants folded) or slug;
    raises LookupError when there is no such category."""
    if not name:
        return None
    wanted = search_key(name)
    for category in await runtime.service.categories():
        if name == category.slug or wanted == search_key(category.name):
            return category.name
    # A category only articles name (a feed's, or the site read through RSS) has no row of
    # its own in the site's category list, but the rows show it all the same.
    if await runtime.service.headline_count(HeadlineFilter(category=name.strip())):
        return name.strip()
    raise LookupError(name)


def headline_row(headline: Headline, lang: Lang) -> str:
    """One human-readable row: the unread and bookmark marks, id, date, category, title
    (logical order; Persian digits in Persian)."""
    marks = (" " if headline.read else UNREAD) + (BOOKMARK if headline.bookmarked else " ")
    number = to_persian_digits(headline.id) if lang == "fa" else str(headline.id)
    date = format_date(headline.published, lang)
    return f"{marks} {number}  {date}  [{headline.category}]  {headline.title}"


def run(args: argparse.Namespace, overrides: Overrides) -> int:
    """Print the headlines (or `{"headlines": [...]}` with --json); exit 3 for an unknown
    category."""

    async def body(runtime: Runtime) -> int:
        lang = runtime.config.lang
        try:
            category = await resolve_category(runtime, args.category)
        except LookupError:
            err(msg("unknown_category", lang, name=args.category))
            return EXIT_NOT_FOUND
        rows = await runtime.service.headline_page(
            HeadlineFilter(category=category, unread=args.unread), 0, max(args.limit, 0))
        if args.json:
            print_json({"version": SCHEMA_VERSION, "headlines": [headline_json(h) for h in rows]})
            return EXIT_OK
        if not rows:
            err(msg("no_headlines", lang))
            return EXIT_OK
        with TextOut(runtime.config.bidi, None) as text:
            for headline in rows:
                text.para(headline_row(headline, lang))
        return EXIT_OK

    return run_command(overrides, body)
