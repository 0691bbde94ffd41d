"""Deal status in constructions real pages use, round 4 (issue 14): a company that receives an order wins it;
what a deal "provides for" was signed, not handed over; a purchase weighed or supposed is planned; an order whose
goods its sentence tells handed over is delivered; a rival passed over "despite" its merits, or a purchase
overturned, lost; goods an aid programme pays for, aid. Each on a sentence of our own."""

from __future__ import annotations

import pytest

from tests.test_status_real import _status


CASES = [
    # a verb of getting whose object is the contract: the getter is the supplier, the deal signed (as "won an order")
    ("The Korean shipyard received a contract from the Philippine Navy for six offshore patrol vessels.",
     [("KOR", "PHL", ("offshore patrol vessel",), "signed")]),
    ("A Korean shipbuilder has received an order from the Thai navy for two frigates worth $300 million.",
     [("KOR", "THA", ("frigate",), "signed")]),
    # goods received are still a delivery
    ("Poland received 10 K2 tanks from South Korea in December.", [("KOR", "POL", ("K2 Black Panther",), "delivered")]),
    # what a deal provides for is what it binds a side to: signed
    ("Spain signed an agreement with Turkey providing for 24 Hurjet trainers.", [("TUR", "ESP", ("Hurjet",), "signed")]),
    ("Chile signed a contract with Britain that provides for three Type 23 frigates.",
     [("GBR", "CHL", ("Type 23",), "signed")]),
    ("The United States provided 20 Abrams tanks to Ukraine last year.", [("USA", "UKR", ("M1 Abrams",), "delivered")]),
    # a purchase weighed ("looking at buying") or supposed to happen is planned
    ("Germany is looking at buying four more Patriot systems from the United States.", [("USA", "DEU", ("Patriot",), "planned")]),
    ("Chile is looking at acquiring three used frigates from Britain.", [("GBR", "CHL", ("frigate",), "planned")]),
    ("Peru was supposed to acquire 12 Gripen jets from Sweden.", [("SWE", "PER", ("Gripen",), "planned")]),
    ("Sweden is supposed to deliver 12 Gripen jets to Peru next year.", [("SWE", "PER", ("Gripen",), "planned")]),
    # an order whose goods the same sentence tells handed over, in a clause naming no system of its own: delivered
    ("In 2019, Peru signed a contract with Sweden to buy 24 Gripen jets, of which ten have so far been delivered.",
     [("SWE", "PER", ("Gripen",), "delivered")]),
    ("Since the 2018 contract for 30 K9 howitzers, South Korea has delivered all of them to Egypt on time.",
     [("KOR", "EGY", ("K9 Thunder",), "delivered")]),
    # deliveries still to come, or told in a coordinated clause of their own, leave the order signed
    ("Egypt ordered 30 K9 howitzers from South Korea in 2018, and the first six arrived in 2020.",
     [("KOR", "EGY", ("K9 Thunder",), "signed")]),
    ("In 2019, Peru signed a contract with Sweden to buy 24 Gripen jets, which will be delivered from 2026.",
     [("SWE", "PER", ("Gripen",), "signed")]),
    # a rival the buyer chose against "despite" its merits lost, on a verb of choosing only; a decision to buy
    # overturned or reversed lost the system it was for
    ("Despite the Gripen's lower price tag, Peru is reportedly choosing the F-16 from the United States.",
     [("SWE", "PER", ("Gripen",), "lost"), ("USA", "PER", ("F-16",), "planned")]),
    ("Despite delays, Poland bought 180 K2 tanks from South Korea.", [("KOR", "POL", ("K2 Black Panther",), "signed")]),
    ("Peru has overturned its decision to buy the Gripen from Sweden.", [("SWE", "PER", ("Gripen",), "lost")]),
    ("Colombia reversed its decision to buy 16 Rafale jets from France.", [("FRA", "COL", ("Rafale",), "lost")]),
    # goods an aid programme gives or pays for are aid; the same goods bought are not
    ("Ghana will also receive 20 M1117 armored vehicles from the U.S. Excess Defense Articles program.",
     [("USA", "GHA", ("M1117",), "aid")]),
    ("The United States will supply 12 Black Hawk helicopters to Jordan, funded through Foreign Military Financing.",
     [("USA", "JOR", ("Black Hawk",), "aid")]),
    ("Ghana bought 20 M1117 armored vehicles from the United States last year.", [("USA", "GHA", ("M1117",), "signed")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:60] for c in CASES])
def test_status_real4(analyse, text, expected):
    assert _status(analyse, text) == expected
