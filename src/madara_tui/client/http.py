"""The program's one HTTP client: bounded in time, size, redirects and concurrency.

`Fetcher` owns a single `httpx.AsyncClient` for the program's life. Every exchange:

- carries an identifying User-Agent and runs under an explicit `httpx.Timeout` *and* an overall
  deadline (`asyncio.timeout`) that covers connecting, redirects and the whole body;
- follows at most `max_redirects` redirects itself (GET only), checking on every hop that the
  target is http(s) and that it was not visited before; `post_form` never follows;
- asks for `gzip, deflate` and decodes the raw stream itself with a `zlib` decompressor limited to
  a small step per call, so a compressed body can't inflate past `max_bytes` in memory (httpx's own
  decoder inflates whole chunks with no cap);
- waits on a semaphore so no more than `max_concurrency` requests run at once;
- remembers ETag / Last-Modified per URL in a `ValidatorStore` and, when asked, sends them back;
  a 304 becomes `Response(not_modified=True, body=b"")`.

Transport failures become the typed errors of `madara_tui.client.errors`
(`client.transport_errors`).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from ipaddress import ip_address
from types import TracebackType
from typing import Any, Protocol
from urllib.parse import urlencode, urlsplit

import httpx

from madara_tui import __version__
from madara_tui.client.decoding import BoundedDecoder, decode_body
from madara_tui.client.errors import (
    BadRedirect,
    BadURL,
    FetchError,
    HTTPStatus,
    ParseFailure,
    TooLarge,
)
from madara_tui.client.transport import SchemeTransport
from madara_tui.client.transport_errors import (
    TRANSPORT_ERRORS,
    URL_ERRORS,
    Trace,
    map_transport_error,
)
from madara_tui.client.urls import http_url_problem

MiB = 1024 * 1024
DEFAULT_USER_AGENT = f"madara-tui/{__version__} (+terminal news reader)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class ValidatorStore(Protocol):
    """Where conditional-request validators live between runs (the store implements it).

    Called on the event loop: implementations must be quick (a dict, or one indexed SQLite row).
    """

    def get_validators(self, url: str) -> tuple[str | None, str | None]:
        """The (ETag, Last-Modified) remembered for `url`, or (None, None)."""
        ...

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember the validators of the latest full answer for `url`."""
        ...


class MemoryValidators:
    """A `ValidatorStore` in a dict: for tests, and for runs without a cache."""

    def __init__(self) -> None:
        self._data: dict[str, tuple[str | None, str | None]] = {}

    def get_validators(self, url: str) -> tuple[str | None, str | None]:
        """The remembered (ETag, Last-Modified) for `url`, or (None, None)."""
        return self._data.get(url, (None, None))

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember `url`'s validators."""
        self._data[url] = (etag, last_modified)


@dataclass(frozen=True, slots=True)
class Response:
    """A complete answer: final URL (after redirects), status, headers and the decoded body."""

    url: str
    status: int
    headers: httpx.Headers
    body: bytes
    not_modified: bool = False

    @property
    def media_type(self) -> str:
        """The Content-Type without parameters, lower-case ("" when absent)."""
        content_type: str = self.headers.get("content-type", "")
        return content_type.split(";")[0].strip().lower()

    def text(self) -> str:
        """The body as text; never raises on bad bytes (see `decode_body`)."""
        return decode_body(self.body, self.headers.get("content-type", ""))

    def json(self) -> Any:
        """The body parsed as JSON; raises `ParseFailure` when it isn't JSON."""
        try:
            return json.loads(self.text())
        except (ValueError, RecursionError) as exc:
            raise ParseFailure(self.url, f"bad JSON: {exc}", request_sent=True) from exc

    def raise_for_status(self) -> Response:
        """Self, or `HTTPStatus` for a 4xx/5xx answer."""
        if self.status >= 400:
            raise HTTPStatus(self.url, self.status)
        return self


