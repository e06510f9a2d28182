"""Errors the service raises for its callers (the reader and the CLI) to show.

Network failures keep their own type (`madara_tui.client.errors.FetchError`); these are the
use-case failures that have nothing to do with the wire.
"""

from __future__ import annotations

from madara_tui.client.errors import ConnectionLost, FetchError, Offline, Refused
from madara_tui.messages import draft_error, msg


class ServiceError(Exception):
    """A use case could not be done; `message(lang)` says why, for the user."""

    def message(self, lang: str = "fa") -> str:
        """The reason in the UI language (`fa` or `en`)."""
        return str(self)


class ArticleNotFound(ServiceError):
    """No such article in the cache, and the site (when reachable) does not have it either."""

    def __init__(self, article_id: int, source: str = "") -> None:
        super().__init__(f"article {article_id} not found")
        self.article_id = article_id
        self.source = source

    def message(self, lang: str = "fa") -> str:
        return msg("article_not_found", lang, id=str(self.article_id))


class InvalidDraft(ServiceError):
    """The draft fails the site's rules (empty text, bad email, field too long); nothing was
    queued. `errors` holds the client's error keys (e.g. "email_invalid")."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("invalid comment: " + ", ".join(errors))
        self.errors = list(errors)

    def message(self, lang: str = "fa") -> str:
        return "\n".join(draft_error(key, lang) for key in self.errors)


def is_unreachable(exc: FetchError) -> bool:
    """True when `exc` means the site could not be reached at all (no network, unknown host,
    connection refused) — so nothing was sent. A connection lost mid-answer does not count:
    the request may have arrived."""
    return isinstance(exc, Offline | Refused) and not isinstance(exc, ConnectionLost) \
        and not exc.request_sent
