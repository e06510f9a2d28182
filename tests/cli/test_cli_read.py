"""`read`, `related` and `search` against the demo site."""

from __future__ import annotations

from datetime import UTC, datetime

from cli_env import Cli

from madara_tui.article_links import digits
from madara_tui.demo import DemoSite
from madara_tui.models import Article, Block, BlockKind, Link
from madara_tui.text import cell_width

PRESENTATION_FORMS = range(0xFB50, 0xFEFF)


def _shaped(text: str) -> bool:
    return any(ord(ch) in PRESENTATION_FORMS for ch in text)


def test_read_piped_is_logical_with_code_date_category(fetched: Cli, site: DemoSite) -> None:
    result = fetched("read", "331201")
    assert result.status == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == site.content.by_id[331201].title
    assert lines[1] == "کد خبر : ۳۳۱۲۰۱ | انتشار : ۱۴۰۵/۰۶/۱۲ - ۰۹:۲۰ | دسته‌بندی : شهری"
    assert not _shaped(result.out)  # logical order, unshaped: what grep expects
    assert "اخبار مرتبط:" in result.out
    english = fetched("read", "331201", options=("--lang", "en"))
    assert english.out.splitlines()[1].startswith("News code : 331201 |")


def test_read_takes_the_id_in_persian_digits(fetched: Cli, site: DemoSite) -> None:
    result = fetched("read", "۳۳۱۲۰۱")  # as `list` prints it
    assert result.status == 0, result.err
    assert result.out.splitlines()[0] == site.content.by_id[331201].title


def test_read_numbers_links_in_text_and_json(fetched: Cli) -> None:
    human = fetched("read", "331202")
    assert human.status == 0
    assert " [۱]" in human.out and "\n[۱] https://example.org/" in human.out
    data = fetched("read", "331202", "--json").json()["article"]
    assert data["links"][0]["n"] == 1 and data["links"][0]["url"].startswith("https://example.org/")
    block_links = [link for block in data["blocks"] for link in block["links"]]
    assert block_links and all(link["n"] is not None for link in block_links)
    block = next(b for b in data["blocks"] if b["links"])
    link = block["links"][0]
    assert block["text"][link["start"]:link["end"]] == data["links"][link["n"] - 1]["text"]
    assert data["code"] == "331202" and data["complete"] is True
    assert data["related"] and {"id", "title", "url", "summary", "computed"} == set(
        data["related"][0])


def test_read_app_mode_is_visual_and_fits_the_width(fetched: Cli) -> None:
    result = fetched("read", "331201", "--width", "50", options=("--bidi", "app"))
    assert result.status == 0
    assert _shaped(result.out)
    assert all(cell_width(line) <= 50 for line in result.out.splitlines())
    logical = fetched("read", "331201", "--width", "50", options=("--bidi", "terminal"))
    assert not _shaped(logical.out)
    assert all(cell_width(line) <= 50 for line in logical.out.splitlines())


def test_read_unknown_id_exits_3(fetched: Cli) -> None:
    result = fetched("read", "999999")
    assert result.status == 3
    assert "999999" in result.err and "پیدا نشد" in result.err
    english = fetched("read", "999999", options=("--lang", "en"))
    assert english.status == 3 and "no article with id 999999" in english.err


def test_read_uncached_article_comes_from_the_site(cli: Cli, site: DemoSite) -> None:
    result = cli("read", "331205", "--json")
    assert result.status == 0
    assert result.json()["article"]["title"] == site.content.by_id[331205].title


def test_read_offline_from_the_cache(fetched: Cli, site: DemoSite) -> None:
    assert fetched("read", "331210").status == 0
    site.stop()
    result = fetched("read", "331210", "--json", options=("--offline",))
    assert result.status == 0
    assert result.json()["article"]["code"] == "331210"
    # Never opened before, so only what the headlines carried: still readable.
    other = fetched("read", "331211", options=("--offline",))
    assert other.status == 0 and site.content.by_id[331211].title in other.out


