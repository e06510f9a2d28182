"""Other projects' test inputs through our ingestion: feedparser's and the W3C feed validator's
feeds through `parse_feed`, html5lib's tree-construction and tokenizer cases and every `.html`
file through `html_to_blocks`, OPML files through `parse_opml`.

Each must give 0 exceptions, take under 2 s, and leave no control character in any field we
store or show — checked on the parsed articles, after a round trip through the store, and on
the screen rows the text engine lays the titles out to.

The corpora live outside the repository (`MADARA_TUI_CORPORA`, set by `.ci/run`); without them
these tests skip and say why.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest
from field_check import (
    article_problems,
    block_problems,
    screen_problems,
    source_problems,
)

from madara_tui.client.errors import ParseFailure
from madara_tui.client.feeds import parse_feed
from madara_tui.client.html_blocks import html_to_blocks, html_to_text
from madara_tui.client.opml import parse_opml
from madara_tui.models import Article
from madara_tui.store import Store

pytestmark = pytest.mark.slow

PER_FILE_LIMIT = 2.0
"""Seconds any one input may take (the issue's bound)."""
WATCHDOG = 20.0
"""Seconds after which a hung parse is interrupted and reported, instead of hanging the run."""
BASE = "http://127.0.0.1:9/1405/02/khabar/"
_DATA_END = ("#errors", "#new-errors", "#document", "#document-fragment", "#script-on",
             "#script-off")


@pytest.fixture(scope="module")
def corpora() -> Path:
    value = os.environ.get("MADARA_TUI_CORPORA", "")
    if not value:
        pytest.skip("MADARA_TUI_CORPORA is not set (`.ci/run` points it at ../shared/corpora)")
    root = Path(value)
    if not (root / "feedparser").is_dir():
        pytest.skip(f"no corpora at {root} (MADARA_TUI_CORPORA); they are not in the repository")
    return root


class _Hung(Exception):
    """A parse ran past the watchdog."""


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    def fire(signum: int, frame: FrameType | None) -> None:
        raise _Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Run:
    """Times each input and collects failures (exceptions, slow inputs, dirty fields)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.count = 0
        self.failures: list[str] = []
        self.slowest: tuple[float, str] = (0.0, "")

    def measure(self, label: str, work: Callable[[], list[str]]) -> None:
        started = time.perf_counter()
        try:
            with _watchdog(WATCHDOG):
                problems = work()
        except (Exception, _Hung) as exc:  # every input must pass: any exception is a failure
            problems = [f"{type(exc).__name__}: {exc}"[:300]]
        elapsed = time.perf_counter() - started
        self.count += 1
        self.slowest = max(self.slowest, (elapsed, label))
        if elapsed > PER_FILE_LIMIT:
            problems.append(f"took {elapsed:.2f} s")
        self.failures += [f"{label}: {p}" for p in problems[:3]]

    def report(self) -> str:
        return (f"[hardening] {self.name}: {self.count} inputs, {len(self.failures)} failures, "
                f"slowest {self.slowest[0]:.3f} s ({self.slowest[1]})")


def _feed_files(root: Path) -> list[Path]:
    return sorted([*(root / "feedparser").rglob("*.xml"),
                   *(root / "w3c-feedvalidator").rglob("*.xml")])


def _dat_cases(path: Path) -> Iterator[str]:
    """The `#data` sections of an html5lib `.dat` file."""
    lines = path.read_text(encoding="utf-8", errors="surrogateescape").split("\n")
    data: list[str] | None = None
    for line in lines:
        if line == "#data":
            data = []
        elif data is not None and line.startswith(_DATA_END):
            yield "\n".join(data)
            data = None
        elif data is not None:
            data.append(line)


def _tokenizer_inputs(path: Path) -> Iterator[str]:
    """The `input` strings of an html5lib tokenizer `.test` (JSON) file."""
    tests = json.loads(path.read_text(encoding="utf-8", errors="surrogateescape"))
    for case in tests.get("tests", []):
        text = case.get("input")
        if not isinstance(text, str):
            continue
        if case.get("doubleEscaped"):
            text = text.encode("ascii", "backslashreplace").decode("unicode_escape")
        yield text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def test_feed_corpus(corpora: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _feed_files(corpora)
    assert len(files) > 4000, "the feed corpora look incomplete"
    run = Run("feed corpus (feedparser + w3c-feedvalidator) through parse_feed")
    articles: list[Article] = []

    for index, path in enumerate(files):
        label = str(path.relative_to(corpora))

        def work(path: Path = path, index: int = index) -> list[str]:
            result = parse_feed(path.read_bytes(), f"http://127.0.0.1:9/feeds/{index}.xml",
                                {"content-type": "application/xml"})
            articles.extend(result.articles)
            problems = screen_problems(result.title)
            for article in result.articles:
                problems += article_problems(article) + screen_problems(article.title)
            return problems

        run.measure(label, work)

    # Everything that parsed goes through the store and back: what is stored is clean too.
    stored_problems: list[str] = []
    with Store(tmp_path / "data") as store:
        for start in range(0, len(articles), 500):
            store.upsert_articles(articles[start:start + 500])
        for article in articles:
            back = store.article(article.source, article.id)
            assert back is not None, (article.source, article.id)
            stored_problems += article_problems(back)
        for headline in store.headlines(limit=len(articles) + 1):
            stored_problems += screen_problems(headline.title) + screen_problems(
                headline.category)
    with capsys.disabled():
        print(f"\n{run.report()}; {len(articles)} articles stored and read back")
    assert run.failures == [], "\n".join(run.failures[:40])
    assert stored_problems == [], "\n".join(stored_problems[:40])
    assert len(articles) > 1000


def test_html_corpus(corpora: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html5lib = corpora / "html5lib-tests"
    if not html5lib.is_dir():
        pytest.skip(f"no html5lib-tests in {corpora}")
    run = Run("html corpus (html5lib #data, tokenizer inputs, .html files) through html_to_blocks")
    inputs: list[tuple[str, str]] = []
    for path in sorted(html5lib.rglob("*.dat")):
        inputs += [(f"{path.relative_to(corpora)}#{n}", data)
                   for n, data in enumerate(_dat_cases(path))]
    for path in sorted((html5lib / "tokenizer").rglob("*.test")):
        inputs += [(f"{path.relative_to(corpora)}#{n}", data)
                   for n, data in enumerate(_tokenizer_inputs(path))]
    for path in sorted(corpora.rglob("*.html")):
        inputs.append((str(path.relative_to(corpora)),
                       path.read_text(encoding="utf-8", errors="replace")))
    assert len(inputs) > 1800, "the html corpora look incomplete"

    for label, html in inputs:

        def work(html: str = html) -> list[str]:
            problems = block_problems(html_to_blocks(html, BASE))
            return problems + screen_problems(html_to_text(html[:20_000]))

        run.measure(label, work)
    with capsys.disabled():
        print(f"\n{run.report()}")
    assert run.failures == [], "\n".join(run.failures[:40])


def test_opml_corpus(corpora: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(corpora.rglob("*.opml"))
    if not files:
        pytest.skip(f"no OPML files in {corpora}")
    run = Run("OPML corpus through parse_opml")
    refused = 0
    for path in files:

        def work(path: Path = path) -> list[str]:
            nonlocal refused
            try:
                sources = parse_opml(path.read_bytes())
            except ParseFailure:  # the documented answer to a bad document
                refused += 1
                return []
            return [p for s in sources for p in source_problems(s)]

        run.measure(str(path.relative_to(corpora)), work)
    with capsys.disabled():
        print(f"\n{run.report()}; {refused} refused as malformed")
    assert run.failures == [], "\n".join(run.failures[:40])
