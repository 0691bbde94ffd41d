"""Meetings as real outlets tell them, sixth round (session 6, batch 7), on sentences of our own in the styles
of wire stories and ministry releases: a teller who says he met someone, an outlet told something (no one met),
and a meeting noun with sides of its own inside the sentence of another meeting."""

from __future__ import annotations

import pytest


def _meetings(analyse, text: str):
    """The meetings of a story of 12 June 2024."""
    return analyse(text, published="2024-06-12").meetings


def _people(analyse, text: str) -> set[frozenset[str]]:
    """The named people of each meeting of a story of 12 June 2024."""
    return {frozenset(p.name for p in m.participants if p.name) for m in _meetings(analyse, text)}


SAID_HE_MET = [
    # wire story: the teller says he had talks, with an office as the other side
    ("Ukrainian Defence Minister Ivan Petrenko said he had talks with his Latvian counterpart on Monday.",
     {"Ivan Petrenko"}),
    # ministry release: the teller says he met a named minister
    ("Chilean Defence Minister Rosa Vidal said she met Peruvian Defence Minister Jorge Salas in Lima on Friday.",
     {"Rosa Vidal", "Jorge Salas"}),
]


@pytest.mark.parametrize("text, people", SAID_HE_MET)
def test_meetings_real6_a_teller_who_says_he_met_takes_part(analyse, text, people):
    assert frozenset(people) in _people(analyse, text)


TOLD_AN_OUTLET = [
    # wire story: a minister tells a news agency of talks
    "Lithuanian Defence Minister Rasa Juknevicius told Baltic News Agency that the talks went well.",
    # company interview: a chief executive tells a paper about a signing
    "Company chairman Olaf Brenner told Alpine Daily that the contract would be signed soon.",
]


@pytest.mark.parametrize("text", TOLD_AN_OUTLET)
def test_meetings_real6_an_outlet_told_something_is_no_one_met(analyse, text):
    assert _meetings(analyse, text) == ()


SUMMIT_OF_ITS_OWN = [
    # wire story: a planned meeting as the follow-up of a past summit between two others
    "Estonian Defence Minister Kadri Mets plans to meet Finnish Defence Minister Eero Laine on Thursday as a "
    "follow-up to the summit between President Alar Karis and Finnish President Sauli Niinisto held in Helsinki "
    "in May.",
    # ministry release: the same after "after the talks between"
    "Estonian Defence Minister Kadri Mets will meet Finnish Defence Minister Eero Laine on Thursday, after the "
    "talks between President Alar Karis and Finnish President Sauli Niinisto in Helsinki in May.",
]


@pytest.mark.parametrize("text", SUMMIT_OF_ITS_OWN)
def test_meetings_real6_a_meeting_noun_with_its_own_sides_is_theirs_alone(analyse, text):
    meetings = {frozenset(p.name for p in m.participants if p.name): m for m in _meetings(analyse, text)}
    assert set(meetings) == {frozenset({"Kadri Mets", "Eero Laine"}), frozenset({"Alar Karis", "Sauli Niinisto"})}
    planned = meetings[frozenset({"Kadri Mets", "Eero Laine"})]
    summit = meetings[frozenset({"Alar Karis", "Sauli Niinisto"})]
    assert (planned.status, planned.location) == ("planned", None)
    assert (summit.status, summit.location, summit.date.value) == ("held", "Helsinki", "2024-05")


OFFICES_TOLD_AGAIN = [
    # ministry release: the meeting told again by the office both sides hold, with its day and place
    ("Greek Defence Minister Nikos Pappas and Cypriot Defence Minister Andreas Kyriakou discussed joint exercises, "
     "the ministry said. The meeting between the defence chiefs took place on June 6 in Athens.", "2024-06-06", "Athens"),
    # wire story: the same with foreign ministers and a place alone
    ("Greek Foreign Minister Nikos Pappas met Cypriot Foreign Minister Andreas Kyriakou on Monday. The talks of the "
     "foreign ministers were held in Nicosia.", "2024-06-10", "Nicosia"),
]


@pytest.mark.parametrize("text, day, place", OFFICES_TOLD_AGAIN)
def test_meetings_real6_the_offices_told_again_are_the_meeting_before(analyse, text, day, place):
    (meeting,) = _meetings(analyse, text)
    assert {p.name for p in meeting.participants} == {"Nikos Pappas", "Andreas Kyriakou"}
    assert (meeting.date.value, meeting.location) == (day, place)


def test_meetings_real6_offices_of_a_bloc_are_no_meeting_told_before(analyse):
    text = "Greek Defence Minister Nikos Pappas said on Monday that the army chiefs of NATO would meet in Brussels."
    assert _meetings(analyse, text) == ()


VISIT_TO_PREMISES = [
    # service release: a visit to a navy's headquarters, then the meeting there
    ("Admiral Ravi Kumar of the Indian Navy paid a visit to the Fiji Naval Headquarters and met Fijian Navy "
     "Commander Commodore Jone Ratu on Tuesday.", "FJI"),
    # ministry release: a visit to a defence headquarters, then talks
    ("Indian Army chief General Ravi Kumar paid a visit to the Kenya Defence Headquarters on Monday and held talks "
     "with Kenyan Defence Minister Aden Mwangi.", "KEN"),
]


