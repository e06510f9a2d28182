"""RSS/Atom feeds → articles, parsed from bytes our own client fetched.

feedparser is only ever given `io.BytesIO(body)` and the response headers: never a URL (its own
fetcher has no timeout and no size cap) and never a `str` (which it may read as a path or URL).
Entries are capped at `MAX_ENTRIES` and every field at a fixed length; all text passes the cleaner
once, through `html_to_text` / `html_to_blocks` or `clean_text`.

Article IDs: a WordPress item's `guid` (or link) of the form `…?p=ID` gives the post ID itself, so
feed items and REST posts of one site share IDs. Any other item gets a stable ID: the first 6 bytes
of BLAKE2b over its guid (else its link, else its title), with the top bit (2**47) set — a positive
48-bit number that can never equal a real WordPress post ID (those stay far below 2**47) and fits
SQLite's INTEGER comfortably.
"""

from __future__ import annotations

import calendar
import codecs
import hashlib
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from madara_tui.client.decoding import decode_body
from madara_tui.client.html_blocks import absolute_url, html_to_blocks, html_to_text
from madara_tui.client.ingest import typed_errors
from madara_tui.models import Article, ImageRef
from madara_tui.text import clean_text, usable_date

MAX_ENTRIES = 500
MAX_TITLE = 1_000
MAX_SUMMARY = 20_000
MAX_CONTENT = 2_000_000
WHOLE_TEXT = 1_500
"""Characters from which a description without `content:encoded` is the whole article."""
"""Characters of an entry's HTML content considered; the rest is ignored."""
# An entity declaration, quoted values (which may hold ">") included; unterminated: to the end.
_ENTITY_DECL = re.compile(rb"<!ENTITY(?:[^>\"']|\"[^\"]*\"|'[^']*')*>?")
_WIDE_ENTITY = tuple("<!ENTITY".encode(codec) for codec in (
    "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp037"))
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_XML_DECLARED = re.compile(
    rb"""^(\s*<\?xml[^>]{0,200}?encoding\s*=\s*["'])([A-Za-z0-9_.:-]{1,40})""")
_ENTRY_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]")
_TAG = re.compile(rb"<(/?)([A-Za-z_][\w.:-]*)[^<>]*?(/?)>")
_SKIPPED = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>", re.S)
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
_POST_ID = re.compile(r"[?&]p=(\d{1,12})(?:$|[&#])")
_HTTP = frozenset({"http", "https"})


@dataclass(frozen=True, slots=True)
class FeedResult:
    """A parsed feed: its title and its articles (newest first, as the feed lists them)."""

    title: str
    articles: list[Article]
    link: str = ""
    """The site the feed belongs to (the channel's link), absolute, or empty."""
    is_feed: bool = True
    """False when the bytes were not an RSS/Atom document at all (e.g. an HTML page)."""


def stable_id(key: str) -> int:
    """A positive 48-bit ID derived from `key`, with bit 47 set (see the module docstring)."""
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=6).digest()
    return int.from_bytes(digest, "big") | (1 << 47)


def post_id_from_url(url: str) -> int | None:
    """The WordPress post ID in a `…?p=ID` URL, or None."""
    match = _POST_ID.search(url or "")
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


def _text(entry: Mapping[str, Any], key: str, limit: int) -> str:
    value = entry.get(key)
    if not isinstance(value, str):
        return ""
    detail = entry.get(f"{key}_detail")
    kind = detail.get("type", "") if isinstance(detail, Mapping) else ""
    value = value[:limit]
    return html_to_text(value) if "html" in str(kind) else clean_text(value)


def _time(entry: Mapping[str, Any]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # `in` first: feedparser's get("updated_parsed") falls back to published_parsed with a
        # DeprecationWarning (an error under the test suite, noise on the terminal otherwise).
        parsed = entry.get(key) if key in entry else None
        if parsed:
            try:
                moment = usable_date(datetime.fromtimestamp(calendar.timegm(parsed), UTC))
            except (TypeError, ValueError, OverflowError, OSError):
                continue
            if moment is not None:
                return moment
    return None


def _header_time(headers: Mapping[str, str]) -> datetime | None:
    for name in ("last-modified", "date"):
        value = headers.get(name)
        if value:
            try:
                moment = parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError, OverflowError):
                continue
            usable = usable_date(moment)
            if usable is not None:
                return usable
    return None


