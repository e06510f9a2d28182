"""Layout speed of a long Persian article: first layout (shaping, bidi levels, wrapping) and
re-layout at another width (wrapping and reordering only).

Run: .venv/bin/python bench/bench_layout.py [--words N] [--repeat R]

The article is generated (original sentences, reshuffled, with numbers, Latin names, brackets and
«quotes»), about 5,000 words in paragraphs of 40–120 words. "cold" clears the shaping memo first,
as in a fresh process; "warm" keeps it, as when a second article shares most of its words.
Figures are the median and the best of the repeats (the best is the least disturbed by other
work on the machine).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from madara_tui.text import Paragraph
from madara_tui.text.shaping import clear_caches

SENTENCES = (
    "استاندار در نشست امروز با اشاره به وضعیت منابع آب استان گفت که برنامه‌های تازه‌ای در راه است",
    "به گفته‌ی کارشناسان، مصرف آب در بخش کشاورزی حدود ۳۶٪ بیشتر از میانگین سال‌های گذشته بوده است",
    "نماینده‌ی سازمان (UNESCO) در این دیدار از همکاری‌های فرهنگی دو طرف قدردانی کرد",
    "خانهٔ فرهنگ شهر میزبان نمایشگاهی از صنایع دستی بود که اصطلاحاً «هنر زنده» نامیده می‌شود",
    "مدیرکل هواشناسی از افزایش سرعت وزش باد تا ۶۵ کیلومتر در ساعت و احتمال گردوخاک خبر داد",
    "شرکت Metropolis و انجمن ICCN در گزارش سالانه‌ی خود به رشد ۱۲ درصدی گردشگری اشاره کرده‌اند",
    "عبدالله رضایی، معاون عمرانی شهرداری، گفت: «عملیات بازسازی ۱۷ کیلومتر از شبکه"
    " تا پایان سال تمام می‌شود»",
    "در این طرح که با اعتبار ۴۳ میلیون یورو اجرا می‌شود، بیش از ۲٬۵۰۰ نفر به‌طور مستقیم"
    " مشغول به کار شده‌اند",
    "وی افزود: دانشجویان بین‌المللی [به‌ویژه از کشورهای همسایه] می‌توانند از این ظرفیت بهره ببرند",
    "بر اساس این تفاهم‌نامه، کارگروهی ویژه برای پیگیری بندهای آن در مدت ۳ ماه تشکیل خواهد شد",
    "به نوشته‌ی خبرگزاری‌ها، جلسه‌ی بعدی روز ۱۴۰۳/۱۱/۰۳ ساعت 10:30 برگزار می‌شود",
    "لازم است شهروندان در ساعات اوج مصرف از روشن کردن وسایل پرمصرف خودداری کنند",
)
SUFFIXES = ("ها", "‌های", "ترین", "‌ای", "ی", "")
PREFIXES = ("", "", "می‌", "نمی‌", "به")


def article(words: int, seed: int = 7) -> list[str]:
    """About `words` words of Persian news text, as paragraphs."""
    rng = random.Random(seed)
    vocabulary = [w for s in SENTENCES for w in s.split()]
    paragraphs: list[str] = []
    count = 0
    while count < words:
        size = rng.randint(40, 120)
        out: list[str] = []
        while len(out) < size:
            if rng.random() < 0.4:
                out.extend(rng.choice(SENTENCES).split())
            else:  # fresh word forms, so the vocabulary is as varied as a real article's
                base = rng.choice(vocabulary)
                if rng.random() < 0.5:  # a compound, as Persian writes many
                    base += "\u200c" + rng.choice(vocabulary)
                out.append(rng.choice(PREFIXES) + base + rng.choice(SUFFIXES))
        paragraphs.append(" ".join(out[:size]) + ".")
        count += size
    return paragraphs


def measure(paragraphs: list[str], width: int, other: int, cold: bool) -> tuple[float, float]:
    if cold:
        clear_caches()
    start = time.perf_counter()
    prepared = [Paragraph(text) for text in paragraphs]
    for paragraph in prepared:
        paragraph.lines(width)
    first = time.perf_counter() - start
    start = time.perf_counter()
    for paragraph in prepared:
        paragraph.lines(other)
    return first, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--width", type=int, default=100)
    parser.add_argument("--other", type=int, default=72)
    args = parser.parse_args()
    paragraphs = article(args.words)
    text = " ".join(paragraphs)
    print(f"article: {len(text.split())} words, {len(text)} characters, "
          f"{len(paragraphs)} paragraphs, {len(set(text.split()))} distinct words")
    measure(paragraphs, args.width, args.other, cold=True)  # process-wide tables, imports
    for cold in (True, False):
        runs = [measure(paragraphs, args.width, args.other, cold) for _ in range(args.repeat)]
        first = [r[0] * 1000 for r in runs]
        again = [r[1] * 1000 for r in runs]
        label = "cold" if cold else "warm"
        print(f"{label}: first layout at {args.width} columns: median "
              f"{statistics.median(first):5.1f} ms, best {min(first):5.1f} ms; "
              f"re-layout at {args.other} columns: median {statistics.median(again):4.1f} ms, "
              f"best {min(again):4.1f} ms")


if __name__ == "__main__":
    main()
