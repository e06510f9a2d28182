"""The REST API answers like WordPress: fields, filters, pagination headers, errors, rest_route."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from madara_tui.demo import DemoSite


def get_json(http: httpx.Client, url: str, **params: str) -> tuple[httpx.Response, Any]:
    response = http.get(url, params=params)
    return response, response.json()


def test_posts_list_fields_and_headers(site: DemoSite, http: httpx.Client) -> None:
    response, posts = get_json(http, f"{site.url}/wp-json/wp/v2/posts")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=UTF-8"
    assert response.headers["x-wp-total"] == "3"
    assert response.headers["x-wp-totalpages"] == "1"
    assert isinstance(posts, list)
    assert [p["id"] for p in posts] == [900101, 900102, 900103]  # newest first
    first = posts[0]
    assert first["date"] == "2025-11-06T09:15:00"  # site-local, no offset
    assert first["date_gmt"] == "2025-11-06T05:45:00"
    assert first["link"] == f"{site.url}/2025/11/zayanderud-bridge-lighting/"
    assert first["title"]["rendered"].startswith("نورپردازی")
    assert first["excerpt"]["rendered"].startswith("<p>معاون عمران")
    assert "<h3>هزینه و زمان‌بندی</h3>" in first["content"]["rendered"]
    assert first["categories"] == [3] and first["tags"] == []
    assert first["comment_status"] == "open" and posts[1]["comment_status"] == "closed"
    assert "_embedded" not in first


def test_json_is_escaped_like_wp_json_encode(site: DemoSite, http: httpx.Client) -> None:
    raw = http.get(f"{site.url}/wp-json/wp/v2/posts/900101").text
    assert "\\/" in raw and "\\u0646" in raw  # slashes and non-ASCII escaped
    assert raw.isascii()


def test_comment_fields_are_rendered_like_wordpress(site: DemoSite, http: httpx.Client) -> None:
    comments = http.get(f"{site.url}/wp-json/wp/v2/comments", params={"post": "900101"}).json()
    quoted = next(c for c in comments if c["id"] == 5003)
    assert quoted["author_name"] == 'کاربر "ناشناس"'
    two_paragraphs = next(c for c in comments if c["id"] == 5002)["content"]["rendered"]
    assert two_paragraphs.count("<p>") == 2  # wpautop: a blank line starts a paragraph


def test_pagination_and_link_header(site: DemoSite, http: httpx.Client) -> None:
    url = f"{site.url}/wp-json/wp/v2/posts"
    response, posts = get_json(http, url, per_page="2", page="1")
    assert response.headers["x-wp-totalpages"] == "2"
    assert [p["id"] for p in posts] == [900101, 900102]
    assert 'rel="next"' in response.headers["link"]
    assert "page=2" in response.headers["link"]
    response, posts = get_json(http, url, per_page="2", page="2")
    assert [p["id"] for p in posts] == [900103]
    assert 'rel="prev"' in response.headers["link"] and 'rel="next"' not in response.headers["link"]


def test_page_past_the_end_is_400(site: DemoSite, http: httpx.Client) -> None:
    response, body = get_json(http, f"{site.url}/wp-json/wp/v2/posts", per_page="2", page="3")
    assert response.status_code == 400
    assert body["code"] == "rest_post_invalid_page_number"
    assert body["data"]["status"] == 400


@pytest.mark.parametrize("params", [{"per_page": "101"}, {"per_page": "0"}, {"page": "0"},
                                    {"page": "x"}, {"categories": "a"}])
def test_invalid_params_are_400(site: DemoSite, http: httpx.Client,
                                params: dict[str, str]) -> None:
    response, body = get_json(http, f"{site.url}/wp-json/wp/v2/posts", **params)
    assert response.status_code == 400
    assert body["code"] == "rest_invalid_param"


def test_search_category_and_include_filters(site: DemoSite, http: httpx.Client) -> None:
    url = f"{site.url}/wp-json/wp/v2/posts"
    _, found = get_json(http, url, search="زعفران")
    assert [p["id"] for p in found] == [900103]
    _, found = get_json(http, url, search="کلوین")  # matches body text only
    assert [p["id"] for p in found] == [900101]
    response, found = get_json(http, url, search="هیچ‌چیز-نیست")
    assert found == [] and response.headers["x-wp-total"] == "0"
    _, found = get_json(http, url, categories="5,7")
    assert [p["id"] for p in found] == [900102, 900103]
    _, found = get_json(http, url, include="900103,900101")
    assert [p["id"] for p in found] == [900103, 900101]
    _, found = get_json(http, url, orderby="date", order="asc")
    assert [p["id"] for p in found] == [900103, 900102, 900101]


def test_embed_honors_the_list(site: DemoSite, http: httpx.Client) -> None:
    url = f"{site.url}/wp-json/wp/v2/posts"
    _, posts = get_json(http, url, _embed="author,wp:term,wp:featuredmedia")
    first = posts[0]
    embedded = first["_embedded"]
    assert embedded["author"][0]["name"] == "نرگس فروغی"
    assert embedded["wp:term"][0][0] == {**embedded["wp:term"][0][0], "name": "اصفهان",
                                         "taxonomy": "category", "id": 3}
    media = embedded["wp:featuredmedia"][0]
    assert first["featured_media"] == media["id"] != 0
    assert media["source_url"] == f"{site.url}/wp-content/uploads/2025/11/khaju.jpg"
    _, posts = get_json(http, url, _embed="author")
    assert set(posts[0]["_embedded"]) == {"author"}
    _, posts = get_json(http, url, _embed="1")
    assert set(posts[0]["_embedded"]) == {"author", "wp:term", "wp:featuredmedia"}


def test_single_post_and_404(site: DemoSite, http: httpx.Client) -> None:
    response, post = get_json(http, f"{site.url}/wp-json/wp/v2/posts/900102")
    assert response.status_code == 200 and post["slug"] == "bus-line-14-extended"
    response, body = get_json(http, f"{site.url}/wp-json/wp/v2/posts/1")
    assert response.status_code == 404
    assert body["code"] == "rest_post_invalid_id"
    response, body = get_json(http, f"{site.url}/wp-json/wp/v2/nothing")
    assert response.status_code == 404 and body["code"] == "rest_no_route"


def test_categories_paginated(site: DemoSite, http: httpx.Client) -> None:
    response, cats = get_json(http, f"{site.url}/wp-json/wp/v2/categories", per_page="2")
    assert response.headers["x-wp-total"] == "3" and response.headers["x-wp-totalpages"] == "2"
    assert len(cats) == 2
    _, rest = get_json(http, f"{site.url}/wp-json/wp/v2/categories", per_page="2", page="2")
    everything = [*cats, *rest]
    by_slug = {c["slug"]: c for c in everything}
    assert by_slug["isfahan"]["count"] == 1 and by_slug["isfahan"]["name"] == "اصفهان"
    assert by_slug["city"]["link"] == f"{site.url}/category/city/"
    response, _ = get_json(http, f"{site.url}/wp-json/wp/v2/categories", page="3", per_page="2")
    assert response.status_code == 400


def test_comments_approved_threaded_paginated(site: DemoSite, http: httpx.Client) -> None:
    url = f"{site.url}/wp-json/wp/v2/comments"
    response, comments = get_json(http, url, post="900101")
    assert response.headers["x-wp-total"] == "3"
    assert [c["id"] for c in comments] == [5003, 5002, 5001]
    reply = next(c for c in comments if c["id"] == 5002)
    assert reply["parent"] == 5001 and reply["post"] == 900101
    assert "email" not in reply and "author_email" not in reply
    assert reply["link"].endswith("/2025/11/zayanderud-bridge-lighting/#comment-5002")
    response, page2 = get_json(http, url, post="900101", per_page="2", page="2")
    assert [c["id"] for c in page2] == [5001]
    _, top = get_json(http, url, post="900101", parent="0")
    assert {c["id"] for c in top} == {5001, 5003}
    response, _ = get_json(http, url, post="900101", page="9")
    assert response.status_code == 400
    _, none = get_json(http, url, post="900103")
    assert none == []


def test_rest_route_mirrors_wp_json(site: DemoSite, http: httpx.Client) -> None:
    pretty = http.get(f"{site.url}/wp-json/wp/v2/posts", params={"per_page": "1"})
    plain = http.get(f"{site.url}/", params={"rest_route": "/wp/v2/posts", "per_page": "1"})
    assert plain.status_code == 200 and plain.json() == pretty.json()
    assert "rest_route=%2Fwp%2Fv2%2Fposts" in plain.headers["link"]
    assert "page=2" in plain.headers["link"]
    one = http.get(f"{site.url}/", params={"rest_route": "/wp/v2/posts/900103"})
    assert one.json()["id"] == 900103
    missing = http.get(f"{site.url}/", params={"rest_route": "/wp/v2/posts/5"})
    assert missing.status_code == 404
    cats = http.get(f"{site.url}/", params={"rest_route": "/wp/v2/categories"})
    comments = http.get(f"{site.url}/", params={"rest_route": "/wp/v2/comments",
                                                "post": "900101"})
    assert len(cats.json()) == 3 and len(comments.json()) == 3
    past = http.get(f"{site.url}/", params={"rest_route": "/wp/v2/posts", "page": "5"})
    assert past.status_code == 400
    assert json.loads(past.text)["code"] == "rest_post_invalid_page_number"


def test_date_filters_and_no_validators_like_wordpress(site: DemoSite,
                                                       http: httpx.Client) -> None:
    """`after`, `before`, `modified_after` (ISO 8601, the site's time without an offset), and
    no ETag or Last-Modified on REST answers — as the real WordPress answers."""
    url = f"{site.url}/wp-json/wp/v2/posts"
    response, _posts = get_json(http, url)
    assert "etag" not in response.headers and "last-modified" not in response.headers
    _r, newer = get_json(http, url, after="2025-11-06T09:00:00")
    assert [p["id"] for p in newer] == [900101]
    _r, older = get_json(http, url, before="2025-11-06T05:45:00+00:00")
    assert 900101 not in [p["id"] for p in older] and older
    _r, changed = get_json(http, url, modified_after="2030-01-01T00:00:00")
    assert changed == []
    bad, error = get_json(http, url, before="yesterday")
    assert bad.status_code == 400 and error["code"] == "rest_invalid_param"
