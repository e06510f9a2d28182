"""The use cases the reader and the command line share: refresh, open an article, related news,
comments and the outbox. No UI imports; see `Service`."""

from madara_tui.service.commenting import DEFAULT_REQUIRED
from madara_tui.service.core import OpenedArticle, Service
from madara_tui.service.drafts import DraftSaver
from madara_tui.service.errors import (
    ArticleNotFound,
    FetchError,
    InvalidDraft,
    ParseFailure,
    ServiceError,
    StoreError,
    explain,
)
from madara_tui.service.library import HeadlineFilter
from madara_tui.service.outbox import find_same_comment

__all__ = [
    "DEFAULT_REQUIRED",
    "ArticleNotFound",
    "DraftSaver",
    "FetchError",
    "HeadlineFilter",
    "InvalidDraft",
    "OpenedArticle",
    "ParseFailure",
    "Service",
    "ServiceError",
    "StoreError",
    "explain",
    "find_same_comment",
]
