"""Reading a real WordPress in each configuration: headlines, an article, its comments, through
the CLI (and with it the service and the client), checked against what the site's database
holds."""

from __future__ import annotations

import re
from typing import Any

import pytest
from wp_cli import WpCli
from wp_seed import IMAGE_ALT, THREAD
from wp_server import WordPressServer

REST_CLOSED = {"rest": "closed_401"}


def _article(cli: WpCli, post_id: int) -> dict[str, Any]:
    read = cli("read", str(post_id), "--json")
    assert read.status == 0, read.err
    article: dict[str, Any] = read.json()["article"]
    return article


@pytest.mark.parametrize(("switches", "way", "passed_over"), [
    ({}, "REST API (/wp-json/)", []),
    ({"permalink_structure": ""}, "REST API (?rest_route=)", ["HTTP 200, text/html"]),
    (REST_CLOSED, "/feed/", ["HTTP 401 rest_not_logged_in"] * 2),
    ({"rest": "closed_403"}, "/feed/", ["HTTP 403, text/html"] * 2),
    ({"permalink_structure": "", **REST_CLOSED}, "/?feed=rss2",
     ["HTTP 200, text/html", "HTTP 401 rest_not_logged_in"]),
])
def test_fetch_reads_headlines_and_names_the_way(
        wp: WordPressServer, cli: WpCli, switches: dict[str, str], way: str,
        passed_over: list[str]) -> None:
    """A closed API (401 JSON or a 403 HTML page) leads to the feed — `/?feed=rss2` with plain
    permalinks — and the summary says which way was used and why the others were not."""
    wp.configure(**switches)
    fetched = cli("fetch")
    assert fetched.status == 0, fetched.err
    assert way in fetched.out
    assert re.findall(r"به کار نرفت: (.*)", fetched.out) == passed_over
    published = {row[0] for row in wp.sql(
        "SELECT post_title FROM wp_posts WHERE post_type = 'post' AND post_status = 'publish'")}
    listed = cli("list", "--json", "--limit", "1000").json()["headlines"]
    newest = wp.sql(f"SELECT post_title FROM wp_posts WHERE ID = {wp.ids['newest']}")[0][0]
    assert listed[0]["title"] == newest
    assert len(listed) >= 30 and {h["title"] for h in listed} <= published


@pytest.mark.parametrize("switches", [{}, REST_CLOSED, {**REST_CLOSED, "rss_use_excerpt": True},
                                      {**REST_CLOSED, "theme": "twentytwentyone"}])
def test_an_article_has_its_text_lead_categories_author_and_time(
        wp: WordPressServer, cli: WpCli, switches: dict[str, Any]) -> None:
    """The full text (the page's, when the feed has only the excerpt) is the body, once; the
    manual excerpt is the lead; both categories and the author; the time at Tehran's offset."""
    wp.configure(**switches)
    post = wp.ids["two_categories"]
    title, excerpt, content, published = wp.sql(
        "SELECT post_title, post_excerpt, REPLACE(post_content, '\\n', ' '), post_date "
        f"FROM wp_posts WHERE ID = {post}")[0]
    names = [row[0] for row in wp.sql(
        "SELECT t.name FROM wp_terms t JOIN wp_term_taxonomy x USING (term_id) JOIN "
        "wp_term_relationships r USING (term_taxonomy_id) "
        f"WHERE r.object_id = {post} AND x.taxonomy = 'category'")]
    author = wp.sql("SELECT display_name FROM wp_users u JOIN wp_posts p ON p.post_author = u.ID "
                    f"WHERE p.ID = {post}")[0][0]
    article = _article(cli, _listed_id(cli, wp, post))
    assert article["title"] == title and article["complete"] is True
    assert article["lead"] == excerpt
    body = [b["text"] for b in article["blocks"]]
    first_paragraph = re.sub(r"<[^>]+>", "", content.split("</p>")[0])
    assert body[0] == first_paragraph.strip()
    assert excerpt not in body and len(body) == content.count("<p>") + content.count("<h3>") \
        + content.count("<li>") - content.count("<blockquote><p>")
    assert sorted(article["categories"]) == sorted(names) and len(names) == 2
    assert article["author"] == author
    assert article["published"] == published.replace(" ", "T") + "+03:30"


def _listed_id(cli: WpCli, wp: WordPressServer, post: int) -> int:
    """The id the reader lists the post under: its WordPress id over REST (read at once, no
    fetch needed); through the feed, found by title after a fetch (a guid that is the pretty
    permalink gives a stable id of its own)."""
    if wp.config["rest"] == "open":
        return post
    if not cli.data_dir.exists():
        assert cli("fetch").status == 0
    listed = cli("list", "--json", "--limit", "1000").json()["headlines"]
    title = wp.sql(f"SELECT post_title FROM wp_posts WHERE ID = {post}")[0][0]
    return int(next(h["id"] for h in listed if h["title"] == title))


