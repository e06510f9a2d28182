"""`Validators`: the conditional-request validators (ETag, Last-Modified) the client keeps.

The `Fetcher` reads and writes them in memory, on the event loop, without waiting on anything.
The cache holds them between runs: before a refresh the service reads them all in one query,
in a thread (`load`), and once the refresh has stored every source it writes the changed ones
in one transaction, in a thread (`take_pending`). A refresh that fails or is cancelled
`discard_pending`s instead: the next one downloads those feeds again rather than trusting a
304 for articles that were never stored.

Nothing swaps the fetcher's validators in and out, so a request running beside a refresh (an
article page, comments) sees the same object.
"""

from __future__ import annotations

Pair = tuple[str | None, str | None]
"""(ETag, Last-Modified); (None, None) when nothing is known."""


class Validators:
    """A `client.http.ValidatorStore` in memory, with the answers not saved yet kept apart."""

    def __init__(self) -> None:
        self._saved: dict[str, Pair] = {}
        self._pending: dict[str, Pair] = {}

    def load(self, saved: dict[str, Pair]) -> None:
        """Take what the cache holds (before a refresh); answers not saved are dropped."""
        self._saved = dict(saved)
        self._pending.clear()

    def get_validators(self, url: str) -> Pair:
        """(ETag, Last-Modified) for `url`: the latest answer's, else the cache's."""
        found = self._pending.get(url)
        return found if found is not None else self._saved.get(url, (None, None))

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember the validators of a full answer for `url` (saved with `take_pending`)."""
        if self.get_validators(url) != (etag, last_modified):
            self._pending[url] = (etag, last_modified)

    def take_pending(self) -> list[tuple[str, str | None, str | None]]:
        """The validators changed since `load`, as (url, etag, last_modified) for the store's
        `put_many_validators`; from now on they count as saved."""
        items = [(url, etag, modified) for url, (etag, modified) in self._pending.items()]
        self._saved.update(self._pending)
        self._pending.clear()
        return items

    def discard_pending(self) -> None:
        """Forget the answers not saved (their articles may not have been stored)."""
        self._pending.clear()
