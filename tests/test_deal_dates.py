"""A deal's own date as real pages (tests/field) give it, each construction on sentences of our own:
when the deal was signed, agreed or told, never when it is to be carried out, nor another event's date."""

from __future__ import annotations


def _dated(r) -> list[tuple]:
    return [(d.systems, d.quantity.low if d.quantity else None, d.date.value) for d in r.deals]


# 1. A target or delivery date is not the deal's date


def test_deliveries_due_later_do_not_date_the_deal(analyse):
    r = analyse("The Netherlands is set to acquire 24 Leopard 2A8 tanks from Germany, with deliveries due in 2027, "
                "the ministry announced.", published="2025-03-06")
    assert _dated(r) == [(("Leopard 2A8",), 24, "2025-03-06")]


def test_a_delivery_deadline_told_after_the_deal_does_not_date_it(analyse):
    r = analyse("The Netherlands is set to acquire 24 Leopard 2A8 tanks from Germany, the ministry announced.\n\n"
                "The tanks should be delivered by the end of 2027, the ministry said.", published="2025-03-06")
    assert _dated(r) == [(("Leopard 2A8",), 24, "2025-03-06")]


def test_a_deadline_for_the_signing_told_after_the_plan_does_not_date_it(analyse):
    r = analyse("The Netherlands is set to acquire 24 Leopard 2A8 tanks from Germany, the ministry announced.\n\n"
                "The ministry plans to conclude the contract, worth 2.9 billion euros, with KNDS by the end of the year.",
                published="2025-03-06")
    assert _dated(r) == [(("Leopard 2A8",), 24, "2025-03-06")]


def test_a_pledge_to_deliver_by_a_year_is_dated_when_it_was_told(analyse):
    r = analyse("Hanwha pledged to deliver all six submarines to Canada by 2035.", published="2025-03-06")
    assert [d.date.value for d in r.deals] == ["2025-03-06"]


def test_a_delivery_period_of_years_is_no_date(analyse):
    r = analyse("Hanwha signed a contract with Norway in May.\n\n"
                "This covered 54 K9 howitzers for delivery from 2023-2026, valued at $1 billion.", published="2024-12-06")
    assert [d.date.value for d in r.deals] == ["2024-05"]


def test_a_delivery_dated_in_the_past_keeps_its_date(analyse):
    r = analyse("Hanwha delivered 24 K9 howitzers to Norway in 2023.", published="2025-03-06")
    assert _dated(r) == [(("K9 Thunder",), 24, "2023")]


# 2. The deal's own date, not another event's in the sentence


def test_a_signing_participle_dates_its_deal_and_an_older_order_keeps_its_year(analyse):
    r = analyse("The contract for 54 K9 howitzers, signed on March 3, follows a 2019 order by Norway for 24 K9 howitzers "
                "from South Korea.", published="2025-03-06")
    assert sorted(_dated(r), key=lambda x: x[1]) == [(("K9 Thunder",), 24, "2019"), (("K9 Thunder",), 54, "2025-03-03")]


def test_the_signing_day_not_the_day_it_was_told(analyse):
    r = analyse("The ministry said on Thursday that the deal for 54 K9 howitzers from South Korea was signed by Norway "
                "on Monday.", published="2025-03-06")
    assert [d.date.value for d in r.deals] == ["2025-03-03"]


def test_last_year_opening_the_sentence_dates_the_agreement(analyse):
    r = analyse("Last year the companies agreed to build 48 FA-50 jets for Poland.", published="2025-03-06")
    assert [d.date.value for d in r.deals] == ["2024"]
    r = analyse("The deal for 48 FA-50 jets, which Poland signed with South Korea last year, is worth $3 billion.",
                published="2025-03-06")
    assert [d.date.value for d in r.deals] == ["2024"]


# 3. Relative dates in the deal's sentence, read against the article's date (to the day, or to the month
#    where only the page's address dates it)


def test_last_year_is_the_year_before_the_articles(analyse):
    text = "Last year, Korea Aerospace Industries signed a deal to export 48 FA-50 jets to Poland."
    assert [d.date.value for d in analyse(text, published="2025-03-06").deals] == ["2024"]
    assert [d.date.value for d in analyse(text, published="2025-03").deals] == ["2024"]


def test_last_month_against_an_article_dated_to_the_month(analyse):
    r = analyse("Last month, Korea Aerospace Industries signed a deal to export 48 FA-50 jets to Poland.", published="2025-03")
    assert [d.date.value for d in r.deals] == ["2025-02"]


def test_a_weekday_against_an_article_dated_to_the_month_invents_no_day(analyse):
    r = analyse("Korea Aerospace Industries signed a deal on Monday to export 48 FA-50 jets to Poland.", published="2025-03")
    assert [(d.date.value, d.date.precision) for d in r.deals] == [("2025-03", "month")]
    r = analyse("Korea Aerospace Industries signed a deal on Monday to export 48 FA-50 jets to Poland.", published="2025-03-06")
    assert [d.date.value for d in r.deals] == ["2025-03-03"]


# 4. Other constructions met on the tune pages


def test_a_day_the_text_gives_a_later_telling_beats_the_articles_date(analyse):
    r = analyse("Norway is in talks to buy K9 howitzers from South Korea.\n\n"
                "Hanwha Aerospace confirmed media reports Thursday that Norway had concluded talks over the K9 howitzers.",
                published="2025-03-07")
    assert [(d.status, d.date.value) for d in r.deals] == [("negotiating", "2025-03-06")]


def test_a_planned_delivery_of_the_rest_of_an_order_is_its_schedule(analyse):
    for rest in ("final", "remaining"):
        r = analyse(f"India signed a $5.5 billion deal with Russia in 2018 for five S-400 systems. Russia is expected to "
                    f"deliver the {rest} two S-400 systems to India in 2026.", published="2025-09-03")
        assert [(d.status, d.quantity.low, d.date.value) for d in r.deals] == [("signed", 5, "2018")]
    r = analyse("India signed a $5.5 billion deal with Russia in 2018 for five S-400 systems. Russia delivered the final "
                "two S-400 systems to India last week.", published="2025-09-03")
    assert [(d.status, d.quantity.low, d.date.value) for d in r.deals] == [("delivered", 5, "2025-08")]  # dated by the delivery


def test_talks_on_increased_deliveries_are_not_the_order_signed_years_before(analyse):
    r = analyse("Moscow and New Delhi are negotiating increased deliveries of Russian S-400 systems to India, officials said.\n\n"
                "India signed a $5.5 billion deal with Russia in 2018 for five S-400 systems.", published="2025-09-03")
    assert [(d.status, d.date.value) for d in r.deals] == [("negotiating", "2025-09-03"), ("signed", "2018")]
