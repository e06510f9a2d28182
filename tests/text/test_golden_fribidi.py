"""Screen lines against GNU FriBidi on real-looking Persian news text, at several widths.

The seed page's lines (the project's format reference: legacy text without ZWNJ, a Jalali date
with ASCII time, «…») and our own sentences (brackets around Latin names, percentages such as
۳۶٪, ezafe hamza, tanvin, ZWNJ, numbers of all kinds, an LTR paragraph with Persian inside).
"""

from __future__ import annotations

import pytest
from fribidi_oracle import expected_lines, resolve

from madara_tui.text import Paragraph
from madara_tui.text.levels import resolve_levels

SEED_LINES = [
    "انتشار : ۱۴۰۳/۱۱/۰۳ - 03:19",
    "ظرفیتهای اصفهان در یونسکو نیازمند بهرهوری بیشتر",
    "به گزارش سایت خبری مدارا؛ مهدی جمالینژاد در مراسم امضای تفاهمنامه همکاری میان کمیسیون"
    " ملی یونسکو و استانداری اصفهان، بر اهمیت نقش دیپلماسی عمومی و شهری در تعاملات بینالمللی"
    " تأکید کرد.",
    "وی افزود: شهرداری اصفهان در دیپلماسی چندجانبه عضو ۱۸ سازمان بینالمللی مانند آیسیسیان و"
    " متروپولیس است و ۱۵ شهر خواهرخوانده نیز به تقویت روابط بینالمللی و فرهنگی شهر کمک کردهاند.",
    "استاندار اصفهان گفت: امیدواریم با همکاری کمیسیون ملی یونسکو، بتوانیم زمینه گسترش صنایع"
    " دستی، گردشگری و دیگر حوزههای کلیدی را فراهم کنیم و تأثیر مثبت این اقدامات را در توسعه"
    " استان مشاهده کنیم»",
    "اداره کل هواشناسی اصفهان نسبت به افزایش گرادیان فشاری (سرعت وزش باد) و احتمال وقوع توفان"
    " گردوخاک هشدار سطح زرد صادر کرد.",
]

OWN_LINES = [
    "شهرداری اصفهان عضو سازمان‌های بین‌المللی (ICCN و Metropolis) است و مصرف آب امسال"
    " (حدود ۳۶٪ بیشتر) از پارسال بوده است.",
    "به گفته‌ی کارشناسان ICCN و متروپولیس در گزارش سال 2024 از رشد ۱۲٫۵ درصدی گردشگری خبر"
    " داده‌اند.",
    "خانهٔ فرهنگ شهر میزبان نمایشگاهی بود که اصطلاحاً «هنر زنده» نامیده می‌شود؛ عبدالله رضایی"
    " گفت: «این تازه آغاز کار است».",
    "قیمت هر کیلو [به گفته‌ی فروشندگان] به ۲۵۰٬۰۰۰ تومان رسید و تورم ماهانه ۳٫۲% اعلام شد.",
    "جلسه‌ی بعدی روز ۱۴۰۳/۱۱/۰۳ ساعت 10:30 در سالن شماره ۲ برگزار می‌شود؛ نشانی: example.org/news",
    "نرخ بیکاری به ٪۸ رسید (طبق گزارش مرکز آمار) و مقایسه‌ها نشان می‌دهد a < b ولی {c} > d است.",
    "The report (گزارش سالانه‌ی شهرداری) says tourism grew 36% in 2024, «a record».",
    "Version 3.1 of the app shows نسخه‌ی تازه on page 12 (see ضمیمه‌ی ۲).",
]

