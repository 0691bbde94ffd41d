"""Deal dates on real pages, round 2 (issues 13/14): which date a deal takes when its sentence, or the
text around it, gives several; each construction on sentences of our own."""

from __future__ import annotations


def _dated(r) -> list[tuple]:
    return sorted((d.systems, d.quantity.low if d.quantity else None, d.date.value, d.status) for d in r.deals)


def test_a_purchase_due_by_a_deadline_is_dated_by_its_signing(analyse):
    # "signed a contract in 2017 to acquire ... by the end of 2020": 2020 is when the goods are due
    r = analyse("Norway signed a contract with Hanwha in 2017 to acquire 24 K9 howitzers by the end of 2020.",
                published="2020-04-09")
    assert _dated(r) == [(("K9 Thunder",), 24, "2017", "signed")]
    # a delivery done by a date keeps it: that is how far it had got
    r = analyse("Hanwha delivered all 24 K9 howitzers to Norway by March.", published="2020-04-09")
    assert _dated(r) == [(("K9 Thunder",), 24, "2020-03", "delivered")]


def test_a_sentence_on_the_signing_gives_the_deals_day(analyse):
    # the lead dates the deal by when it was reported; "The signing took place ... on Tuesday" by when it was signed
    r = analyse("Peru has signed a framework agreement to buy K2 tanks from South Korea, Yonhap reported on Wednesday.\n\n"
                "The signing took place in Lima on Tuesday and was attended by the president.", published="2025-12-10")
    assert [(d.date.value, d.date_stated) for d in r.deals] == [("2025-12-09", True)]


def test_a_later_signing_of_both_sides_dates_their_deal_not_the_one_told_between(analyse):
    # "Indonesia and Turkey signed ... last Saturday", after the Rafale order and the F-15EX talks: the KAAN deal's day
    r = analyse("Indonesia has signed a contract to buy 48 KAAN fighter jets from Turkey, the ministry said on Tuesday.\n\n"
                "Jakarta also ordered 42 Rafale jets from France in 2022. It is also in talks to buy F-15EX jets from the US.\n\n"
                "Indonesia and Turkey signed an implementation contract last Saturday in Istanbul, the ministry said.",
                published="2025-07-29")
    assert _dated(r) == [(("F-15EX",), None, "2025-07-29", "negotiating"), (("KAAN",), 48, "2025-07-26", "signed"),
                         (("Rafale",), 42, "2022", "signed")]
    # a clause that signs nothing ("the Romanian order extends a run ... last year") dates no deal told before
    r = analyse("Hanwha signed a deal with Romania to supply 54 K9 howitzers on Tuesday.\n\nHanwha is in talks with "
                "Bucharest to supply the AS21 Redback.\n\nFor South Korea, the Romanian order extends a run of European "
                "business that lifted its arms exports to $13 billion last year.", published="2024-07-10")
    assert [d.date.value for d in r.deals if d.systems == ("AS21 Redback",)] == ["2024-07-10"]


def test_the_start_of_a_period_dates_no_deal(analyse):
    # "authorized since August 2021": a period running to the article's date, not the date of the next sentence's aid
    r = analyse("The Pentagon announced $820 million in additional security assistance for Ukraine. The drawdown is the "
                "fourteenth that the administration has authorized since August 2021. Capabilities in this package "
                "include ammunition for HIMARS.", published="2022-07-01")
    assert _dated(r) == [(("HIMARS",), None, "2022-07-01", "aid")]
    r = analyse("Hanwha has exported about 600 K9 howitzers to Poland since 2001.", published="2022-07-01")
    assert [d.date.value for d in r.deals] == ["2022-07-01"]
    # nor a date inside the phrase of that start ("since the start of the invasion on February 24")
    r = analyse("Ukraine received 20 HIMARS systems from the United States, the Pentagon said.\n\nThe United States has "
                "committed $6.9 billion in aid to Ukraine since the start of the invasion on February 24.",
                published="2022-07-01")
    assert [d.date.value for d in r.deals] == ["2022-07-01"]


def test_the_start_of_a_deals_story_dates_it_only_where_a_deal_is_told_there(analyse):
    # "goes back to 2009, when Egypt expressed interest": the story's start, not the signing told before
    r = analyse("Egypt has signed a deal worth $1.7 billion to buy K9 howitzers from South Korea, the agency announced on "
                "Tuesday. The long-awaited deal goes back to at least 2009, when Egypt expressed interest in new artillery.",
                published="2022-02-02")
    assert [d.date.value for d in r.deals] == ["2022-02-01"]
    # "dates back to December 2021, when Hanwha was awarded a contract": that contract's date
    r = analyse("Cooperation between Australia and South Korea dates back to December 2021, when Hanwha was awarded a "
                "contract to build 30 K9 howitzers.", published="2024-07-10")
    assert _dated(r) == [(("K9 Thunder",), 30, "2021-12", "signed")]


def test_a_signing_told_as_news_is_not_dated_by_the_plan_before_it(analyse):
    # one deal at two stages: signed now ("has signed to supply 21"), planned a year before ("Last year ... agreed to
    # team up"): dated when it was signed, the article's day, not the plan's year
    r = analyse("The joint venture of Leonardo and Rheinmetall has signed to supply 21 Lynx vehicles to Italy, the firms "
                "said on Wednesday.\n\nLast year the companies agreed to team up to build the Lynx vehicles for Italy.",
                published="2025-11-05")
    assert [(d.quantity.low, d.date.value, d.date_stated, d.status) for d in r.deals] == [(21, "2025-11-05", False, "signed")]


def test_a_deal_that_follows_an_earlier_order_keeps_its_date_and_tells_that_order(analyse):
    # "It follows Poland's 2022 order for 180 K2s": no follow-up dating the new deal 2022, but the older order of its own
    r = analyse("Poland has signed a $6.5 billion deal with Hyundai Rotem for 180 K2 tanks. The deal was signed on 1 August. "
                "It follows Poland's 2022 order for 180 K2s.", published="2025-08-08")
    assert _dated(r) == [(("K2 Black Panther",), 180, "2022", "signed"), (("K2 Black Panther",), 180, "2025-08-01", "signed")]
    r = analyse("Norway ordered four more K9 howitzers from Hanwha on Monday. The order follows a 2017 contract for 24 K9 "
                "howitzers.", published="2025-08-08")
    assert _dated(r) == [(("K9 Thunder",), 4, "2025-08-04", "signed"), (("K9 Thunder",), 24, "2017", "signed")]


def test_a_delivery_on_coordinated_dates_is_done_at_the_last(analyse):
    # "in 2020 and 2021, respectively": one frigate a year, the two delivered by 2021
    r = analyse("Hanwha Ocean supplied the Thai navy with two Bhumibol-class frigates in 2020 and 2021, respectively.",
                published="2025-12-30")
    assert [(d.status, d.date.value) for d in r.deals] == [("delivered", "2021")]
