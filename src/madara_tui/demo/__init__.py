"""A local WordPress-compatible site over loopback, serving `assets/demo-site` (or generated
content): REST API, article pages with the comment form, RSS feeds, comment posting with
WordPress's answers, and switchable fault modes for tests.

    with DemoSite(load_content(path), flood_interval=0) as site:
        site.url            # "http://127.0.0.1:PORT"
        site.set_fault("reset", path_prefix="/wp-comments-post.php")
"""

from madara_tui.demo.comments import PostedComment
from madara_tui.demo.content import (
    ContentError,
    DemoArticle,
    DemoAuthor,
    DemoCategory,
    DemoComment,
    DemoContent,
    SiteInfo,
    load_content,
)
from madara_tui.demo.faults import FAULTS
from madara_tui.demo.server import DemoSite

__all__ = [
    "FAULTS",
    "ContentError",
    "DemoArticle",
    "DemoAuthor",
    "DemoCategory",
    "DemoComment",
    "DemoContent",
    "DemoSite",
    "PostedComment",
    "SiteInfo",
    "load_content",
]
