"""How far along a deal is, as real articles put it (issue 14, section 2), each on a sentence of our own."""

from __future__ import annotations

import pytest

PUBLISHED = "2025-06-10"


def _status(analyse, text: str) -> list[tuple]:
    r = analyse(text, published=PUBLISHED)
    return sorted((d.supplier, d.buyer, d.systems, d.status) for d in r.deals)


CASES = [
    # a contract to supply or deliver is signed; goods that moved are delivered
    ("South Korea signed a contract to supply 48 FA-50 jets to Poland.", [("KOR", "POL", ("FA-50",), "signed")]),
    ("Hanwha signed a contract to deliver 54 K9 howitzers to Romania.", [("KOR", "ROU", ("K9 Thunder",), "signed")]),
    ("The ministers reviewed the deals of last year to supply K2 tanks to Poland.", [("KOR", "POL", ("K2 Black Panther",), "signed")]),
    ("Hyundai Heavy Industries supplied the Philippine Navy with two Jose Rizal-class frigates in 2020.",
     [("KOR", "PHL", ("Jose Rizal-class frigate",), "delivered")]),
    ("The first batch of 12 K9 howitzers was shipped to Norway in March.", [("KOR", "NOR", ("K9 Thunder",), "delivered")]),
    ("The order follows the successful implementation of the first contract, signed in 2017 to export 24 K9 howitzers "
     "to Norway.", [("KOR", "NOR", ("K9 Thunder",), "delivered")]),
    ("Hanwha is in talks with Bucharest to supply the AS21 Redback.", [("KOR", "ROU", ("AS21 Redback",), "negotiating")]),
    # suppositions are not signed
    ("If Brazil picks the Gripen, Sweden would deliver 36 jets by 2030.", [("SWE", "BRA", ("Gripen",), "planned")]),
    ("The purchase of K9 howitzers by Peru would open a new market for Hanwha if the talks succeed.",
     [("KOR", "PER", ("K9 Thunder",), "planned")]),
    # talks near their end are negotiating
    ("Poland is close to a deal with South Korea for 180 K2 tanks.", [("KOR", "POL", ("K2 Black Panther",), "negotiating")]),
    ("Hyundai Rotem and the Polish defence ministry finalized negotiations and are preparing for a signing ceremony for "
     "the sale of 180 K2 tanks to Poland.", [("KOR", "POL", ("K2 Black Panther",), "negotiating")]),
    ("Canada continues to evaluate proposals for the acquisition of KSS-III submarines from South Korea.",
     [("KOR", "CAN", ("KSS-III",), "negotiating")]),
    ("Egypt is \"very close\" to signing a deal to buy two FREMM frigates from Italy.", [("ITA", "EGY", ("FREMM",), "negotiating")]),
    ("\"We are about to strike a deal with Peru to export about 100 K9 howitzers,\" an official said.",
     [("KOR", "PER", ("K9 Thunder",), "negotiating")]),
    # a signing short of a contract is planned
    ("Hanwha Aerospace signed a memorandum of understanding with Romania on the supply of AS21 Redback vehicles.",
     [("KOR", "ROU", ("AS21 Redback",), "planned")]),
    ("Poland signed a letter of intent with South Korea for 96 K239 Chunmoo launchers.", [("KOR", "POL", ("Chunmoo",), "planned")]),
    # selections, approvals and decisions are planned
    ("In order to support the navy, and with the selection of the Mogami-class frigate for Australia's frigate "
     "programme, the ministers will work together.", [("JPN", "AUS", ("Mogami-class frigate",), "planned")]),
    ("The Indian cabinet approved the purchase of 26 Rafale jets from France.", [("FRA", "IND", ("Rafale",), "planned")]),
    ("The US State Department authorized the $7.2 billion sale of 32 F-35 jets to Romania.", [("USA", "ROU", ("F-35",), "planned")]),
    ("The US State Department approved a possible sale of 32 F-35 jets to Romania.", [("USA", "ROU", ("F-35",), "planned")]),
    ("Ireland decided to join an agreement on the joint acquisition of Mistral missiles from France.",
     [("FRA", "IRL", ("Mistral missile",), "planned")]),
    ("The Philippines chose the Jose Rizal-class frigate from South Korea.", [("KOR", "PHL", ("Jose Rizal-class frigate",), "planned")]),
    ("The minister announced plans by Latvia to acquire HIMARS systems from the US.", [("USA", "LVA", ("HIMARS",), "planned")]),
    # competitions: a negotiating deal per bidder, a lost deal per loser
    ("Sweden's A26 and France's Scorpene are vying for the Philippines' submarine tender.",
     [("FRA", "PHL", ("Scorpene",), "negotiating"), ("SWE", "PHL", ("A26",), "negotiating")]),
    ("Saab is competing for a Philippine Navy contract for two A26 submarines.", [("SWE", "PHL", ("A26",), "negotiating")]),
    ("Saab and Naval Group are vying for the Philippines' tender for four submarines.",
     [("FRA", "PHL", ("submarine",), "negotiating"), ("SWE", "PHL", ("submarine",), "negotiating")]),
    ("Peru chose the Gripen over the F-16, the Rafale and the Eurofighter Typhoon.",
     [("FRA", "PER", ("Rafale",), "lost"), ("GBR", "PER", ("Eurofighter Typhoon",), "lost"),
      ("SWE", "PER", ("Gripen",), "planned"), ("USA", "PER", ("F-16",), "lost")]),
    ("The K9 beat the PzH 2000 and the Caesar in Australia's howitzer competition.",
     [("DEU", "AUS", ("PzH 2000",), "lost"), ("FRA", "AUS", ("Caesar",), "lost"), ("KOR", "AUS", ("K9 Thunder",), "planned")]),
    ("The K9 beat expectations in trials in Australia.", []),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_status_as_the_sentence_tells_it(analyse, text, expected):
    assert _status(analyse, text) == expected


def test_a_signing_under_a_condition_is_not_signed(analyse):
    statuses = [s for *_, s in _status(analyse, "If Poland signs the contract for 180 K2 tanks, South Korea will open a plant.")]
    assert "signed" not in statuses


def test_a_number_in_a_systems_name_dates_nothing(analyse):
    r = analyse("The K9 beat the PzH 2000 and the Caesar in Australia's howitzer competition.", published=PUBLISHED)
    assert {d.date.value for d in r.deals} == {PUBLISHED}


def test_a_bare_deal_noun_pointing_back_makes_no_signed_deal(analyse):
    assert _status(analyse, "Such fast tracking of this F-35 sale to Romania raises questions.") == []
    assert _status(analyse, "The US State Department approved a possible sale of 32 F-35 jets to Romania. "
                            "Such fast tracking of this F-35 sale to Romania raises questions.") == \
        [("USA", "ROU", ("F-35",), "planned")]


def _dated(analyse, text: str) -> list[tuple]:
    r = analyse(text, published=PUBLISHED)
    return sorted((d.buyer, d.systems, d.status, d.date.value) for d in r.deals)


def test_a_second_contract_after_one_before_is_two_deals(analyse):
    assert _dated(analyse, "Romania signed the second contract for K9 howitzers with South Korea in 2024, after one in 2016.") == \
        [("ROU", ("K9 Thunder",), "signed", "2016"), ("ROU", ("K9 Thunder",), "signed", "2024")]
    assert _dated(analyse, "Romania signed a second contract for 18 K9 howitzers with South Korea in March, following a first "
                           "one in 2016.") == \
        [("ROU", ("K9 Thunder",), "signed", "2016"), ("ROU", ("K9 Thunder",), "signed", "2025-03")]


def test_the_system_of_the_earlier_deal_is_dated_by_it(analyse):
    assert _dated(analyse, "It was Hanwha's second export to Australia following a 2021 deal for K9 howitzers.") == \
        [("AUS", ("K9 Thunder",), "signed", "2021")]


def test_in_order_to_is_no_order(analyse):
    assert _status(analyse, "In order to support Poland, South Korea will train its crews on K2 tanks.") == []


def test_a_bare_definite_deal_noun_keeps_the_stage_of_the_deal_just_told(analyse):
    assert _status(analyse, "Hyundai Rotem and the Polish defence ministry finalized negotiations for the sale of 180 K2 "
                            "tanks to Poland. The export of the K2 tanks is an opportunity for both countries.") == \
        [("KOR", "POL", ("K2 Black Panther",), "negotiating")]


def test_talks_for_a_second_batch_are_another_deal(analyse):
    assert _dated(analyse, "Poland signed a contract for 180 K2 tanks from South Korea in 2022. Poland and South Korea are "
                           "in talks over the sale of a second batch of K2 main battle tanks.") == \
        [("POL", ("K2 Black Panther",), "negotiating", PUBLISHED), ("POL", ("K2 Black Panther",), "signed", "2022")]


def test_a_sale_made_possible_is_planned(analyse):
    assert [s for *_, s in _status(analyse, "The loan is enabling Italy to sell two FREMM frigates to Egypt.")] == ["planned"]
