"""Meetings as real pages tell them, second round (issue 14, section 4), on sentences of our own: names the
model splits from the title's country, dates of another meeting told in the same sentence."""

from __future__ import annotations

import pytest


def _pairs(meetings) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(p.name for p in m.participants if p.name)) for m in meetings)


def test_meetings_real2_a_given_name_after_the_title_country_and_a_suffix_after_a_comma(analyse):
    r = analyse("Foreign Minister Tomas Berg in a meeting with the Minister of Defence of Finland Anna K. Lehto, Jr. "
                "spoke of the frigates.", published="2024-06-13")
    (o,) = [o for o in r.mentions.officials if "Lehto" in o.name]
    assert (o.name, o.country) == ("Anna K. Lehto, Jr", "FIN")
    assert _pairs(r.meetings) == [("Anna K. Lehto, Jr", "Tomas Berg")]


MEETING_DAYS = [
    # a day of other talks told in a clause of their own does not date this meeting: the story's day does
    ("Defence Minister Tomas Berg met Finnish Defence Minister Anna Lehto during his visit to Finland for the annual "
     "Nordic talks, slated for Friday.", "2024-06-11"),
    # the day of a visit still dates a meeting during it
    ("During his two-day visit that began Monday, Defence Minister Tomas Berg also met with Finnish Defence "
     "Minister Anna Lehto.", "2024-06-10"),
]


@pytest.mark.parametrize("text, day", MEETING_DAYS)
def test_meetings_real2_the_day_of_a_meeting(analyse, text, day):
    (m,) = analyse(text, published="2024-06-11").meetings
    assert m.date.value == day


INTRODUCED = [
    # offices told first, their holders named in the next sentence with no title beside them
    ("Sweden's defence minister and his Finnish counterpart met in Stockholm, the ministry said. During the "
     "meeting, Tomas Berg and Anna Lehto discussed air defence.",
     {"Tomas Berg": ("defence minister", "SWE"), "Anna Lehto": ("defence minister", "FIN")}),
    # a plural title over two countries
    ("The defence chiefs of Sweden and Finland held talks in Stockholm on Tuesday. Tomas Berg and Anna Lehto "
     "discussed air defence.", {"Tomas Berg": ("defence chief", "SWE"), "Anna Lehto": ("defence chief", "FIN")}),
    # as many names as offices, or none of them is introduced
    ("Sweden's defence minister and his Finnish counterpart met in Stockholm. Tomas Berg, Anna Lehto and Mart "
     "Kask watched.", {}),
]


@pytest.mark.parametrize("text, offices", INTRODUCED)
def test_meetings_real2_names_the_offices_told_just_before_introduce(analyse, text, offices):
    r = analyse(text, published="2024-06-12")
    assert {o.name: (o.title, o.country) for o in r.mentions.officials} == offices
    assert _pairs(r.meetings) == ([tuple(sorted(offices))] if offices else [])


UNTITLED_PARTNERS = [
    # a full name with no title, told face to face by a named official at a meeting: the one met, on the day told
    ("Sweden's Tomas Berg told Anna Lehto on Monday that the two countries stood together, on the sidelines of "
     "the Nordic summit in Oslo.", [("Anna Lehto", "Tomas Berg")], "2024-06-10"),
    # a paper told is no one met
    ("Defence Minister Tomas Berg told the Nordic Times on Monday that the summit in Oslo went well.", [], None),
    # a meeting with a titled official already has its second side: no one else joins it
    ("Defence Minister Tomas Berg praised Anna Lehto during a meeting with Finnish Defence Minister Mart Kask.",
     [("Mart Kask", "Tomas Berg")], None),
]


@pytest.mark.parametrize("text, pairs, day", UNTITLED_PARTNERS)
def test_meetings_real2_an_untitled_name_across_a_verb_is_the_one_met(analyse, text, pairs, day):
    r = analyse(text, published="2024-06-12")
    assert _pairs(r.meetings) == pairs
    if day:
        assert r.meetings[0].date.value == day


