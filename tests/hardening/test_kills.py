"""SIGKILL during refresh and during comment sending, 50 times each, through the real CLI.

After every kill: both databases pass `integrity_check`, the cache holds whole headline pages
only (one page = one transaction: never half a batch), the user's drafts are all there, and a
comment's words are in exactly one place (its draft or the outbox). After recovery and a flush,
no comment reached the site twice. Kills land at random short delays, in small concurrent
batches (which also makes the processes contend for the databases).
"""

from __future__ import annotations

import random
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from harness import argv, cli, count, integrity

from madara_tui import locations
from madara_tui.demo import DemoSite
from madara_tui.demo.generate import generate_content
from madara_tui.models import SITE_TOOK_IT, CommentDraft
from madara_tui.store import Store

pytestmark = pytest.mark.slow

KILLS = 50
BATCH = 5
PER_PAGE = 50
"""Headlines per page in a refresh (`service.refresh.PER_PAGE`): one page, one transaction."""
SURVIVED: dict[str, int] = {}


def _kill_batch(commands: list[tuple[list[str], str]], rng: random.Random,
                delays: tuple[float, float]) -> list[float]:
    """Start every command (argv, stdin) at once, SIGKILL each after its own random delay."""
    children = []
    for command, stdin in commands:
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        assert child.stdin is not None
        child.stdin.write(stdin.encode())
        child.stdin.close()
        children.append((child, rng.uniform(*delays)))
    started = time.monotonic()
    for child, delay in sorted(children, key=lambda pair: pair[1]):
        time.sleep(max(0.0, started + delay - time.monotonic()))
        child.send_signal(signal.SIGKILL)
    for child, _ in children:
        child.wait(30)
    return [delay for _, delay in children]