def _entry_html(entry: Mapping[str, Any]) -> str:
    """The item's full text (`content:encoded`, Atom `content`), or "" when it has none."""
    content = entry.get("content")
    if isinstance(content, list):
        for part in content:
            if isinstance(part, Mapping) and isinstance(part.get("value"), str) and part["value"]:
                return str(part["value"])[:MAX_CONTENT]
    return ""


def _article(entry: Mapping[str, Any], feed_url: str, fallback_time: datetime) -> Article | None:
    guid = entry.get("id") if isinstance(entry.get("id"), str) else ""
    raw_link = entry.get("link") if isinstance(entry.get("link"), str) else ""
    link = absolute_url(raw_link, feed_url, schemes=_HTTP)
    guid_url = absolute_url(guid, feed_url, schemes=_HTTP) if guid else None
    title = _text(entry, "title", MAX_TITLE)
    post_id = post_id_from_url(guid or "") or post_id_from_url(raw_link or "")
    key = guid or raw_link or title
    if not key:
        return None
    url = link or guid_url or feed_url
    tags = entry.get("tags")
    categories = [
        clean_text(str(tag.get("term") or tag.get("label") or "")[:MAX_TITLE])
        for tag in (tags if isinstance(tags, list) else [])
        if isinstance(tag, Mapping)
    ]
    author = entry.get("author")
    # Without a full text the summary is the lead and the body waits for the article page
    # (`summary_only`); it is never printed twice, as lead and as body.
    full = _entry_html(entry)
    summary = _text(entry, "summary", MAX_SUMMARY)
    raw_summary = entry.get("summary") if isinstance(entry.get("summary"), str) else ""
    if not full and _is_whole_text(summary, str(raw_summary)):
        # Some feeds put the whole article in `description`: that is a body, not a lead.
        full, summary = str(raw_summary)[:MAX_CONTENT], ""
    return Article(
        id=post_id or stable_id(key),
        source=feed_url,
        url=url,
        title=title,
        published=_time(entry) or fallback_time,
        lead=summary,
        blocks=html_to_blocks(full, url) if full else (),
        categories=tuple(dict.fromkeys(c for c in categories if c)),
        code=str(post_id) if post_id else "",
        author=clean_text(author[:MAX_TITLE]) if isinstance(author, str) else "",
        summary_only=not full,
        featured_image=_feed_image(entry, url),
    )


def _feed_image(entry: Mapping[str, Any], base: str) -> ImageRef | None:
    """The item's picture: the first image `media:content`, else the first image enclosure
    (an absolute http(s) URL; audio, video and other files are not pictures)."""
    candidates: list[tuple[object, str]] = []
    for key, url_key in (("media_content", "url"), ("enclosures", "href")):
        items = entry.get(key)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, Mapping):
                candidates.append((item.get(url_key),
                                   str(item.get("type") or item.get("medium") or "")))
    for raw, kind in candidates:
        if isinstance(raw, str) and kind.startswith("image"):
            url = absolute_url(raw, base, schemes=_HTTP)
            if url:
                return ImageRef(url)
    return None


def _is_whole_text(text: str, html: str) -> bool:
    """A description long enough, or with enough paragraphs, to be the article itself."""
    return len(text) > WHOLE_TEXT or html.lower().count("<p") >= 3


