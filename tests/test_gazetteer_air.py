"""The air side of the weapon-system gazetteer (rules/systems.yaml, section AIR), on sentences of our own:
aircraft, helicopters, drones and missiles are found with their category and origin, their origin supplies a
deal no supplier is named for, and no alias is an ordinary word of a sentence."""

from __future__ import annotations

import re

import pytest

from pipeline.lexicon import Lexicon
from pipeline.rules import BUILTIN_RULES, check_rules


def _named(r) -> list[tuple[str, str | None, str | None]]:
    """(system, category, origin) of each named system the gazetteer found."""
    return [(s.system, s.category, s.origin) for s in r.mentions.systems if not s.generic and "systems.yaml" in s.rule]


@pytest.mark.parametrize("text,expected", [
    # fighters and trainers
    ("The air force retired its last F-5E jets and ordered Su-57E fighters.",
     [("F-5 Tiger II", "fighter aircraft", "USA"), ("Su-57", "fighter aircraft", "RUS")]),
    ("Two F/A-18E/F Super Hornets flew beside a pair of J-35A jets.",
     [("F/A-18E/F Super Hornet", "fighter aircraft", "USA"), ("J-35", "fighter aircraft", "CHN")]),
    ("Pilots train on the PC-21 and the L-39NG before the Yak-130.",
     [("PC-21", "trainer aircraft", "CHE"), ("L-39NG", "trainer aircraft", "CZE"), ("Yak-130", "trainer aircraft", "RUS")]),
    ("The Hawk 128 fleet will give way to the M-345.",
     [("BAE Hawk", "trainer aircraft", "GBR"), ("M-345", "trainer aircraft", "ITA")]),
    # transport, tanker, patrol and early-warning aircraft
    ("A C-17 and an A330 MRTT landed after the C295 left.",
     [("C-17 Globemaster III", "transport aircraft", "USA"), ("A330 MRTT", "transport aircraft", "ESP"),
      ("C295", "transport aircraft", "ESP")]),
    ("The P-8I and the GlobalEye patrol the coast with an E-7A.",
     [("P-8 Poseidon", "maritime patrol aircraft", "USA"), ("GlobalEye", "airborne early warning aircraft", "SWE"),
      ("E-7 Wedgetail", "airborne early warning aircraft", "USA")]),
    # helicopters
    ("The army flies the AW139, the H145M and the Mi-35M.",
     [("AW139", "helicopter", "ITA"), ("H145M", "helicopter", "DEU"), ("Mi-35", "helicopter", "RUS")]),
    ("Its Bell 412EPI and Ka-52 crews trained with the T625 Gokbey.",
     [("Bell 412", "helicopter", "USA"), ("Ka-52", "helicopter", "RUS"), ("T625 Gökbey", "helicopter", "TUR")]),
    # drones
    ("Wing Loong 3 and Hermes 900 drones flew beside a Kizilelma.",
     [("Wing Loong 3", "drone", "CHN"), ("Hermes 900", "drone", "ISR"), ("Kizilelma", "drone", "TUR")]),
    ("Shahed-136 drones and Switchblade 600 munitions were used.",
     [("Shahed-136", "drone", "IRN"), ("Switchblade", "drone", "USA")]),
    # air-launched and anti-ship missiles
    ("Each jet carries AIM-120D and Meteor missiles and a Storm Shadow.",
     [("AIM-120 AMRAAM", "missile", "USA"), ("Meteor", "missile", "GBR"), ("Storm Shadow", "missile", "GBR")]),
    ("The package includes Harpoon Block II and PL-15E missiles.",
     [("AGM-84 Harpoon", "missile", "USA"), ("PL-15", "missile", "CHN")]),
    # air defence
    ("Pantsir-S1 and Tor-M2E units guard the base, with an S-300PMU-2 battery.",
     [("Pantsir", "air defense system", "RUS"), ("Tor-M2", "air defense system", "RUS"), ("S-300", "air defense system", "RUS")]),
    ("The HQ-16FE, the FK-3 and Barak MX batteries were tested.",
     [("HQ-16", "air defense system", "CHN"), ("FK-3", "air defense system", "CHN"), ("Barak MX", "air defense system", "ISR")]),
])
def test_air_systems_are_found_with_their_category_and_origin(analyse, text, expected):
    assert _named(analyse(text, published="2025-03-06")) == expected


@pytest.mark.parametrize("text,expected", [
    # a name that is also an ordinary word or a person's name is known with its kind after it
    ("Two Tiger helicopters escorted the convoy.", [("Eurocopter Tiger", "helicopter", "FRA")]),
    ("India will field more Akash missiles.", [("Akash missile system", "air defense system", "IND")]),
    ("The Kfir jets were upgraded.", [("IAI Kfir", "fighter aircraft", "ISR")]),
])
def test_a_name_that_is_also_a_word_is_known_with_its_kind(analyse, text, expected):
    assert _named(analyse(text, published="2025-03-06")) == expected


def test_a_deal_for_an_added_system_is_supplied_by_its_origin(analyse):
    r = analyse("Indonesia signed a contract on Monday to buy 12 Yak-130 trainers.", published="2025-03-06")
    assert [(d.supplier, d.buyer, d.systems, d.quantity.low) for d in r.deals] == [("RUS", "IDN", ("Yak-130",), 12)]


