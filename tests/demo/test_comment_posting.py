"""`POST /wp-comments-post.php` gives each of WordPress's answers, and what it accepts shows up
(or waits in moderation) in later reads."""

from __future__ import annotations

import re

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser

from madara_tui.demo import DemoSite

TRUSTED = "mahdi.r@example.com"  # has an approved comment in the fixtures


def form_fields(site: DemoSite, http: httpx.Client, post_id: int) -> list[tuple[str, str]]:
    """Every hidden input of the article page's comment form, as a client would send back."""
    location = http.get(f"{site.url}/?p={post_id}").headers["location"]
    tree = LexborHTMLParser(http.get(location).text)
    form = tree.css_first("form#commentform")
    assert form is not None
    return [(i.attributes["name"] or "", i.attributes["value"] or "")
            for i in form.css("input[type=hidden]")]


def post(site: DemoSite, http: httpx.Client, post_id: int = 900101, *, hidden: bool = True,
         **fields: str) -> httpx.Response:
    data = form_fields(site, http, post_id) if hidden else [("comment_post_ID", str(post_id))]
    values = {"author": "پریسا", "email": "parisa@example.com", "url": "",
              "comment": "نظر آزمایشی دربارهٔ این خبر."}
    values.update(fields)
    data += list(values.items())
    return http.post(f"{site.url}/wp-comments-post.php", data=dict(data))


def error_message(response: httpx.Response) -> str:
    tree = LexborHTMLParser(response.text)
    assert tree.body is not None and tree.body.attributes.get("id") == "error-page"
    message = tree.css_first("div.wp-die-message")
    assert message is not None
    return message.text()


def test_trusted_email_is_published(site: DemoSite, http: httpx.Client) -> None:
    response = post(site, http, email=TRUSTED, comment="این بار با نور گرم موافقم.")
    assert response.status_code == 302
    location = response.headers["location"]
    match = re.fullmatch(rf"{site.url}/2025/11/zayanderud-bridge-lighting/#comment-(\d+)",
                         location)
    assert match is not None
    new_id = int(match.group(1))
    comments = http.get(f"{site.url}/wp-json/wp/v2/comments", params={"post": "900101"}).json()
    assert new_id in {c["id"] for c in comments}
    page = http.get(location.split("#")[0]).text
    assert f'id="comment-{new_id}"' in page
    assert site.posted[-1].outcome == "published" and site.posted[-1].comment_id == new_id


def test_unknown_email_is_held(site: DemoSite, http: httpx.Client) -> None:
    response = post(site, http, comment_parent="5001")
    assert response.status_code == 302
    location = response.headers["location"]
    match = re.search(r"\?unapproved=(\d+)&moderation-hash=([0-9a-f]{32})#comment-(\d+)$",
                      location)
    assert match is not None and match.group(1) == match.group(3)
    held = int(match.group(1))
    comments = http.get(f"{site.url}/wp-json/wp/v2/comments", params={"post": "900101"}).json()
    assert held not in {c["id"] for c in comments}
    assert f'id="comment-{held}"' not in http.get(location.split("?")[0]).text
    own_view = http.get(location.split("#")[0]).text  # the visitor sees their own held comment
    assert f'id="comment-{held}"' in own_view and "در انتظار بررسی" in own_view
    assert site.posted[-1].outcome == "held"
    assert ("comment_parent", "5001") in site.posted[-1].form


def test_duplicate_is_409(site: DemoSite, http: httpx.Client) -> None:
    assert post(site, http, comment="همین یک جمله.").status_code == 302
    again = post(site, http, comment="همین یک جمله.")
    assert again.status_code == 409
    assert "تکراری" in error_message(again)
    assert [p.outcome for p in site.posted] == ["held", "duplicate"]


def test_flood_is_429(site: DemoSite, http: httpx.Client) -> None:
    site.flood_interval = 60
    assert post(site, http, comment="اولی").status_code == 302
    fast = post(site, http, comment="دومی", email="other@example.com")  # same IP
    assert fast.status_code == 429
    assert "سریع" in error_message(fast)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"author": ""}, "بخش‌های موردنیاز"),
        ({"email": ""}, "بخش‌های موردنیاز"),
        ({"email": "not-an-email"}, "ایمیل معتبر"),
        ({"comment": "   "}, "یک دیدگاه بنویسید"),
        ({"author": "ن" * 123}, "نام شما خیلی طولانی است"),  # 246 bytes
        ({"email": "a" * 60 + "@" + "b" * 40 + ".com"}, "ایمیل شما خیلی طولانی است"),
        ({"url": "https://example.org/" + "x" * 190}, "وب‌سایت شما خیلی طولانی است"),
        ({"comment": "د" * 32763}, "دیدگاه شما خیلی طولانی است"),  # 65526 bytes
    ],
)
def test_invalid_fields_get_a_200_error_page(site: DemoSite, http: httpx.Client,
                                             fields: dict[str, str], expected: str) -> None:
    response = post(site, http, 900101, hidden=True, **fields)
    assert response.status_code == 200
    assert expected in error_message(response)
    assert "خطا:" in error_message(response)
    assert site.posted[-1].outcome == "invalid"


def test_limits_are_bytes_not_characters(site: DemoSite, http: httpx.Client) -> None:
    response = post(site, http, author="ن" * 122, comment="د" * 32762)  # 244 / 65524 bytes
    assert response.status_code == 302


def test_closed_comments_are_403(site: DemoSite, http: httpx.Client) -> None:
    response = post(site, http, 900102, hidden=False)
    assert response.status_code == 403
    assert "بسته" in error_message(response)
    assert site.posted[-1].outcome == "closed"


def test_unknown_post_is_an_empty_200(site: DemoSite, http: httpx.Client) -> None:
    response = post(site, http, 123, hidden=False)
    assert response.status_code == 200 and response.content == b""
    assert site.posted[-1].outcome == "not_found"


def test_form_without_the_plugins_hidden_fields_is_refused(site: DemoSite,
                                                           http: httpx.Client) -> None:
    response = post(site, http, hidden=False)
    assert response.status_code == 403
    assert "منقضی" in error_message(response)
    forged = form_fields(site, http, 900101)
    forged = [(k, "0000000000" if k == "akismet_comment_nonce" else v) for k, v in forged]
    data = dict(forged) | {"author": "الف", "email": "a@example.com", "comment": "سلام"}
    assert http.post(f"{site.url}/wp-comments-post.php", data=data).status_code == 403
    assert [p.outcome for p in site.posted] == ["forbidden", "forbidden"]


def test_published_comment_changes_validators(site: DemoSite, http: httpx.Client) -> None:
    """The post's page changes with a published comment; the REST list, which (as WordPress's)
    carries no validators at all, lists it at once."""
    url = f"{site.url}/wp-json/wp/v2/comments?post=900101"
    page = f"{site.url}/2025/11/zayanderud-bridge-lighting/"
    before, before_page = http.get(url), http.get(page)
    assert "etag" not in before.headers and "last-modified" not in before.headers
    assert post(site, http, email=TRUSTED, comment="نظر تازه").status_code == 302
    after = http.get(url, headers={"If-None-Match": 'W/"any"'})
    assert after.status_code == 200 and len(after.json()) == len(before.json()) + 1
    changed = http.get(page, headers={"If-None-Match": before_page.headers["etag"]})
    assert changed.status_code == 200
