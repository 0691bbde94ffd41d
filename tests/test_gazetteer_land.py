"""The land and naval systems of rules/systems.yaml, and names that are common words (kind_after), on sentences
of our own."""

from __future__ import annotations

import pytest


def _named(r) -> list[tuple[str, str | None, str | None]]:
    """(system, category, origin) of each named (not generic) system mention."""
    return [(s.system, s.category, s.origin) for s in r.mentions.systems if not s.generic]


@pytest.mark.parametrize("text,expected", [
    # tanks, vehicles, artillery, rockets, anti-tank weapons, radars
    ("Lima received 24 BMP-3F vehicles last year.", ("BMP-3", "infantry fighting vehicle", "RUS")),
    ("The army will field 40 more M109A7 howitzers.", ("M109", "self-propelled howitzer", "USA")),
    ("Hanoi tested a new Kornet-E launcher in May.", ("Kornet", "anti-tank missile", "RUS")),
    ("Athens moved its Leopard 1A5 tanks to the border.", ("Leopard 1A5", "tank", "DEU")),
    ("The AS90 guns were retired in 2024.", ("AS90", "self-propelled howitzer", "GBR")),
    ("Yerevan wants more Pinaka launchers.", ("Pinaka", "multiple rocket launcher", "IND")),
    ("A Giraffe 4A was set up near the coast.", ("Giraffe", "radar", "SWE")),
    ("Ottawa displayed its LAV 6.0 fleet.", ("LAV 6", "armored vehicle", "CAN")),
    ("Bucharest will retire its MLI-84M fleet by 2030.", ("MLI-84", "infantry fighting vehicle", "ROU")),
    # warship classes and designs, submarines, patrol vessels, naval guns
    ("Hanoi operates six Kilo class submarines.", ("Kilo-class submarine", "submarine", "RUS")),
    ("Rabat looked at two FREMM ships.", ("FREMM", "frigate", "FRA")),
    ("Ottawa will retire its Victoria-class fleet in the 2030s.", ("Victoria-class submarine", "submarine", "GBR")),
    ("Bangkok runs one S26T boat.", ("Hangor-class submarine", "submarine", "CHN")),
    ("Each ship carries an Oto Melara 76mm gun.", ("Oto Melara 76 mm", "naval gun", "ITA")),
    ("The cutter is of the Hamilton-class, long retired.", ("Hamilton-class cutter", "patrol vessel", "USA")),
    # one-word names that are words or names match before a kind of system
    ("Lisbon ordered 30 Bradley infantry fighting vehicles.", ("M2 Bradley", "infantry fighting vehicle", "USA")),
    ("Riga bought used Bradley armored vehicles.", ("M2 Bradley", "infantry fighting vehicle", "USA")),
    ("Oslo sent four Dana self-propelled howitzers.", ("Dana", "self-propelled howitzer", "CZE")),
    ("The tanks carry Trophy active protection systems.", ("Trophy", "active protection system", "ISR")),
    ("The frigate has a Phalanx CIWS at the stern.", ("Phalanx", "naval gun", "USA")),
    ("Kyiv received Fuchs armoured vehicles in March.", ("Fuchs", "armored vehicle", "DEU")),
])
def test_a_land_or_naval_system_is_named_with_its_kind_and_origin(analyse, text, expected):
    assert expected in _named(analyse(text, published="2025-03-06"))


def test_a_deal_for_an_added_system_takes_its_supplier_from_the_origin(analyse):
    r = analyse("Armenia signed a contract on Monday to buy 12 Pinaka rocket launchers.", published="2025-03-06")
    assert [(d.supplier, d.buyer, d.systems, d.quantity.low) for d in r.deals] == [("IND", "ARM", ("Pinaka",), 12)]


@pytest.mark.parametrize("text", [
    "General Omar Bradley led the army across the Rhine.",        # a person's name
    "Dana Smith, the spokeswoman, declined to comment.",
    "Ajax beat Feyenoord on Sunday.",                              # a football club
    "Trophy hunters paid for the permits.",                        # a word opening a sentence
    "She won the trophy in May.",
    "A cold mistral blew over the port.",
    "Fuchs said the budget would grow.",
    "The talks ended at 4 pm.",                                    # "at 4" is no AT4, "as 90" no AS90
    "Output rose as 90 plants reopened.",
    "The Navy's 26 ships sailed at dawn.",                         # no S26 submarine
    "The city was a bastion of the opposition.",
])
def test_a_common_word_or_name_is_no_system(analyse, text):
    assert _named(analyse(text, published="2025-03-06")) == []


def test_a_name_that_matches_only_before_a_kind_is_found_again_alone(analyse):
    # once "Stryker armored vehicles" names the system, "Stryker" alone is it elsewhere in the story
    r = analyse("The US approved the sale of Stryker armored vehicles to Bulgaria. The sale includes 183 Stryker family "
                "vehicles.", published="2024-05-10")
    assert [s.system for s in r.mentions.systems if not s.generic] == ["Stryker", "Stryker"]
    # never before the document names it with its kind
    r = analyse("Colonel Stryker said the sale includes 183 vehicles.", published="2024-05-10")
    assert [s.system for s in r.mentions.systems if not s.generic] == []