def test_a_co_produced_system_names_its_partners(analyse):
    [m] = _named(analyse("Kyiv received more SCALP missiles.", published="2025-03-06"))
    assert m == ("Storm Shadow", "missile", "GBR")
    [s] = [s for s in analyse("Kyiv received more SCALP missiles.", published="2025-03-06").mentions.systems if not s.generic]
    assert s.partners == ("FRA",)


@pytest.mark.parametrize("text", [
    "A hawk circled over the tiger cage at the zoo.",
    "The heron and the osprey nested by the river.",
    "A 29-year-old pilot met an 32-year-old engineer at 6 pm.",
    "Akash Mehta and Kfir Levi spoke to the press about the meteor shower.",
    "The storm shadow crossed the harbour as the harpoon gun was cleaned.",
    "He said the stinger and the switchblade knife were found at the scene.",
])
def test_ordinary_words_are_no_air_system(analyse, text):
    assert _named(analyse(text, published="2025-03-06")) == []


def _air_entries(rules) -> list:
    """The entries of systems.yaml's AIR section: from its heading to the next section of that rank."""
    lines = (BUILTIN_RULES / "systems.yaml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines, 1) if line.startswith("# ==== AIR"))
    end = next((i for i, line in enumerate(lines, 1) if i > start and line.startswith("# ====")), len(lines) + 1)
    return [r for r in rules.systems.values() if start < int(str(r.where).rsplit(":", 1)[-1]) < end]


def test_no_air_alias_matches_ordinary_text(rules):
    # the matcher ignores case in names with digits: each alias needs a capital or a digit, and none is a
    # single letter or "An" before a number ("a 29-year-old", "an 32-page")
    air = _air_entries(rules)
    assert len(air) >= 150
    for r in air:
        for alias in (r.name, *r.aliases):
            assert any(c.isdigit() or c.isupper() for c in alias), alias
            assert not re.match(r"(?i)(?:a|an|i|at)[\s-]?\d+$", alias), alias


def test_air_entries_make_the_lexicon(rules):
    lexicon = Lexicon(rules)
    hits = [(h.text, h.entry.name) for h in lexicon.systems.finditer("MiG-21bis, Mi-8 and F-18 jets")]
    assert hits == [("MiG-21bis", "MiG-21"), ("Mi-8", "Mi-17"), ("F-18", "F/A-18 Hornet")]


def test_a_name_listed_with_its_kind_still_carries_a_count(analyse):
    r = analyse("Armenia signed a contract with India on Monday to buy 15 Akash missile systems.", published="2025-03-06")
    assert [(d.supplier, d.buyer, d.systems, d.quantity.low) for d in r.deals] == [("IND", "ARM", ("Akash missile system",), 15)]


def test_jets_in_a_headline_are_the_trainers_the_article_names(analyse):
    # trainers fly as light combat jets: a generic fighter word may name one (categories.yaml stands_for)
    r = analyse("Kenya signs $200 million deal to buy jets from Italy\n\n"
                "Kenya signed a deal on Monday for ten M-345 advanced trainers, the ministry said.", published="2025-03-06")
    assert [(d.supplier, d.buyer, d.systems, float(d.value.low) if d.value else None) for d in r.deals] == [
        ("ITA", "KEN", ("M-345",), 200e6)]


def test_a_trainer_word_never_names_a_fighter(rules):
    assert rules.kind_fits("fighter aircraft", "trainer aircraft")
    assert not rules.kind_fits("trainer aircraft", "fighter aircraft")
    assert rules.kind_fits("tank", "tank") and not rules.kind_fits("tank", "fighter aircraft")


def test_an_unknown_kind_a_category_stands_for_is_reported_at_its_line(tmp_path):
    d = tmp_path / "my_rules"
    d.mkdir()
    (d / "categories.yaml").write_text("- {category: glider, terms: [glider], stands_for: [balloon]}\n", encoding="utf-8")
    _, problems = check_rules([str(d)])
    assert any(p.startswith(str(d / "categories.yaml:1")) and "unknown category 'balloon' in stands_for" in p
               for p in problems), problems


@pytest.mark.parametrize("text", [
    # aircraft that escorted the goods are not the goods (rules/words.yaml class escort)
    "Qatar received its first two Rafale jets on Tuesday. The two Qatari Rafales flew from France, where they were "
    "assembled, with a refuelling escort provided by two French air force A330 MRTT tankers.",
    "Greece received its first six Rafale jets on Monday. The jets flew in from France escorted by two French "
    "A330 MRTT tankers.",
    "Greece received its first six Rafale jets on Monday. Two Mirage 2000 jets of the French air force provided an escort.",
])
def test_an_escort_is_no_part_of_the_delivery(analyse, text):
    r = analyse(text, published="2025-03-06")
    assert [(d.supplier, d.systems, d.status) for d in r.deals] == [("FRA", ("Rafale",), "delivered")]


def test_tankers_delivered_are_still_goods(analyse):
    r = analyse("Spain delivered two A330 MRTT tankers to Kuwait on Monday.", published="2025-03-06")
    assert [(d.supplier, d.buyer, d.systems, d.status) for d in r.deals] == [("ESP", "KWT", ("A330 MRTT",), "delivered")]
