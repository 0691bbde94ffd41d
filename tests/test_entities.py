"""Countries, systems, organisations and officials on small real sentences."""

from __future__ import annotations

import pytest


def countries(result):
    return [(c.text, c.code) for c in result.mentions.countries]


def systems(result, generic=False):
    return [(s.text, s.system) for s in result.mentions.systems if s.generic == generic]


@pytest.mark.parametrize("text,expected", [
    ("S. Korea and the ROK", [("S. Korea", "KOR"), ("ROK", "KOR")]),
    ("Polish and Romanian officials", [("Polish", "POL"), ("Romanian", "ROU")]),
    ("North Korean missiles and South Korean tanks", [("North Korean", "PRK"), ("South Korean", "KOR")]),
    ("Seoul and Canberra agreed", [("Seoul", "KOR"), ("Canberra", "AUS")]),
    ("South Korea’s Defense Ministry", [("South Korea", "KOR")]),
    ("met in The Hague", [("The Hague", "NLD")]),
    ("the U.S. and Türkiye", [("U.S.", "USA"), ("Türkiye", "TUR")]),
])
def test_countries(analyse, text, expected):
    assert countries(analyse(text)) == expected


def test_pronoun_us_and_dollar_prefix_are_not_the_united_states(analyse):
    assert countries(analyse("Let us pay US$788 million for it.")) == []


@pytest.mark.parametrize("text,expected", [
    ("54 K9 howitzers", [("K9", "K9 Thunder")]),
    ("25 to 30 K-9 units", [("K-9", "K9 Thunder")]),
    ("48 FA-50s", [("FA-50s", "FA-50")]),
    ("Cheongung–II SAM systems", [("Cheongung–II", "Cheongung-II")]),
    ("the KM-SAM battery", [("KM-SAM", "Cheongung-II")]),
    ("Germany's Leopard 2A7 and the K2 Black Panther", [("Leopard 2A7", "Leopard 2A7"), ("K2 Black Panther", "K2 Black Panther")]),
    ("AS21 Redback infantry fighting vehicles", [("AS21 Redback", "AS21 Redback")]),
])
def test_named_systems(analyse, text, expected):
    assert systems(analyse(text)) == expected


def test_generic_system_described_by_a_named_one_is_not_separate(analyse):
    r = analyse("Poland bought K9 Thunder self-propelled howitzers and Chunmoo multiple launch rocket systems (MLRS).")
    assert systems(r, generic=True) == []
    assert systems(analyse("South Korea sold frigates to Peru."), generic=True) == [("frigates", "frigate")]


def test_common_word_alias_needs_its_capital(analyse):
    assert systems(analyse("a spike in demand")) == []
    assert systems(analyse("Spike missiles")) == [("Spike", "Spike")]


def officials(result):
    return sorted({(o.name, o.title, o.organization, o.country) for o in result.mentions.officials}, key=str)


def test_official_with_apposition_and_organisation(analyse):
    r = analyse("Won Jong-dae (right), director of the military force policy bureau at South Korea’s Defense Ministry, "
                "and Oliver Harry, director of UK defense and security exports, pose for a photo.")
    names = {o[0]: o for o in officials(r)}
    assert names["Won Jong-dae"][1] == "director of the military force policy bureau"
    assert names["Won Jong-dae"][3] == "KOR"
    assert names["Oliver Harry"][3] == "GBR"


@pytest.mark.parametrize("text,name,title,org,country", [
    ("DAPA Minister Seok Jong-gun visited Riyadh.", "Seok Jong-gun", "Minister", "Defense Acquisition Program Administration", "KOR"),
    ("Polish President Andrzej Duda spoke.", "Andrzej Duda", "President", None, "POL"),
    ("former UK Prime Minister Rishi Sunak signed it.", "Rishi Sunak", "former Prime Minister", None, "GBR"),
    ("NATO Secretary-General Mark Rutte said so.", "Mark Rutte", "Secretary-General", "NATO", None),
    ("South Korea's defense minister, Shin Won-sik, said so.", "Shin Won-sik", "defense minister", None, "KOR"),
])
def test_official_with_title_before_the_name(analyse, text, name, title, org, country):
    assert (name, title, org, country) in officials(analyse(text))


def test_later_bare_mention_takes_the_full_name(analyse):
    r = analyse("Oliver Harry, director of UK defense and security exports, arrived. Won also met Harry on Monday.")
    harry = [o for o in r.mentions.officials if o.text == "Harry"]
    assert harry and harry[0].name == "Oliver Harry"


def test_person_without_office_is_not_an_official(analyse):
    assert officials(analyse("Photo by Jim Bourg on the US Department of State’s Official Flickr Account.")) == []


def test_a_government_body_named_for_the_country_after_it_is_that_countrys(analyse):
    r = analyse("BrahMos Aerospace signed a contract with the Department of National Defence of the Republic of the "
                "Philippines on January 28, 2022 for the BrahMos missile.", published="2025-03-06")
    assert [(o.name, o.country) for o in r.mentions.organizations if o.kind == "government"] == [("Department of National Defence", "PHL")]
    assert [(d.supplier, d.buyer) for d in r.deals] == [("IND", "PHL")]
    r = analyse("Canada's Department of National Defence ordered 88 F-35 jets.", published="2025-03-06")
    assert [(d.supplier, d.buyer) for d in r.deals] == [("USA", "CAN")]


def test_a_kind_before_another_kind_describes_it(analyse):
    r = analyse("The Philippines ordered two guided-missile frigates from South Korea in 2021.", published="2025-03-06")
    assert [s.system for s in r.mentions.systems] == ["frigate"]
    assert [(d.buyer, d.systems) for d in r.deals] == [("PHL", ("frigate",))]


def test_a_capital_the_model_calls_a_person_is_still_the_country(analyse):
    r = analyse("In May the chancellor told of a new package of military aid to Kyiv.", published="2025-03-06")
    assert countries(r) == [("Kyiv", "UKR")]
    r = analyse("Ambassador Sofia Petrova said the aid was on its way.", published="2025-03-06")
    assert countries(r) == []  # a place's name inside a person's stays the person's
