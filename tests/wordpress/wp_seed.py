"""The test WordPress's content: 155 published Persian posts and one draft, one private and one
scheduled post, written from the project's own generator (`madara_tui.demo.generate`), with a
few threaded comment discussions, a post with comments closed, one without a manual excerpt,
one in two categories and one with a featured image. Every post is addressed by a key
("newest", "oldest", "draft", …); `seed.php` answers with the ids WordPress gave them."""

from __future__ import annotations

import base64
import struct
import zlib
from datetime import datetime, timedelta
from typing import Any

from madara_tui.demo.content import TEHRAN
from madara_tui.demo.generate import AUTHORS, CATEGORIES, generate_content

PUBLISHED = 155
IMAGE_ALT = "نمای میدان نقش جهان در غروب"
"""The featured image's alternative text (its `_wp_attachment_image_alt`)."""
THREAD = (
    # (key, parent key, author, text); the comments of the post "discussed", oldest first
    ("c1", "", "مریم سلطانی", "ممنون از گزارش دقیقتان؛ کاش زمان بازگشایی را هم می‌نوشتید."),
    ("c2", "c1", "علی نیک‌پور", "طبق اطلاعیه شهرداری، بازگشایی از اول ماه آینده است."),
    ("c3", "c2", "مریم سلطانی", "سپاس، این را نمی‌دانستم."),
    ("c4", "", "حمید رضایی", "ای کاش به وضعیت پیاده‌روهای محله ما هم رسیدگی شود."),
)
HELD_TEXT = "این دیدگاه هنوز تأیید نشده و نباید به خواننده نشان داده شود."


def _png() -> bytes:
    """An 8×8 orange PNG, made here."""
    raw = b"".join(b"\x00" + b"\xe0\x80\x20" * 8 for _ in range(8))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def _local(moment: datetime) -> str:
    return moment.astimezone(TEHRAN).strftime("%Y-%m-%d %H:%M:%S")


def build_seed(url: str, now: datetime) -> dict[str, Any]:
    """The seed for `seed.php`: site, terms, authors, image and posts (newest first)."""
    content = generate_content(PUBLISHED + 3, seed=10)
    authors = {a.id: a.slug for a in AUTHORS}
    posts: list[dict[str, Any]] = []
    for n, article in enumerate(content.articles):
        key = {0: "newest", 1: "discussed", 2: "closed", 3: "no_excerpt", 4: "two_categories",
               PUBLISHED - 1: "oldest", PUBLISHED: "draft", PUBLISHED + 1: "private",
               PUBLISHED + 2: "scheduled"}.get(n, f"p{n}")
        status = {"draft": "draft", "private": "private", "scheduled": "future"}.get(key, "publish")
        date = now + timedelta(days=3) if key == "scheduled" else article.date
        categories = [article.category]
        if key == "two_categories":
            categories.append(next(c.slug for c in CATEGORIES if c.slug != article.category))
        comments: list[dict[str, Any]] = []
        if key == "discussed":
            for k, (ckey, parent, author, text) in enumerate(THREAD):
                comments.append({"key": ckey, "parent": parent, "author": author,
                                 "email": f"reader{k}@example.invalid", "text": text,
                                 "date": _local(article.date + timedelta(minutes=20 * (k + 1))),
                                 "approved": True})
            comments.append({"key": "held", "parent": "", "author": "خواننده منتظر",
                             "email": "waiting@example.invalid", "text": HELD_TEXT,
                             "date": _local(article.date + timedelta(hours=2)),
                             "approved": False})
        posts.append({
            "key": key, "title": article.title, "slug": f"khabar-{article.id}",
            "excerpt": "" if key == "no_excerpt" else content.lead(article),
            "content": "\n\n".join(content.body(article)),
            "date": _local(date), "status": status, "author": authors[article.author],
            "categories": categories, "comments_open": key != "closed",
            "featured": key == "newest", "comments": comments,
        })
    return {
        "url": url, "name": "مدارا — وردپرس آزمایشی", "description": "خبرهای ساختگی برای آزمون",
        "categories": [{"name": c.name, "slug": c.slug} for c in CATEGORIES],
        "authors": [{"name": a.name, "slug": a.slug} for a in AUTHORS],
        "image": {"name": "naqsh-jahan.png", "title": "میدان", "alt": IMAGE_ALT,
                  "png": base64.b64encode(_png()).decode("ascii")},
        # seed.php inserts oldest first, so ids grow with the date like on a real site
        "posts": posts[::-1],
    }
