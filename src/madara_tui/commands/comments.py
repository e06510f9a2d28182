"""`madara-tui comments ID [--json]`: an article's published comments, threaded — read from the
site when online (its REST API, else the article page), else from the cache.

Exit 0 (also for an article without comments), 3 for an unknown article.
"""

from __future__ import annotations

import argparse

from madara_tui.commands.common import EXIT_OK, TextOut, err, print_json, run_command
from madara_tui.commands.json_output import SCHEMA_VERSION, comment_json
from madara_tui.config import Overrides
from madara_tui.messages import msg
from madara_tui.models import Comment
from madara_tui.runtime import Runtime
from madara_tui.text import format_date, format_jalali


def threaded(comments: list[Comment]) -> list[tuple[int, Comment]]:
    """(depth, comment) in reading order: each comment followed by its replies, oldest first.
    A reply whose parent is not listed is shown at the top level."""
    ids = {c.id for c in comments}
    children: dict[int, list[Comment]] = {}
    for comment in comments:
        parent = comment.parent if comment.parent in ids else 0
        children.setdefault(parent, []).append(comment)
    ordered: list[tuple[int, Comment]] = []
    stack = [(0, c) for c in reversed(children.get(0, []))]
    seen: set[int] = set()
    while stack:
        depth, comment = stack.pop()
        if comment.id in seen:
            continue
        seen.add(comment.id)
        ordered.append((depth, comment))
        stack.extend((depth + 1, c) for c in reversed(children.get(comment.id, [])))
    return ordered


def run(args: argparse.Namespace, overrides: Overrides) -> int:
    """Print the thread (or `{"id", "source", "comments": [...]}` with --json)."""

    async def body(runtime: Runtime) -> int:
        lang = runtime.config.lang
        article = await runtime.service.article(args.id)
        comments = await runtime.service.load_comments(article.source, article.id)
        if args.json:
            print_json({"version": SCHEMA_VERSION, "id": article.id, "source": article.source,
                        "comments": [comment_json(c) for c in comments]})
            return EXIT_OK
        if not comments:
            err(msg("no_comments", lang))
            return EXIT_OK
        with TextOut(runtime.config.bidi, args.width) as text:
            text.para(article.title)
            for depth, comment in threaded(comments):
                when = format_jalali(comment.date) if lang == "fa" else format_date(
                    comment.date, "en")
                indent = "  " * depth
                text.para(f"{indent}{comment.author} — {when}")
                for line in comment.text.splitlines() or [""]:
                    text.para(f"{indent}  {line}")
        return EXIT_OK

    return run_command(overrides, body)
