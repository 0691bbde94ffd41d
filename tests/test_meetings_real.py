"""Meetings as real pages tell them (issue 14, section 4), on sentences of our own: ceremonies and their
attendees, lists of attendees, talks held by a pronoun, offices told by their title alone."""

from __future__ import annotations

import pytest


def _pairs(meetings) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(p.name for p in m.participants if p.name)) for m in meetings)


CEREMONIES = [
    # a ceremony attended by officials of two countries
    ("The handover ceremony in Gdansk was attended by Norwegian Defence Minister Ola Strand and Polish Deputy "
     "Defence Minister Marek Nowak.", [("Marek Nowak", "Ola Strand")]),
    # one of them of a country the text does not give
    ("President Tomas Berg and the Saudi Crown Prince Faisal Al Rashid pose during the contract exchange ceremony "
     "in Riyadh on Sunday.", [("Faisal Al Rashid", "Tomas Berg")]),
    # officials of one country at a ceremony meet nobody
    ("Polish Defence Minister Marek Nowak and Polish Army chief General Jan Wrona attended the ceremony in "
     "Gdansk.", []),
]


@pytest.mark.parametrize("text, pairs", CEREMONIES)
def test_meetings_real_ceremony_of_two_sides(analyse, text, pairs):
    assert _pairs(analyse(text, published="2024-06-13").meetings) == pairs


def test_meetings_real_attendees_listed_on_the_lines_after_a_colon(analyse):
    r = analyse("The rollout was marked by a ceremony attended by:\n"
                "- Lieutenant General Tomas Berg, commander of the Swedish Army;\n"
                "- Major General Anna Lehto, Finnish Army Inspector; and\n"
                "- Mart Kask, Estonian Ambassador to Sweden.\n"
                "The vehicles will be delivered next year.", published="2024-06-13")
    (m,) = r.meetings
    assert {"Tomas Berg", "Anna Lehto"} <= {p.name for p in m.participants}


def test_meetings_real_he_held_talks_is_the_one_who_led_the_meeting_before(analyse):
    r = analyse("Defence Minister Tomas Berg met Prime Minister Anna Lehto in Helsinki on Monday. He also held "
                "talks with his counterpart Mr. Mart Kask.", published="2024-06-13")
    assert _pairs(r.meetings) == [("Anna Lehto", "Tomas Berg"), ("Mart Kask", "Tomas Berg")]


def test_meetings_real_an_office_told_by_its_title_alone_is_its_holder(analyse):
    r = analyse("Raksha Mantri Tomas Berg arrived in Helsinki on Sunday.\n\n"
                "On Monday, the Raksha Mantri met Mr. Mart Kask, the Prime Minister of Finland.",
                published="2024-06-13")
    assert _pairs(r.meetings) == [("Mart Kask", "Tomas Berg")]


CALLS_ON = [
    # a courtesy call is a meeting, and "he" after it is the caller
    ("Defence Minister Tomas Berg called on Prime Minister Anna Lehto in Helsinki on Monday. He also held talks "
     "with his counterpart Mr. Mart Kask.", [("Anna Lehto", "Tomas Berg"), ("Mart Kask", "Tomas Berg")]),
    # calling on someone to act is an urging
    ("Foreign Minister Tomas Berg called on Prime Minister Anna Lehto to end the strike on Monday.", []),
]


@pytest.mark.parametrize("text, pairs", CALLS_ON)
def test_meetings_real_called_on(analyse, text, pairs):
    assert _pairs(analyse(text, published="2024-06-13").meetings) == pairs


@pytest.mark.parametrize("text,expected", [
    ("Minister Tomas Berg met Anna Lehto, his office said Saturday.During the visit, they agreed. It follows the U.S.Army plan.",
     ["Minister Tomas Berg met Anna Lehto, his office said Saturday.", "During the visit, they agreed.",
      "It follows the U.S.Army plan."]),
    # after a number the tokenizer keeps "2021.The" one word unless told to split it; a decimal stays whole
    ("Hanwha delivered K9 howitzers to Norway in 2021.The second batch arrived in May 2022. It cost 3.5 billion kroner.",
     ["Hanwha delivered K9 howitzers to Norway in 2021.", "The second batch arrived in May 2022.", "It cost 3.5 billion kroner."]),
])
def test_meetings_real_a_full_stop_glued_to_the_next_sentence_ends_it(analyse, text, expected):
    r = analyse(text, published="2018-08-11")
    assert [s.text for s in r.mentions.sentences] == expected


def test_meetings_real_during_the_talks_tells_the_meeting_before_its_day_and_place(analyse):
    r = analyse("Defence Minister Tomas Berg held talks with his counterpart, Anna Lehto, his office said Saturday. "
                "During the talks, which took place in Finland on Friday, they agreed to meet again.",
                published="2018-08-11")
    (m,) = r.meetings
    assert (m.date.value, m.location_country, len(m.mentions)) == ("2018-08-10", "FIN", 2)


def test_meetings_real_signed_by_two_after_talks_between_two_is_two_meetings(analyse):
    r = analyse("The frigate contract was signed by Defence Secretary Tomas Berg and Naval Group chief executive "
                "Anna Lehto after talks between Prime Minister Mart Kask and President Ivo Ozols.",
                published="2024-06-13")
    assert _pairs(r.meetings) == [("Anna Lehto", "Tomas Berg"), ("Ivo Ozols", "Mart Kask")]


def test_meetings_real_the_two_ministers_give_the_place_the_first_telling_lacked(analyse):
    r = analyse("Defence Minister Anna Lehto and her Dutch counterpart Jan de Vries have signed an agreement. "
                "The two ministers signed the memorandum on board a frigate in the port of Antwerp.",
                published="2024-06-13")
    (m,) = r.meetings
    assert (m.location, m.location_country) == ("Antwerp", "BEL")


def test_meetings_real_a_date_inside_the_meeting_noun_dates_the_meeting_not_the_report(analyse):
    r = analyse("Reuters previously reported on the 5 October meeting between Defence Minister Tomas Berg and "
                "Finnish Defence Minister Anna Lehto, however, the ministry has not said more.", published="2023-10-17")
    (m,) = r.meetings
    assert m.date.value == "2023-10-05"


def test_meetings_real_a_visitor_meets_in_the_country_of_the_others(analyse):
    r = analyse("Finland's defence minister, Anna Lehto, announced the decision on Wednesday during talks with her "
                "Swedish counterpart, Tomas Berg, who is visiting the Nordic country.", published="2024-06-13")
    (m,) = r.meetings
    assert m.location_country == "FIN"

