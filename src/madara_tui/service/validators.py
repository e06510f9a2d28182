"""The validators (ETag, Last-Modified) a refresh sends and receives, kept in memory for its
duration.

Without this, every conditional request read its validators from SQLite on the event loop and
every 200 wrote them back in a transaction of its own — 2 statements per request, each waiting
for the store's lock while a worker thread held it to store a page of articles, which stalled
all other requests. A refresh now reads every validator in one query before its first request
and writes the new ones in one transaction once every source is stored. That is also the safe
order: a refresh killed, cancelled or failing half-way loses the new validators and the next one
downloads those feeds again, instead of remembering a 200 whose articles were never stored.
"""

from __future__ import annotations


class BufferedValidators:
    """A `client.http.ValidatorStore` over a snapshot; `pending()` lists what changed."""

    def __init__(self, known: dict[str, tuple[str | None, str | None]]) -> None:
        self._known = dict(known)
        self._changed: dict[str, tuple[str | None, str | None]] = {}

    def get_validators(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) for `url` as of the snapshot plus this refresh's answers."""
        return self._known.get(url, (None, None))

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember new validators for `url` (written by the caller with `pending()`)."""
        if self._known.get(url, (None, None)) != (etag, last_modified):
            self._known[url] = (etag, last_modified)
            self._changed[url] = (etag, last_modified)

    def pending(self) -> list[tuple[str, str | None, str | None]]:
        """The changed validators as (url, etag, last_modified), for `put_many_validators`."""
        return [(url, etag, modified) for url, (etag, modified) in self._changed.items()]


__all__ = ["BufferedValidators"]
