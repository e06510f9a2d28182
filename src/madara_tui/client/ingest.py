"""The ingestion boundary: where an answer from outside becomes the program's data, any error
of the parsers, the URL, IDNA and date libraries becomes a typed `ParseFailure`.

Every parser the client uses (json, feedparser, expat/ElementTree, Lexbor, `datetime`,
`urllib.parse`, idna) signals bad input with its own exceptions — `ValueError` and its many
subclasses (`UnicodeError`, `IDNAError`, `JSONDecodeError`), `OverflowError` (a year or a port
out of range), `RecursionError`, `LookupError` (an unknown codec), `TypeError`, `SyntaxError`
(`xml.etree.ElementTree.ParseError`). Each of them once escaped as a traceback that cancelled
the other sources of a refresh. The parsing entry points (`parse_feed`, the REST post and
comment readers, the article page and OPML parsers) run inside `typed_errors`, so the callers
handle one family: `FetchError`.

The same entry points run off the event loop (`parse_off_loop`): a hostile document costs a
worker thread, never the interface.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from madara_tui.client.errors import FetchError, ParseFailure

INGESTION_ERRORS: tuple[type[BaseException], ...] = (
    ValueError, OverflowError, RecursionError, LookupError, TypeError, SyntaxError,
    AttributeError,
)
"""What parsers raise on hostile input (see the module docstring). AttributeError is here
because feedparser and selectolax raise it for some malformed documents."""

P = ParamSpec("P")
T = TypeVar("T")


@contextmanager
def typed_errors(url: str, what: str = "answer") -> Iterator[None]:
    """Turn any parser error raised inside into `ParseFailure(url)`; `FetchError`s pass."""
    try:
        yield
    except FetchError:
        raise
    except INGESTION_ERRORS as exc:
        detail = f"unreadable {what}: {type(exc).__name__}: {str(exc)[:300]}"
        raise ParseFailure(url, detail, request_sent=True) from exc


def ingest(url: str, parse: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`parse(*args, **kwargs)` inside `typed_errors(url)`."""
    with typed_errors(url):
        return parse(*args, **kwargs)


async def parse_off_loop(url: str, parse: Callable[P, T], *args: P.args,
                         **kwargs: P.kwargs) -> T:
    """`parse(*args, **kwargs)` in a worker thread, inside `typed_errors(url)`."""
    def run() -> T:
        return ingest(url, parse, *args, **kwargs)

    return await asyncio.to_thread(run)


__all__ = ["INGESTION_ERRORS", "ingest", "parse_off_loop", "typed_errors"]
