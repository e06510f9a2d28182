"""Proxies from the environment: `http_proxy`, `https_proxy`, `all_proxy` and `no_proxy`.

Many readers reach news sites only through a proxy, and set it the way curl, wget and most
programs read it: an http, https or SOCKS5 proxy URL in those variables (lower case first, as
Python's `urllib` reads them), and `no_proxy` for the hosts to reach directly. The fetcher's own
transports (`client.transport`) take the place of httpx's, which is also where httpx would have
honoured these variables, so they are read here.

Loopback addresses are always reached directly, as browsers do: a proxy can't reach this
machine's own servers (the bundled demo site), and a `no_proxy` that forgot them would break it.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping

PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")
"""Proxy URL schemes the fetcher can speak (SOCKS through socksio)."""
DEFAULT_PORTS = {"http": 80, "https": 443}


def environment_proxies() -> dict[str, str]:
    """The environment's proxy settings by URL scheme ("http", "https", "all", "no"), empty
    when none is set."""
    if not any(name.lower().endswith("_proxy") for name in os.environ):
        return {}
    # urllib.request is ~13 ms of imports, paid only when a proxy variable is set.
    import urllib.request

    return urllib.request.getproxies_environment()


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback addresses (127.0.0.0/8, ::1)."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bypassed(host: str, port: int | None, no_proxy: str) -> bool:
    """Whether `no_proxy` (comma-separated names, each covering the names below it; `*` for
    all; `name:port` for one port) names this host."""
    host = host.strip("[]").lower().rstrip(".")
    for entry in no_proxy.replace(" ", "").lower().split(","):
        if entry == "*":
            return True
        name, _, entry_port = entry.rpartition(":") if entry.count(":") == 1 else (entry, "", "")
        name = name.strip("[]").lstrip(".").rstrip(".")
        if not name or (entry_port and entry_port != str(port)):
            continue
        if host == name or host.endswith("." + name):
            return True
    return False


def proxy_for(scheme: str, host: str, port: int | None,
              proxies: Mapping[str, str]) -> str | None:
    """The proxy URL to reach `scheme://host:port` through, or None to go directly."""
    if not proxies or is_loopback(host):
        return None
    proxy = proxies.get(scheme) or proxies.get("all")
    if not proxy:
        return None
    if _bypassed(host, port or DEFAULT_PORTS.get(scheme), proxies.get("no", "")):
        return None
    # "host:port" alone, as some set it, means an http proxy (curl's reading).
    return proxy if "://" in proxy else f"http://{proxy}"


__all__ = ["PROXY_SCHEMES", "environment_proxies", "is_loopback", "proxy_for"]
