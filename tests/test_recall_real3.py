"""Deal and weapon-system recall on constructions real articles use (issue 14 section 1), on sentences of our own."""

from __future__ import annotations

import pytest


def _systems(r) -> list[str]:
    return [s.system for s in r.mentions.systems]


@pytest.mark.parametrize("text,name", [
    ("The navy already flies Israeli Searcher drones and wants more.", "Searcher"),
    ("Hanoi bought two Russian Tarantul corvettes in 2011.", "Tarantul"),
    ("Its Spanish Dragon wheeled vehicles arrived in May.", "Dragon"),
])
def test_a_name_after_a_country_adjective_is_still_found_by_shape(analyse, text, name):
    assert name in _systems(analyse(text, published="2025-03-06"))


@pytest.mark.parametrize("text", [
    "Russian missiles struck Kharkiv overnight.",
    "Hanwha Ocean submarines are on offer to Canada.",
])
def test_a_country_or_company_before_a_kind_alone_names_no_system(analyse, text):
    assert not [s for s in analyse(text, published="2025-03-06").mentions.systems if "system_shapes" in s.rule]


@pytest.mark.parametrize("text", [
    "The coast guard will get four offshore patrol vessels from Japan.",
    "Dhaka ordered two OPVs from a Chinese yard.",
])
def test_an_offshore_patrol_vessel_keeps_its_own_kind(analyse, text):
    assert "offshore patrol vessel" in _systems(analyse(text, published="2025-03-06"))


def _deals(r) -> list[tuple[str | None, str, tuple[str, ...], int | None]]:
    return [(d.supplier, d.buyer, d.systems, d.quantity and d.quantity.low) for d in r.deals]


@pytest.mark.parametrize("text,item", [
    ("Germany is sending Ukraine 20 Marder infantry fighting vehicles, 30 Leopard 2 tanks and 18 wheeled howitzers.",
     ("DEU", "UKR", ("self-propelled howitzer",), 18)),
    ("Poland ordered 180 K2 tanks, 212 K9 howitzers and 288 rocket launchers from South Korea.",
     ("KOR", "POL", ("multiple rocket launcher",), 288)),
    ("Earlier contracts with Manila include two Jose Rizal-class frigates and six offshore patrol vessels from Seoul.",
     ("KOR", "PHL", ("offshore patrol vessel",), 6)),
])
def test_a_kind_counted_in_a_list_of_named_systems_is_an_item(analyse, text, item):
    assert item in _deals(analyse(text, published="2025-03-06"))


@pytest.mark.parametrize("text", [
    "Berlin will send Kyiv four more IRIS-T SLM systems and several hundred interceptor missiles.",
    "Poland ordered 180 K2 tanks and tank ammunition from South Korea.",
])
def test_a_munition_or_an_uncounted_kind_beside_named_systems_is_no_item(analyse, text):
    assert all(not any(s in ("missile", "ammunition", "tank") for s in d[2]) for d in _deals(analyse(text, published="2025-03-06")))


@pytest.mark.parametrize("text,deal", [
    ("Egypt has bought 24 Rafale jets from France, which also sold them to India.", ("FRA", "EGY", ("Rafale",), 24)),
    ("Peru ordered 20 K9 howitzers from South Korea, which Seoul has also sold to Norway.",
     ("KOR", "PER", ("K9 Thunder",), 20)),
    ("Egypt bought 24 Rafale jets from France in February. In October, the two countries signed another contract "
     "for two French Mistral warships, whose sale to Russia was cancelled by Paris.", ("FRA", "EGY", ("Mistral",), 2)),
])
def test_a_relative_clause_on_the_goods_tells_another_story(analyse, text, deal):
    deals = _deals(analyse(text, published="2025-03-06"))
    assert deal in deals
    assert not [d for d in deals if d[1] in ("IND", "NOR", "RUS")]


def test_a_relative_clause_that_completes_the_deal_keeps_its_side(analyse):
    r = analyse("Tokyo offered Mogami-class frigates, which Canberra has decided to purchase.", published="2025-03-06")
    assert [(d.supplier, d.buyer) for d in r.deals] == [("JPN", "AUS")]


@pytest.mark.parametrize("text,names", [
    ("The J-10C carries PL-10 and PL-15 missiles.", {"PL-10", "PL-15"}),
    ("Hanoi is weighing the Su-30 and the Yak-130 for its air force.", {"Yak-130"}),
    ("The squadron still flies the Q-5C, the A-4M and the F-16.", {"Q-5C", "A-4M"}),
])
def test_a_designation_listed_with_a_system_needs_no_kind_of_its_own(analyse, text, names):
    assert names <= set(_systems(analyse(text, published="2025-03-06")))


@pytest.mark.parametrize("text", [
    "Officials of the G20 and the EU met in Rome.",
    "The Q3 and Q4 results of Hanwha were strong.",
])
def test_a_designation_listed_with_no_system_is_none(analyse, text):
    assert not [s for s in analyse(text, published="2025-03-06").mentions.systems if "system_shapes" in s.rule]


@pytest.mark.parametrize("text,name", [
    ("Prague will replace its T-72M4CZ tanks with Leopards.", "T-72M4CZ"),
    ("Lima still flies old Su-22M4 jets.", "Su-22M4"),
])
def test_a_designation_the_model_tags_a_people_is_still_a_system(analyse, text, name):
    assert name in _systems(analyse(text, published="2025-03-06"))


def test_a_rival_system_lost_is_its_possessor_s(analyse):
    r = analyse("Hanwha won the Malaysian order after beating rivals including India's Tejas, Pakistan's JF-17 and "
                "Russia's MiG-35.", published="2025-03-06")
    assert ("RUS", "MYS", ("MiG-35",), None) in _deals(r)


@pytest.mark.parametrize("text,deal", [
    ("Norway's new K9 howitzers from South Korea arrived in Oslo on Monday.", ("KOR", "NOR", ("K9 Thunder",), None)),
    ("Poland's first K2 tanks arrived in Gdynia on Tuesday.", ("KOR", "POL", ("K2 Black Panther",), None)),
    ("Egypt's Rafale jets were delivered by France in 2017.", ("FRA", "EGY", ("Rafale",), None)),
])
def test_the_possessor_of_goods_that_arrive_is_their_buyer(analyse, text, deal):
    assert _deals(analyse(text, published="2025-03-06")) == [deal]


@pytest.mark.parametrize("text,deal", [
    ("Qatar is a big buyer. The Gulf state signed for 12 more Rafale jets in 2017.", ("FRA", "QAT", ("Rafale",), 12)),
    ("Estonia is rearming. The Baltic state will buy six more Chunmoo launchers from South Korea.",
     ("KOR", "EST", ("Chunmoo",), 6)),
    ("The UAE wants more jets. The emirate ordered 80 Rafale jets from France in 2021.", ("FRA", "ARE", ("Rafale",), 80)),
])
def test_a_state_told_by_its_kind_is_the_country_named_before(analyse, text, deal):
    assert _deals(analyse(text, published="2025-03-06")) == [deal]


@pytest.mark.parametrize("text,deal", [
    ("Taipei will buy 200 AMRAAM and 60 Harpoon from Washington.", ("USA", "TWN", ("AIM-120 AMRAAM",), 200)),
    ("Slovakia ordered 76 Patria AMV from Finland.", ("FIN", "SVK", ("Patria AMV",), 76)),
])
def test_a_widely_exported_system_named_alone_is_known(analyse, text, deal):
    assert deal in _deals(analyse(text, published="2025-03-06"))
