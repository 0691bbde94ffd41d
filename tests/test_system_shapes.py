"""Weapon systems no gazetteer lists, found by shape (rules/system_shapes.yaml), on sentences of our own."""

from __future__ import annotations

import pytest


def _shaped(r) -> list[tuple[str, str | None, str]]:
    """(system, category, shape id) of each mention a shape found."""
    return [(s.system, s.category, s.rule.rsplit("(", 1)[-1].rstrip(")")) for s in r.mentions.systems
            if "system_shapes" in s.rule]


@pytest.mark.parametrize("text,expected", [
    ("Algeria took delivery of 14 Su-47 stealth fighters last year.", [("Su-47", "fighter aircraft", "designation-kind")]),
    ("The navy ordered four MQ-25 drones in 2023.", [("MQ-25", "drone", "designation-kind")]),
    ("The sale covers 200 AIM-260 missiles and launchers.", [("AIM-260", "missile", "designation-kind")]),
    ("Zagreb plans to buy 36 M-95 Degman tanks.", [("M-95 Degman", "tank", "designation-kind")]),
    ("Greece will build four Type 216 submarines.", [("Type 216", "submarine", "type-number-kind")]),
    ("Canberra chose three Hobart-class destroyers in August.", [("Hobart-class destroyer", "destroyer", "class-kind")]),
    ("Manila commissioned two Datu Kalantiaw-class guided missile frigates.", [("Datu Kalantiaw-class frigate", "frigate", "class-kind")]),
    ("Armenia bought Kusha missiles from India.", [("Kusha", "missile", "name-kind")]),
    ("Germany sent 40 Wiesel infantry fighting vehicles to Ukraine.", [("Wiesel", "infantry fighting vehicle", "name-kind")]),
    ("Egypt is in talks on two HMSC frigates.", [("HMSC", "frigate", "name-kind")]),
    ("The US approved the sale of 120mm tank rounds to Poland.", [("120mm tank rounds", "ammunition", "calibre-munition")]),
    ("Poland ordered 22 AN/SPY-6 radars from the US.", [("AN/SPY-6", "radar", "designation-kind")]),
    ("Berlin sent one Luna unmanned system to Kyiv.", [("Luna", "drone", "name-kind")]),
    ("Berlin sent five Keiler 2 engineering vehicles to Kyiv.", [("Keiler 2", "armored vehicle", "name-kind")]),
    ("Egypt bought four MF-STAR radars from Israel.", [("MF-STAR", "radar", "letters-kind")]),
])
def test_a_system_found_by_its_shape(analyse, text, expected):
    assert _shaped(analyse(text, published="2025-03-06")) == expected


@pytest.mark.parametrize("text", [
    "Heavy tanks arrived in Gdansk on Monday.",                      # a sentence's first word
    "Europe stopped making post-Cold War tanks in numbers.",          # a word of a longer name
    "Secretary Gilberto Teodoro raised the fighter requirement.",    # a person, and "the" before the kind
    "Seoul offered Cheongung-II SAM missiles to Riyadh.",             # a kind's abbreviation after a known system
    "Ankara asked for 16 new Tranche 4 aircraft.",                     # a batch's designation
    "Poland Buys Korean Tanks And Howitzers In Record Deal",          # a title-case headline
    "Russian missiles struck Kharkiv overnight.",                     # a country's adjective
    "The UK-US frigates talks went on.",                               # countries, hyphened
    "Hanwha Ocean submarines are on offer to Canada.",                # a company
    "The navy wants three 3,100-ton submarines.",                     # a measure
    "The K9 howitzers have a 155mm gun.",                             # a calibre alone
    "Taiwan ordered four MQ-9B drones in 2023.",                      # a known system is the gazetteer's
    "Berlin sent 30 Leopard 1 A5 tanks.",                             # the end of another system's designation
])
def test_no_system_found_by_shape(analyse, text):
    assert _shaped(analyse(text, published="2025-03-06")) == []


def test_spellings_of_one_unseen_system_are_one_system(analyse):
    r = analyse("Algeria ordered 14 Su-47 fighters in May.\n\nThe Su 47 jets will arrive in 2027.", published="2025-03-06")
    assert {s for s, _, _ in _shaped(r)} == {"Su-47"}


def test_an_unseen_system_carries_a_deal(analyse):
    r = analyse("Armenia signed a contract with India on Monday to buy 15 Kusha missile systems.", published="2025-03-06")
    assert [(d.supplier, d.buyer, d.systems, d.quantity.low) for d in r.deals] == [("IND", "ARM", ("Kusha",), 15)]


def test_a_shaped_name_that_begins_a_known_systems_name_is_that_system(analyse):
    # "Predator B" is a name of the MQ-9 Reaper, which the text names: "31 Predator drones" are those
    r = analyse("India signed a deal on Monday to acquire 31 Predator drones from the US.\n\n"
                "The MQ-9B drones will be built by General Atomics.", published="2025-03-06")
    assert [(d.systems, d.quantity.low) for d in r.deals] == [(("MQ-9 Reaper",), 31)]
    assert _shaped(r) == []


@pytest.mark.parametrize("text,expected", [
    # classes are named for places and people, which the model may call a country or a person
    ("Jakarta will build two ships based on the Hisar-class corvette design.", [("Hisar-class corvette", "corvette", "class-kind")]),
    ("Manila signed for two Rajah Humabon class frigates.", [("Rajah Humabon class frigate", "frigate", "class-kind")]),
    # the maker's possessive before a name
    ("The new tanks will carry the Israeli firm Rafael's Windbreaker active protection systems, the ministry said on Monday.",
     [("Windbreaker", "active protection system", "name-kind")]),
    # kinds real pages name: tankers, bombers
    ("Tokyo asked to buy a KC-10 aerial refueling tanker in May.", [("KC-10", "transport aircraft", "designation-kind")]),
    ("The drills involved a B-1B strategic bomber and four F-35 jets.", [("B-1B", "bomber", "designation-kind")]),
])
def test_shapes_of_names_real_pages_use(analyse, text, expected):
    assert _shaped(analyse(text, published="2025-03-06")) == expected


def test_a_variant_told_with_its_family_or_a_designation_is_one_system(analyse):
    # "M1A1 FEP Abrams": the variant's name, a short designation and the family's name are one system, the variant;
    # so is a variant's name with a designation found by shape after it ("M1A2 Abrams SEPv3")
    r = analyse("Poland received its first 14 M1A1 FEP Abrams tanks on Wednesday.")
    assert [(s.system, s.text) for s in r.mentions.systems] == [("M1A1 Abrams", "M1A1 FEP Abrams tanks")]
    assert [(d.systems, d.quantity.low) for d in r.deals] == [(("M1A1 Abrams",), 14)]
    r = analyse("Poland ordered 250 M1A2 Abrams SEPv3 tanks.")
    assert [(d.systems, d.quantity.low) for d in r.deals] == [(("M1A2 Abrams",), 250)]
    # as are two names of one system side by side
    r = analyse("Spain will convert eight Aviocar C212-200 airplanes.")
    assert [(s.system, s.text) for s in r.mentions.systems] == [("C-212 Aviocar", "Aviocar C212-200")]
    # two systems listed stay two
    r = analyse("Poland ordered 250 M1A2 Abrams and 96 AH-64E Apache helicopters.")
    assert [d.systems for d in r.deals] == [("M1A2 Abrams",), ("AH-64E Apache",)]