def _calibrate(commands: list[tuple[list[str], str]]) -> float:
    """Run the commands at once to completion; the median wall time of one (so kill delays
    fit this machine: startup, imports and the work itself, under the same contention)."""
    started = time.monotonic()
    children = [subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL) for command, _ in commands]
    ended = []
    for child, (_, stdin) in zip(children, commands, strict=True):
        child.communicate(stdin.encode(), timeout=120)
        ended.append(time.monotonic() - started)
    return sorted(ended)[len(ended) // 2]


def _check_databases(data: Path) -> None:
    for path in (locations.cache_db(data), locations.user_db(data)):
        if path.exists():
            assert integrity(path) == "ok", path


@pytest.fixture(scope="module")
def site() -> Iterator[DemoSite]:
    with DemoSite(generate_content(400, seed=7), flood_interval=0.0, slow_seconds=0.4) as demo:
        yield demo


def test_sigkill_during_refresh(site: DemoSite, tmp_path: Path) -> None:
    rng = random.Random(20260101)
    page_ids = [a.id for a in site.content.articles]  # newest first, as the site pages them
    outcomes: dict[int, int] = {}
    took = _calibrate([(argv(site.url, tmp_path / f"c{k}" / "data", "fetch"), "")
                       for k in range(BATCH)])
    for batch in range(KILLS // BATCH):
        dirs = [tmp_path / f"r{batch}-{k}" / "data" for k in range(BATCH)]
        for n, data in enumerate(dirs):
            with Store(data) as store:  # the user's own words, written before the crash
                store.save_draft(CommentDraft(source=site.url, article_id=page_ids[n],
                                              author="مینا", email="mina@example.com",
                                              text=f"پیش‌نویس {batch}-{n}"))
        _kill_batch([(argv(site.url, d, "fetch"), "") for d in dirs], rng,
                    (0.4 * took, 1.05 * took))
        for n, data in enumerate(dirs):
            _check_databases(data)
            cache = locations.cache_db(data)
            stored = count(cache, "SELECT count(*) FROM articles") if cache.exists() else 0
            outcomes[stored] = outcomes.get(stored, 0) + 1
            assert stored % PER_PAGE == 0, f"half a batch: {stored} articles"
            with Store(data) as store:
                ids = sorted(h.id for h in store.headlines(limit=1000))
                assert ids == sorted(page_ids[:stored]), "not whole pages"
                draft = store.draft(site.url, page_ids[n])
                assert draft is not None and draft.text == f"پیش‌نویس {batch}-{n}"
            SURVIVED["refresh"] = SURVIVED.get("refresh", 0) + 1
    # The kills must have landed all over the refresh, not only before or after it.
    assert len(outcomes) >= 2, outcomes
    # And a killed data dir refreshes fine afterwards.
    again = cli(site.url, tmp_path / "r0-0" / "data", "fetch")
    assert again.returncode == 0, again.stderr
    SURVIVED["refresh_outcomes"] = len(outcomes)
    print(f"\n[hardening] refresh kills: articles left per kill {sorted(outcomes.items())}")


def test_sigkill_during_comment_sending(site: DemoSite, tmp_path: Path) -> None:
    rng = random.Random(20260102)
    data = tmp_path / "data"
    assert cli(site.url, data, "fetch").returncode == 0
    articles = [a.id for a in site.content.articles[:BATCH]]
    took = _calibrate([(argv(site.url, data, "comment", str(article), "--name", "خواننده",
                             "--email", "mehdi.rezaei@example.com"), f"دیدگاه سنجش زمان {article}")
                       for article in articles])
    texts: dict[str, int] = {}
    for batch in range(KILLS // BATCH):
        # Half the batches answer comment posts late, so kills also land mid-request.
        site.set_fault("slow" if batch % 2 else None, path_prefix="/wp-comments-post.php")
        commands = []
        for n, article in enumerate(articles):
            text = f"دیدگاه آزمایشی شمارهٔ {batch}-{n} دربارهٔ این خبر"
            email = "mehdi.rezaei@example.com" if n % 2 else f"reader{batch}{n}@example.com"
            texts[text] = article
            with Store(data) as store:  # the draft the user wrote, before pressing send
                store.save_draft(CommentDraft(source=site.url, article_id=article,
                                              author="خواننده", email=email, text=text))
            commands.append((argv(site.url, data, "comment", str(article), "--name", "خواننده",
                                  "--email", email), text))
        _kill_batch(commands, rng, (0.5 * took, 1.1 * took))
        _check_databases(data)
        with Store(data) as store:
            outbox = [item.draft.text for item in store.outbox()]
            for n, article in enumerate(articles):
                text = f"دیدگاه آزمایشی شمارهٔ {batch}-{n} دربارهٔ این خبر"
                draft = store.draft(site.url, article)
                in_draft = draft is not None and draft.text == text
                # Never lost, never in both places: draft → outbox is one transaction.
                assert in_draft != (outbox.count(text) == 1), (text, in_draft, outbox.count(text))
                assert outbox.count(text) <= 1
            SURVIVED["comment"] = SURVIVED.get("comment", 0) + BATCH
    site.set_fault(None)
    for _ in range(2):  # recovery: UNKNOWN ones are looked up, never resent blindly
        flushed = cli(site.url, data, "outbox", "--send")
        assert "Traceback" not in flushed.stderr, flushed.stderr
    arrivals: dict[str, int] = {}
    for posted in site.posted:
        text = dict(posted.form).get("comment", "")
        if posted.outcome in ("published", "held"):
            arrivals[text] = arrivals.get(text, 0) + 1
    assert max(arrivals.values(), default=0) == 1, "a comment reached the site twice"
    with Store(data) as store:
        items = store.outbox()
        for item in items:
            assert item.state in SITE_TOOK_IT, item
            assert arrivals.get(item.draft.text) == 1, item
        queued = {item.draft.text for item in items}
        # What never left a draft never reached the site.
        assert not (set(arrivals) - queued)
    sent = len(queued & set(texts))
    SURVIVED["comment_sent"] = sent
    print(f"\n[hardening] comment kills: {sent} of {len(texts)} comments had been queued, "
          "each arrived exactly once; the rest are still drafts")


def test_zz_report_kills(capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print(f"\n[hardening] kills survived: {SURVIVED}")
    assert SURVIVED.get("refresh", 0) == KILLS and SURVIVED.get("comment", 0) == KILLS
