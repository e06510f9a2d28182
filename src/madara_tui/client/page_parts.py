"""Pieces of the article page found by their labels: meta lines, related news, the comment form.

Helpers of `madara_tui.client.page`; see its docstring for the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from madara_tui.client.feeds import post_id_from_url
from madara_tui.client.html_blocks import absolute_url, text_of_node
from madara_tui.models import CommentForm, Related
from madara_tui.text import clean_text, parse_persian_date, to_ascii_digits
from madara_tui.text.clean import repair_surrogates

_HTTP = frozenset({"http", "https"})
_SKIP = frozenset({"script", "style", "noscript", "template", "form", "textarea", "title"})
_SEP = r"[\s\u200c\u200f\u200e]*"
_LABELS = (
    ("code", rf"کد{_SEP}خبر", False),
    ("date", rf"(?:تاریخ{_SEP})?انتشار", False),
    ("category", rf"دسته{_SEP}بندی", False),
    ("category", r"سرویس", True),
    ("category", r"گروه", True),
)
_ANY_LABEL = re.compile("|".join(pattern for _kind, pattern, _colon in _LABELS))
_COLON = r"\s*([:：ː])?\s*"
_DIGITS = re.compile(r"[0-9۰-۹٠-٩]+")
_DATE = re.compile(
    r"[0-9۰-۹٠-٩]{2,4}\s*[/\-.]\s*[0-9۰-۹٠-٩]{1,2}\s*[/\-.]\s*[0-9۰-۹٠-٩]{1,2}"
    r"(?:\s*[-–،,]?\s*(?:ساعت\s*)?[0-9۰-۹٠-٩]{1,2}\s*:\s*[0-9۰-۹٠-٩]{2})?"
)
_RELATED = re.compile(r"^(?:اخبار|مطالب|خبرهای|خبر های)[\s\u200c]*مرتبط")
_PERMALINK_ID = re.compile(r"/(\d{5,12})(?:[/_-]|$)")


@dataclass(frozen=True, slots=True)
class MetaLabels:
    """The page's meta lines: news code (ASCII digits), publication instant, category."""

    code: str = ""
    published: datetime | None = None
    category: str = ""
    categories: tuple[str, ...] = ()
    """Every category the page links (the labelled one first)."""
    author: str = ""


def _skipped(node: LexborNode) -> bool:
    current = node.parent
    for _ in range(100):
        if current is None:
            return False
        if current.tag in _SKIP:
            return True
        current = current.parent
    return False


def _value_after(node: LexborNode, pattern: str, needs_colon: bool) -> str | None:
    """The text following a label in the label's own text node or its (grand)parent's text."""
    holder: LexborNode | None = node
    for _ in range(3):
        if holder is None:
            return None
        text = " ".join((holder.text(deep=True, separator=" ") or "").split())
        match = re.search(rf"(?:^|\s){pattern}{_COLON}(.*)$", text)
        if match is None:
            return None
        if needs_colon and not match.group(1):
            return None
        rest = match.group(2)
        following = _ANY_LABEL.search(rest)
        if following is not None:
            rest = rest[: following.start()]
        rest = rest.split("|")[0].strip(" :：")
        if rest:
            return rest
        holder = holder.parent
    return None


def _parse_date(value: str) -> datetime | None:
    parsed = parse_persian_date(value)
    if parsed is None:
        match = _DATE.search(value)
        parsed = parse_persian_date(match.group(0)) if match else None
    return parsed


