"""Jalali (Solar Hijri) dates in Tehran time: formatting as Persian news sites print them, and
parsing what they print back into aware datetimes.

Naive datetimes given to the formatters are taken as UTC (every datetime in the models is aware).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from madara_tui.text.persian import search_key, to_persian_digits

TEHRAN = ZoneInfo("Asia/Tehran")
"""The site's time zone: dates are shown and parsed in it."""

MONTHS_FA = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
             "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Month names as `search_key` writes them (Arabic ي/ك, آ without madda and ZWNJ all folded).
_MONTH_KEYS = {search_key(name): number for number, name in enumerate(MONTHS_FA, start=1)}
_MONTH_KEYS.update({"اردی بهشت": 2, "امرداد": 5})
_MONTH_PATTERN = "|".join(sorted((re.escape(k) for k in _MONTH_KEYS), key=len, reverse=True))
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?!\d)")
_NAMED_DATE = re.compile(rf"(?<!\d)(\d{{1,2}})\s*({_MONTH_PATTERN})\s*(?:ماه\s*)?(\d{{4}})(?!\d)")
_TIME = re.compile(r"(?<!\d)(\d{1,2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2}))?(?!\d)")
_PM = ("ب.ظ", "بعد از ظهر", "بعدازظهر", "عصر", "شب", "pm")
_AM = ("ق.ظ", "قبل از ظهر", "قبلازظهر", "صبح", "am")
GREGORIAN_FROM = 1700
"""A four-digit year at or above this is Gregorian; below, Jalali."""


EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
"""The earliest date the program keeps; an earlier one from a site or feed is dropped."""
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
"""The first date past the range kept. A post dated 9999-12-31, or year 1 with an offset,
overflows the time-zone and Jalali arithmetic (`OverflowError`, `ValueError`)."""


def usable_date(dt: datetime | None) -> datetime | None:
    """`dt` (aware; a naive one is taken as UTC) when it lies in [EARLIEST, LATEST), else None.
    Applied where dates enter the program (REST, feeds, pages), so none out of range is
    stored."""
    if dt is None:
        return None
    try:
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=UTC)
        return dt if EARLIEST <= dt < LATEST else None
    except (OverflowError, ValueError):
        # Comparing converts to UTC, which overflows at the ends of datetime's range.
        return None


_JALALI_EPOCH = date(1600, 3, 20).toordinal()
"""1 Farvardin 979, the day the conversion counts from."""
_CYCLE_DAYS = 12053
"""Days in 33 Jalali years (8 of them leap)."""


