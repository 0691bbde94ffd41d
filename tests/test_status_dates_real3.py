"""Deal status and dates in constructions real pages use, round 3 (issue 14, sections 2 and 3): a signing that
is the goal of work under way, an earlier deal a clause only follows, goods "for delivery", and a later
sentence that tells only an earlier stage of a deal. Each on a sentence of our own."""

from __future__ import annotations

import pytest

from tests.test_status_real import PUBLISHED, _status


CASES = [
    # a contract that is the goal of work under way is being negotiated, whatever verb opens the clause
    ("The two defence ministers agreed on Monday to speed up work toward concluding a contract for six Type 26 "
     "frigates for Norway from Britain.", [("GBR", "NOR", ("Type 26",), "negotiating")]),
    ("Seoul and Warsaw agreed to step up efforts towards signing a deal for 180 K2 tanks.",
     [("KOR", "POL", ("K2 Black Panther",), "negotiating")]),
    ("Egypt and France agreed on Friday to continue work toward finalizing the sale of 12 Rafale jets.",
     [("FRA", "EGY", ("Rafale",), "negotiating")]),
    ("Ministers from both countries said they would keep moving towards a deal for eight Patriot batteries for "
     "Poland from the US.", [("USA", "POL", ("Patriot",), "negotiating")]),
    # "toward" with no deal under it leaves the signing as it is
    ("Canberra has signed a contract for 11 Mogami frigates from Japan, a step toward closer defence ties.",
     [("JPN", "AUS", ("Mogami-class frigate",), "signed")]),
    # the deal a clause would follow is a fact of its own: the clause's mood is not its mood
    ("The purchase would follow Egypt's 2015 order of 24 Rafale jets from France.", [("FRA", "EGY", ("Rafale",), "signed")]),
    ("The new deal would come after Norway's purchase of 24 K9 howitzers from South Korea in 2017.",
     [("KOR", "NOR", ("K9 Thunder",), "signed")]),
    # goods "for delivery" are what a deal binds a side to: signed, not delivered; goods that moved stay delivered
    ("It covers 54 K9 howitzers for delivery in 2027 to Romania from South Korea.",
     [("KOR", "ROU", ("K9 Thunder",), "signed")]),
    ("The first 10 K2 tanks for delivery to Poland arrived in Gdynia on Tuesday.",
     [("KOR", "POL", ("K2 Black Panther",), "delivered")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:60] for c in CASES])
def test_status_real3(analyse, text, expected):
    assert _status(analyse, text) == expected


def _dates(analyse, text: str, published: str | None = PUBLISHED) -> list[tuple]:
    r = analyse(text, published=published)
    return sorted((d.systems, d.status, d.date.value) for d in r.deals)


def test_a_delivery_window_the_goods_are_for_dates_no_deal(analyse):
    """"This covered 24 jets for delivery from 2022 to 2025": a schedule, even where it runs up to the article's
    date; the deal is signed and dated by the agreement told before it."""
    text = ("Greece signed a framework agreement with France in March. This covered 24 Rafale jets for delivery from "
            "2022 to 2025, worth $3 billion.")
    assert _dates(analyse, text) == [(("Rafale",), "signed", "2025-03")]


def test_a_plan_told_after_a_contract_does_not_date_it(analyse):
    """"The purchase plan and the start of talks were announced on January 20", told after a signed contract, is
    the plan's day: the contract keeps the day it was told on."""
    text = ("On Tuesday, June 3, 2025, Korea Aerospace Industries announced the signing of a contract with the "
            "Philippines for 12 FA-50 jets. The purchase plan and the start of talks with the maker were announced by "
            "the government in Manila on January 20 of this year.")
    assert _dates(analyse, text, None) == [(("FA-50",), "signed", "2025-06-03")]


def test_a_later_signing_still_dates_the_contract(analyse):
    """A later sentence telling the signing itself dates the deal as before."""
    text = ("Hanwha signed a contract with Norway for 24 K9 howitzers.\n\nThe contract was signed on March 3, "
            "Hanwha said.")
    assert _dates(analyse, text) == [(("K9 Thunder",), "signed", "2025-03-03")]


def test_an_approval_told_after_a_purchase_does_not_date_it(analyse):
    """"The sale was approved in 2019", after a purchase told done: the approval is a stage before the purchase
    (the sentence's main verb is a deciding one), so the purchase keeps the article's date."""
    text = ("Taiwan has bought 108 M1 Abrams tanks from the US. The sale was approved in 2019 and the delivery is "
            "scheduled to be completed in 2026.")
    assert _dates(analyse, text, "2024-12-16") == [(("M1 Abrams",), "signed", "2024-12-16")]
