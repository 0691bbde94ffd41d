"""Deal status in constructions real pages use, round 2 (issue 14, section 2): what a deal binds a side to,
a contract told as made, a choice still to come, a buyer's delivery to come. Each on a sentence of our own."""

from __future__ import annotations

import pytest

from tests.test_status_real import PUBLISHED, _status


CASES = [
    # what a deal's own clause has a side do is what was signed, not goods that have moved
    ("The new contract will see the Korean firm build and deliver six K9 howitzers to the Estonian army within "
     "three years.", [("KOR", "EST", ("K9 Thunder",), "signed")]),
    ("Hanwha delivered six K9 howitzers to the Estonian army in May.", [("KOR", "EST", ("K9 Thunder",), "delivered")]),
    # a contract told as made (the object of a verb in the past) outranks a fuller telling of the plan
    ("Korea will export its KM-SAM air defence system to Qatar in a deal worth $3 billion.\n\n"
     "On Sunday, Hanwha Systems exchanged contracts on the KM-SAM with the Qatari defence ministry.",
     [("KOR", "QAT", ("Cheongung-II",), "signed")]),
    ("Korea will export its KM-SAM air defence system to Qatar in a deal worth $3 billion.",
     [("KOR", "QAT", ("Cheongung-II",), "planned")]),
    # a choice still to come leaves the contest open; a choice made is planned until a contract is signed
    ("The Royal Thai Air Force is likely to pick the Gripen fighter for its new squadron.",
     [("SWE", "THA", ("Gripen",), "negotiating")]),
    ("Thailand will select either the Gripen or the F-16 for its new squadron.",
     [("SWE", "THA", ("Gripen",), "negotiating"), ("USA", "THA", ("F-16",), "negotiating")]),
    ("Thailand chose the Gripen for its new squadron last year.", [("SWE", "THA", ("Gripen",), "planned")]),
    # the buyer's delivery to come is the order's schedule; a buyer's plan to receive is a plan
    ("Thailand will receive 12 Gripen jets between 2026 and 2028.", [("SWE", "THA", ("Gripen",), "signed")]),
    ("Thailand plans to receive 12 Gripen jets from Sweden.", [("SWE", "THA", ("Gripen",), "planned")]),
    ("Thailand received 12 Gripen jets from Sweden in 2024.", [("SWE", "THA", ("Gripen",), "delivered")]),
    # what a memorandum or a letter of intent is to supply is planned; what a contract is to supply is signed
    ("Hanwha signed a memorandum of understanding with Romania to supply 54 K9 howitzers.",
     [("KOR", "ROU", ("K9 Thunder",), "planned")]),
    ("Hanwha signed a letter of intent with Romania for the delivery of 54 K9 howitzers.",
     [("KOR", "ROU", ("K9 Thunder",), "planned")]),
    ("Hanwha signed a contract with Romania to supply 54 K9 howitzers.", [("KOR", "ROU", ("K9 Thunder",), "signed")]),
    # a contract for a delivery: who delivers is not told by the signing's subject (either side signs)
    ("Poland signed a contract with Hyundai Rotem for the delivery of 180 K2 tanks.",
     [("KOR", "POL", ("K2 Black Panther",), "signed")]),
    ("Hanwha signed a contract for the delivery of 200 K9 howitzers to Egypt.", [("KOR", "EGY", ("K9 Thunder",), "signed")]),
    # a purchase that talks are about is negotiating, however the parser hangs the infinitive
    ("Spain is in talks with Turkey to buy 24 Hurjet trainers.", [("TUR", "ESP", ("Hurjet",), "negotiating")]),
    ("Spain is in final negotiations with Turkey to buy 24 Hurjet trainers.", [("TUR", "ESP", ("Hurjet",), "negotiating")]),
    ("During the talks on Thursday, the ministers of Spain and Turkey praised the deal last year to supply 24 Hurjet "
     "trainers.", [("TUR", "ESP", ("Hurjet",), "signed")]),
    # a sale notified to a parliament, or proposed, is an approval on its way: planned
    ("Congress was notified of the proposed sale of 12 F-16 jets to Vietnam.", [("USA", "VNM", ("F-16",), "planned")]),
    ("The DSCA notified Congress of a sale of 12 F-16 jets to Vietnam.", [("USA", "VNM", ("F-16",), "planned")]),
    # a buyer's interest in a purchase: a deal courted, negotiating (as the field gold reads it)
    ("Qatar expressed its interest in purchasing 24 F-35 jets from the US.", [("USA", "QAT", ("F-35",), "negotiating")]),
    ("Vietnam is interested in buying 12 Gripen jets from Sweden.", [("SWE", "VNM", ("Gripen",), "negotiating")]),
    ("In the interest of speed, Sweden sold 12 Gripen jets to Thailand in 2024.", [("SWE", "THA", ("Gripen",), "signed")]),
    # a follow-up telling a signing to come leaves the talks as they are; one telling it done makes the deal signed
    ("Poland and South Korea are nearing a contract for 180 more K2 tanks.\n\nThe contract could be worth up to $7 "
     "billion and may be signed as early as June, officials said.", [("KOR", "POL", ("K2 Black Panther",), "negotiating")]),
    ("Poland and South Korea are nearing a contract for 180 more K2 tanks.\n\nThe contract, worth $7 billion, was "
     "signed on Monday, officials said.", [("KOR", "POL", ("K2 Black Panther",), "signed")]),
    # a signing told as a participle beside a choice in the past is a signing done
    ("Estonia chose the K9 howitzer in 2018, signing for 24 units.", [("KOR", "EST", ("K9 Thunder",), "signed")]),
    # money set aside for a purchase is a budget: planned until a contract is signed
    ("Spain has earmarked €3 billion for the purchase of 24 Hurjet trainers from Turkey.",
     [("TUR", "ESP", ("Hurjet",), "planned")]),
    ("Spain has budgeted €3 billion for the purchase of 24 Hurjet trainers from Turkey.",
     [("TUR", "ESP", ("Hurjet",), "planned")]),
    # an aid clause on the parties of the deal just told makes it aid: a package pointing back to it is aid too
    ("Norway is handing Ukraine four NASAMS launchers.\n\nIn March, the prime minister announced a new package of "
     "military aid to Kyiv. This package included 12 M109 howitzers.",
     [("NOR", "UKR", ("M109",), "aid"), ("NOR", "UKR", ("NASAMS",), "aid")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:60] for c in CASES])
def test_status_real2(analyse, text, expected):
    assert _status(analyse, text) == expected


def test_a_delivery_to_come_dates_no_deal(analyse):
    """A buyer's delivery to come ("will receive ... between 2026 and 2028") is a schedule: the deal is
    dated when it was told, not by the years of the schedule."""
    r = analyse("Thailand will receive 12 Gripen jets between 2026 and 2028.", published=PUBLISHED)
    assert [d.date.value for d in r.deals] == [PUBLISHED]
