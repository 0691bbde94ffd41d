"""Meetings as real outlets tell them, fifth round (issue 14, section 4), on sentences of our own in the
styles of service releases, ministry releases and wire stories: a sentence the senter cut inside a name or
after an abbreviation in brackets, a meeting held by offices told again with their full title ("the Defence
Secretary"), a named meeting ("the Ministerial Meeting"), and delegations told by who led each."""

from __future__ import annotations

import pytest
import spacy

from pipeline.stages.sentences import split_sentences


def _cut(text: str, *at: str) -> list[str]:
    """The sentences of ``text`` where a senter cut it before each word of ``at`` (and nowhere else)."""
    nlp = spacy.blank("en")
    doc = nlp(text)
    starts = {i for i, t in enumerate(doc) if t.text in at}
    for t in doc:
        t.is_sent_start = t.i == 0 or t.i in starts
    return [s.text for s in split_sentences(doc)]


SENTER_CUTS = [
    # service release: cut after the abbreviation in brackets between a title and a name
    ("Minister for Defence Tariq Malik called on Chief of Naval Staff (CNS) Admiral Faisal Qureshi on Monday.",
     ("Admiral",)),
    # wire story: cut inside a two-word name
    ("Admiral Omar Siddiq met Navy Commander Admiral Ko Jinwoo and discussed training.", ("Jinwoo",)),
    # cut before a word in lower case after a name
    ("The Chief of Air Staff hosted Air Marshal Daniel Mensah at Air House on Friday.", ("at",)),
]


@pytest.mark.parametrize("text, at", SENTER_CUTS)
def test_meetings_real5_a_cut_with_no_sentence_end_is_undone(text, at):
    assert _cut(text, *at) == [text]


KEPT_CUTS = [
    # a dateline: no word in lower case outside its brackets
    ("OSLO (Nordic Wire, 5 May 2024) Defence Minister Eva Berg met her Danish counterpart.", ("Defence",),
     ["OSLO (Nordic Wire, 5 May 2024)", "Defence Minister Eva Berg met her Danish counterpart."]),
    # a real sentence end
    ("Minister Eva Berg arrived on Monday. She met the king.", ("She",),
     ["Minister Eva Berg arrived on Monday.", "She met the king."]),
    # a line break always ends the sentence before it
    ("Talks in Oslo\nMinister Eva Berg met her counterpart.", ("Minister",),
     ["Talks in Oslo", "Minister Eva Berg met her counterpart."]),
]


@pytest.mark.parametrize("text, at, sentences", KEPT_CUTS)
def test_meetings_real5_a_cut_at_a_sentence_end_or_a_dateline_stays(text, at, sentences):
    assert _cut(text, *at) == sentences


def _people(analyse, text: str) -> set[frozenset[str]]:
    """The named people of each meeting of a story of 12 June 2024."""
    return {frozenset(p.name for p in m.participants if p.name) for m in analyse(text, published="2024-06-12").meetings}


TITLE_OPENS_THE_SENTENCE = [
    # ministry release: the office told again at the start of a sentence, after "The"
    ("Prime Minister Ana Lopes opened the forum in Lisbon on Monday. The prime minister met Kenji Sato, the "
     "Japanese trade minister, on Tuesday.", {"Ana Lopes", "Kenji Sato"}),
    # wire story: the same with a president
    ("President Tomas Varga arrived in Vienna on Sunday. The president held talks with Chancellor Erik Haas on "
     "Monday.", {"Tomas Varga", "Erik Haas"}),
]


@pytest.mark.parametrize("text, people", TITLE_OPENS_THE_SENTENCE)
def test_meetings_real5_the_office_opening_a_sentence_is_its_holder(analyse, text, people):
    assert frozenset(people) in _people(analyse, text)


NAMED_MEETINGS = [
    # ministry release: a two-plus-two meeting told by its name
    ("Foreign Minister Ana Lopes and Defence Minister Rui Costa held the first Portugal-Brazil Foreign and Defence "
     "Ministerial Meeting in Brasilia on Monday with Brazilian Foreign Minister Paulo Souza.",
     {"Ana Lopes", "Rui Costa", "Paulo Souza"}),
    # wire story: a dialogue told by its name
    ("Defence Secretary Mark Hale co-chaired the Annual Defence Dialogue with Vietnamese Deputy Defence Minister "
     "Tran Van Minh in Hanoi on Friday.", {"Mark Hale", "Tran Van Minh"}),
]


