"""The whole-file check at open runs only when the cache may have changed since a clean close."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_factory import make_article

from madara_tui import locations
from madara_tui.store import Store, cache


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []
    real = cache.quick_check

    def recording(path: Path) -> None:
        seen.append(path)
        real(path)

    monkeypatch.setattr(cache, "quick_check", recording)
    return seen


def test_a_cleanly_closed_cache_is_not_checked_again(tmp_path: Path, checks: list[Path]) -> None:
    with Store(tmp_path) as store:
        store.upsert_articles([make_article(1)])
    assert len(checks) == 1  # the first open ever: no mark yet
    with Store(tmp_path) as store:
        assert store.count_headlines() == 1
    assert len(checks) == 1


def test_a_cache_left_open_is_checked(tmp_path: Path, checks: list[Path]) -> None:
    with Store(tmp_path):
        pass
    crashed = Store(tmp_path)  # uses up the mark, then "crashes" (never closes cleanly)
    with Store(tmp_path):
        pass
    crashed.close()
    assert len(checks) == 2


def test_a_cache_changed_after_closing_is_checked(tmp_path: Path, checks: list[Path]) -> None:
    with Store(tmp_path) as store:
        store.upsert_articles([make_article(1)])
    with locations.cache_db(tmp_path).open("ab") as handle:
        handle.write(b"\0" * 4096)
    with Store(tmp_path):
        pass
    assert len(checks) == 2
