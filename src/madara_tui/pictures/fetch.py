"""Getting a picture's bytes: from the disk cache, else (online) through the program's one HTTP
client, checked before they are kept (see `madara_tui.pictures.decode` for the rules)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from madara_tui.pictures.cache import PictureCache
from madara_tui.pictures.decode import (
    MAX_BYTES,
    Picture,
    PictureRefused,
    decode_picture,
    refuse_media_type,
)

if TYPE_CHECKING:
    from madara_tui.client.http import Fetcher


class PictureLoader:
    """Cache first, network second; every body is an `image/*` answer of at most `MAX_BYTES`.

    `fetcher` is None offline: only cached pictures are served then.
    """

    def __init__(self, cache: PictureCache, fetcher: Fetcher | None) -> None:
        self.cache = cache
        self.fetcher = fetcher

    async def body(self, url: str, *, offline: bool = False) -> tuple[str, bytes]:
        """(media type, bytes) for `url`. Raises PictureRefused (`offline` when it is not
        cached and the network may not be used; `type`/`svg` for a non-picture answer) or the
        client's FetchError."""
        cached = await asyncio.to_thread(self.cache.get, url)
        if cached is not None:
            return cached
        if offline or self.fetcher is None:
            raise PictureRefused("offline")
        from madara_tui.client.errors import ParseFailure, TooLarge

        try:
            response = await self.fetcher.get(url, max_bytes=MAX_BYTES, media_prefix="image/")
        except TooLarge as exc:
            raise PictureRefused("size", exc.detail) from exc
        except ParseFailure as exc:
            raise PictureRefused("type", exc.detail) from exc
        refuse_media_type(response.media_type)
        await asyncio.to_thread(self.cache.put, url, response.media_type, response.body)
        return response.media_type, response.body

    async def picture(self, url: str, *, offline: bool = False) -> Picture:
        """The decoded picture of `url` (decoding runs in a thread). Raises PictureRefused or
        FetchError."""
        media_type, body = await self.body(url, offline=offline)
        return await asyncio.to_thread(decode_picture, body, media_type)

    async def prefetch(self, urls: list[str]) -> int:
        """Fetch the pictures of `urls` not cached yet; returns how many were stored. Failures
        are skipped: a picture that can't be had now is tried again when its article opens."""
        from madara_tui.client.errors import FetchError

        stored = 0
        for url in urls:
            if await asyncio.to_thread(self.cache.get, url) is not None:
                continue
            try:
                await self.body(url)
            except (PictureRefused, FetchError):
                continue
            stored += 1
        return stored
