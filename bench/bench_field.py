"""Typing speed of the Persian comment field: the layout of the whole field after one key
(`FieldLayout`: shaping, bidi levels, wrapping, and the screen cell of every cursor position).

Run: .venv/bin/python bench/bench_field.py [--repeat R]

Comments of 300, 1,000 and 3,000 characters, typed as one paragraph (the worst case: the whole
text is laid out again after each key) and as paragraphs of about 300 characters (only the
paragraph typed into is laid out again; the others come from the memo). Figures are the median
and the best of the repeats, per key, at a field 98 cells wide.
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench_layout import SENTENCES

from madara_tui.text import BidiMode
from madara_tui.text.caret import FieldLayout

WIDTH = 98


def comment(chars: int, *, paragraphs: bool) -> str:
    """About `chars` characters of original sentences; paragraphs of ~300 when asked."""
    out: list[str] = []
    length = 0
    k = 0
    while length < chars:
        sentence = SENTENCES[k % len(SENTENCES)] + "."
        joiner = "\n" if paragraphs and length // 300 != (length + len(sentence)) // 300 else " "
        out.append(sentence + joiner)
        length += len(sentence) + 1
        k += 1
    return "".join(out)[:chars]


def per_key(text: str, repeat: int) -> list[float]:
    """Seconds to lay the field out after each of `repeat` keys typed at the text's end."""
    times = []
    for n in range(repeat):
        typed = text + "ب" * (n + 1)
        start = time.perf_counter()
        FieldLayout(typed, WIDTH, BidiMode.APP, multiline=True, empty_rtl=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    FieldLayout(comment(300, paragraphs=False), WIDTH, BidiMode.APP, multiline=True,
                empty_rtl=True)  # imports and shaping tables
    for chars in (300, 1_000, 3_000):
        for paragraphs in (False, True):
            times = per_key(comment(chars, paragraphs=paragraphs), args.repeat)
            shape = "paragraphs" if paragraphs else "one paragraph"
            print(f"field_key_{chars}_{'paras' if paragraphs else 'one'}: "
                  f"median {statistics.median(times) * 1000:.1f} ms, "
                  f"best {min(times) * 1000:.1f} ms per key ({chars} characters, {shape})",
                  flush=True)


if __name__ == "__main__":
    main()
