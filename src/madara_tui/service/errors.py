"""Errors the service raises for its callers (the reader and the CLI) to show.

Network failures keep their own type (`FetchError`, from the client) and an unusable data
directory its own (`StoreError`, from the store); both are passed on from here, so a caller
handles every failure the service lets through without importing the layers below it.
`ServiceError` and its subclasses are the use-case failures that have nothing to do with the wire.
"""

from __future__ import annotations

from collections.abc import Callable

from madara_tui.client.errors import ConnectionLost, FetchError, Offline, ParseFailure, Refused
from madara_tui.messages import Lang, draft_error, msg
from madara_tui.store.db import StoreError

__all__ = [
    "ArticleNotFound",
    "FetchError",
    "InvalidDraft",
    "ParseFailure",
    "ServiceError",
    "StoreError",
    "explain",
    "is_unreachable",
]


class ServiceError(Exception):
    """A use case could not be done; `message(lang)` says why, for the user."""

    def message(self, lang: Lang = "fa") -> str:
        """The reason in the UI language (`fa` or `en`)."""
        return str(self)


class ArticleNotFound(ServiceError):
    """No such article in the cache, and the site (when reachable) does not have it either."""

    def __init__(self, article_id: int, source: str = "") -> None:
        super().__init__(f"article {article_id} not found")
        self.article_id = article_id
        self.source = source

    def message(self, lang: Lang = "fa") -> str:
        return msg("article_not_found", lang, id=str(self.article_id))


class InvalidDraft(ServiceError):
    """The draft fails the site's rules (empty text, bad email, field too long); nothing was
    queued. `errors` holds the client's error keys (e.g. "email_invalid")."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("invalid comment: " + ", ".join(errors))
        self.errors = list(errors)

    def message(self, lang: Lang = "fa") -> str:
        return "\n".join(draft_error(key, lang) for key in self.errors)


def is_unreachable(exc: FetchError) -> bool:
    """True when `exc` means the site could not be reached at all (no network, unknown host,
    connection refused) — so nothing was sent. A connection lost mid-answer does not count:
    the request may have arrived."""
    return isinstance(exc, Offline | Refused) and not isinstance(exc, ConnectionLost) \
        and not exc.request_sent


def explain(error: BaseException | None) -> Callable[[Lang], str] | None:
    """What to tell the user about `error`, in a language given later (so the words can follow a
    change of language), when it is a failure the program expects: the site or a use case let
    us down. None for anything else."""
    if isinstance(error, FetchError | ServiceError):
        return error.message
    return None