@pytest.mark.parametrize("text, country", VISIT_TO_PREMISES)
def test_meetings_real6_a_visit_to_a_countrys_premises_is_in_that_country(analyse, text, country):
    (meeting,) = _meetings(analyse, text)
    assert meeting.location_country == country


ONE_EACH = [
    # ministry release: bilateral meetings in the plural with a list of ministers
    ("Indian Defence Minister Arjun Mehta held bilateral meetings with US Defense Secretary Mark Hale, Japanese "
     "Defence Minister Kenji Sato and Australian Defence Minister Paul Grant in Singapore on Saturday.",
     {frozenset({"Arjun Mehta", "Mark Hale"}), frozenset({"Arjun Mehta", "Kenji Sato"}),
      frozenset({"Arjun Mehta", "Paul Grant"})}),
    # wire story: phone calls in the plural with two ministers
    ("Foreign Minister Ana Lopes had phone calls with Spanish Foreign Minister Luis Garcia and French Foreign "
     "Minister Marc Roux on Tuesday.", {frozenset({"Ana Lopes", "Luis Garcia"}), frozenset({"Ana Lopes", "Marc Roux"})}),
    # the one who held them told by a pronoun
    ("Indian Defence Minister Arjun Mehta arrived in Singapore on Friday. He held bilateral meetings with US Defense "
     "Secretary Mark Hale and Japanese Defence Minister Kenji Sato on Saturday.",
     {frozenset({"Arjun Mehta", "Mark Hale"}), frozenset({"Arjun Mehta", "Kenji Sato"})}),
]


@pytest.mark.parametrize("text, meetings", ONE_EACH)
def test_meetings_real6_meetings_in_the_plural_are_one_each(analyse, text, meetings):
    assert _people(analyse, text) == meetings


def test_meetings_real6_conversations_with_two_offices_are_one_each(analyse):
    text = "Ukrainian Defence Minister Ivan Petrenko held telephone conversations with his Latvian and Estonian colleagues."
    assert sorted(sorted(p.country for p in m.participants) for m in _meetings(analyse, text)) == [["EST", "UKR"],
                                                                                                   ["LVA", "UKR"]]


def test_meetings_real6_talks_with_two_others_stay_one_meeting(analyse):
    text = ("Defence Minister Arjun Mehta held talks with US Defense Secretary Mark Hale and Japanese Defence Minister "
            "Kenji Sato in Tokyo on Saturday.")
    assert _people(analyse, text) == {frozenset({"Arjun Mehta", "Mark Hale", "Kenji Sato"})}


def test_meetings_real6_talk_in_its_base_form_is_a_meeting(analyse):
    text = "Norwegian Defence Minister Eva Berg will talk with Swedish Defence Minister Pal Jonsson on Friday."
    (meeting,) = _meetings(analyse, text)
    assert {p.name for p in meeting.participants} == {"Eva Berg", "Pal Jonsson"}
    assert (meeting.status, meeting.date.value) == ("planned", "2024-06-14")



def test_meetings_real6_is_due_to_meet_is_planned(analyse):
    text = "Polish Defence Minister Pawel Nowak is due to meet Czech Defence Minister Jan Dvorak in Prague next week."
    (meeting,) = _meetings(analyse, text)
    assert meeting.status == "planned"


WEEKDAY_TO_COME = [
    # wire story: "is due to" with the weekday far from it
    "Norwegian Defence Minister Eva Berg is due to talk with Swedish Defence Minister Pal Jonsson by phone on Thursday.",
    # ministry release: "plans to" with a past verb later in the sentence
    "Norwegian Defence Minister Eva Berg plans to meet Swedish Defence Minister Pal Jonsson in Oslo on Thursday, after "
    "the two ministers signed a pact in May.",
]


@pytest.mark.parametrize("text", WEEKDAY_TO_COME)
def test_meetings_real6_a_planned_meeting_on_a_weekday_is_the_one_to_come(analyse, text):
    (meeting,) = _meetings(analyse, text)
    assert (meeting.status, meeting.date.value) == ("planned", "2024-06-13")


WITNESSED_BY = [
    # ministry release: a handover both ministers witnessed
    ("The handover was witnessed by Malaysian Defence Minister Mohamed Hasan and Turkish Defence Industry Secretary "
     "Ismail Demir at the company's headquarters in Ankara on Monday.", {"Mohamed Hasan", "Ismail Demir"}),
    # wire story: a signing
    ("The signing was witnessed by Polish Defence Minister Pawel Nowak and Korean Defence Minister Kim Dong-hoon in "
     "Seoul on Tuesday.", {"Pawel Nowak", "Kim Dong-hoon"}),
]


@pytest.mark.parametrize("text, people", WITNESSED_BY)
def test_meetings_real6_a_ceremony_two_sides_witnessed_is_a_meeting(analyse, text, people):
    assert _people(analyse, text) == {frozenset(people)}


def test_meetings_real6_witnessed_by_one_side_alone_is_no_meeting(analyse):
    text = "The ceremony was witnessed by thousands of people, Polish Defence Minister Pawel Nowak said."
    assert _meetings(analyse, text) == ()
