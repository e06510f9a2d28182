"""`madara-tui related ID`: an article's related news — the site's list (read from the article
page when online and not read yet) or, when the site gave none, items computed from the cache
and labelled so."""

from __future__ import annotations

import argparse

from madara_tui.commands.common import EXIT_OK, TextOut, err, out, print_json, run_command
from madara_tui.commands.json_output import SCHEMA_VERSION, related_json
from madara_tui.config import Overrides
from madara_tui.messages import Lang, msg
from madara_tui.models import Article, Related
from madara_tui.runtime import Runtime
from madara_tui.service import FetchError


async def article_and_related(runtime: Runtime, article_id: int) -> tuple[Article, list[Related]]:
    """The article (completed from its page when online and not done yet; a page that cannot be
    read is reported on stderr and the cached copy used) and its related news. Raises
    ArticleNotFound."""
    service = runtime.service
    article = await service.article(article_id)
    if not article.complete and not service.offline:
        try:
            article = await service.complete_article(article.source, article.id)
        except FetchError as exc:
            err(msg("article_incomplete", runtime.config.lang, error=exc.message(
                runtime.config.lang)))
    related = await service.related(article.source, article.id)
    return article, related


def print_related(text: TextOut, related: list[Related], lang: Lang) -> None:
    """The related items: a heading (saying when they were computed), then title and summary."""
    computed = bool(related) and all(r.computed for r in related)
    text.para(msg("label_related_computed" if computed else "label_related", lang) + ":")
    for item in related:
        ident = f" ({item.article_id})" if item.article_id is not None else ""
        text.para(f"• {item.title}{ident}")
        if item.summary:
            text.para(f"  {item.summary}")


def run(args: argparse.Namespace, overrides: Overrides) -> int:
    """Print the related items (or `{"id", "related": [...]}` with --json); exit 3 for an
    unknown article."""

    async def body(runtime: Runtime) -> int:
        lang = runtime.config.lang
        article, related = await article_and_related(runtime, args.id)
        if args.json:
            print_json({"version": SCHEMA_VERSION, "id": article.id, "source": article.source,
                        "related": [related_json(r) for r in related]})
            return EXIT_OK
        if not related:
            err(msg("no_related", lang))
            return EXIT_OK
        with TextOut(runtime.config.bidi, None) as text:
            text.para(article.title)
            out()
            print_related(text, related, lang)
        return EXIT_OK

    return run_command(overrides, body)