def advertised_feed(html: str, url: str) -> str | None:
    """The site's feed as its home page advertises it (`<link rel="alternate"
    type="application/rss+xml">`, the first that is not a comments feed), or None."""
    tree = LexborHTMLParser(html)
    found: list[str] = []
    for link in tree.css('link[rel~="alternate"]'):
        kind = (link.attributes.get("type") or "").lower()
        if kind not in ("application/rss+xml", "application/atom+xml"):
            continue
        href = absolute_url(link.attributes.get("href"), url, schemes=_HTTP)
        if href:
            found.append(href)
    posts = [href for href in found if "comments" not in href and "withcomments" not in href]
    chosen = posts or found
    return chosen[0] if chosen else None


def _without_entity_declarations(body: bytes) -> bytes:
    """`body` with the entity declarations of its prolog removed (an entity reference then stays
    literal text). feedparser's fallback parser expands declared entities with plain values
    itself, past expat's amplification limit: 280 kB declaring a 50 kB entity referenced 20,000
    times (quadratic blow-up) grew to gigabytes. A UTF-16/32 or EBCDIC document declaring any
    entity is refused whole (empty), as OPML import refuses DTDs."""
    if any(needle in body for needle in _WIDE_ENTITY):
        return b""
    start = re.search(rb"<\w", body)
    head_end = start.start() if start else len(body)
    if b"<!ENTITY" not in body[:head_end]:
        return body
    return _ENTITY_DECL.sub(b"", body[:head_end]) + body[head_end:]


def _valid_reference(match: re.Match[bytes]) -> bytes:
    hex_digits, decimal = match.group(1), match.group(2)
    digits = hex_digits or decimal
    if len(digits) <= 8:
        code = int(digits, 16 if hex_digits else 10)
        if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
            return match.group(0)
    return b"&#xFFFD;"


def _valid_references(body: bytes) -> bytes:
    """`body` with each character reference that names no character (`&#xD800;`, `&#0;`,
    `&#x110000;`, a hundred digits) replaced by U+FFFD's: feedparser raised UnicodeEncodeError
    or ValueError on them."""
    return _CHAR_REF.sub(_valid_reference, body) if b"&#" in body else body


def _charset_label(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'").lower() or None
    return None


def _as_utf8(body: bytes, headers: dict[str, str]) -> tuple[bytes, dict[str, str]]:
    """`body` and `headers` saying UTF-8, transcoded when the feed's own label was wrong.

    Persian sites send windows-1256 labelled UTF-8 and the reverse; feedparser trusts the label
    and makes mojibake of both. `decode_body` (the rule HTML and JSON answers already use:
    bytes that are valid UTF-8 are UTF-8, a label that doesn't fit the bytes is passed over)
    decides, and the feed goes on as UTF-8 with its declaration rewritten to match. ASCII,
    UTF-16/32 and already consistent UTF-8 feeds are left as they are."""
    if body.isascii() or body.startswith(_WIDE_BOMS) or b"\0" in body[:64]:
        return body, headers
    content_type = headers.get("content-type", "")
    declared = _XML_DECLARED.match(body)
    labels = {_charset_label(content_type), declared.group(2).decode().lower() if declared
              else None} - {None}
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if labels <= {"utf-8", "utf8"}:
            return body, headers
    text = decode_body(body, content_type)
    utf8 = text.encode("utf-8", "replace")
    declared = _XML_DECLARED.match(utf8)
    if declared:
        utf8 = utf8[:declared.start(2)] + b"utf-8" + utf8[declared.end(2):]
    kind = content_type.split(";")[0].strip() or "application/xml"
    return utf8, {**headers, "content-type": f"{kind}; charset=utf-8"}


def _open_elements(head: bytes) -> list[bytes]:
    """The names of the elements still open at the end of `head` (a feed's prolog and channel
    header), outermost first."""
    stack: list[bytes] = []
    for match in _TAG.finditer(_SKIPPED.sub(b"", head)):
        closing, name, empty = match.group(1), match.group(2), match.group(3)
        if closing:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name):]
        elif not empty:
            stack.append(name)
    return stack


def _still_open(body: bytes, start: int, end: int, opener: bytes, closer: bytes,
                was_open: bool) -> bool:
    opened, closed = body.rfind(opener, start, end), body.rfind(closer, start, end)
    return was_open if opened == closed == -1 else opened > closed


