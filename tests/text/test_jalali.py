"""Jalali formatting and parsing, Tehran time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import jdatetime
import pytest

from madara_tui.text import (
    TEHRAN,
    format_date,
    format_jalali,
    format_relative,
    parse_persian_date,
)
from madara_tui.text.jalali import EARLIEST, LATEST, jalali_date

MOMENT = datetime(2025, 1, 22, 3, 19, tzinfo=TEHRAN)


def test_jdatetime_reference_point() -> None:
    assert jdatetime.date(1403, 11, 3).togregorian() == MOMENT.date()


def test_jalali_date_is_jdatetimes_on_every_day_of_the_range_kept() -> None:
    # The own conversion (the start does not import jdatetime) against jdatetime, the oracle:
    # every day from 1900 to 2200, the dates the program keeps, with 73 leap years of each
    # calendar and every 33-year cycle's leap pattern in them, plus days around the range.
    first = EARLIEST.date().toordinal() - 400
    last = LATEST.date().toordinal() + 400
    mismatches = []
    for ordinal in range(first, last + 1):
        day = date.fromordinal(ordinal)
        expected = jdatetime.date.fromgregorian(date=day)
        if jalali_date(day) != (expected.year, expected.month, expected.day):
            mismatches.append(day)
    assert mismatches == []
    assert last - first > 110_000


@pytest.mark.parametrize(("gregorian", "jalali"), [
    (date(2025, 3, 20), (1403, 12, 30)),  # a leap Esfand's 30th
    (date(2025, 3, 21), (1404, 1, 1)),  # Nowruz
    (date(2024, 3, 19), (1402, 12, 29)),  # a common year's last day
    (date(2024, 3, 20), (1403, 1, 1)),
    (date(2025, 9, 22), (1404, 6, 31)),  # the last 31-day month's end
    (date(2025, 9, 23), (1404, 7, 1)),
])
def test_jalali_date_at_the_edges_of_years_and_months(gregorian: date,
                                                      jalali: tuple[int, int, int]) -> None:
    assert jalali_date(gregorian) == jalali


def test_format_jalali_in_tehran_time() -> None:
    assert format_jalali(MOMENT) == "۱۴۰۳/۱۱/۰۳ - ۰۳:۱۹"
    assert format_jalali(MOMENT.astimezone(UTC)) == "۱۴۰۳/۱۱/۰۳ - ۰۳:۱۹"
    assert format_jalali(datetime(2025, 1, 21, 23, 49)) == "۱۴۰۳/۱۱/۰۳ - ۰۳:۱۹"  # naive = UTC


def test_format_date() -> None:
    assert format_date(MOMENT) == "۳ بهمن ۱۴۰۳"
    assert format_date(MOMENT, lang="en") == "22 Jan 2025"


def test_relative_today_and_absolute_before() -> None:
    later = MOMENT + timedelta(hours=3, minutes=5)
    assert format_relative(MOMENT, now=later) == "۳ ساعت پیش"
    assert format_relative(MOMENT, now=later, lang="en") == "3 hours ago"
    assert format_relative(MOMENT, now=MOMENT + timedelta(minutes=1), lang="en") == "1 minute ago"
    assert format_relative(MOMENT, now=MOMENT + timedelta(minutes=25)) == "۲۵ دقیقه پیش"
    assert format_relative(MOMENT, now=MOMENT + timedelta(seconds=20)) == "لحظاتی پیش"
    next_day = MOMENT + timedelta(hours=21)  # 00:19 the next Tehran day
    assert format_relative(MOMENT, now=next_day) == "۱۴۰۳/۱۱/۰۳ - ۰۳:۱۹"
    assert format_relative(MOMENT, now=next_day, lang="en") == "2025-01-22 03:19"


@pytest.mark.parametrize(("text", "expected"), [
    ("۱۴۰۳/۱۱/۰۳ - 03:19", MOMENT),
    ("انتشار : ۱۴۰۳/۱۱/۰۳ - ۰۳:۱۹", MOMENT),
    ("٠٣:١٩ - ١٤٠٣/١١/٠٣", MOMENT),
    ("1403/11/3 03:19", MOMENT),
    ("۳۰ فروردین ۱۴۰۳ - ۱۱:۴۵", datetime(2024, 4, 18, 11, 45, tzinfo=TEHRAN)),
    ("۳۰ فروردين ۱۴۰۳ - ۱۱:۴۵", datetime(2024, 4, 18, 11, 45, tzinfo=TEHRAN)),
    ("۳ ارديبهشت ۱۴۰۳", datetime(2024, 4, 22, tzinfo=TEHRAN)),
    ("چهارشنبه ۳ بهمن ۱۴۰۳", datetime(2025, 1, 22, tzinfo=TEHRAN)),
    ("سه‌شنبه ۱۰ آذر ۱۴۰۳ ساعت ۰۷:۰۵", datetime(2024, 11, 30, 7, 5, tzinfo=TEHRAN)),
    ("يکشنبه ۱ اذر ۱۴۰۳ - ۰۳:۱۵ ب.ظ", datetime(2024, 11, 21, 15, 15, tzinfo=TEHRAN)),
    ("2025-01-22 03:19", MOMENT),
])
def test_parse(text: str, expected: datetime) -> None:
    parsed = parse_persian_date(text)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo is not None


@pytest.mark.parametrize("text", ["", "خبر فوری", "۱۴۰۳/۱۳/۰۱", "۳۱ اسفند ۱۴۰۲", "12:30"])
def test_parse_rejects(text: str) -> None:
    assert parse_persian_date(text) is None


def test_round_trip() -> None:
    assert parse_persian_date(format_jalali(MOMENT)) == MOMENT
