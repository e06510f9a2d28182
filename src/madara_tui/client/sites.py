"""`Sites`: one `WordPressSite` per site for the program's life.

A `WordPressSite` learns how its site answers — the REST API at `/wp-json`, `?rest_route=` for
a site without pretty links, or RSS only — on its first request, and keeps that in its `mode`.
Made anew per call, it forgot it, and a site without pretty links paid a failed `/wp-json`
probe on every article and comments load. The service asks here instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from madara_tui.models import site_key

if TYPE_CHECKING:
    from madara_tui.client.http import Fetcher
    from madara_tui.client.wordpress import WordPressSite


class Sites:
    """The WordPress sites read through one `Fetcher`, by base URL."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self._sites: dict[str, WordPressSite] = {}

    def site(self, base_url: str) -> WordPressSite:
        """The one `WordPressSite` for `base_url` (a trailing `/` makes no difference)."""
        key = site_key(base_url)
        found = self._sites.get(key)
        if found is None:
            # Imported on first use: the reader starting offline never loads the WordPress
            # client (nor httpx's parsers behind it).
            from madara_tui.client.wordpress import WordPressSite

            found = self._sites[key] = WordPressSite(self.fetcher, key)
        return found
