"""Helpers shared by the service tests."""

from __future__ import annotations

from pathlib import Path

from madara_tui.client.http import Fetcher
from madara_tui.client.validators import Validators
from madara_tui.config import Config
from madara_tui.demo import DemoSite
from madara_tui.service import Service
from madara_tui.store import Store

TRUSTED_EMAIL = "mehdi.rezaei@example.com"
"""Has approved comments on the demo site, so its comments are published at once."""


class Env:
    """Opens services over one data directory, closing what it opened."""

    def __init__(self, site: DemoSite, data_dir: Path) -> None:
        self.site = site
        self.data_dir = data_dir
        self._open: list[tuple[Store, Fetcher | None]] = []

    def service(self, *, offline: bool = False) -> Service:
        """A new service over a freshly opened store (as a new process would have)."""
        config = Config(site=self.site.url, data_dir=self.data_dir, offline=offline)
        store = Store(self.data_dir)
        fetcher = None if offline else Fetcher(validators=Validators(), deadline=10.0)
        self._open.append((store, fetcher))
        return Service(config, store, fetcher)

    async def aclose(self) -> None:
        for store, fetcher in self._open:
            if fetcher is not None:
                await fetcher.aclose()
            store.close()