def jalali_date(day: date) -> tuple[int, int, int]:
    """(year, month, day) of the Jalali date of the Gregorian `day`: the arithmetic of 33-year
    cycles that jdatetime uses (FarsiWeb's jalali.c), so dates print as they always have; the
    tests compare the two on every day from 1900 to 2200. Drawing the first headlines needs only
    this, and importing jdatetime was ~4 ms of every start (docs/performance.md, round 5)."""
    days = day.toordinal() - _JALALI_EPOCH
    cycles, days = divmod(days, _CYCLE_DAYS)
    year = 979 + 33 * cycles + 4 * (days // 1461)
    days %= 1461
    if days >= 366:  # after the first, leap, year of four
        days -= 1
        year += days // 365
        days %= 365
    if days < 186:  # the first six months have 31 days, the next five 30, the last 29 or 30
        month, day_of_month = divmod(days, 31)
    else:
        month, day_of_month = divmod(days - 186, 30)
        month += 6
    return year, month + 1, day_of_month + 1


def _clamped(dt: datetime) -> datetime:
    """`dt` moved into [EARLIEST, LATEST]: formatting never fails on a value a cache holds."""
    if usable_date(dt) is not None:
        return dt
    naive = dt.replace(tzinfo=None)
    return EARLIEST if naive < EARLIEST.replace(tzinfo=None) else LATEST


def _tehran(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return _clamped(dt).astimezone(TEHRAN)


@lru_cache(maxsize=4096)
def format_jalali(dt: datetime) -> str:
    """Date and time in the site's style, Tehran time, Persian digits: "۱۴۰۳/۱۱/۰۳ - ۰۳:۱۹"."""
    local = _tehran(dt)
    year, month, day = jalali_date(local.date())
    text = f"{year:04d}/{month:02d}/{day:02d} - {local.hour:02d}:{local.minute:02d}"
    return to_persian_digits(text)


def format_date(dt: datetime, lang: str = "fa") -> str:
    """The day alone, Tehran time: "۳ بهمن ۱۴۰۳" (fa) or "22 Jan 2025" (en)."""
    local = _tehran(dt)
    if lang == "fa":
        year, month, day = jalali_date(local.date())
        return to_persian_digits(f"{day} {MONTHS_FA[month - 1]} {year}")
    return f"{local.day} {MONTHS_EN[local.month - 1]} {local.year}"


def format_relative(dt: datetime, now: datetime | None = None, lang: str = "fa") -> str:
    """How long ago, for a time earlier the same Tehran day ("۳ ساعت پیش", "3 hours ago",
    "لحظاتی پیش" under a minute); otherwise the absolute time ("۱۴۰۳/۱۱/۰۳ - ۰۳:۱۹", or in
    English "2025-01-22 03:19", Tehran time). `now` defaults to the current time."""
    local = _tehran(dt)
    current = _tehran(now) if now is not None else datetime.now(TEHRAN)
    delta = current - local
    if timedelta(seconds=-60) <= delta and local.date() == current.date():
        minutes = max(int(delta.total_seconds() // 60), 0)
        if minutes < 1:
            return "لحظاتی پیش" if lang == "fa" else "just now"
        amount, unit_fa, unit_en = (
            (minutes, "دقیقه", "minute") if minutes < 60 else (minutes // 60, "ساعت", "hour"))
        if lang == "fa":
            return f"{to_persian_digits(amount)} {unit_fa} پیش"
        return f"{amount} {unit_en}{'' if amount == 1 else 's'} ago"
    if lang == "fa":
        return format_jalali(local)
    return format_local(local)


@lru_cache(maxsize=4096)
def format_local(dt: datetime) -> str:
    """Date and time, Tehran time, ASCII digits: "2025-01-22 03:19"."""
    return _tehran(dt).strftime("%Y-%m-%d %H:%M")


def parse_persian_date(text: str) -> datetime | None:
    """The date (and time, if given) printed in `text`, as an aware datetime in Tehran time, or
    None when there is none or it is not a real date.

    Understands "۱۴۰۳/۱۱/۰۳ - 03:19", "۳۰ فروردین ۱۴۰۳ - ۱۱:۴۵", a weekday before the date
    ("چهارشنبه ۳ بهمن ۱۴۰۳"), Arabic letter variants (ي ك), Persian, Arabic-Indic and ASCII
    digits, "ب.ظ"/"ق.ظ" after a 12-hour time, and Gregorian numeric dates (year ≥ 1700).
    """
    key = search_key(text)
    numeric = _NUMERIC_DATE.search(key)
    named = _NAMED_DATE.search(key)
    if numeric and (not named or numeric.start() <= named.start()):
        year, month, day = int(numeric[1]), int(numeric[2]), int(numeric[3])
        rest = key[:numeric.start()] + " " + key[numeric.end():]
    elif named:
        day, month, year = int(named[1]), _MONTH_KEYS[named[2]], int(named[3])
        rest = key[:named.start()] + " " + key[named.end():]
    else:
        return None
    hour = minute = second = 0
    clock = _TIME.search(rest)
    if clock:
        hour, minute, second = int(clock[1]), int(clock[2]), int(clock[3] or 0)
        tail = rest[clock.end():]
        if hour < 12 and any(word in tail for word in _PM):
            hour += 12
        elif hour == 12 and any(word in tail for word in _AM):
            hour = 0
    try:
        if year >= GREGORIAN_FROM:
            return datetime(year, month, day, hour, minute, second, tzinfo=TEHRAN)
        import jdatetime  # parsing (a refresh) only: not imported at the start

        gregorian = jdatetime.date(year, month, day).togregorian()
        return datetime(gregorian.year, gregorian.month, gregorian.day, hour, minute, second,
                        tzinfo=TEHRAN)
    except ValueError:
        return None
