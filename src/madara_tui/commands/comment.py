"""`madara-tui comment ID --name N --email E [--url U] [--parent P]`: post the comment read from
stdin and print the outcome.

Exit 0 when the site took it (published, held for moderation, already posted) or it was queued
because the program is offline; otherwise non-zero with the reason on stderr: 4 for a comment
that breaks the site's rules (nothing queued), 3 for an unknown article, 1 when the site
refused it, asked to wait (it stays queued and is retried) or did not confirm it.
"""

from __future__ import annotations

import argparse
import sys

from madara_tui.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    err,
    out,
    run_command,
)
from madara_tui.config import Overrides
from madara_tui.messages import msg, state_label
from madara_tui.models import SITE_TOOK_IT, CommentDraft, CommentState
from madara_tui.runtime import Runtime


def read_stdin() -> str:
    """The comment text from stdin: bytes decoded as UTF-8 (bad bytes replaced). The service
    cleans it, as it cleans the reader's."""
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    return data.decode("utf-8", errors="replace")


def run(args: argparse.Namespace, overrides: Overrides) -> int:
    """Send the comment; see the module docstring for the exit status."""
    text = read_stdin()
    if not text.strip():
        err(msg("comment_empty_stdin", overrides.ui_lang))
        return EXIT_USAGE

    async def body(runtime: Runtime) -> int:
        lang = runtime.config.lang
        service = runtime.service
        article = await service.article(args.id)
        draft = CommentDraft(
            source=article.source, article_id=article.id, parent=args.parent,
            author=args.name, email=args.email, url=args.url, text=text,
        )
        item = await service.send_comment(draft)
        label = state_label(item.state, lang)
        line = f"{label}: {item.message}" if item.message else label
        if item.state in SITE_TOOK_IT or (item.state is CommentState.QUEUED and service.offline):
            out(line)
            return EXIT_OK
        err(line)
        return EXIT_FAILED

    return run_command(overrides, body)