def is_loopback(url: str) -> bool:
    """True when `url`'s host is a loopback address or `localhost`."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def _check_scheme(url: httpx.URL, origin: str, *, redirect: bool = True) -> None:
    problem = http_url_problem(str(url))
    if problem:
        error = BadRedirect if redirect else BadURL
        raise error(origin, f"{problem}: {str(url)[:200]}")


def _parse_url(url: str, params: Any) -> httpx.URL:
    problem = http_url_problem(url)
    if problem:
        raise BadURL(url, problem)
    try:
        target = httpx.URL(url, params=params) if params else httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError, OverflowError) as exc:
        raise BadURL(url, f"bad URL: {exc}") from exc
    _check_scheme(target, url, redirect=False)
    return target


@dataclass(frozen=True, slots=True)
class _Limits:
    """What one GET accepts: a body cap below the fetcher's, and a media type prefix."""

    max_bytes: int
    media_prefix: str = ""


class Fetcher:
    """The one HTTP client of the program. Use as an async context manager or call `aclose()`."""

    def __init__(
        self,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        timeout: float = 10.0,
        deadline: float = 30.0,
        max_bytes: int = 16 * MiB,
        max_concurrency: int = 8,
        max_redirects: int = 5,
        validators: ValidatorStore | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        trust_env: bool = True,
    ) -> None:
        self.deadline = deadline
        """Seconds one request may take in all: connecting, redirects and the whole body."""
        self.max_bytes = max_bytes
        """Largest decoded body accepted."""
        self.max_redirects = max_redirects
        self.validators = validators
        self._semaphore = asyncio.Semaphore(max_concurrency)
        self._client = httpx.AsyncClient(
            headers={
                "User-Agent": user_agent,
                "Accept-Encoding": "gzip, deflate",
                "Accept-Language": "fa, en;q=0.5",
            },
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            verify=True,
            transport=transport or SchemeTransport(trust_env=trust_env),
            trust_env=trust_env,
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool. The fetcher can't be used afterwards."""
        await self._client.aclose()

    @property
    def closed(self) -> bool:
        """True once `aclose()` ran."""
        return self._client.is_closed

    async def get(
        self,
        url: str,
        *,
        params: Sequence[tuple[str, str | int]] | Mapping[str, str | int] | None = None,
        conditional: bool = False,
        check: bool = True,
        max_bytes: int | None = None,
        media_prefix: str = "",
    ) -> Response:
        """GET `url` (with `params`), following up to `max_redirects` redirects.

        With `conditional`, the remembered validators are sent and a 304 gives
        `Response(not_modified=True, body=b"")`. With `check` (the default) a 4xx/5xx answer
        raises `HTTPStatus`; without it the caller reads the status. Transport failures raise
        the typed `FetchError`s. `max_bytes` lowers the body cap for this request; with
        `media_prefix` ("image/") a 200 answer of another media type raises `ParseFailure`
        before its body is read.
        """
        target = _parse_url(url, params)
        key = str(target)
        headers: dict[str, str] = {}
        if conditional and self.validators is not None:
            etag, modified = self.validators.get_validators(key)
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        limits = _Limits(min(max_bytes or self.max_bytes, self.max_bytes), media_prefix)
        response = await self._exchange("GET", target, headers, None, follow=True, limits=limits)
        if response.status == 200 and self.validators is not None:
            etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
            if etag or modified:
                self.validators.put_validators(key, etag, modified)
        if check:
            response.raise_for_status()
        return response

    async def post_form(self, url: str, data: Sequence[tuple[str, str]]) -> Response:
        """POST `data` url-encoded to `url`; any status is returned, redirects are never followed.

        Errors carry `request_sent`: False when nothing can have reached the server.
        """
        target = _parse_url(url, None)
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        body = urlencode(list(data)).encode("ascii")
        return await self._exchange("POST", target, headers, body, follow=False)

    async def _exchange(
        self,
        method: str,
        url: httpx.URL,
        headers: Mapping[str, str],
        content: bytes | None,
        *,
        follow: bool,
        limits: _Limits | None = None,
    ) -> Response:
        origin = str(url)
        current = url
        trace = Trace()
        async with self._semaphore:
            try:
                async with asyncio.timeout(self.deadline):
                    seen = {str(url)}
                    for _hop in range(self.max_redirects + 1):
                        request = self._client.build_request(
                            method,
                            current,
                            headers=headers,
                            content=content,
                            extensions={"trace": trace},
                        )
                        response = await self._client.send(request, stream=True)
                        try:
                            location = response.headers.get("location")
                            redirect = response.status_code in REDIRECT_STATUSES
                            if redirect and location and not follow:
                                # The answer is the Location; a body cut short can't change it.
                                return Response(
                                    str(current), response.status_code, response.headers, b""
                                )
                            if not (follow and redirect and location):
                                return await self._complete(response, str(current), limits)
                        finally:
                            await response.aclose()
                        current = self._next_hop(current, location, origin, seen)
                    raise BadRedirect(origin, f"more than {self.max_redirects} redirects")
            except FetchError:
                raise
            except TRANSPORT_ERRORS as exc:
                raise map_transport_error(exc, str(current), trace) from exc
            except URL_ERRORS as exc:
                # Our own URL passed `http_url_problem`: what fails now is an address the site
                # gave (httpx prepares a redirect's next request even when not following it).
                raise BadRedirect(str(current), f"{type(exc).__name__}: {exc}") from exc

    @staticmethod
    def _next_hop(current: httpx.URL, location: str, origin: str, seen: set[str]) -> httpx.URL:
        try:
            target = current.join(location.strip())
        except (httpx.InvalidURL, ValueError, TypeError, OverflowError) as exc:
            raise BadRedirect(origin, f"unreadable Location {location[:200]!r}") from exc
        _check_scheme(target, origin)
        if str(target) in seen:
            raise BadRedirect(origin, f"redirect loop at {str(target)[:200]}")
        seen.add(str(target))
        return target

    async def _complete(self, response: httpx.Response, url: str,
                        limits: _Limits | None = None) -> Response:
        max_bytes = limits.max_bytes if limits is not None else self.max_bytes
        if limits is not None and limits.media_prefix and response.status_code == 200:
            media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if not media_type.startswith(limits.media_prefix):
                raise ParseFailure(url, f"not {limits.media_prefix}*: {media_type[:80] or 'none'}",
                                   request_sent=True)
        if response.status_code == 304:
            # A 304 has no body, but the connection goes back to the pool only once the
            # response is read to its end; closed unread, every 304 cost a new connection.
            await response.aread()
            return Response(url, 304, response.headers, b"", not_modified=True)
        encoding = response.headers.get("content-encoding", "").strip().lower()
        declared = response.headers.get("content-length", "")
        if encoding in ("", "identity") and declared.isdigit() and int(declared) > max_bytes:
            raise TooLarge(url, f"Content-Length {declared}", request_sent=True)
        if response.is_stream_consumed:
            # A transport that hands over an already read response (httpx's MockTransport with
            # bytes content): httpx decoded it already; only the size cap is left to apply.
            encoding = "identity"
        decoder = BoundedDecoder(encoding, max_bytes, url)
        if response.is_stream_consumed:
            decoder.feed(response.content)
            return Response(url, response.status_code, response.headers, decoder.finish())
        async for chunk in response.aiter_raw():
            decoder.feed(chunk)
        return Response(url, response.status_code, response.headers, decoder.finish())


__all__ = [
    "DEFAULT_USER_AGENT",
    "Fetcher",
    "MemoryValidators",
    "Response",
    "ValidatorStore",
    "decode_body",
    "is_loopback",
    "map_transport_error",
]