def meta_labels(tree: LexborHTMLParser) -> MetaLabels:
    """`کد خبر`, the `انتشار` date and the category from their labels, with meta-tag fallbacks."""
    found: dict[str, str | datetime] = {}
    root = tree.body
    nodes = root.traverse(include_text=True) if root is not None else []
    for node in nodes:
        if node.tag != "-text" or len(found) == 3:
            continue
        text = " ".join((node.text_content or "").split())
        if not text or len(text) > 200 or _skipped(node):
            continue
        for kind, pattern, needs_colon in _LABELS:
            if kind in found or not re.search(rf"(?:^|[\s|،,؛]){pattern}(?:{_COLON}|$)", text):
                continue
            value = _value_after(node, pattern, needs_colon)
            if value is None:
                continue
            if kind == "code":
                digits = _DIGITS.search(value)
                if digits:
                    found[kind] = to_ascii_digits(digits.group(0))
            elif kind == "date":
                moment = _parse_date(value[:80])
                if moment is not None:
                    found[kind] = moment
            elif len(value) <= 80:
                found[kind] = clean_text(value)
    code = found.get("code")
    published = found.get("date")
    category = found.get("category")
    if not isinstance(published, datetime):
        published = _meta_date(tree)
    linked = category_links(tree)
    if not isinstance(category, str) or not category:
        category = linked[0] if linked else ""
    categories = tuple(dict.fromkeys(c for c in (category, *linked) if c))
    return MetaLabels(code if isinstance(code, str) else "", published, category, categories,
                      _author(tree))


def _is_category_link(anchor: LexborNode) -> bool:
    """A link to a category archive: `rel="category tag"` (classic themes), or `rel="tag"` to
    `/category/…` or `?cat=` or inside the Post Terms block of categories (block themes, which
    mark tags the same way)."""
    rel = (anchor.attributes.get("rel") or "").split()
    if "category" in rel:
        return True
    if "tag" not in rel:
        return False
    href = anchor.attributes.get("href") or ""
    if "/category/" in href or re.search(r"[?&]cat=\d", href):
        return True
    holder = anchor.parent
    for _ in range(3):
        if holder is None:
            break
        if "taxonomy-category" in (holder.attributes.get("class") or ""):
            return True
        holder = holder.parent
    return False


def category_links(tree: LexborHTMLParser) -> list[str]:
    """The names of the category archives the post links, in page order, each once."""
    names: list[str] = []
    for anchor in tree.css("a[rel][href]"):
        if _skipped(anchor) or not _is_category_link(anchor):
            continue
        name = text_of_node(anchor)
        if name and name not in names and len(name) <= 80:
            names.append(name)
    return names


def _author(tree: LexborHTMLParser) -> str:
    """The byline: `a[rel=author]`, the Post Author block's name, or `meta[name=author]`."""
    node = tree.css_first('a[rel~="author"]') or tree.css_first(
        ".wp-block-post-author__name, .wp-block-post-author-name")
    if node is not None:
        name = text_of_node(node)
        if name:
            return name[:200]
    meta = tree.css_first('meta[name="author"]')
    return clean_text((meta.attributes.get("content") or "")[:200]) if meta is not None else ""


def _meta_date(tree: LexborHTMLParser) -> datetime | None:
    meta = tree.css_first('meta[property="article:published_time"]')
    value = meta.attributes.get("content") if meta is not None else None
    if not value:
        node = tree.css_first("time[datetime]")
        value = node.attributes.get("datetime") if node is not None else None
    return aware_iso_time(value)


