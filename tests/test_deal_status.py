"""How far along a deal is, as real articles put it (issue 14, section 2), each on a sentence of our own."""

from __future__ import annotations

PUBLISHED = "2025-06-10"


def _status(analyse, text: str) -> list[tuple]:
    r = analyse(text, published=PUBLISHED)
    return sorted((d.supplier, d.buyer, d.systems, d.status) for d in r.deals)


def test_a_contract_to_supply_or_deliver_is_signed(analyse):
    assert _status(analyse, "South Korea signed a contract to supply 48 FA-50 jets to Poland.") == \
        [("KOR", "POL", ("FA-50",), "signed")]
    assert _status(analyse, "Hanwha signed a contract to deliver 54 K9 howitzers to Romania.") == \
        [("KOR", "ROU", ("K9 Thunder",), "signed")]
    assert _status(analyse, "The ministers reviewed the deals of last year to supply K2 tanks to Poland.") == \
        [("KOR", "POL", ("K2 Black Panther",), "signed")]


def test_goods_that_moved_are_delivered(analyse):
    assert _status(analyse, "Hyundai Heavy Industries supplied the Philippine Navy with two Jose Rizal-class frigates in 2020.") == \
        [("KOR", "PHL", ("Jose Rizal-class frigate",), "delivered")]
    assert _status(analyse, "The first batch of 12 K9 howitzers was shipped to Norway in March.") == \
        [("KOR", "NOR", ("K9 Thunder",), "delivered")]


def test_talks_to_supply_are_negotiating(analyse):
    assert _status(analyse, "Hanwha is in talks with Bucharest to supply the AS21 Redback.") == \
        [("KOR", "ROU", ("AS21 Redback",), "negotiating")]


def test_a_supposed_deal_is_not_signed(analyse):
    assert _status(analyse, "If Brazil picks the Gripen, Sweden would deliver 36 jets by 2030.") == \
        [("SWE", "BRA", ("Gripen",), "planned")]
    assert _status(analyse, "The purchase of K9 howitzers by Peru would open a new market for Hanwha if the talks succeed.") == \
        [("KOR", "PER", ("K9 Thunder",), "planned")]
    assert [s for *_, s in _status(analyse, "If Poland signs the contract for 180 K2 tanks, South Korea will open a plant.")] != ["signed"]


def test_talks_near_their_end_are_negotiating(analyse):
    assert _status(analyse, "Poland is close to a deal with South Korea for 180 K2 tanks.") == \
        [("KOR", "POL", ("K2 Black Panther",), "negotiating")]
    assert _status(analyse, "Hyundai Rotem and the Polish defence ministry finalized negotiations and are preparing for a "
                            "signing ceremony for the sale of 180 K2 tanks to Poland.") == \
        [("KOR", "POL", ("K2 Black Panther",), "negotiating")]
    assert _status(analyse, "Canada continues to evaluate proposals for the acquisition of KSS-III submarines from South Korea.") == \
        [("KOR", "CAN", ("KSS-III",), "negotiating")]
