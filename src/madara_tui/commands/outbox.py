"""`madara-tui outbox [--send] [--json]`: the comments the site has not confirmed (queued,
unknown, too fast) and the ones it refused; `--send` retries them first (unknown ones are
checked on the site before any resend — see `madara_tui.service.outbox`).

Exit 0, except with `--send` when something is still waiting to be sent afterwards (1).
"""

from __future__ import annotations

import argparse

from madara_tui.commands.common import EXIT_FAILED, EXIT_OK, err, note, out, print_json, run_command
from madara_tui.commands.json_output import SCHEMA_VERSION, outbox_json
from madara_tui.config import Overrides
from madara_tui.messages import Lang, msg, state_label
from madara_tui.models import CommentState, OutboxItem
from madara_tui.runtime import Runtime

WAITING = frozenset({CommentState.QUEUED, CommentState.SENDING, CommentState.TOO_FAST,
                     CommentState.UNKNOWN})
"""States in which a comment is still on its way."""


def _row(item: OutboxItem, lang: Lang) -> str:
    excerpt = " ".join(item.draft.text.split())
    if len(excerpt) > 60:
        excerpt = excerpt[:59] + "…"
    row = msg("outbox_row", lang, id=item.id, article=item.draft.article_id,
              state=state_label(item.state, lang), author=item.draft.author, excerpt=excerpt)
    return f"{row}\t{item.message}" if item.message else row


def run(args: argparse.Namespace, overrides: Overrides) -> int:
    """List (and with --send, first flush) the outbox; see the module docstring."""

    async def body(runtime: Runtime) -> int:
        lang = runtime.config.lang
        changed: list[OutboxItem] = []
        if args.send:
            changed = await runtime.service.flush_outbox()
        items = await runtime.service.outbox()
        if args.json:
            print_json({"version": SCHEMA_VERSION, "offline": runtime.service.offline,
                        "sent": [outbox_json(i) for i in changed],
                        "outbox": [outbox_json(i) for i in items]})
        else:
            for item in changed:
                note(msg("fetch_outbox", lang, id=item.id, state=state_label(item.state, lang)))
            if not items:
                note(msg("outbox_empty", lang))
            for item in items:
                out(_row(item, lang))
        if args.send and any(i.state in WAITING for i in items):
            if runtime.service.offline:
                err(msg("offline_mode", lang))
            return EXIT_FAILED
        return EXIT_OK

    return run_command(overrides, body)