def test_read_with_the_site_down_shows_the_cached_copy(fetched: Cli, site: DemoSite) -> None:
    site.stop()
    result = fetched("read", "331212")
    assert result.status == 0 and result.out.startswith(site.content.by_id[331212].title)
    missing = fetched("read", "999999")
    # Not cached, and the site could not be asked: that is what the user is told.
    assert missing.status == 1 and "سایت در دسترس نیست" in missing.err


def test_related_site_list_and_computed(fetched: Cli, site: DemoSite) -> None:
    given = fetched("related", "331201", "--json").json()
    titles = {site.content.by_id[i].title for i in (331202, 331213, 331223)}
    assert {r["title"] for r in given["related"]} == titles
    assert not any(r["computed"] for r in given["related"])
    computed = fetched("related", "331209")
    assert computed.status == 0 and "اخبار مرتبط (پیشنهاد برنامه):" in computed.out
    data = fetched("related", "331209", "--json").json()
    assert data["related"] and all(r["computed"] and r["id"] for r in data["related"])


def test_search_finds_across_spelling_variants(fetched: Cli) -> None:
    # «متروی» written with Arabic yeh still matches the Persian text.
    data = fetched("search", "متروي", "--json").json()
    assert data["query"] == "متروي" and data["results"]
    for hit in data["results"]:
        for start, end in hit["hits"]:
            assert 0 <= start < end <= len(hit["snippet"])
    human = fetched("search", "مترو", "--limit", "2")
    assert human.status == 0
    assert "۳۳۱۲۰۱" in human.out or "۳۳۱۲۳۶" in human.out  # Persian digits, as `list`
    nothing = fetched("search", "واژه‌ای‌که‌نیست")
    assert nothing.status == 0 and "نتیجه‌ای پیدا نشد" in nothing.err


def test_read_numbers_links_as_the_reader_does(fetched: Cli) -> None:
    """`read` promises the article as the reader shows it: the same « [n]» after the same link
    text, and its link list is the reader's, number for number."""
    from madara_tui.store import Store
    from madara_tui.ui.article_text import article_pieces

    human = fetched("read", "331202")
    assert human.status == 0, human.err
    store = Store(fetched.data_dir)
    try:
        article = store.find_article(331202)
    finally:
        store.close()
    assert article is not None
    pieces, links = article_pieces(article, "fa")
    assert links
    linked = [piece.text for piece in pieces if piece.spans]
    assert linked and all(text in human.out for text in linked)
    listed = [line for line in human.out.splitlines() if line.startswith("[")]
    assert listed == [f"[{digits(link.number, 'fa')}] {link.url}" for link in links]


def test_a_url_linked_twice_gets_two_numbers_in_both_front_ends() -> None:
    """Each link in the text has its own number, a picture none, an overlapping link none —
    the same in `read`'s text, its JSON and the reader's pieces."""
    from madara_tui.article_links import linked_blocks
    from madara_tui.commands.json_output import article_json
    from madara_tui.commands.read import block_text
    from madara_tui.ui.article_text import article_pieces

    same = "https://example.org/a"
    article = Article(
        id=1, source="https://example.test", url="https://example.test/?p=1", title="عنوان",
        published=datetime(2026, 11, 1, tzinfo=UTC),
        blocks=(
            Block(BlockKind.PARAGRAPH, "اول دوم", links=(Link(0, 3, same), Link(1, 4, same),
                                                          Link(4, 7, same))),
            Block(BlockKind.IMAGE, "عکس", src="https://example.test/p.png"),
            Block(BlockKind.PARAGRAPH, "سوم", links=(Link(0, 3, "https://example.org/b"),)),
        ))
    blocks = linked_blocks(article, "fa")
    texts = [block_text(block, linked, "fa") for block, linked in blocks]
    pieces, links = article_pieces(article, "fa")
    assert [link.number for link in links] == [1, 2, 3]
    assert texts[0] == "اول [۱] دوم [۲]" and texts[2] == "سوم [۳]"
    assert [p.text for p in pieces if p.spans] == [texts[0], texts[2]]
    shape = article_json(article, blocks, [])
    assert [link["n"] for link in shape["blocks"][0]["links"]] == [1, None, 2]
    assert [(link["n"], link["url"]) for link in shape["links"]] == [
        (1, same), (2, same), (3, "https://example.org/b")]
