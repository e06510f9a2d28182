"""Comments: the running site's thread-safe comment store and `POST /wp-comments-post.php`,
answering the way WordPress's `wp_handle_comment_submission` and `wp_allow_comment` do."""

from __future__ import annotations

import hashlib
import hmac
import html
import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from madara_tui.demo.content import DemoComment, DemoContent
from madara_tui.demo.render import gmt_iso, permalink_path
from madara_tui.demo.reply import Reply, html_reply
from madara_tui.records import replace

# WordPress's own messages, as its Persian translation prints them.
MSG_REQUIRED = "<strong>خطا:</strong> لطفاً بخش‌های موردنیاز (نام، ایمیل) را پر کنید."
MSG_EMAIL = "<strong>خطا:</strong> لطفاً یک نشانی ایمیل معتبر وارد کنید."
MSG_EMPTY = "<strong>خطا:</strong> لطفاً یک دیدگاه بنویسید."
MSG_TOO_LONG = {
    "author": "<strong>خطا:</strong> نام شما خیلی طولانی است.",
    "email": "<strong>خطا:</strong> نشانی ایمیل شما خیلی طولانی است.",
    "url": "<strong>خطا:</strong> نشانی وب‌سایت شما خیلی طولانی است.",
    "comment": "<strong>خطا:</strong> دیدگاه شما خیلی طولانی است.",
}
MSG_DUPLICATE = "دیدگاه تکراری شناسایی شد؛ به نظر می‌رسد قبلاً همین را گفته‌اید!"
MSG_FLOOD = "شما خیلی سریع دیدگاه می‌فرستید. کمی آهسته‌تر."
MSG_CLOSED = "متأسفیم، دیدگاه‌ها برای این مورد بسته شده‌اند."
MSG_EXPIRED = (
    "پیوندی که دنبال کردید منقضی شده است. لطفاً برگه را دوباره بارگذاری و دوباره امتحان کنید."
)

MAX_BYTES = {"author": 245, "email": 100, "url": 200, "comment": 65525}
# WordPress's is_email(): local@domain with at least one dot in the domain, no odd characters.
_EMAIL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


@dataclass(frozen=True, slots=True)
class PostedComment:
    """One request the comment endpoint received, and what it answered (for tests)."""

    form: tuple[tuple[str, str], ...]
    status: int
    outcome: str
    """published, held, duplicate, flood, invalid, closed, not_found or forbidden."""
    comment_id: int | None = None
    location: str = ""


def form_token(secret: str, post_id: int) -> str:
    """The anti-spam plugin's per-post hidden value (`akismet_comment_nonce`)."""
    return hmac.new(secret.encode(), str(post_id).encode(), hashlib.sha256).hexdigest()[:10]


def moderation_hash(secret: str, comment: DemoComment) -> str:
    """`wp_hash($comment->comment_date_gmt)`: what lets a visitor see their held comment."""
    return hmac.new(secret.encode(), gmt_iso(comment.date).encode(), hashlib.md5).hexdigest()


def wp_die_page(message: str, title: str = "خطای وردپرس") -> str:
    """WordPress's default `wp_die()` error page (message is trusted HTML)."""
    return (
        '<!DOCTYPE html>\n<html dir="rtl" lang="fa-IR">\n<head>\n'
        '\t<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
        '\t<meta name="viewport" content="width=device-width">\n'
        '\t<meta name=\'robots\' content=\'max-image-preview:large, noindex, follow\' />\n'
        f"\t<title>{html.escape(title)}</title>\n"
        "\t<style type=\"text/css\">html{background:#f1f1f1;}body{background:#fff;"
        "margin:2em auto;padding:1em 2em;max-width:700px;}</style>\n</head>\n"
        '<body id="error-page">\n\t<div class="wp-die-message"><p>'
        f"{message}</p></div><p><a href='javascript:history.back()'>&laquo; برگشت</a></p>"
        "</body>\n</html>\n"
    )