@pytest.mark.parametrize("text, people", NAMED_MEETINGS)
def test_meetings_real5_a_meeting_told_by_its_name_is_a_meeting(analyse, text, people):
    assert frozenset(people) in _people(analyse, text)


SIDES_LED_BY = [
    # ministry release: the talks told first, then who led each side
    ("Japan and the Philippines held defence talks in Manila on Tuesday. The Japanese delegation was led by Vice "
     "Minister Taro Ueda, while the Philippine side was headed by Undersecretary Jose Ramos.",
     {"Taro Ueda", "Jose Ramos"}),
    # wire story: two delegations, each with two leaders
    ("The US delegation was headed by Assistant Secretary Laura Finch and Admiral Mark Dane, and the Korean "
     "delegation was led by Deputy Minister Park Sung-ho on Friday.", {"Laura Finch", "Mark Dane", "Park Sung-ho"}),
]


@pytest.mark.parametrize("text, people", SIDES_LED_BY)
def test_meetings_real5_the_sides_told_by_who_led_them_are_one_meeting(analyse, text, people):
    assert _people(analyse, text) == {frozenset(people)}


def test_meetings_real5_a_delegation_led_by_one_official_meets_no_one(analyse):
    assert not analyse("A delegation led by Minister Omar Haddad toured the shipyard on Monday.",
                       published="2024-06-12").meetings


COUNCILLORS_AND_SECRETARIES = [
    ("Secretary of State Mary Cole met China's State Councilor Li Wenbo in Washington on Monday.",
     "Li Wenbo", "State Councilor"),
    ("Additional Secretary Ravi Menon held talks with Japanese Vice Minister Taro Ueda in New Delhi on Monday.",
     "Ravi Menon", "Additional Secretary"),
]


@pytest.mark.parametrize("text, name, title", COUNCILLORS_AND_SECRETARIES)
def test_meetings_real5_a_councilor_and_an_additional_secretary_are_officials(analyse, text, name, title):
    r = analyse(text, published="2024-06-12")
    assert any(o.name == name and o.title == title for o in r.mentions.officials)
    (m,) = r.meetings
    assert name in {p.name for p in m.participants}


OFFICES_THEN_NAMES = [
    # wire story: the call told by offices, the ministers named bare in the next sentence
    ("The Greek and Italian defence ministers spoke by phone on Tuesday, ministry sources said. Nikos Dendias "
     "and Guido Crosetto also discussed joint naval patrols.", {"Nikos Dendias": None, "Guido Crosetto": None}),
    # the same with each name after its country's possessive
    ("The Polish defence minister and his Korean counterpart held talks on Monday. Poland's Jan Nowak and "
     "Korea's Kim Min-su discussed faster deliveries.", {"Jan Nowak": "POL", "Kim Min-su": "KOR"}),
]


@pytest.mark.parametrize("text, people", OFFICES_THEN_NAMES)
def test_meetings_real5_offices_named_bare_in_the_next_sentence(analyse, text, people):
    (m,) = analyse(text, published="2024-06-12").meetings
    named = {p.name: p.country for p in m.participants if p.name}
    assert named == people


def test_meetings_real5_names_after_an_office_of_one_country_are_not_all_its_holders(analyse):
    # one office told: the name that opens the next sentence may hold it (officials), never both names
    text = ("The Greek defence minister spoke on Tuesday. Nikos Dendias and Maria Pappa discussed the budget.")
    r = analyse(text, published="2024-06-12")
    assert [(o.name, o.title) for o in r.mentions.officials] == [("Nikos Dendias", "defence minister")]
    assert all(p.title is None for m in r.meetings for p in m.participants if p.name == "Maria Pappa")


CITY_TOLD_WITH_ITS_COUNTRY = [
    ("Admiral Omar Siddiq met Vice Admiral Lee Jun-ho in Jinhae, South Korea, on Monday.", "KOR"),
    ("Defence Minister Eva Berg held talks with General Piet Smit at a base in Oirschot, the Netherlands, on "
     "Tuesday.", "NLD"),
]


@pytest.mark.parametrize("text, country", CITY_TOLD_WITH_ITS_COUNTRY)
def test_meetings_real5_a_town_no_list_knows_is_placed_by_its_country(analyse, text, country):
    (m,) = analyse(text, published="2024-06-12").meetings
    assert m.location_country == country
