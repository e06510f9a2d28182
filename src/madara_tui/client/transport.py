"""The fetcher's transport: plain http on asyncio streams, https verified as always.

httpx builds its default transport's TLS context — loading the whole CA bundle, ~60 ms of CPU —
when the client is made, even for a program that only ever speaks plain http (a refresh of
feeds on a local network, the demo site), and its transport brings httpcore, h11 and anyio
(~60 ms of imports, ~2 ms of CPU a request). Here each scheme has its own connection pool: the
verifying one (httpx's defaults: certifi's CAs, the environment's SSL variables when
`trust_env`) is built on the first https request; plain http goes through
`client.plain_http`, which has no TLS at all. A URL the environment sends through a proxy
(`client.proxies`) goes through httpx's transport for that proxy, one per proxy URL.
"""

from __future__ import annotations

import ssl

import httpx

from madara_tui.client.plain_http import PlainHTTPTransport
from madara_tui.client.proxies import PROXY_SCHEMES, environment_proxies, proxy_for


class SchemeTransport(httpx.AsyncBaseTransport):
    """Routes http to a transport without certificates and https to a verifying one, made on
    first use."""

    def __init__(self, *, trust_env: bool = True) -> None:
        self._trust_env = trust_env
        self._plain: PlainHTTPTransport | None = None
        self._tls: httpx.AsyncHTTPTransport | None = None
        self._proxies = environment_proxies() if trust_env else {}
        self._via_proxy: dict[str, httpx.AsyncHTTPTransport] = {}

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

    def _through(self, proxy: str) -> httpx.AsyncHTTPTransport:
        transport = self._via_proxy.get(proxy)
        if transport is None:
            if proxy.partition("://")[0].lower() not in PROXY_SCHEMES:
                raise httpx.ProxyError(f"unsupported proxy {proxy!r} (http, https or socks5)")
            try:
                transport = httpx.AsyncHTTPTransport(proxy=proxy, verify=True,
                                                     trust_env=self._trust_env)
            except ValueError as exc:  # httpx's word for a proxy URL it can't use
                raise httpx.ProxyError(f"unusable proxy {proxy!r}: {exc}") from exc
            self._via_proxy[proxy] = transport
        return transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        proxy = proxy_for(url.scheme, url.host, url.port, self._proxies)
        if proxy is None:
            return await self._for(url.scheme).handle_async_request(request)
        try:
            return await self._through(proxy).handle_async_request(request)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            if isinstance(exc.__cause__ or exc.__context__, ssl.SSLError):
                raise  # the site's TLS, checked through the tunnel
            # Connecting is the proxy's part: say so, rather than blame the site.
            raise httpx.ProxyError(f"the proxy {proxy!r} could not be reached: {exc}") from exc

    async def aclose(self) -> None:
        for transport in (self._plain, self._tls, *self._via_proxy.values()):
            if transport is not None:
                await transport.aclose()


__all__ = ["SchemeTransport"]