class CommentBook:
    """Every comment of the running site (initial content + posted), guarded by one lock."""

    def __init__(self, comments: Iterable[DemoComment], *, flood_interval: float) -> None:
        self._lock = threading.Lock()
        self._comments: list[DemoComment] = sorted(comments, key=lambda c: c.id)
        self.flood_interval = flood_interval
        self._next_id = max((c.id for c in self._comments), default=0) + 1
        newest = max((c.date for c in self._comments), default=datetime(2020, 1, 1, tzinfo=UTC))
        self.last_change: datetime = newest
        """Bumped when a published comment changes what pages, feeds and the API show."""

    def approved(self, post: int | None = None) -> list[DemoComment]:
        """Approved comments (of one post, or of the whole site), oldest first."""
        with self._lock:
            return [c for c in self._comments
                    if c.approved and (post is None or c.post == post)]

    def approved_counts(self) -> dict[int, int]:
        """Approved comment count per post."""
        counts: dict[int, int] = {}
        with self._lock:
            for c in self._comments:
                if c.approved:
                    counts[c.post] = counts.get(c.post, 0) + 1
        return counts

    def get(self, comment_id: int) -> DemoComment | None:
        """Any comment by id, approved or held."""
        with self._lock:
            return next((c for c in self._comments if c.id == comment_id), None)

    def add(self, draft: DemoComment, now: datetime) -> tuple[str, DemoComment | None]:
        """`wp_allow_comment` + insert: returns (outcome, stored comment or None)."""
        with self._lock:
            for c in self._comments:
                if (c.post == draft.post and c.parent == draft.parent and c.text == draft.text
                        and (c.author == draft.author or (
                            draft.email and c.email.lower() == draft.email.lower()))):
                    return "duplicate", None
            window = timedelta(seconds=self.flood_interval)
            for c in self._comments:
                same_sender = (draft.ip and c.ip == draft.ip) or (
                    c.email.lower() == draft.email.lower())
                if same_sender and c.date > now - window:
                    return "flood", None
            trusted = any(c.approved and c.email.lower() == draft.email.lower()
                          for c in self._comments)
            stored = DemoComment(
                id=self._next_id, post=draft.post, parent=draft.parent, author=draft.author,
                email=draft.email, date=now, text=draft.text, url=draft.url,
                approved=trusted, ip=draft.ip,
            )
            self._next_id += 1
            self._comments.append(stored)
            if trusted:
                bumped = datetime.fromtimestamp(math.ceil(now.timestamp()), UTC)
                self.last_change = max(bumped, self.last_change + timedelta(seconds=1))
            return ("published" if trusted else "held"), stored

    def drop(self, comment_id: int) -> None:
        """The moderator deletes a comment, or marks it spam: either way no visitor sees it
        again, its author included (tests use it as the site's admin would)."""
        with self._lock:
            self._comments = [c for c in self._comments if c.id != comment_id]

    def approve(self, comment_id: int, now: datetime) -> None:
        """The moderator publishes a held comment (tests use it as the site's admin would)."""
        with self._lock:
            for index, c in enumerate(self._comments):
                if c.id == comment_id and not c.approved:
                    self._comments[index] = replace(c, approved=True)
                    bumped = datetime.fromtimestamp(math.ceil(now.timestamp()), UTC)
                    self.last_change = max(bumped, self.last_change + timedelta(seconds=1))


def _field(form: Sequence[tuple[str, str]], name: str) -> str:
    return next((value for key, value in form if key == name), "")


def handle_post(
    content: DemoContent, book: CommentBook, base: str, secret: str,
    form: Sequence[tuple[str, str]], ip: str,
) -> tuple[Reply, PostedComment]:
    """Answer one comment submission; the second value records it for `DemoSite.posted`."""
    record = tuple(form)

    def done(reply: Reply, outcome: str, cid: int | None = None) -> tuple[Reply, PostedComment]:
        location = dict(reply.headers).get("Location", "")
        return reply, PostedComment(record, reply.status, outcome, cid, location)

    def die(message: str, status: int, outcome: str) -> tuple[Reply, PostedComment]:
        return done(html_reply(wp_die_page(message), status, cacheable=False), outcome)

    try:
        post_id = int(_field(form, "comment_post_ID").strip() or "0")
    except ValueError:
        post_id = 0
    article = content.by_id.get(post_id)
    if article is None:
        return done(Reply(200, b"", cacheable=False), "not_found")
    if not article.comments_open:
        return die(MSG_CLOSED, 403, "closed")
    # The anti-spam plugin runs before core validation and refuses a form it did not print.
    has_js = any(key == "ak_js" for key, _ in form)
    nonce_ok = hmac.compare_digest(_field(form, "akismet_comment_nonce"),
                                   form_token(secret, post_id))
    if not (has_js and nonce_ok) or _field(form, "ak_hp_textarea"):
        return die(MSG_EXPIRED, 403, "forbidden")
    author = _field(form, "author").strip()
    email = _field(form, "email").strip()
    url = _field(form, "url").strip()
    text = _field(form, "comment").strip()
    try:
        parent = int(_field(form, "comment_parent") or "0")
    except ValueError:
        parent = 0
    if not author or not email:
        return die(MSG_REQUIRED, 200, "invalid")
    if not _EMAIL.match(email):
        return die(MSG_EMAIL, 200, "invalid")
    for name, value in (("author", author), ("email", email), ("url", url), ("comment", text)):
        if len(value.encode("utf-8")) > MAX_BYTES[name]:
            return die(MSG_TOO_LONG[name], 200, "invalid")
    if not text:
        return die(MSG_EMPTY, 200, "invalid")
    parent_comment = book.get(parent) if parent else None
    if parent_comment is None or parent_comment.post != post_id:
        parent = 0
    draft = DemoComment(id=0, post=post_id, parent=parent, author=author, email=email,
                        date=datetime.now(UTC), text=text, url=url, ip=ip)
    outcome, stored = book.add(draft, draft.date)
    if outcome == "duplicate":
        return die(MSG_DUPLICATE, 409, outcome)
    if outcome == "flood" or stored is None:
        return die(MSG_FLOOD, 429, "flood")
    permalink = f"{base}{permalink_path(article)}"
    if stored.approved:
        location = f"{permalink}#comment-{stored.id}"
    else:
        location = (f"{permalink}?unapproved={stored.id}"
                    f"&moderation-hash={moderation_hash(secret, stored)}#comment-{stored.id}")
    reply = Reply(302, b"", cacheable=False, headers=[("Location", location)])
    if _field(form, "wp-comment-cookies-consent") == "yes":
        for name, value in (("author", author), ("email", email), ("url", url)):
            reply.headers.append(("Set-Cookie", f"comment_author_{name}={quote(value)}; "
                                                "Max-Age=30000000; Path=/; SameSite=Lax"))
    return done(reply, outcome, stored.id)
