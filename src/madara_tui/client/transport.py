"""The fetcher's transport: plain http on asyncio streams, https verified as always.

httpx builds its default transport's TLS context — loading the whole CA bundle, ~60 ms of CPU —
when the client is made, even for a program that only ever speaks plain http (a refresh of
feeds on a local network, the demo site), and its transport brings httpcore, h11 and anyio
(~60 ms of imports, ~2 ms of CPU a request). Here each scheme has its own connection pool: the
verifying one (httpx's defaults: certifi's CAs, the environment's SSL variables when
`trust_env`) is built on the first https request; plain http goes through
`client.plain_http`, which has no TLS at all.
"""

from __future__ import annotations

import httpx

from madara_tui.client.plain_http import PlainHTTPTransport


class SchemeTransport(httpx.AsyncBaseTransport):
    """Routes http to a transport without certificates and https to a verifying one, made on
    first use."""

    def __init__(self, *, trust_env: bool = True) -> None:
        self._trust_env = trust_env
        self._plain: PlainHTTPTransport | None = None
        self._tls: httpx.AsyncHTTPTransport | None = None

    @property
    def verifying(self) -> bool:
        """True once the https transport (and its CA bundle) was made."""
        return self._tls is not None

    def _for(self, scheme: str) -> httpx.AsyncBaseTransport:
        if scheme == "https":
            if self._tls is None:
                self._tls = httpx.AsyncHTTPTransport(verify=True, trust_env=self._trust_env)
            return self._tls
        if self._plain is None:
            self._plain = PlainHTTPTransport()
        return self._plain

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._for(request.url.scheme).handle_async_request(request)

    async def aclose(self) -> None:
        for transport in (self._plain, self._tls):
            if transport is not None:
                await transport.aclose()


__all__ = ["SchemeTransport"]