# Persian paragraphs that open with a Latin word, a digit, a bracket or a date: UAX #9's first
# strong character would lay them out left to right; as text from a Persian source
# (direction="content") they take an RTL base, and FriBidi is asked for the same (--rtl).
RTL_BASE_LINES = [
    "UNESCO امروز اعلام کرد که ۱۲ اثر تازه به فهرست میراث جهانی افزوده شده است.",
    "Wi-Fi رایگان از هفتهٔ آینده در همهٔ ایستگاه‌های مترو راه‌اندازی می‌شود.",
    "5G در سه شهر بزرگ آزمایش شد (به گفتهٔ وزارت ارتباطات) و نتیجه تا پاییز اعلام می‌شود.",
    "۱۴۰۳/۱۱/۰۳ - 03:19",
    "(ICCN) نشست سالانهٔ خود را در اصفهان برگزار کرد.",
    "«Metropolis» و ICCN دو شبکهٔ جهانی شهرها هستند؛ اصفهان عضو هر دو است.",
    "COVID-19 در سال ۱۴۰۳ به ۳۶٪ موارد پارسال رسید: «کمترین» رقم دههٔ اخیر.",
    "The report (گزارش سالانه‌ی شهرداری) says tourism grew 36% in 2024, «a record».",
]

WIDTHS = [24, 33, 47, 60, 80, 100]


@pytest.mark.parametrize("text", SEED_LINES + OWN_LINES)
def test_levels_match_fribidi(text: str) -> None:
    paragraph = Paragraph(text)
    expected = resolve(text, paragraph.rtl).levels
    ours = [ord(c) for c in resolve_levels(text, 1 if paragraph.rtl else 0)]
    mismatches = [(i, text[i], expected[i], ours[i]) for i in range(len(text))
                  if expected[i] != ours[i] and text[i] not in "\u200c\u200d"]
    assert not mismatches


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("text", SEED_LINES + OWN_LINES)
def test_screen_lines_match_fribidi(text: str, width: int) -> None:
    paragraph = Paragraph(text)
    ours = [line.text for line in paragraph.lines(width)]
    assert ours == expected_lines(text, width, paragraph.rtl)


def test_directions_of_the_test_data() -> None:
    assert all(Paragraph(t).rtl for t in SEED_LINES + OWN_LINES[:6])
    assert not any(Paragraph(t).rtl for t in OWN_LINES[6:])


def test_a_wrapped_line_that_starts_with_latin_keeps_the_paragraph_direction() -> None:
    text = "به گفته‌ی کارشناسان ICCN و متروپولیس هر دو عضو هستند"
    lines = [line.text for line in Paragraph(text).lines(20)]
    line = lines[1]
    assert line.split()[-1] == "ICCN"  # the line starts (logically) with the Latin word
    # RTL order: "ICCN" is read first, so it sits right of و and متروپولیس.
    assert line.rstrip().endswith("ICCN")


def test_percent_after_persian_digits_stays_left_when_wrapped_to_the_line_start() -> None:
    # The notes' example: a line that begins with ۳۶٪ must keep the paragraph's levels (AN), so
    # the Arabic percent sign shows on the left of the number.
    text = "مصرف آب امسال حدود ۳۶٪ بیشتر از پارسال بوده است"
    lines = [line.text.strip() for line in Paragraph(text).lines(20)]
    line = next(line for line in lines if "۳۶" in line)
    assert "٪۳۶" in line


@pytest.mark.parametrize("text", RTL_BASE_LINES)
def test_paragraphs_from_a_persian_source_take_an_rtl_base(text: str) -> None:
    # UAX #9 alone (first strong character) lays each out left to right; the date line has no
    # strong character at all and falls back to LTR too.
    assert not Paragraph(text).rtl
    assert Paragraph(text, direction="content").rtl


@pytest.mark.parametrize("text", RTL_BASE_LINES)
def test_rtl_base_levels_match_fribidi(text: str) -> None:
    expected = resolve(text, True).levels
    ours = [ord(c) for c in resolve_levels(text, 1)]
    mismatches = [(i, text[i], expected[i], ours[i]) for i in range(len(text))
                  if expected[i] != ours[i] and text[i] not in "\u200c\u200d"]
    assert not mismatches


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("text", RTL_BASE_LINES)
def test_rtl_base_screen_lines_match_fribidi(text: str, width: int) -> None:
    ours = [line.text for line in Paragraph(text, direction="content").lines(width)]
    assert ours == expected_lines(text, width, True)
