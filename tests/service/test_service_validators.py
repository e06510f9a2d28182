"""A refresh reads the validators once, and writes the new ones only once it has stored all."""

from __future__ import annotations

import pytest
from service_env import Env

from madara_tui.demo import DemoSite
from madara_tui.models import Source
from madara_tui.service.validators import BufferedValidators
from madara_tui.store import Store


def test_buffered_validators_list_only_changes() -> None:
    buffered = BufferedValidators({"http://a/": ('"1"', None)})
    buffered.put_validators("http://a/", '"1"', None)  # as known: nothing to write
    buffered.put_validators("http://b/", None, "Wed, 22 Jan 2025 05:45:00 GMT")
    assert buffered.get_validators("http://b/") == (None, "Wed, 22 Jan 2025 05:45:00 GMT")
    assert buffered.get_validators("http://c/") == (None, None)
    assert buffered.pending() == [("http://b/", None, "Wed, 22 Jan 2025 05:45:00 GMT")]


async def test_validators_are_written_after_the_refresh(env: Env, site: DemoSite) -> None:
    service = env.service()
    feed = f"{site.url}/category/isfahan/feed/"
    await service.add_sources([Source(url=feed, kind="feed")])
    seen_during: list[tuple[str | None, str | None]] = []
    original = Store.upsert_articles

    def spy(store: Store, articles: object) -> object:
        seen_during.append(store.get_validators(feed))
        return original(store, articles)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Store, "upsert_articles", spy)
        report = await service.refresh()
    assert report.ok and seen_during and set(seen_during) == {(None, None)}
    assert service.store.get_validators(feed) != (None, None)
    assert service.fetcher is not None and service.fetcher.validators is service.store
    again = await service.refresh()
    assert all(source.not_modified for source in again.sources)


async def test_a_failed_refresh_writes_no_validators(env: Env, site: DemoSite) -> None:
    service = env.service()
    feed = f"{site.url}/category/isfahan/feed/"
    await service.add_sources([Source(url=feed, kind="feed")])

    def broken(store: Store, articles: object) -> object:
        raise OSError("disk full")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Store, "upsert_articles", broken)
        with pytest.raises(OSError):
            await service.refresh()
    assert service.store.get_validators(feed) == (None, None)
    assert service.fetcher is not None and service.fetcher.validators is service.store
    after = (await service.refresh()).sources
    assert all(not source.not_modified for source in after), after
