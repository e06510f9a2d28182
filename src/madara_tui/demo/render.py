"""Small rendering helpers shared by the REST API, the pages and the feeds: permalinks, dates in
the forms WordPress prints them, and WordPress-style escaping of plain text into HTML."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from email.utils import format_datetime

import jdatetime

from madara_tui.demo.content import TEHRAN, DemoArticle, DemoComment, DemoContent
from madara_tui.text.persian import to_persian_digits

_DOUBLE_QUOTED = re.compile(r'"([^"]*)"')


def permalink_path(article: DemoArticle) -> str:
    """`/<yyyy>/<mm>/<slug>/` from the article's site-local (Tehran) date."""
    local = article.date.astimezone(TEHRAN)
    return f"/{local.year:04d}/{local.month:02d}/{article.slug}/"


def local_iso(moment: datetime) -> str:
    """WordPress's `date`: site-local time without an offset."""
    return moment.astimezone(TEHRAN).replace(tzinfo=None).isoformat(timespec="seconds")


def gmt_iso(moment: datetime) -> str:
    """WordPress's `date_gmt`: UTC without an offset."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds")


def rfc822(moment: datetime) -> str:
    """RSS pubDate / HTTP date form, in +0000 as WordPress prints it."""
    return format_datetime(moment.astimezone(UTC)).replace("-0000", "+0000")


def http_date(moment: datetime) -> str:
    """An HTTP-date (`Last-Modified`)."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def persian_digits(text: str | int) -> str:
    """ASCII digits → Persian digits."""
    return to_persian_digits(text)


def jalali_stamp(moment: datetime) -> str:
    """The theme's `انتشار` form: Jalali date in Persian digits, ASCII time
    (`۱۴۰۴/۰۸/۱۵ - 09:15`)."""
    local = jdatetime.datetime.fromgregorian(datetime=moment.astimezone(TEHRAN))
    day = persian_digits(f"{local.year:04d}/{local.month:02d}/{local.day:02d}")
    return f"{day} - {local.hour:02d}:{local.minute:02d}"


def jalali_comment_stamp(moment: datetime) -> str:
    """The comment list's date form (`۱۴۰۴/۰۸/۱۵ در ۱۰:۴۰`), all Persian digits."""
    local = jdatetime.datetime.fromgregorian(datetime=moment.astimezone(TEHRAN))
    return persian_digits(
        f"{local.year:04d}/{local.month:02d}/{local.day:02d} در {local.hour:02d}:{local.minute:02d}"
    )


def texturize(text: str) -> str:
    """Plain text → HTML the way WordPress renders a title: `&`, `<`, `>` escaped, straight
    double quotes curled into `&#8220;…&#8221;`, apostrophes into `&#8217;`, `...` into `&#8230;`.
    """
    escaped = html.escape(text, quote=False)
    escaped = _DOUBLE_QUOTED.sub(r"&#8220;\1&#8221;", escaped)
    escaped = escaped.replace('"', "&#8221;").replace("'", "&#8217;")
    return escaped.replace("...", "&#8230;")


def autop(text: str) -> str:
    """Comment text → WordPress `wpautop` output: paragraphs on blank lines, `<br />` inside."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    return "".join(
        "<p>" + texturize(p).replace("\n", "<br />\n") + "</p>\n" for p in paragraphs
    )


def excerpt_html(content: DemoContent, article: DemoArticle) -> str:
    """`excerpt.rendered`: the lead as one paragraph."""
    lead = content.lead(article)
    return f"<p>{texturize(lead)}</p>\n" if lead else ""


def content_html(content: DemoContent, article: DemoArticle) -> str:
    """`content.rendered`: the body blocks, one per line as `the_content` leaves them."""
    return "\n".join(content.body(article)) + "\n"


def article_modified(article: DemoArticle) -> datetime:
    """When the post was last edited (its date when never edited)."""
    return article.modified or article.date


def comment_link(base: str, article: DemoArticle, comment: DemoComment) -> str:
    """The absolute `#comment-N` link of a comment."""
    return f"{base}{permalink_path(article)}#comment-{comment.id}"
