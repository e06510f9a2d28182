"""Digits and the search key."""

from __future__ import annotations

from madara_tui.text import search_key, shape, to_ascii_digits, to_persian_digits


def test_digits() -> None:
    assert to_persian_digits(1403) == "۱۴۰۳"
    assert to_persian_digits("ساعت 03:19 و ٤٥") == "ساعت ۰۳:۱۹ و ۴۵"
    assert to_ascii_digits("۱۴۰۳/۱۱/۰۳ و ٤٥٦") == "1403/11/03 و 456"


def test_search_key_folds_arabic_letter_variants_and_zwnj() -> None:
    assert search_key("كتاب‌هاي علمي") == search_key("کتابهای علمی") == "کتابهای علمی"
    assert search_key("يى") == "یی"


def test_search_key_drops_tatweel_and_diacritics() -> None:
    assert search_key("خانهٔ") == "خانه"
    assert search_key("اصطلاحاً") == "اصطلاحا"
    assert search_key("مـــدارا") == "مدارا"
    assert search_key("آذر") == search_key("اذر")


def test_search_key_digits_latin_presentation_forms() -> None:
    assert search_key("۳۶٪ و ٣٦ و 36") == "36٪ و 36 و 36"
    assert search_key("ICCN Metropolis") == "iccn metropolis"
    assert search_key(shape("ظرفیت‌های لازم")) == "ظرفیتهای لازم"
    assert search_key("  دو   فاصله \n") == "دو فاصله"
