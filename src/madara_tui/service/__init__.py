"""The use cases the reader and the command line share: refresh, open an article, related news,
comments and the outbox. No UI imports; see `Service`."""

from madara_tui.service.core import Service
from madara_tui.service.drafts import DraftSaver
from madara_tui.service.errors import ArticleNotFound, InvalidDraft, ServiceError
from madara_tui.service.outbox import find_same_comment

__all__ = [
    "ArticleNotFound",
    "DraftSaver",
    "InvalidDraft",
    "Service",
    "ServiceError",
    "find_same_comment",
]
