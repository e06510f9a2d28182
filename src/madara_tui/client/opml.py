"""OPML import and export of sources.

Import parses with defusedxml: DTDs, entity declarations (billion laughs) and external entities are
refused outright (`ParseFailure`). Only http(s) feed URLs are taken — an OPML file is untrusted
input, and feed readers have run commands from crafted ones (newsboat #3400). Titles are cleaned.
Export writes OPML 2.0; a WordPress site (rather than a plain feed) is marked
`sourceKind="wordpress"`, an attribute other readers ignore.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.etree.ElementTree import Element, SubElement, tostring

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException

from madara_tui.client.errors import ParseFailure
from madara_tui.client.html_blocks import absolute_url
from madara_tui.models import Source
from madara_tui.text import clean_text

MAX_OUTLINES = 5_000
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_HTTP = frozenset({"http", "https"})


def parse_opml(data: bytes) -> list[Source]:
    """The sources listed in an OPML document (folders become `Source.category`).

    Raises `ParseFailure` for malformed XML or any entity/DTD trickery.
    """
    try:
        root = SafeElementTree.fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, SafeElementTree.ParseError, ValueError) as exc:
        raise ParseFailure("", f"OPML: {exc}") from exc
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise ParseFailure("", "not an OPML document")
    sources: list[Source] = []
    seen: set[str] = set()
    stack = [(outline, "") for outline in reversed(body.findall("outline"))]
    while stack and len(sources) < MAX_OUTLINES:
        outline, folder = stack.pop()
        title = clean_text(outline.get("title") or outline.get("text") or "")
        feed = outline.get("xmlUrl") or outline.get("xmlurl")
        if feed is None:
            children = outline.findall("outline")
            stack.extend((child, title or folder) for child in reversed(children))
            continue
        url = absolute_url(feed, "", schemes=_HTTP)
        if url is None or url in seen:
            continue
        seen.add(url)
        kind = "wordpress" if outline.get("sourceKind") == "wordpress" else "feed"
        sources.append(Source(url=url, title=title, kind=kind, category=folder))
    return sources


def write_opml(sources: Iterable[Source], title: str = "madara-tui") -> str:
    """An OPML 2.0 document listing `sources`, grouped in folders by their category."""
    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = title
    body = SubElement(root, "body")
    folders: dict[str, Element] = {}
    for source in sources:
        parent = body
        if source.category:
            if source.category not in folders:
                folder = _NOT_XML.sub("", source.category)
                folders[source.category] = SubElement(body, "outline", text=folder, title=folder)
            parent = folders[source.category]
        name = _NOT_XML.sub("", clean_text(source.title)) or source.url
        attrs = {"type": "rss", "text": name, "title": name, "xmlUrl": _NOT_XML.sub("", source.url)}
        if source.kind == "wordpress":
            attrs["sourceKind"] = "wordpress"
            attrs["htmlUrl"] = source.url
        SubElement(parent, "outline", attrs)
    xml: str = tostring(root, encoding="unicode", xml_declaration=False)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"


__all__ = ["parse_opml", "write_opml"]
