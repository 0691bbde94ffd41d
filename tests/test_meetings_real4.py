"""Meetings as real outlets tell them, fourth round (issue 14, section 4), on sentences of our own in the
styles of ministry releases, wire stories and trade press: a meeting told by offices whose holders the story
names only later, and a meeting placed by the seat of government it was held at."""

from __future__ import annotations

import pytest


def _meeting(analyse, text: str):
    """The one meeting a text of a story of 12 June 2024 tells."""
    (m,) = analyse(text, published="2024-06-12").meetings
    return m


def _people(m) -> dict[str | None, str | None]:
    return {p.name: p.country for p in m.participants}


OFFICES_NAMED_LATER = [
    # trade press: the signing told by offices, the holder quoted paragraphs on
    ("BRUSSELS -- On the sidelines of a NATO meeting in Brussels on Thursday, the Belgian and Dutch defence "
     "ministers signed a memorandum on joint minehunter purchases.\n\nThe ships will be built in France.\n\n"
     "Belgian Defence Minister Luc Janssens said the first ship would arrive in 2027.",
     {"Luc Janssens": "BEL", None: "NLD"}, "BEL"),
    # wire story: talks of two ministers, one of them named two sentences later
    ("The Greek and Cypriot defence ministers held talks in Nicosia on Friday on naval cooperation. Officials "
     "said the meeting lasted two hours. Greek Defence Minister Nikos Pappas told reporters that Athens would "
     "send a frigate.", {"Nikos Pappas": "GRC", None: "CYP"}, "CYP"),
    # ministry release: the office told with the country's name (one rules/offices.yaml does not list: Japan's
    # defence minister of that day would be named after its holder)
    ("Malaysia's defence minister met the Australian defence minister in Kuala Lumpur on Monday. The talks focused "
     "on submarines. Australian Defence Minister Richard Marks said Canberra wanted closer ties.",
     {"Richard Marks": "AUS", None: "MYS"}, "MYS"),
]


@pytest.mark.parametrize("text, people, country", OFFICES_NAMED_LATER)
def test_meetings_real4_an_office_told_once_is_held_by_the_one_named_after(analyse, text, people, country):
    m = _meeting(analyse, text)
    assert _people(m) == people
    assert m.location_country == country


def test_meetings_real4_an_office_named_before_is_still_its_holder(analyse):
    # (Czech: an office rules/offices.yaml does not list, whose holder it would name)
    m = _meeting(analyse, "Polish Defence Minister Jan Nowak said on Tuesday the contract was ready. The Polish "
                          "and Czech defence ministers signed the deal in Warsaw on Wednesday.")
    assert _people(m) == {"Jan Nowak": "POL", None: "CZE"}


@pytest.mark.parametrize("text", [
    "Japan's defence minister met the Australian defence minister in Tokyo on Monday. Later, Australian Prime "
    "Minister Tom Grant said the talks went well.",
    # the one met as "his counterpart" may be named nowhere: the next Australian named is someone else
    "Japan's defence minister met his Australian counterpart in Tokyo on Monday. Australian Defence Minister "
    "Tom Grant, who did not attend, said the talks went well.",
])
def test_meetings_real4_another_office_named_after_is_not_its_holder(analyse, text):
    r = analyse(text, published="2024-06-12")
    assert all("Tom Grant" not in _people(m) for m in r.meetings)


PREMISES = [
    # wire story, ministry release, trade press: the meeting held at a side's seat of government or agency
    ("President William Ruto met US President Joe Biden at the White House on Thursday.", "USA"),
    ("Philippine Defence Secretary Jose Cruz held talks with US Defense Secretary Mark Dunn at the Pentagon on "
     "Monday.", "USA"),
    ("Indian Army Chief Raj Singh met French Defence Minister Paul Martin at the Ministry of the Armed Forces.",
     "FRA"),
    ("Lockheed Martin Vice President Tom Reed met Polish Deputy Defence Minister Pawel Bejda at the headquarters "
     "of the Armament Agency on Friday.", "POL"),
    # the host's country not told beside him: his body is still the place
    ("Secretary of Defense Lloyd J. Austin III hosted Philippine Secretary of National Defense Gilberto Teodoro "
     "at the Pentagon on Tuesday.", "USA"),
]


@pytest.mark.parametrize("text, country", PREMISES)
def test_meetings_real4_a_meeting_at_a_sides_body_is_in_its_country(analyse, text, country):
    assert _meeting(analyse, text).location_country == country


@pytest.mark.parametrize("text", [
    # a generic name the gazetteer gives one country, here neither side's
    "Saudi Defence Minister Khalid bin Salman met Turkish President Recep Tayyip Erdogan at the Presidential "
    "Office on Monday.",
    # a body told in a title, not as the place met at
    "Korean Defence Minister Shin Won-sik, a former director at DAPA, met Estonian Defence Minister Kalle Tamm "
    "on Tuesday.",
])
def test_meetings_real4_a_body_not_met_at_or_of_no_side_places_nothing(analyse, text):
    assert _meeting(analyse, text).location_country is None


