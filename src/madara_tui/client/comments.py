"""Posting a comment through WordPress's classic form (`wp-comments-post.php`).

WordPress's status code alone doesn't tell the outcome (see shared notes), so the answer is read
as a whole:

=============================================  ===================================================
answer                                         outcome
=============================================  ===================================================
302 to `…#comment-N`                           PUBLISHED (comment_id N)
302 to `…?unapproved=N&moderation-hash=…`      HELD for moderation (comment_id N)
302 anywhere else (no numeric comment ID)      HELD: the site saved it (no comment_id)
409                                            DUPLICATE — it had arrived before
429                                            TOO_FAST (retry_after from Retry-After, else 15 s)
200/403 with the wp-die error page             REJECTED with the site's message, cleaned
200 with an empty body                         NOT_FOUND (post missing, trashed or protected)
timeout / reset after the request went out     UNKNOWN: it may have arrived; never resend blindly
anything else                                  UNKNOWN with a message
=============================================  ===================================================

A failure before anything was sent (name resolution, refused connection, connect timeout) is
raised as the `FetchError`: the caller keeps the comment queued and tries again later.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qs, urlsplit

from madara_tui.client.errors import FetchError, InsecureEmail
from madara_tui.client.html_blocks import parse_html, text_of_node
from madara_tui.client.http import Fetcher, Response, is_loopback
from madara_tui.models import CommentDraft, CommentForm, CommentState, PostResult

LIMITS = {"author": 245, "email": 100, "url": 200, "comment": 65525}
"""WordPress's field limits, in UTF-8 bytes (a Persian letter is 2 bytes)."""
DEFAULT_RETRY_AFTER = 15.0
"""WordPress's default flood interval, in seconds."""
MAX_RETRY_AFTER = 24 * 3600.0
"""Longest wait a site's Retry-After can ask for; more (99999999999999 s overflowed the date
arithmetic and left the comment "sending") is taken as this."""
_EMAIL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_COMMENT_ID = re.compile(r"#comment-(\d{1,12})(?!\d)")
_ERROR_PREFIX = re.compile(r"^\s*(?:خطا|error)\s*[:：]\s*", re.I)


def validate_draft(draft: CommentDraft, required: frozenset[str]) -> list[str]:
    """Error keys for the draft, empty when it can be sent.

    Keys: `<field>_required` (fields in `required`, and always the comment), `email_invalid`,
    `url_invalid`, `<field>_too_long` (byte limits of `LIMITS`).
    """
    values = {"author": draft.author, "email": draft.email, "url": draft.url, "comment": draft.text}
    errors: list[str] = []
    for name in ("comment", "author", "email", "url"):
        value = values[name].strip()
        if not value and (name in required or name == "comment"):
            errors.append(f"{name}_required")
        if len(values[name].encode("utf-8", "surrogatepass")) > LIMITS[name]:
            errors.append(f"{name}_too_long")
    email = values["email"].strip()
    if email and (len(email) < 6 or not _EMAIL.match(email)):
        errors.append("email_invalid")
    url = values["url"].strip()
    if url and (" " in url or urlsplit(url if "//" in url else f"http://{url}").hostname is None):
        errors.append("url_invalid")
    return errors


def form_data(form: CommentForm, draft: CommentDraft) -> list[tuple[str, str]]:
    """What is posted: every hidden input of the form (verbatim) and the comment's fields."""
    ours = {
        "comment": draft.text,
        "author": draft.author.strip(),
        "email": draft.email.strip(),
        "url": draft.url.strip(),
        "comment_post_ID": str(form.post_id or draft.article_id),
        "comment_parent": str(draft.parent),
    }
    data = [(name, value) for name, value in form.hidden if name not in ours]
    return data + list(ours.items())


def _retry_after(response: Response) -> float:
    """Seconds the site asks to wait, between 0 and `MAX_RETRY_AFTER`."""
    value = response.headers.get("retry-after", "").strip()
    if value.isdecimal() and value.isascii():
        return min(float(value[:20]), MAX_RETRY_AFTER)
    if value:
        try:
            moment = parsedate_to_datetime(value)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            wait = (moment - datetime.now(UTC)).total_seconds()
        except (TypeError, ValueError, IndexError, OverflowError):
            return DEFAULT_RETRY_AFTER
        return min(max(0.0, wait), MAX_RETRY_AFTER)
    return DEFAULT_RETRY_AFTER


