"""The data client: one HTTP client, WordPress (REST, `?rest_route=`, RSS), article pages, feeds,
OPML and comment posting, with a typed error tree. No Textual, no Rich.

Every string that comes out of this package has passed `madara_tui.text.clean_text` once.

The names are loaded on first use (PEP 562): importing a light submodule such as the error tree
does not pull in httpx, feedparser and the HTML parser, which the reader starting offline never
needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from madara_tui.client.comments import post_comment, validate_draft
    from madara_tui.client.errors import (
        BadRedirect,
        BadURL,
        ConnectionLost,
        FetchError,
        HTTPStatus,
        InsecureEmail,
        NameResolution,
        NotWordPress,
        Offline,
        ParseFailure,
        ProxyFailure,
        Refused,
        Timeout,
        TLSFailure,
        TooLarge,
    )
    from madara_tui.client.feeds import FeedResult, parse_feed, stable_id
    from madara_tui.client.html_blocks import html_to_blocks, html_to_text
    from madara_tui.client.http import (
        DEFAULT_USER_AGENT,
        Fetcher,
        MemoryValidators,
        Response,
        ValidatorStore,
    )
    from madara_tui.client.opml import parse_opml, write_opml
    from madara_tui.client.page import ArticlePage, parse_article_page
    from madara_tui.client.wordpress import ApiMode, HeadlinePage, WordPressSite

_WHERE = {
    "post_comment": "madara_tui.client.comments",
    "validate_draft": "madara_tui.client.comments",
    "BadRedirect": "madara_tui.client.errors",
    "BadURL": "madara_tui.client.errors",
    "ConnectionLost": "madara_tui.client.errors",
    "FetchError": "madara_tui.client.errors",
    "HTTPStatus": "madara_tui.client.errors",
    "InsecureEmail": "madara_tui.client.errors",
    "NameResolution": "madara_tui.client.errors",
    "NotWordPress": "madara_tui.client.errors",
    "Offline": "madara_tui.client.errors",
    "ParseFailure": "madara_tui.client.errors",
    "ProxyFailure": "madara_tui.client.errors",
    "Refused": "madara_tui.client.errors",
    "Timeout": "madara_tui.client.errors",
    "TLSFailure": "madara_tui.client.errors",
    "TooLarge": "madara_tui.client.errors",
    "FeedResult": "madara_tui.client.feeds",
    "parse_feed": "madara_tui.client.feeds",
    "stable_id": "madara_tui.client.feeds",
    "html_to_blocks": "madara_tui.client.html_blocks",
    "html_to_text": "madara_tui.client.html_blocks",
    "DEFAULT_USER_AGENT": "madara_tui.client.http",
    "Fetcher": "madara_tui.client.http",
    "MemoryValidators": "madara_tui.client.http",
    "Response": "madara_tui.client.http",
    "ValidatorStore": "madara_tui.client.http",
    "parse_opml": "madara_tui.client.opml",
    "write_opml": "madara_tui.client.opml",
    "ArticlePage": "madara_tui.client.page",
    "parse_article_page": "madara_tui.client.page",
    "ApiMode": "madara_tui.client.wordpress",
    "HeadlinePage": "madara_tui.client.wordpress",
    "WordPressSite": "madara_tui.client.wordpress",
}
"""Public name → the submodule that defines it."""


def __getattr__(name: str) -> Any:
    """Import the submodule that defines `name` on first use."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_USER_AGENT",
    "ApiMode",
    "ArticlePage",
    "BadRedirect",
    "BadURL",
    "ConnectionLost",
    "FeedResult",
    "FetchError",
    "Fetcher",
    "HTTPStatus",
    "HeadlinePage",
    "InsecureEmail",
    "MemoryValidators",
    "NameResolution",
    "NotWordPress",
    "Offline",
    "ParseFailure",
    "ProxyFailure",
    "Refused",
    "Response",
    "TLSFailure",
    "Timeout",
    "TooLarge",
    "ValidatorStore",
    "WordPressSite",
    "html_to_blocks",
    "html_to_text",
    "parse_article_page",
    "parse_feed",
    "parse_opml",
    "post_comment",
    "stable_id",
    "validate_draft",
    "write_opml",
]