SURNAME_MET = [
    # wire stories: a head of government known by the surname alone, as the one met or talked with
    ("German Chancellor Olaf Scholz said on Monday Berlin would send more tanks. Scholz met Macron in Paris on "
     "Tuesday.", {"Olaf Scholz", "Macron"}),
    ("Indian Prime Minister Narendra Modi arrived in Moscow on Monday. Modi held talks with Putin at his "
     "residence outside the city on Tuesday, the ministry said.", {"Narendra Modi", "Putin"}),
]


@pytest.mark.parametrize("text, names", SURNAME_MET)
def test_meetings_real4_a_surname_met_by_an_official_is_the_other_side(analyse, text, names):
    assert set(_people(_meeting(analyse, text))) == names


def test_meetings_real4_a_body_met_is_no_surname(analyse):
    r = analyse("Polish Defence Minister Jan Nowak visited the Hanwha Aerospace plant in Changwon on Monday. Nowak "
                "met Hanwha on Tuesday.", published="2024-06-12")
    assert all("Hanwha" not in _people(m) for m in r.meetings)


LED_DELEGATIONS = [
    ("A Polish delegation led by Deputy Defence Minister Marek Nowak met South Korean Defence Minister Kim Sung-ho "
     "in Seoul on Monday.", "Marek Nowak", "POL"),
    ("A Japanese delegation headed by Vice Minister Taro Yamada held talks with Philippine Defence Secretary Jose "
     "Cruz in Manila on Tuesday.", "Taro Yamada", "JPN"),
    ("The Indonesian military delegation, led by Air Marshal Budi Santoso, visited the KAI plant in Sacheon on "
     "Wednesday.", "Budi Santoso", "IDN"),
]


@pytest.mark.parametrize("text, name, country", LED_DELEGATIONS)
def test_meetings_real4_the_leader_of_a_countrys_delegation_is_its_official(analyse, text, name, country):
    r = analyse(text, published="2024-06-12")
    assert {o.name: o.country for o in r.mentions.officials}[name] == country


def test_meetings_real4_a_delegation_of_no_country_gives_none(analyse):
    r = analyse("A delegation led by Deputy Minister Marek Nowak met Defence Minister Kim Sung-ho in Seoul on "
                "Monday.", published="2024-06-12")
    assert {o.name: o.country for o in r.mentions.officials}["Marek Nowak"] is None


PLURAL_APPOSITIONS = [
    ("The two ministers, Richard Marles and Minoru Kihara, met in Melbourne on Thursday.",
     {"Richard Marles", "Minoru Kihara"}),
    ("The defence chiefs, General Angus Campbell and General Yoshida Yoshihide, held talks in Tokyo on Monday.",
     {"Angus Campbell", "Yoshida Yoshihide"}),
]


@pytest.mark.parametrize("text, names", PLURAL_APPOSITIONS)
def test_meetings_real4_a_plural_title_before_a_comma_is_the_lists(analyse, text, names):
    assert set(_people(_meeting(analyse, text))) == names


SEPARATE_OFFICES = [
    ("On the sidelines of the summit in Vilnius on Tuesday, Dutch Defence Minister Ruben Brekel met separately "
     "with his Norwegian and Danish counterparts.", ["DNK", "NOR"]),
    ("Korean Defence Minister Shin Won-sik held separate talks with the Polish and Romanian defence ministers in "
     "Seoul on Monday.", ["POL", "ROU"]),
    ("Korean Defence Minister Shin Won-sik held talks in turn with the Polish defence minister and the Romanian "
     "army chief in Seoul.", ["POL", "ROU"]),
]


@pytest.mark.parametrize("text, others", SEPARATE_OFFICES)
def test_meetings_real4_one_official_meeting_offices_separately_meets_each(analyse, text, others):
    meetings = analyse(text, published="2024-06-12").meetings
    # the one met in each meeting: an office, or its holder that day where rules/offices.yaml names one
    assert sorted(p.country for m in meetings for p in m.participants[1:]) == others
    assert all(len(m.participants) == 2 for m in meetings)


def test_meetings_real4_offices_met_together_are_one_meeting(analyse):
    m = _meeting(analyse, "Dutch Defence Minister Ruben Brekel met his Norwegian and Danish counterparts in "
                          "Vilnius on Tuesday.")
    assert len(m.participants) == 3


OFFICES_OF_COUNTRIES = [
    ("The defence ministers of Estonia and Latvia met in Tallinn on Thursday. Estonian Defence Minister Kalle Tamm "
     "said after the meeting that the two countries would buy air defence together.",
     {"Kalle Tamm": "EST", None: "LVA"}),
    ("The army chiefs of Poland and Lithuania held talks in Vilnius on Monday. Lithuanian army chief Gen. Raimundas "
     "Vaiksnoras said the two armies would train together.", {"Raimundas Vaiksnoras": "LTU", None: "POL"}),
]


@pytest.mark.parametrize("text, people", OFFICES_OF_COUNTRIES)
def test_meetings_real4_the_offices_of_a_list_of_countries_are_each_ones(analyse, text, people):
    assert _people(_meeting(analyse, text)) == people


def test_meetings_real4_an_office_of_a_country_without_the_is_anyones(analyse):
    r = analyse("Defence Minister Raj Kumar arrived in Maputo on Monday. It is the first visit of Defence Minister "
                "of India to Mozambique.", published="2024-06-12")
    assert not r.meetings
