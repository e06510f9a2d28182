"""Generated content for benchmarks: N synthetic Persian articles and M feeds, deterministic
from a seed. Titles and dates are built up front (they are listed, sorted and searched); leads,
bodies and related ids are rebuilt from a per-article seed whenever they are asked for."""

from __future__ import annotations

import functools
import random
import string
from datetime import datetime, timedelta

from madara_tui.demo import words
from madara_tui.demo.content import (
    TEHRAN,
    DemoArticle,
    DemoAuthor,
    DemoCategory,
    DemoComment,
    DemoContent,
    SiteInfo,
)
from madara_tui.text.persian import to_persian_digits

FIRST_ID = 400_001
NEWEST = datetime(2025, 11, 20, 12, 0, tzinfo=TEHRAN)
CATEGORIES = (
    DemoCategory(3, "اصفهان", "isfahan"), DemoCategory(5, "شهری", "city"),
    DemoCategory(7, "اقتصاد", "economy"), DemoCategory(9, "فرهنگ و هنر", "culture"),
    DemoCategory(11, "ورزش", "sports"), DemoCategory(13, "محیط زیست", "environment"),
    DemoCategory(15, "سلامت", "health"),
)
AUTHORS = (
    DemoAuthor(1, "تحریریه مدارا", "newsroom"), DemoAuthor(2, "سمیه کاظمی", "s-kazemi"),
    DemoAuthor(3, "رضا قاسمیان", "r-ghasemian"),
)


_POOLS: dict[str, tuple[str, ...]] = {
    "city": words.CITIES, "org": words.ORGS, "thing": words.THINGS, "adj": words.ADJECTIVES,
    "person": words.PEOPLE, "role": words.ROLES, "month": words.MONTHS, "place": words.PLACES,
    "verb": words.VERBS,
    "num": tuple(to_persian_digits(n) for n in range(2, 901)),
    "pct": tuple(to_persian_digits(n) for n in range(5, 96)),
}


@functools.cache
def _fields(template: str) -> tuple[str, ...]:
    return tuple(name for _, name, _, _ in string.Formatter().parse(template) if name)


def _fill(template: str, rng: random.Random) -> str:
    """Fill the template's placeholders with random words (numbers in Persian digits)."""
    pick = rng.random
    values = {}
    for name in _fields(template):
        pool = _POOLS[name]
        values[name] = pool[int(pick() * len(pool))]
    return template.format_map(values)


class _Lazy:
    """Rebuilds an article's lead, body and related ids from (seed, id): same input, same text."""

    def __init__(self, seed: int, first: int, count: int) -> None:
        self.seed = seed
        self.first = first
        self.count = count

    def _rng(self, article: DemoArticle, salt: int) -> random.Random:
        return random.Random(self.seed * 1_000_003 + article.id * 7 + salt)

    def lead(self, article: DemoArticle) -> str:
        return _fill(self._rng(article, 1).choice(words.LEAD_TEMPLATES), self._rng(article, 2))

    def body(self, article: DemoArticle) -> tuple[str, ...]:
        rng = self._rng(article, 3)
        blocks: list[str] = []
        for n in range(rng.randint(4, 9)):
            if n and rng.random() < 0.15:
                blocks.append(f"<h3>{rng.choice(words.HEADINGS)}</h3>")
            sentences = " ".join(_fill(rng.choice(words.SENTENCE_TEMPLATES), rng)
                                 for _ in range(rng.randint(2, 4)))
            blocks.append(f"<p>{sentences}</p>")
        if rng.random() < 0.2:
            items = "".join(f"<li>{_fill('{thing} در {city}', rng)}</li>" for _ in range(3))
            blocks.insert(len(blocks) // 2, f"<ul>{items}</ul>")
        if rng.random() < 0.1:
            blocks.append(f"<blockquote><p>{_fill(words.SENTENCE_TEMPLATES[9], rng)}</p>"
                          "</blockquote>")
        return tuple(blocks)

    def related(self, article: DemoArticle) -> tuple[int, ...]:
        rng = self._rng(article, 4)
        picks = {self.first + rng.randrange(self.count) for _ in range(3)}
        picks.discard(article.id)
        return tuple(sorted(picks))


def generate_content(n_articles: int, seed: int = 1, *, feeds: int = 0) -> DemoContent:
    """N synthetic articles (newest first, ids from 400001, ~20 minutes apart on average) in the
    demo site's categories, a few comment threads, and `feeds` benchmark feeds of 50 items."""
    rng = random.Random(seed)
    choice, randint, random_ = rng.choice, rng.randint, rng.random
    articles: list[DemoArticle] = []
    comments: list[DemoComment] = []
    moment = NEWEST
    slugs = tuple(c.slug for c in CATEGORIES)
    templates = words.TITLE_TEMPLATES
    comment_id = 1_000_001
    for n in range(n_articles):
        post_id = FIRST_ID + n
        moment -= timedelta(minutes=randint(3, 37))
        article = DemoArticle(
            id=post_id, slug=f"news-{post_id}", title=_fill(choice(templates), rng),
            date=moment, category=choice(slugs), author=randint(1, 3),
            comments_open=random_() > 0.05,
        )
        articles.append(article)
        if n % 20 == 0:
            parent = 0
            for k in range(randint(1, 3)):
                name, email = choice(words.COMMENTERS)
                comments.append(DemoComment(
                    id=comment_id, post=post_id, parent=parent, author=name, email=email,
                    date=moment + timedelta(minutes=30 + 20 * k),
                    text=_fill(choice(words.COMMENT_TEMPLATES), rng)))
                parent = comment_id if random_() < 0.5 else 0
                comment_id += 1
    lazy = _Lazy(seed, FIRST_ID, max(n_articles, 1))
    site = SiteInfo(name="سایت خبری مدارا (تولیدشده)",
                    description=f"محتوای ساختگی برای سنجش کارایی: {n_articles} خبر",
                    categories=CATEGORIES, authors=AUTHORS)
    return DemoContent(site=site, articles=articles, comments=comments, feeds=feeds,
                       lead_factory=lazy.lead, body_factory=lazy.body,
                       related_factory=lazy.related)