def aware_iso_time(value: str | None) -> datetime | None:
    """An ISO 8601 time that names its offset (a page's `datetime` attribute), else None."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


# -- related news ----------------------------------------------------------------------------


def _links(node: LexborNode, base: str) -> list[tuple[LexborNode, str]]:
    result = []
    for anchor in node.css("a[href]"):
        url = absolute_url(anchor.attributes.get("href"), base, schemes=_HTTP)
        if url is None or urlsplit(url).path.startswith(("/category/", "/tag/")):
            continue
        if url.split("#")[0] == base.split("#")[0]:
            continue
        result.append((anchor, url))
    return result


def _related_root(tree: LexborHTMLParser) -> LexborNode | None:
    root = tree.body
    for node in root.traverse(include_text=True) if root is not None else []:
        if node.tag != "-text" or not _RELATED.match((node.text_content or "").strip()):
            continue
        if _skipped(node) or node.parent is None:
            continue
        container = node.parent.parent
        for _ in range(4):
            if container is None or container.tag in ("body", "html"):
                return None
            if container.css_first("a[href]") is not None:
                return container
            container = container.parent
        return None
    return None


def _article_id(url: str) -> int | None:
    found = post_id_from_url(url)
    if found is None:
        match = _PERMALINK_ID.search(urlsplit(url).path)
        found = int(match.group(1)) if match else None
    return found


def _summary(item: LexborNode, title: str) -> str:
    for paragraph in item.css("p"):
        if paragraph.css_first("a[href]") is None:
            text = text_of_node(paragraph)
            if text and text != title:
                return text
    sibling = item.next
    for _ in range(6):
        if sibling is None:
            break
        if sibling.is_element_node:
            if sibling.css_first("a[href]") is not None or sibling.tag == "a":
                break
            text = text_of_node(sibling)
            if text and text != title:
                return text
        sibling = sibling.next
    return ""


def related_items(
    tree: LexborHTMLParser, url: str
) -> tuple[tuple[Related, ...], LexborNode | None]:
    """The `اخبار مرتبط` items and the element holding them (None when the page has none)."""
    root = _related_root(tree)
    if root is None:
        return (), None
    links = _links(root, url)
    by_url: dict[str, list[LexborNode]] = {}
    for anchor, target in links:
        by_url.setdefault(target, []).append(anchor)
    items: list[Related] = []
    for target, anchors in list(by_url.items())[:30]:
        title = next((t for t in (text_of_node(a) for a in anchors) if t), "")
        if not title:
            image = anchors[0].css_first("img[alt]")
            title = clean_text(image.attributes.get("alt") or "") if image is not None else ""
        if not title:
            continue
        item = anchors[0]
        while item.parent is not None and item.parent.mem_id != root.mem_id:
            others = {u for _a, u in _links(item.parent, url)}
            if others != {target}:
                break
            item = item.parent
        items.append(Related(title, target, _summary(item, title), _article_id(target)))
    return tuple(items), root


# -- comment form ----------------------------------------------------------------------------

_TEXT_INPUTS = frozenset({"", "text", "email", "url", "tel"})


def _find_form(tree: LexborHTMLParser) -> LexborNode | None:
    for form in tree.css("form"):
        action = form.attributes.get("action") or ""
        if "wp-comments-post" in action or form.css_first('textarea[name="comment"]') is not None:
            return form
    return None


def comment_form(tree: LexborHTMLParser, url: str, code: str) -> CommentForm | None:
    """The comment form with every hidden input (verbatim), visible fields and required ones."""
    form = _find_form(tree)
    if form is None:
        return None
    action = absolute_url(form.attributes.get("action"), url, schemes=_HTTP)
    action = action or urljoin(url, "/wp-comments-post.php")
    starred = {
        label.attributes.get("for") or ""
        for label in form.css("label[for]")
        if "*" in (label.text(deep=True) or "")
    }
    hidden: list[tuple[str, str]] = []
    fields: list[str] = []
    required: set[str] = set()
    for control in form.css("input, textarea"):
        attrs = control.attributes
        name = attrs.get("name") or ""
        if not name:
            continue
        kind = (attrs.get("type") or "").strip().lower()
        if control.tag == "input" and kind == "hidden":
            # Verbatim (the site checks them), but encodable: a lone surrogate can't be stored.
            hidden.append((repair_surrogates(name), repair_surrogates(attrs.get("value") or "")))
            continue
        if control.tag == "textarea" and name != "comment":
            # A honeypot kept empty by people: a browser submits it (empty), so do we.
            hidden.append((repair_surrogates(name),
                           repair_surrogates(control.text(deep=True) or "")))
            continue
        if control.tag == "input" and kind not in _TEXT_INPUTS:
            continue
        fields.append(name)
        if "required" in attrs or (attrs.get("aria-required") or "").lower() == "true":
            required.add(name)
        if (attrs.get("id") or "") in starred:
            required.add(name)
    post_ids = [value for name, value in hidden if name == "comment_post_ID"]
    digits = post_ids[0].strip() if post_ids else ""
    post_id = int(digits) if digits.isdigit() and len(digits) <= 12 else 0
    if not post_id and code.isdigit() and len(code) <= 12:
        post_id = int(code)
    return CommentForm(action, post_id, tuple(hidden), frozenset(required), tuple(fields))


__all__ = ["MetaLabels", "comment_form", "meta_labels", "related_items"]