@pytest.mark.parametrize("switches", [{}, REST_CLOSED, {**REST_CLOSED, "theme": "twentytwentyone"},
                                      {"permalink_structure": "", **REST_CLOSED}])
def test_comments_are_read_threaded_and_only_approved(
        wp: WordPressServer, cli: WpCli, switches: dict[str, str]) -> None:
    """With the API closed the comments come from the article page (`<ol class="children">`);
    every way gives the approved comments of the database with their threads."""
    wp.configure(**switches)
    post = wp.ids["discussed"]
    listed = cli("comments", str(_listed_id(cli, wp, post)), "--json")
    assert listed.status == 0, listed.err
    got = listed.json()["comments"]
    approved = [c for c in wp.comments_of(post) if c["approved"] == "1"]
    assert len(approved) == len(THREAD) == 4
    assert [(c["id"], c["parent"], c["author"], c["text"]) for c in got] == [
        (int(c["id"]), int(c["parent"]), c["author"], c["content"]) for c in approved]
    assert all(c["date"].endswith("+03:30") for c in got)


@pytest.mark.parametrize("key", ["draft", "private", "scheduled"])
@pytest.mark.parametrize("switches", [{}, REST_CLOSED])
def test_unpublished_posts_do_not_exist_for_a_reader(
        wp: WordPressServer, cli: WpCli, key: str, switches: dict[str, str]) -> None:
    wp.configure(**switches)
    read = cli("read", str(wp.ids[key]))
    assert read.status == 3, read.err
    assert str(wp.ids[key]) in read.err or "یافت نشد" in read.err or "پیدا نشد" in read.err


@pytest.mark.parametrize("switches", [{}, REST_CLOSED])
def test_an_automatic_excerpt_is_not_a_lead(wp: WordPressServer, cli: WpCli,
                                            switches: dict[str, str]) -> None:
    """A post without a manual excerpt: WordPress sends its first words and ` […]`."""
    wp.configure(**switches)
    assert wp.sql(f"SELECT post_excerpt FROM wp_posts WHERE ID = {wp.ids['no_excerpt']}") == [[""]]
    article = _article(cli, _listed_id(cli, wp, wp.ids["no_excerpt"]))
    assert article["lead"] == "" and article["blocks"][0]["text"]


def test_the_featured_image_is_kept(wp: WordPressServer, cli: WpCli) -> None:
    image = _article(cli, wp.ids["newest"])["featured_image"]
    guid = wp.sql(f"SELECT guid FROM wp_posts WHERE ID = {wp.image_id}")[0][0]
    assert image == {"url": guid, "alt": IMAGE_ALT}


def test_read_json_carries_the_thread(wp: WordPressServer, cli: WpCli) -> None:
    article = _article(cli, wp.ids["discussed"])
    assert [(c["id"], c["parent"]) for c in article["comments"]] == [
        (wp.comment_ids[k], wp.comment_ids.get(p, 0)) for k, p, _a, _t in THREAD]


@pytest.mark.parametrize("switches", [{}, REST_CLOSED])
def test_older_posts_are_reachable(wp: WordPressServer, cli: WpCli,
                                   switches: dict[str, str]) -> None:
    """A refresh reads the newest pages; `fetch --older N` the rest, down to the oldest post."""
    wp.configure(**switches)
    assert cli("fetch").status == 0
    older = cli("fetch", "--older", "20")
    assert older.status == 0, older.err
    assert "older headlines: page 1 of 20" in cli("--lang", "en", "fetch", "--older", "1").err \
        or "صفحهٔ" in older.err
    listed = cli("list", "--json", "--limit", "1000").json()["headlines"]
    published = int(wp.sql("SELECT COUNT(*) FROM wp_posts WHERE post_type = 'post' "
                           "AND post_status = 'publish'")[0][0])
    assert published == 155 and len(listed) == published
    oldest = wp.sql(f"SELECT post_title FROM wp_posts WHERE ID = {wp.ids['oldest']}")[0][0]
    assert listed[-1]["title"] == oldest


def test_an_unchanged_refresh_costs_one_small_request(wp: WordPressServer, cli: WpCli) -> None:
    """WordPress sends no ETag on REST answers: the second refresh asks only for posts modified
    since the newest one seen, and gets an empty list."""
    assert cli("fetch").status == 0
    before = len(wp.requests())
    again = cli("--lang", "en", "fetch")
    assert again.status == 0 and "not modified" in again.out
    asked = wp.requests()[before:]
    assert len(asked) == 1 and "modified_after=" in asked[0], asked
    wp.sql(f"UPDATE wp_posts SET post_title = CONCAT(post_title, ' (ویرایش)'), "
           "post_modified_gmt = UTC_TIMESTAMP(), post_modified = UTC_TIMESTAMP() "
           f"+ INTERVAL 210 MINUTE WHERE ID = {wp.ids['p20']}")
    changed = cli("--lang", "en", "fetch")
    assert "0 new, 1 updated" in changed.out, changed.out
