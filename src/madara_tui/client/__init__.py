"""The data client: one HTTP client, WordPress (REST, `?rest_route=`, RSS), article pages, feeds,
OPML and comment posting, with a typed error tree. No Textual, no Rich.

Every string that comes out of this package has passed `madara_tui.text.clean_text` once.
"""

from madara_tui.client.comments import post_comment, validate_draft
from madara_tui.client.errors import (
    BadRedirect,
    ConnectionLost,
    FetchError,
    HTTPStatus,
    InsecureEmail,
    NameResolution,
    NotWordPress,
    Offline,
    ParseFailure,
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

__all__ = [
    "DEFAULT_USER_AGENT",
    "ApiMode",
    "ArticlePage",
    "BadRedirect",
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
