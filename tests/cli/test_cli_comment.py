"""`comment` and `outbox`: every outcome, with the exit status scripts rely on."""

from __future__ import annotations

from cli_env import Cli

from madara_tui.demo import DemoSite

TRUSTED = "mehdi.rezaei@example.com"


def _comment(cli: Cli, text: str, *, article: str = "331201", email: str = "negar@example.com",
             options: tuple[str, ...] = ()) -> tuple[int, str, str]:
    result = cli("comment", article, "--name", "نگار", "--email", email, stdin=text,
                 options=options)
    return result.status, result.out, result.err


def _arrivals(site: DemoSite, text: str) -> int:
    return sum(1 for p in site.posted
               if p.outcome in ("published", "held") and ("comment", text) in p.form)


def test_held_published_and_duplicate_exit_0(fetched: Cli, site: DemoSite) -> None:
    status, out, _ = _comment(fetched, "گزارش دقیقی بود، سپاس.")
    assert status == 0 and "در انتظار تأیید" in out
    status, out, _ = _comment(fetched, "گزارش دقیقی بود، سپاس.")
    assert status == 0 and "پیش‌تر ارسال شده بود" in out
    status, out, _ = _comment(fetched, "دیدگاه منتشرشده", email=TRUSTED, options=("--lang", "en"))
    assert status == 0 and out.strip() == "published"
    assert _arrivals(site, "گزارش دقیقی بود، سپاس.") == 1
    listed = fetched("outbox", "--json").json()
    assert listed["outbox"] == []  # the site took all of them


def test_invalid_email_exits_4_and_queues_nothing(fetched: Cli, site: DemoSite) -> None:
    status, out, err = _comment(fetched, "متن", email="not-an-email")
    assert status == 4 and out == ""
    assert "نشانی ایمیل درست نیست" in err
    status, _, err = _comment(fetched, "متن", email="nope", options=("--lang", "en"))
    assert status == 4 and "the email address is invalid" in err
    assert fetched("outbox", "--json").json()["outbox"] == []
    assert not site.posted


def test_unknown_article_and_empty_text(fetched: Cli) -> None:
    status, _, err = _comment(fetched, "متن", article="999999")
    assert status == 3 and "پیدا نشد" in err
    status, _, err = _comment(fetched, "   \n")
    assert status == 2 and "خالی" in err


def test_rejected_by_the_site_exits_1_with_its_reason(fetched: Cli) -> None:
    status, _, err = _comment(fetched, "متنی که نگه داشته می‌شود", email="x" * 70 + "@example.com")
    assert status == 1
    assert "رد شد" in err and "ایمیل" in err  # the state and the site's own message
    (item,) = fetched("outbox", "--json").json()["outbox"]
    assert item["state"] == "rejected" and item["text"] == "متنی که نگه داشته می‌شود"
    assert "email" not in item  # the address never goes to output


def test_comments_closed_exits_1(fetched: Cli, site: DemoSite) -> None:
    status, _, err = _comment(fetched, "دیدگاه", article="331214")
    assert status == 1 and "بسته" in err
    assert not site.posted


def test_queued_offline_then_outbox_send(fetched: Cli, site: DemoSite) -> None:
    status, out, _ = _comment(fetched, "نوشته‌شده در حالت آفلاین", options=("--offline",))
    assert status == 0 and "در صف ارسال" in out
    (item,) = fetched("outbox", "--json").json()["outbox"]
    assert item["state"] == "queued"
    listing = fetched("outbox")
    assert listing.status == 0 and "خبر ۳۳۱۲۰۱" in listing.out
    assert not site.posted
    sent = fetched("outbox", "--send", "--json")
    assert sent.status == 0, sent.err
    data = sent.json()
    assert [i["state"] for i in data["sent"]] == ["held"] and data["outbox"] == []
    assert _arrivals(site, "نوشته‌شده در حالت آفلاین") == 1
    assert fetched("outbox").out.strip() == "صندوق خروجی خالی است"  # the reader's name too


def test_fetch_reports_sent_comments_in_persian_digits(fetched: Cli, site: DemoSite) -> None:
    assert _comment(fetched, "در صف تا به‌روزرسانی بعدی", options=("--offline",))[0] == 0
    (item,) = fetched("outbox", "--json").json()["outbox"]
    result = fetched("fetch")
    assert result.status == 0, result.err
    number = str(item["id"]).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert f"دیدگاه {number}: " in result.out
    assert not any(ch.isascii() and ch.isdigit() for line in result.out.splitlines()
                   if line.startswith("دیدگاه") for ch in line)


def test_site_down_queues_the_comment(fetched: Cli, site: DemoSite) -> None:
    site.stop()
    status, out, _ = _comment(fetched, "وقتی سایت در دسترس نبود")
    assert status == 0 and "در صف ارسال" in out
    still = fetched("outbox", "--send")
    assert still.status == 1  # still waiting: the site is down


def test_too_fast_exits_1_and_stays_queued(fetched: Cli, site: DemoSite) -> None:
    site.flood_interval = 15.0
    assert _comment(fetched, "نخست")[0] == 0
    status, _, err = _comment(fetched, "دوم، بی‌درنگ")
    assert status == 1 and "دوباره فرستاده می‌شود" in err
    (item,) = fetched("outbox", "--json").json()["outbox"]
    assert item["state"] == "too_fast" and item["not_before"]
    assert fetched("outbox", "--send").status == 1  # its wait is not over: not sent
