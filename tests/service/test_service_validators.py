"""A refresh reads the validators once, and writes the new ones only once it has stored all."""

from __future__ import annotations

import pytest
from service_env import Env

from madara_tui.client.validators import Validators
from madara_tui.demo import DemoSite
from madara_tui.models import Source
from madara_tui.store import Store


def test_the_client_keeps_answers_apart_until_they_are_saved() -> None:
    validators = Validators()
    validators.load({"http://a/": ('"1"', None)})
    validators.put_validators("http://a/", '"1"', None)  # as known: nothing to write
    validators.put_validators("http://b/", None, "Wed, 22 Jan 2025 05:45:00 GMT")
    assert validators.get_validators("http://b/") == (None, "Wed, 22 Jan 2025 05:45:00 GMT")
    assert validators.get_validators("http://c/") == (None, None)
    assert validators.take_pending() == [("http://b/", None, "Wed, 22 Jan 2025 05:45:00 GMT")]
    assert validators.take_pending() == []  # saved now
    assert validators.get_validators("http://b/") == (None, "Wed, 22 Jan 2025 05:45:00 GMT")
    validators.put_validators("http://c/", '"3"', None)
    validators.discard_pending()  # a failed refresh: its articles may not be stored
    assert validators.get_validators("http://c/") == (None, None)


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
    validators = service.fetcher.validators if service.fetcher is not None else None
    assert isinstance(validators, Validators)  # kept by the client, never swapped
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
    assert service.fetcher is not None and isinstance(service.fetcher.validators, Validators)
    after = (await service.refresh()).sources
    assert all(not source.not_modified for source in after), after


async def test_one_site_object_remembers_a_site_without_rest(env: Env, site: DemoSite) -> None:
    """A site answering neither /wp-json nor ?rest_route= is probed once, not per load."""
    site.set_fault("block_wp_json")
    service = env.service()
    report = await service.refresh()
    assert report.ok
    first = service.store.headlines(limit=1)[0]
    site.requests.clear()
    # Its comments come from the article page (the REST API is closed), the same each time.
    loads = [await service.load_comments(first.source, first.id) for _ in range(3)]
    assert loads[0] and loads[0] == loads[1] == loads[2]
    probes = [path for _method, path in site.requests
              if path.startswith("/wp-json") or "rest_route" in path]
    assert probes == [], probes
    assert service.site(site.url) is service.site(site.url + "/")
