"""Generated content is deterministic and servable; the bundled content loads and renders."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest

from madara_tui import locations
from madara_tui.demo import ContentError, DemoSite, load_content
from madara_tui.demo.generate import generate_content


def test_generation_is_deterministic() -> None:
    one, two = generate_content(2000, seed=7), generate_content(2000, seed=7)
    other = generate_content(2000, seed=8)
    assert [a.title for a in one.articles] == [a.title for a in two.articles]
    assert [a.date for a in one.articles] == [a.date for a in two.articles]
    sample = one.articles[1234]
    twin = two.by_id[sample.id]
    assert one.body(sample) == two.body(twin) and one.lead(sample) == two.lead(twin)
    assert one.related(sample) == two.related(twin)
    assert [a.title for a in one.articles] != [a.title for a in other.articles]
    assert [(c.id, c.text) for c in one.comments] == [(c.id, c.text) for c in two.comments]


def test_generated_size_and_shape() -> None:
    content = generate_content(100_000, seed=1, feeds=3)
    assert len(content.articles) == len(content.by_id) == 100_000
    assert len({a.slug for a in content.articles}) == 100_000
    dates = [a.date for a in content.articles]
    assert dates == sorted(dates, reverse=True)
    assert len(content.site.categories) >= 5
    article = content.articles[500]
    assert article.body is None and article.lead is None  # built on demand, not stored
    body = content.body(article)
    assert body and all(block.startswith("<") for block in body)
    assert any("\u200c" in a.title for a in content.articles[:200])  # real Persian, with ZWNJ


def test_generated_site_serves_posts_and_bench_feeds() -> None:
    content = generate_content(10_000, seed=3, feeds=4)
    with DemoSite(content) as site, httpx.Client() as http:
        response = http.get(f"{site.url}/wp-json/wp/v2/posts", params={"per_page": "100"})
        assert response.headers["x-wp-total"] == "10000"
        assert response.headers["x-wp-totalpages"] == "100"
        assert len(response.json()) == 100
        feed = http.get(f"{site.url}/feeds/3.xml")
        assert feed.status_code == 200
        assert len(ET.fromstring(feed.content).findall("channel/item")) == 50
        etag = feed.headers["etag"]
        cached = http.get(f"{site.url}/feeds/3.xml", headers={"If-None-Match": etag})
        assert cached.status_code == 304
        assert http.get(f"{site.url}/feeds/4.xml").status_code == 404
        link = response.json()[0]["link"]
        assert "کد خبر : " in http.get(link).text


def test_bad_content_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "site.json").write_text(json.dumps({"name": "x", "categories": []}))
    (tmp_path / "articles" / "1.json").write_text('{"id": 1, "slug": "a"}')
    with pytest.raises(ContentError, match=r"1\.json"):
        load_content(tmp_path)


def test_bundled_content_loads_and_renders() -> None:
    root = locations.demo_site_dir()
    if not any((root / "articles").glob("*.json")):
        pytest.skip("the bundled demo articles are not in this checkout yet")
    content = load_content()
    ids = set(content.by_id)
    slugs = {c.slug for c in content.site.categories}
    for article in content.articles:
        assert article.category in slugs, article.id
        assert set(article.related) <= ids, article.id
    comment_ids = {c.id for c in content.comments}
    assert len(comment_ids) == len(content.comments)
    assert all(c.parent == 0 or c.parent in comment_ids for c in content.comments)
    with DemoSite(content) as site, httpx.Client(follow_redirects=True) as http:
        for article in content.articles:
            page = http.get(f"{site.url}/?p={article.id}")
            assert page.status_code == 200 and f"کد خبر : {article.id}" in page.text