def _entry_starts(body: bytes) -> Iterator[re.Match[bytes]]:
    """The entry start tags of `body` outside comments and CDATA sections (each stretch of
    the body looked at once)."""
    marked = b"<!--" in body or b"<![CDATA[" in body
    previous, comment, cdata = 0, False, False
    for match in _ENTRY_START.finditer(body):
        if marked:
            position = match.start()
            comment = _still_open(body, previous, position, b"<!--", b"-->", comment)
            cdata = _still_open(body, previous, position, b"<![CDATA[", b"]]>", cdata)
            previous = position
            if comment or cdata:
                continue
        yield match


def first_entries(body: bytes, limit: int = MAX_ENTRIES) -> bytes:
    """`body` cut after its first `limit` entries (`<item>` or `<entry>`), its open elements
    closed again; `body` itself when it has no more. Done on the bytes before any parsing:
    a 16 MB feed of 340,000 tiny entries took 29 s and 414 MB parsed whole, only to keep 500."""
    starts = _entry_starts(body)
    first = next(starts, None)
    if first is None:
        return body
    cut = next((m for i, m in enumerate(starts, start=2) if i > limit), None)
    if cut is None:
        return body
    closing = b"".join(b"</" + name + b">" for name in reversed(_open_elements(
        body[:first.start()])))
    return body[:cut.start()] + closing


def parse_feed(body: bytes, url: str, headers: Mapping[str, str] | None = None, *,
               fast: bool = True) -> FeedResult:
    """The feed in `body` (fetched from `url`, with its response `headers`), as articles.

    A document that isn't a feed gives `is_feed=False` and no articles; any other failure to
    read it raises `ParseFailure` (the ingestion boundary, `client.ingest`), never another
    error. Article `source` is `url`; callers reading a WordPress site replace it. Plain
    UTF-8 RSS 2.0 is read by `feed_fast` (the same result, ~10× faster) unless `fast` is False.
    """
    with typed_errors(url, "feed"):
        return _parse_feed(_valid_references(first_entries(body)), url, headers, fast=fast)


def _parse_feed(body: bytes, url: str, headers: Mapping[str, str] | None, *,
                fast: bool) -> FeedResult:
    # Imported here: feedparser costs ~30 ms to import, and a refresh whose feeds all answer
    # 304 (or a module wanting only `post_id_from_url`) never needs it.
    import feedparser

    from madara_tui.client.feed_fast import fast_rss

    lowered = {k.lower(): v for k, v in (headers or {}).items()}
    body, lowered = _as_utf8(body, lowered)
    quick = fast_rss(body, url, lowered) if fast else None
    channel: Mapping[str, Any]
    entries: list[Any]
    if quick is not None:
        channel, entries = quick
        is_feed = True
    else:
        parsed = feedparser.parse(
            io.BytesIO(_without_entity_declarations(body)),
            response_headers={**lowered, "content-location": url},
            resolve_relative_uris=False,
            sanitize_html=False,
        )
        channel = parsed.get("feed", {})
        entries = parsed.get("entries", [])
        is_feed = bool(parsed.get("version")) or bool(entries)
    fallback_time = _time(channel) or _header_time(lowered) or datetime.now(UTC)
    articles: list[Article] = []
    seen: set[int] = set()
    for entry in entries[:MAX_ENTRIES]:
        article = _article(entry, url, fallback_time)
        if article is not None and article.id not in seen:
            seen.add(article.id)
            articles.append(article)
    link = channel.get("link") if isinstance(channel.get("link"), str) else ""
    return FeedResult(
        title=_text(channel, "title", MAX_TITLE),
        articles=articles,
        link=absolute_url(link, url, schemes=_HTTP) or "",
        is_feed=is_feed,
    )


__all__ = ["MAX_ENTRIES", "FeedResult", "advertised_feed", "first_entries", "parse_feed",
           "post_id_from_url", "stable_id"]