JOINED_BY = [
    # "was joined by A, and earlier held talks with B": two encounters
    ("Prime Minister Tomas Berg was joined by Finnish Prime Minister Anna Lehto, and earlier held talks with "
     "President Mart Kask.", [("Anna Lehto", "Tomas Berg"), ("Mart Kask", "Tomas Berg")]),
    # joined by one of his own country's officials, or by no official, is no meeting
    ("Swedish Defence Minister Tomas Berg was joined by Swedish Army chief General Anna Lehto at the plant.", []),
    ("Defence Minister Tomas Berg was joined by his wife at the plant.", []),
]


@pytest.mark.parametrize("text, pairs", JOINED_BY)
def test_meetings_real2_joined_by(analyse, text, pairs):
    assert _pairs(analyse(text, published="2024-06-12").meetings) == pairs


def test_meetings_real2_during_the_talks_a_year_to_come_is_not_the_talks_day(analyse):
    r = analyse("Defence Minister Tomas Berg met Finnish Defence Minister Anna Lehto in Helsinki on Monday. During the "
                "talks, the two sides agreed to join a missile defence exercise in 2026, the ministry said.",
                published="2024-06-13")
    (m,) = r.meetings
    assert (m.date.value, len(m.mentions)) == ("2024-06-10", 2)


TOLD_BY_OFFICE = [
    # a meeting told by offices alone, its people named in the next sentence: the day and place told first
    ("The defence chiefs of Sweden and Finland held talks in Stockholm on Tuesday. Swedish Defence Minister Tomas "
     "Berg and Finnish Defence Minister Anna Lehto agreed to expand air defence cooperation.",
     [("Anna Lehto", "Tomas Berg")], ("2024-06-11", "SWE")),
    # the next sentence names officials of one of the countries only
    ("The defence chiefs of Sweden and Finland held talks in Stockholm on Tuesday. Swedish Defence Minister Tomas "
     "Berg and Swedish Army chief General Anna Lehto spoke to reporters.", [], None),
]


@pytest.mark.parametrize("text, pairs, when_where", TOLD_BY_OFFICE)
def test_meetings_real2_told_by_office_named_in_the_next_sentence(analyse, text, pairs, when_where):
    r = analyse(text, published="2024-06-13")
    assert _pairs(r.meetings) == pairs
    if when_where:
        assert (r.meetings[0].date.value, r.meetings[0].location_country) == when_where


def test_meetings_real2_names_that_open_list_lines_take_the_office_after_the_comma(analyse):
    r = analyse("The rollout was marked by a ceremony attended by:\n"
                "- Tomas Berg-Lund, Sweden's Minister of Defence Procurement;\n"
                "- Anna Lehto, Finnish Ambassador to Sweden.\n"
                "- In May, during the visit of the delegation, the plant grew.\n"
                "- Nordic Steel Works, as planned.\n"
                "The vehicles will be delivered next year.", published="2024-06-13")
    offices = {o.name: (o.title, o.country) for o in r.mentions.officials}
    assert offices["Tomas Berg-Lund"] == ("Minister of Defence Procurement", "SWE")
    assert offices["Anna Lehto"] == ("Ambassador", "FIN")
    assert not {"In May", "Nordic Steel Works"} & set(offices)
    assert _pairs(r.meetings) == [("Anna Lehto", "Tomas Berg-Lund")]


def test_meetings_real2_a_meeting_with_no_place_during_a_visit_told_paragraphs_before(analyse):
    r = analyse("Prime Minister Tomas Berg visited Kongsberg on Monday, where he saw the new missiles.\n\n"
                "The missiles are made in two plants.\n\nThey will be exported.\n\nThe order book is full.\n\n"
                "Prime Minister Berg was joined by Finnish Prime Minister Anna Lehto.", published="2024-06-13")
    (m,) = r.meetings
    assert (_pairs([m]), m.location_country) == ([("Anna Lehto", "Tomas Berg")], "NOR")


OFFICES_NEW = [
    # an air rank written as initials between the office and the name
    ("Giving an update, air force commander ACM Tomas Bergström said the plan is almost complete.",
     "Tomas Bergström"),
    # a chargé d'affaires in an apposition
    ("The ceremony was attended by Defence Minister Anna Lehto and Mart Kaskinen, charge d'affaires a.i. of the "
     "Embassy of the Republic of Estonia in Helsinki.", "Mart Kaskinen"),
]