def error_page_message(html: str) -> str | None:
    """The message of WordPress's `wp_die()` page (cleaned, «خطا:» dropped), or None."""
    tree = parse_html(html)
    node = tree.css_first(".wp-die-message")
    if node is None:
        body = tree.body
        if body is None or (body.attributes.get("id") or "") != "error-page":
            return None
        node = body
    message = _ERROR_PREFIX.sub("", text_of_node(node))
    return message or None


def read_outcome(response: Response) -> PostResult:
    """The comment's fate, read from the site's answer to the form post."""
    location = response.headers.get("location", "")
    if response.status in (301, 302, 303) and location:
        query = parse_qs(urlsplit(location).query)
        held = query.get("unapproved", [""])[0]
        if held.isdigit() and held.isascii() and len(held) <= 12:
            return PostResult(CommentState.HELD, int(held), location=location)
        match = _COMMENT_ID.search(location[:2000])
        if match:
            return PostResult(CommentState.PUBLISHED, int(match.group(1)), location=location)
        # WordPress redirects only after it saved the comment; a site that leaves the ID out
        # of the address (a plugin's redirect) still has it. Resending would duplicate it.
        return PostResult(CommentState.HELD, location=location)
    if response.status == 409:
        return PostResult(CommentState.DUPLICATE)
    if response.status == 429:
        return PostResult(CommentState.TOO_FAST, retry_after=_retry_after(response))
    text = response.text()
    if response.status == 200 and not text.strip():
        return PostResult(CommentState.NOT_FOUND)
    if response.status in (200, 403):
        message = error_page_message(text)
        if message is not None:
            return PostResult(CommentState.REJECTED, message=message)
        if response.status == 403:
            return PostResult(CommentState.REJECTED, message="HTTP 403")
    return PostResult(CommentState.UNKNOWN, message=f"unexpected answer: HTTP {response.status}")


async def held_comment_shown(fetcher: Fetcher, link: str, site: str, post_id: int,
                             comment_id: int) -> bool | None:
    """Whether WordPress's address for a held comment (`…?unapproved=N&moderation-hash=H`)
    still shows comment N: True while the site holds (or has published) it, False once the
    site deleted it or marked it spam. None when `link` is not on `site` (it is the site's
    own answer, but only the site is ever asked). Raises the `FetchError`.

    WordPress honours the address for ten minutes after the comment was written; later it
    shows nothing either way, so the caller asks only within that time."""
    parts, home = urlsplit(link), urlsplit(site)
    if (parts.scheme, parts.netloc) != (home.scheme, home.netloc) or "unapproved=" not in link:
        return None
    from madara_tui.client.ingest import parse_off_loop
    from madara_tui.client.page_comments import comments_from_page

    response = (await fetcher.get(parts._replace(fragment="").geturl())).raise_for_status()
    shown = await parse_off_loop(response.url, comments_from_page, response.text(),
                                 response.url, post_id)
    return any(comment.id == comment_id for comment in shown)


async def post_comment(
    fetcher: Fetcher,
    form: CommentForm,
    draft: CommentDraft,
    *,
    allow_insecure_email: bool = False,
) -> PostResult:
    """Post `draft` through `form`; the outcome as read from the answer (see module docstring).

    Raises `InsecureEmail` before sending an email over plain http to a non-loopback host (unless
    allowed), and the `FetchError` when the request can't have reached the site.
    """
    parts = urlsplit(form.action)
    insecure = parts.scheme != "https" and not is_loopback(form.action)
    if draft.email.strip() and insecure and not allow_insecure_email:
        raise InsecureEmail(form.action, "email over plain http")
    try:
        response = await fetcher.post_form(form.action, form_data(form, draft))
    except FetchError as error:
        if not error.request_sent:
            raise
        return PostResult(CommentState.UNKNOWN, message=error.message("fa"))
    return read_outcome(response)


__all__ = [
    "DEFAULT_RETRY_AFTER",
    "LIMITS",
    "error_page_message",
    "form_data",
    "held_comment_shown",
    "post_comment",
    "read_outcome",
    "validate_draft",
]
