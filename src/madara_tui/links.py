"""Whether a link from an article may be handed to the browser, and what to tell the user.

Links come from strangers (article bodies, feeds, comment author URLs). Only `http`/`https`
URLs with a real host are opened. Refused, with a message saying why:

- whitespace, control, format or bidi characters anywhere (a Trojan-Source link can display as
  another address; browsers and `urlsplit` silently drop some of them);
- a leading `-` (read as an option by the browser's command line, CPython gh-143930);
- any other scheme: `javascript:`, `file:`, `data:`, … — `mailto:`/`tel:` are shown, not opened;
- no host, an invalid host, or user information before the host (`http://bank.example@evil/`
  goes to `evil`: the message names where it really goes).

The host is shown in its punycode (ASCII) form, so look-alike letters can't pass for another
site, and the URL handed to the browser carries that same host. Nothing here runs a shell:
`open_link` calls `webbrowser.open` (an argv list underneath) or the opener it is given.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Callable
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

from madara_tui.messages import Lang, tr
from madara_tui.records import record

__all__ = ["LinkCheck", "check_link", "open_link"]

_MAX_SHOWN = 80
"""Longest piece of a URL quoted back in a message (an address, user information)."""
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# Unicode categories never allowed anywhere in a URL: controls, format characters (bidi marks,
# ZWNJ, soft hyphen, …), separators, surrogates and private use.
_BAD_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Cs", "Co"})

@record
class LinkCheck:
    """The verdict on one link.

    `ok` links may be opened: `url` is then the absolute URL to hand to the browser (its host in
    punycode). Otherwise `reason` is a key ("empty", "bad_chars", "leading_dash", "scheme",
    "mailto", "tel", "relative", "no_host", "bad_host", "userinfo") and `message(lang)` says why.
    """

    ok: bool
    url: str
    """Absolute (resolved against the base) when it could be resolved; else the input."""
    host: str = ""
    """The host as shown to the user: punycode, IPv6 in brackets, `:port` when given."""
    reason: str = ""
    """Empty when ok."""
    detail: str = ""
    """What the message quotes: the scheme, the mail address or phone number, the userinfo."""

    @property
    def message_fa(self) -> str:
        """The verdict in Persian (what will open, or why it won't)."""
        return self.message("fa")

    @property
    def message_en(self) -> str:
        """The verdict in English."""
        return self.message("en")

    def message(self, lang: Lang = "fa") -> str:
        """The verdict in `lang` ("fa" or "en")."""
        return tr(f"link.{self.reason or 'ok'}", lang, host=self.host, scheme=self.detail,
                  address=self.detail, userinfo=self.detail)


def _shown(text: str) -> str:
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _bad_char(url: str) -> bool:
    return any(ch.isspace() or unicodedata.category(ch) in _BAD_CATEGORIES for ch in url)


def _display_host(hostname: str) -> str | None:
    """The punycode form of `hostname` (IPv6 in brackets), or None when it is not a host."""
    if ":" in hostname:
        try:
            return f"[{ipaddress.IPv6Address(hostname).compressed}]"
        except ValueError:
            return None
    name = hostname.removesuffix(".")
    if not name:
        return None
    labels: list[str] = []
    for label in name.split("."):
        try:
            ascii_label = label if label.isascii() else label.encode("idna").decode("ascii")
        except UnicodeError:
            return None
        ascii_label = ascii_label.lower()
        if not _LABEL.match(ascii_label):
            return None
        labels.append(ascii_label)
    host = ".".join(labels)
    return host if len(host) <= 253 else None


def _refuse(url: str, reason: str, *, host: str = "", detail: str = "") -> LinkCheck:
    return LinkCheck(ok=False, url=url, host=host, reason=reason, detail=_shown(detail))


def check_link(url: str, base: str = "") -> LinkCheck:
    """Decide whether `url` (relative ones resolved against `base`, the article's URL) may be
    opened, and with what host shown. Never raises."""
    if not url:
        return _refuse(url, "empty")
    if _bad_char(url) or _bad_char(base):
        return _refuse(url, "bad_chars")
    if url.startswith("-"):
        return _refuse(url, "leading_dash")
    try:
        absolute = urljoin(base, url) if base else url
        parts = urlsplit(absolute)
        hostname = parts.hostname or ""
        port = parts.port
    except ValueError:  # a bad port, an unbalanced IPv6 bracket
        return _refuse(url, "bad_host")
    scheme = parts.scheme.lower()
    if scheme in ("mailto", "tel"):
        return _refuse(absolute, scheme, detail=parts.path)
    if not scheme:
        return _refuse(absolute, "relative")
    if scheme not in ("http", "https"):
        return _refuse(absolute, "scheme", detail=scheme)
    if not parts.netloc or not hostname:
        return _refuse(absolute, "no_host")
    host = _display_host(hostname)
    if host is None:
        return _refuse(absolute, "bad_host")
    netloc = host if port is None else f"{host}:{port}"
    if "@" in parts.netloc:
        userinfo = parts.netloc.rpartition("@")[0]
        return _refuse(absolute, "userinfo", host=netloc, detail=userinfo)
    safe = urlunsplit(SplitResult(scheme, netloc, parts.path or "/", parts.query, parts.fragment))
    return LinkCheck(ok=True, url=safe, host=netloc)


def open_link(check: LinkCheck, opener: Callable[[str], object] | None = None) -> bool:
    """Hand an ok link to `opener` (by default the browser, through `webbrowser`: an argv list,
    never a shell). Returns what the opener returned; False without calling it when the link is
    refused (the check is made again, so a hand-built `LinkCheck(ok=True, …)` can't slip
    through)."""
    if not check.ok:
        return False
    again = check_link(check.url)
    if not again.ok:
        return False
    if opener is None:
        import webbrowser  # on first use, not at start

        opener = webbrowser.open
    return bool(opener(again.url))