@pytest.mark.parametrize("text, name", OFFICES_NEW)
def test_meetings_real2_offices_of_ranks_and_envoys(analyse, text, name):
    assert name in {o.name for o in analyse(text, published="2024-06-13").mentions.officials}


def test_meetings_real2_a_title_capitalised_as_a_name_after_a_comma_is_its_holder(analyse):
    r = analyse("Raksha Mantri Tomas Berg spoke by phone with Finnish Defence Minister Anna Lehto on Monday.\n\n"
                "Earlier, on June 3, Raksha Mantri held a video conference with General Mart Kask, Minister of "
                "Defence of Estonia.", published="2024-06-13")
    assert _pairs(r.meetings) == [("Anna Lehto", "Tomas Berg"), ("Mart Kask", "Tomas Berg")]


def test_meetings_real2_the_city_visited_not_the_datelines(analyse):
    r = analyse("STOCKHOLM (AP) — Sweden will send Finland more missiles, Defence Minister Tomas Berg said Thursday "
                "during a visit to Helsinki.\n\nBerg held talks with Finnish Defence Minister Anna Lehto on air "
                "defence.", published="2024-06-13")
    (m,) = r.meetings
    assert (m.location, m.location_country) == ("Helsinki", "FIN")


def test_meetings_real2_an_office_told_with_a_is_no_one_met(analyse):
    r = analyse("The signing was timed to coincide with President Tomas Berg's trip to Helsinki, the first visit by "
                "a Swedish leader in 12 years.", published="2024-06-13")
    assert r.meetings == ()


def test_meetings_real2_a_meeting_during_a_state_visit_the_visitor_is_on(analyse):
    r = analyse("Minister Mart Kask met Finnish Defence Minister Anna Lehto in Helsinki on Tuesday as President Tomas "
                "Berg is on a four-day state visit to the country.\n\nThe two sides agreed to meet again.\n\n"
                "On Wednesday, Berg and Finnish Prime Minister Ivo Ozols adopted a joint statement.",
                published="2024-06-13")
    m = next(m for m in r.meetings if "Ivo Ozols" in {p.name for p in m.participants})
    assert (m.date.value, m.location_country) == ("2024-06-12", "FIN")


def test_meetings_real2_a_date_above_a_dateline_lines_down_tells_of_an_event(analyse):
    r = analyse("Swedish minister visits Kongsberg\n\n"
                "Swedish Prime Minister Tomas Berg visited Kongsberg on Thursday, where he was shown the new missile.\n\n"
                "news politics equipment\n\n"
                "31 october 2025   |   13:56   |   Source: Nordic Press\n\n"
                "Prime Minister Berg was joined by Norwegian Prime Minister Anna Lehto.", published="2025-10-31")
    (thursday,) = [d for d in r.mentions.dates if d.text == "Thursday"]
    assert not thursday.attribution
    (m,) = r.meetings
    assert (m.date.value, m.location_country) == ("2025-10-30", "NOR")


MORE_TRIGGERS = [
    "On the margins of the Nordic summit, Defence Minister Tomas Berg spoke with Finnish Defence Minister Anna Lehto.",
    "Defence Minister Tomas Berg telephoned Finnish Defence Minister Anna Lehto on Monday.",
    "Defence Minister Tomas Berg shook hands with Finnish Defence Minister Anna Lehto on Monday.",
    "Defence Minister Tomas Berg and Finnish Defence Minister Anna Lehto exchanged views on Monday.",
]


@pytest.mark.parametrize("text", MORE_TRIGGERS)
def test_meetings_real2_margins_calls_handshakes_and_views(analyse, text):
    assert _pairs(analyse(text, published="2024-06-13").meetings) == [("Anna Lehto", "Tomas Berg")]


def test_meetings_real2_the_margin_of_a_city_is_no_meeting(analyse):
    assert analyse("The rally was held on the margin of the city, Mayor Tomas Berg said.",
                   published="2024-06-13").meetings == ()
