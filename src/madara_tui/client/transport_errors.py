"""Which typed error (`client.errors`) a failure below the fetcher becomes.

httpx, the transports under it (`client.plain_http`, httpx's own for https) and the socket layer
fail with their own exceptions; the fetcher turns each into one `FetchError` that says what
happened in the user's words, and whether the request can have reached the server
(`request_sent`: a comment whose POST never left can be sent again safely). `Trace` listens to
the transport's progress to know the latter.
"""

from __future__ import annotations

import errno
import socket
import ssl
from collections.abc import Mapping
from typing import Any

import httpx

from madara_tui.client.errors import (
    BadRedirect,
    ConnectionLost,
    FetchError,
    NameResolution,
    Offline,
    ProxyFailure,
    Refused,
    Timeout,
    TLSFailure,
)


class Trace:
    """The `trace` extension's hook (httpcore's events, and `client.plain_http`'s): records
    whether the request started going out on the wire."""

    def __init__(self) -> None:
        self.traced = False
        self.sent = False

    async def __call__(self, event: str, info: Mapping[str, Any]) -> None:
        self.traced = True
        if "send_request_headers" in event:
            self.sent = True


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 12:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def map_transport_error(exc: BaseException, url: str, trace: Trace | None = None) -> FetchError:
    """The typed error for an httpx/asyncio failure while talking to `url`."""
    causes = _chain(exc)
    detail = f"{type(exc).__name__}: {exc}"
    connect_phase = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
    sent = trace.sent if trace is not None and trace.traced else not connect_phase
    if isinstance(exc, httpx.InvalidURL):
        # httpx prepares the next request of any 3xx even when not following: a Location it
        # can't parse surfaces here.
        return BadRedirect(url, detail, request_sent=True)
    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        return Timeout(url, detail or "deadline", request_sent=sent)
    if any(isinstance(c, ssl.SSLError | ssl.CertificateError) for c in causes):
        return TLSFailure(url, detail, request_sent=sent)
    if isinstance(exc, httpx.ProxyError):
        return ProxyFailure(url, detail, request_sent=False)
    if any(isinstance(c, socket.gaierror) for c in causes):
        return NameResolution(url, detail, request_sent=False)
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return Refused(url, detail, request_sent=False)
    unreachable = (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN)
    if any(isinstance(c, OSError) and c.errno in unreachable for c in causes):
        return Offline(url, detail, request_sent=False)
    if connect_phase:
        return Refused(url, detail, request_sent=False)
    if isinstance(exc, httpx.ReadError | httpx.WriteError | httpx.RemoteProtocolError):
        return ConnectionLost(url, detail, request_sent=sent)
    return FetchError(url, detail, request_sent=sent)


TRANSPORT_ERRORS = (TimeoutError, httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, OSError)
URL_ERRORS = (OverflowError, UnicodeError, ValueError)
"""What httpx and the socket layer raise for an address they took but can't use (a port past
65535: OverflowError; a bad IDNA host in a Location: IDNAError, a ValueError)."""


__all__ = ["TRANSPORT_ERRORS", "URL_ERRORS", "Trace", "map_transport_error"]
