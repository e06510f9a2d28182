"""A link to another article of the same site (`?p=N` or its permalink) opens in the reader,
and Esc comes back to the article it was in; other links still ask before a browser opens."""

from __future__ import annotations

from reader_harness import SIZE, Captured, build_app, settle, until

from madara_tui.models import Block, BlockKind, Link
from madara_tui.records import replace
from madara_tui.runtime import Runtime
from madara_tui.ui.screens.article import ArticleScreen
from madara_tui.ui.screens.dialogs import ConfirmOpenScreen

LINKING = 777100


async def test_same_site_links_open_in_the_reader(filled: Runtime, captured: Captured) -> None:
    site = filled.config.site or ""
    base = filled.store.article(site, 331202)
    target = filled.store.article(site, 331213)
    assert base is not None and target is not None
    text = "خبر نخست، خبر دوم و یک پیوند بیرونی."
    links = (Link(0, 8, f"{site}/?p=331201"), Link(10, 17, target.url + "#comments"),
             Link(22, 34, "https://example.org/elsewhere"))
    filled.store.upsert_articles([replace(base, id=LINKING, url=f"{site}/?p={LINKING}",
                                          blocks=(Block(BlockKind.PARAGRAPH, text, links),),
                                          complete=True)])
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(ArticleScreen(site, LINKING))
        await settle(pilot)
        linking = app.screen
        assert isinstance(linking, ArticleScreen)
        await until(pilot, lambda: len(linking.links) == 3)
        for key, wanted in (("1", 331201), ("2", 331213)):
            await pilot.press(key)
            await until(pilot, lambda: app.screen is not linking)
            opened = app.screen
            assert isinstance(opened, ArticleScreen) and opened.article_id == wanted
            assert captured.opened == []
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is linking)
        await pilot.press("3")
        await until(pilot, lambda: isinstance(app.screen, ConfirmOpenScreen))
