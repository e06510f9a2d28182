"""The client's typed errors: everything that can go wrong between the program and a site.

Each error knows the URL it concerns and carries a short human message in Persian and in English
(`message(lang)`), so the UI and the CLI show it without knowing transport details::

    FetchError                     anything that kept us from a usable answer
    ├── Offline                    no network at all (unreachable network, no route)
    │   └── NameResolution         the site's name could not be resolved (DNS)
    ├── Timeout                    connect/read timeout, or the overall per-request deadline
    ├── Refused                    the server refused the connection
    │   └── ConnectionLost         the server dropped the connection mid-answer (reset, truncated)
    ├── HTTPStatus                 an error status (.status) where a page was expected
    ├── TooLarge                   the decoded body passed the size cap
    ├── BadURL                     the address itself can't be fetched (scheme, host, port)
    ├── BadRedirect                redirect loop, more than 5 hops, or a non-http(s) target
    ├── TLSFailure                 certificate or TLS handshake failure
    ├── NotWordPress               neither the REST API nor the feed looks like WordPress
    ├── ParseFailure               the answer could not be understood (bad JSON, bad XML, …)
    └── InsecureEmail              refused: an email over plain http to a host that isn't loopback

`request_sent` tells whether the request may have reached the server (True for read timeouts and
resets after the request went out). Comment posting relies on it: a comment whose request may have
arrived must not be resent blindly.
"""

from __future__ import annotations

from madara_tui.messages import Lang
from madara_tui.text.persian import to_persian_digits


class FetchError(Exception):
    """Base of the client's errors. `.url` is the URL concerned (may be empty for local data)."""

    message_fa: str = "خواندن از سایت ممکن نشد"
    message_en: str = "Could not read from the site"

    def __init__(self, url: str, detail: str = "", *, request_sent: bool = False) -> None:
        self.url = url
        self.detail = detail
        """Technical detail for logs (the underlying exception); not meant for the user."""
        self.request_sent = request_sent
        """True when the request may have reached the server before the failure."""
        text = f"{self.message_en} ({url})" if url else self.message_en
        super().__init__(f"{text}: {detail}" if detail else text)

    def message(self, lang: Lang = "fa") -> str:
        """The short human message in `lang` ("fa" or "en")."""
        return self.message_fa if lang == "fa" else self.message_en

    def __reduce__(self) -> tuple[object, ...]:
        # A feed parsed in a worker process sends its error back pickled; the default would
        # call the class with the message as its only argument.
        return _rebuild, (type(self), self.args, dict(self.__dict__))


def _rebuild(cls: type[FetchError], args: tuple[object, ...], state: dict[str, object]
             ) -> FetchError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class Offline(FetchError):
    """No network: the machine could not reach anything."""

    message_fa = "اتصال به اینترنت برقرار نیست"
    message_en = "You seem to be offline"


class NameResolution(Offline):
    """The site's host name could not be resolved."""

    message_fa = "نشانی سایت پیدا نشد (DNS)"
    message_en = "The site's name could not be resolved"


class Timeout(FetchError):
    """The site did not answer in time (connect/read timeout or the overall deadline)."""

    message_fa = "سایت در زمان مقرر پاسخ نداد"
    message_en = "The site did not answer in time"


class Refused(FetchError):
    """The server refused the connection."""

    message_fa = "سایت در دسترس نیست: اتصال برقرار نشد"
    message_en = "The site is unreachable: connection refused"


class ConnectionLost(Refused):
    """The connection broke in the middle of the answer (reset by the peer, or body cut short)."""

    message_fa = "اتصال با سایت در میانه‌ی کار قطع شد"
    message_en = "The connection to the site broke off"


class ProxyFailure(Refused):
    """The proxy the environment names (`http_proxy`, `https_proxy`, `all_proxy`) could not be
    used: unreachable, refusing the site, or not a kind the fetcher speaks."""

    message_fa = "پراکسی (از متغیرهای http_proxy/https_proxy/all_proxy) کار نکرد"
    message_en = "The proxy (from http_proxy/https_proxy/all_proxy) did not work"


class HTTPStatus(FetchError):
    """The site answered with an error status. `.status` is the HTTP status code."""

    def __init__(self, url: str, status: int, detail: str = "") -> None:
        self.status = status
        digits = to_persian_digits(status)
        if status == 404:
            self.message_fa = "صفحه در سایت پیدا نشد (خطای ۴۰۴)"
            self.message_en = "Page not found on the site (404)"
        elif status >= 500:
            self.message_fa = f"سایت با خطای داخلی پاسخ داد ({digits})"
            self.message_en = f"The site had an internal error ({status})"
        else:
            self.message_fa = f"سایت درخواست را نپذیرفت ({digits})"
            self.message_en = f"The site refused the request ({status})"
        super().__init__(url, detail or f"HTTP {status}", request_sent=True)


class TooLarge(FetchError):
    """The answer was larger than the program accepts."""

    message_fa = "پاسخ سایت بیش از حد بزرگ است"
    message_en = "The site's answer is too large"


class BadURL(FetchError):
    """The address can't be fetched: not http(s), no or a malformed host, a port out of range."""

    message_fa = "نشانی نامعتبر است"
    message_en = "The address is not a valid http(s) address"


class BadRedirect(FetchError):
    """A redirect loop, too many redirects, or a redirect to something other than http(s)."""

    message_fa = "سایت به نشانی نامعتبری ارجاع داد"
    message_en = "The site redirected to a bad address"


class TLSFailure(FetchError):
    """The TLS handshake or the certificate check failed."""

    message_fa = "اتصال امن با سایت برقرار نشد (گواهی نامعتبر)"
    message_en = "Secure connection failed (certificate or TLS error)"


class NotWordPress(FetchError):
    """Neither the REST API, nor `?rest_route=`, nor the RSS feed looks like a WordPress site."""

    message_fa = "این نشانی یک سایت وردپرسی به نظر نمی‌رسد"
    message_en = "This address doesn't look like a WordPress site"


class ParseFailure(FetchError):
    """The answer arrived but could not be understood."""

    message_fa = "پاسخ سایت قابل خواندن نبود"
    message_en = "The site's answer could not be read"


class InsecureEmail(FetchError):
    """Refused to send an email address over plain http to a host that is not loopback."""

    message_fa = "ارسال ایمیل از راه اتصال ناامن (http) مجاز نیست"
    message_en = "Refusing to send your email over plain http"


__all__ = [
    "BadRedirect",
    "BadURL",
    "ConnectionLost",
    "FetchError",
    "HTTPStatus",
    "InsecureEmail",
    "NameResolution",
    "NotWordPress",
    "Offline",
    "ParseFailure",
    "ProxyFailure",
    "Refused",
    "TLSFailure",
    "Timeout",
    "TooLarge",
]
