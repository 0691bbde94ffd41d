"""Meetings and officials as real outlets tell them, third round (issue 14, sections 4 and 5), on sentences
of our own in the styles of ministry releases and wire stories: long titles naming a portfolio, ranks
written without dots, titles told after the name, plural titles over a list of "X of Country"."""

from __future__ import annotations

import pytest


def _pairs(meetings) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(p.name for p in m.participants if p.name)) for m in meetings)


def _the_meeting(analyse, text: str):
    """The one meeting a text of a story of 12 June 2024 tells."""
    (m,) = analyse(text, published="2024-06-12").meetings
    return m


LONG_TITLES = [
    ("Minister of State for Foreign Affairs Omar Saleh received the Greek ambassador Nikos Pappas in Muscat on "
     "Sunday.", {"Omar Saleh": "Minister of State for Foreign Affairs", "Nikos Pappas": "ambassador"}),
    ("Deputy Minister for Defence Industry Cooperation Hana Novak met with Brazilian Secretary of Defence Products "
     "Marcos Silva in Prague on Monday to discuss joint production.",
     {"Hana Novak": "Deputy Minister for Defence Industry Cooperation",
      "Marcos Silva": "Secretary of Defence Products"}),
    ("During a meeting in Ankara on Tuesday, Turkish Defence Minister Ahmet Kaya and Qatari Minister of State for "
     "Defence Affairs Khalid bin Hamad discussed joint production.",
     {"Ahmet Kaya": "Defence Minister", "Khalid bin Hamad": "Minister of State for Defence Affairs"}),
]


@pytest.mark.parametrize("text, titles", LONG_TITLES)
def test_meetings_real3_a_portfolio_after_for_or_of_is_the_titles_not_the_names(analyse, text, titles):
    r = analyse(text, published="2024-06-12")
    assert {o.name: o.title for o in r.mentions.officials} == titles
    assert _pairs(r.meetings) == [tuple(sorted(titles))]


RANKS = [
    # British and Commonwealth ranks without dots; a rank's country from "of Poland" after the name
    ("Lt Col Anton Varga met Rear Adm Piotr Lis of Poland in Budapest on Tuesday, where the two officers discussed "
     "the delayed frigate programme and its training needs.",
     {"Anton Varga": ("Lt Col", None), "Piotr Lis": ("Rear Adm", "POL")}),
    ("Air Commodore James Cole of the Royal Australian Air Force held talks with Wing Commander Ravi Singh in "
     "Canberra on Thursday.", {"James Cole": ("Air Commodore", "AUS"), "Ravi Singh": ("Wing Commander", None)}),
    # the office told after a rank's name is the official's, with its country
    ("Gen. Omar Haddad, the Jordanian army chief, met Lt. Gen. Fahd Al-Rashid, Saudi Arabia's chief of staff, in "
     "Amman on Monday.", {"Omar Haddad": ("army chief", "JOR"), "Fahd Al-Rashid": ("chief of staff", "SAU")}),
    ("Lieutenant General Ahmed Raza, Pakistan's Chief of General Staff, met Chinese Defence Minister Li Wei in "
     "Beijing on Wednesday, the ISPR said.",
     {"Ahmed Raza": ("Chief of General Staff", "PAK"), "Li Wei": ("Defence Minister", "CHN")}),
]


def test_meetings_real3_gen_without_a_dot_stays_a_given_name(analyse):
    r = analyse("Defence Minister Gen Nakatani met Lt Col Anton Varga of Hungary in Tokyo on Monday.", published="2024-06-12")
    assert {o.name for o in r.mentions.officials} == {"Gen Nakatani", "Anton Varga"}


STATUS = [
    # a verb the meeting phrase is an adjunct of tells what was said there: the meeting was held
    ("At the meeting with Indonesian Defence Minister Budi Hartono in Jakarta on Tuesday, Korean Defense Minister "
     "Park Jin-ho proposed joint production of the jets.", "held"),
    ("During the talks in Warsaw on Monday, Polish Defence Minister Marek Kowal and Korean Defense Minister Park "
     "Jin-ho sought ways to speed up deliveries.", "held"),
    # its auxiliary still tells a meeting to come
    ("At the meeting with Indonesian Defence Minister Budi Hartono in Jakarta next week, Korean Defense Minister "
     "Park Jin-ho will propose joint production of the jets.", "planned"),
    ("Korean Defense Minister Park Jin-ho plans to meet Polish Defence Minister Marek Kowal in Warsaw to discuss "
     "deliveries.", "planned"),
]


@pytest.mark.parametrize("text, status", STATUS)
def test_meetings_real3_what_was_proposed_at_a_meeting_leaves_it_held(analyse, text, status):
    assert _the_meeting(analyse, text).status == status


OF_COUNTRY = [
    ("Minister Tomas Berg of Sweden and Minister Anna Lehto of Finland signed the memorandum of understanding in "
     "Helsinki on Friday.", {"Tomas Berg": ("Minister", "SWE"), "Anna Lehto": ("Minister", "FIN")}),
    # a plural title over "A of X and B of Y"
    ("Defence ministers Tomas Berg of Sweden and Anna Lehto of Finland met in Stockholm on Tuesday to discuss the "
     "joint purchase of air defence systems.",
     {"Tomas Berg": ("Defence ministers", "SWE"), "Anna Lehto": ("Defence ministers", "FIN")}),
]


@pytest.mark.parametrize("text, offices", RANKS + OF_COUNTRY)
def test_meetings_real3_ranks_and_countries_told_after_the_name(analyse, text, offices):
    r = analyse(text, published="2024-06-12")
    assert {o.name: (o.title, o.country) for o in r.mentions.officials} == offices
    assert _pairs(r.meetings) == [tuple(sorted(offices))]


def test_meetings_real3_of_before_a_title_that_is_no_country_leaves_the_title(analyse):
    r = analyse("The council met under the chairmanship of Defence Minister Raj Kumar on Monday.", published="2024-06-12")
    assert [(o.name, o.title) for o in r.mentions.officials] == [("Raj Kumar", "Defence Minister")]


def test_meetings_real3_a_title_before_the_comma_is_the_names_before_the_sentence_goes_on(analyse):
    r = analyse("The Prime Minister, Marek Nowak, met the President of Lithuania, Gitanas Vaitkus, in Vilnius on Thursday, "
                "where the two leaders discussed regional air defence and the planned purchase of more artillery.",
                published="2024-06-12")
    assert {o.name: (o.title, o.country) for o in r.mentions.officials} == {
        "Marek Nowak": ("Prime Minister", None), "Gitanas Vaitkus": ("President", "LTU")}
    (m,) = r.meetings
    assert (m.date.value, m.location_country) == ("2024-06-06", "LTU")


def test_meetings_real3_an_aide_is_an_official_and_a_name_in_a_quote_attends_no_ceremony(analyse):
    r = analyse("President Ade Okafor arrived for the induction ceremony on Thursday. Commenting on the ceremony, "
                "Presidential aide, Musa Bello, said: \u201cunder Okafor\u2019s leadership, the air force has grown.\u201d",
                published="2024-06-12")
    assert {o.name: o.title for o in r.mentions.officials if o.name == "Musa Bello"} == {"Musa Bello": "Presidential aide"}
    assert not r.meetings


UNTAGGED = [
    # a name the model takes for a body or a place, before ", <country's> <office>,"
    ("Park Jin-ho, South Korea's defense minister, and Marek Kowal, Poland's defence minister, signed the deal in "
     "Seoul on Monday after months of difficult negotiations over local production.",
     {"Park Jin-ho": ("defense minister", "KOR"), "Marek Kowal": ("defence minister", "POL")}),
]


@pytest.mark.parametrize("text, offices", UNTAGGED)
def test_meetings_real3_a_name_before_a_countrys_office(analyse, text, offices):
    r = analyse(text, published="2024-06-12")
    assert {o.name: (o.title, o.country) for o in r.mentions.officials} == offices


NOT_NAMES = [
    # a day, a body or a place before an office is no one's name
    "On Tuesday, the defence minister paid a courtesy call on Prime Minister Han Duk-soo in Seoul.",
    "Hanwha Ocean, South Korea's chief shipbuilder, and the navy signed the deal on Monday.",
]


@pytest.mark.parametrize("text", NOT_NAMES)
def test_meetings_real3_no_name_before_an_office(analyse, text):
    r = analyse(text, published="2024-06-12")
    assert all(o.name in ("Han Duk-soo",) for o in r.mentions.officials)


WIRE_VERBS = [
    ("Park Jin-ho, South Korea's defense minister, and Marek Kowal, Poland's defence minister, inked the deal in "
     "Seoul on Monday after months of difficult negotiations over local production.", ("Marek Kowal", "Park Jin-ho")),
    ("Korean Defense Minister Park Jin-ho sat down with his Polish counterpart Marek Kowal in Seoul on Monday to "
     "review the tank contract.", ("Marek Kowal", "Park Jin-ho")),
]


@pytest.mark.parametrize("text, pair", WIRE_VERBS)
def test_meetings_real3_inked_and_sat_down_with_tell_meetings(analyse, text, pair):
    r = analyse(text, published="2024-06-12")
    assert _pairs(r.meetings) == [pair]
    assert (r.meetings[0].date.value, r.meetings[0].location_country) == ("2024-06-10", "KOR")


SAID_DAYS = [
    # a future word in the clause after "that" does not put the day told before it in the future
    ("Turkish President Ali Demir said during a joint press conference with British Prime Minister Keir Allen in "
     "Ankara on Monday that the jets would be delivered next year.", "2024-06-10", "held"),
    ("Turkish President Ali Demir will meet British Prime Minister Keir Allen in Ankara on Monday.", "2024-06-17",
     "planned"),
]


@pytest.mark.parametrize("text, day, status", SAID_DAYS)
def test_meetings_real3_the_day_of_a_meeting_told_before_that(analyse, text, day, status):
    m = _the_meeting(analyse, text)
    assert (m.date.value, m.status) == (day, status)


def test_meetings_real3_two_countries_ministers_one_named_next(analyse):
    r = analyse("On the sidelines of the NATO meeting in Brussels on Thursday, the Belgian and Dutch defence ministers "
                "signed an agreement on minehunters. Belgian Defence Minister Jan Peeters said the ships would be "
                "delivered from 2027.", published="2024-06-12")
    (m,) = r.meetings
    assert sorted((p.name or "", p.country) for p in m.participants) == [("", "NLD"), ("Jan Peeters", "BEL")]
    assert (m.date.value, m.location_country) == ("2024-06-06", "BEL")


SPOKEN_AT = [
    # one who tells of a signing at a press conference or talks is at them, with the one he speaks beside
    ("Italy and Japan have signed an agreement on the joint fighter programme, Italian Prime Minister Giulia Conti "
     "said during a joint press conference with Japanese Prime Minister Kenji Sato in Rome.",
     ("Giulia Conti", "Kenji Sato")),
    ("The two countries will build the frigates together, Greek Prime Minister Nikos Pappas said after talks with "
     "Cypriot President Andreas Georgiou in Nicosia.", ("Andreas Georgiou", "Nikos Pappas")),
]


@pytest.mark.parametrize("text, pair", SPOKEN_AT)
def test_meetings_real3_a_teller_at_the_meeting_he_speaks_at(analyse, text, pair):
    assert _pairs(analyse(text, published="2024-06-12").meetings) == [pair]


def test_meetings_real3_a_spokesman_telling_of_talks_is_no_participant(analyse):
    r = analyse("Defence Minister Tomas Berg held talks with Finnish Defence Minister Anna Lehto in Helsinki on "
                "Tuesday, ministry spokesman Erik Lund said at a press briefing.", published="2024-06-12")
    assert _pairs(r.meetings) == [("Anna Lehto", "Tomas Berg")]


TOLD_BACK_TO_A_VISIT = [
    ("Polish Defence Minister Marek Kowal visited Seoul on Monday. At the meeting, Korean Defense Minister Park "
     "Jin-ho offered to build the tanks in Poland.", ("2024-06-10", "KOR")),
    ("The visit of Polish Defence Minister Marek Kowal to Seoul on Monday comes as the tank deliveries speed up. "
     "During the talks, Korean Defense Minister Park Jin-ho promised faster deliveries.", ("2024-06-10", "KOR")),
    ("Polish Defence Minister Marek Kowal arrived in Seoul on Monday for a three-day visit. During the bilateral "
     "meeting, Korean Defense Minister Park Jin-ho thanked Poland for its trust.", ("2024-06-10", "KOR")),
]


@pytest.mark.parametrize("text, when_where", TOLD_BACK_TO_A_VISIT)
def test_meetings_real3_the_meeting_told_back_is_the_visitors_with_the_hosts(analyse, text, when_where):
    m = _the_meeting(analyse, text)
    assert _pairs([m]) == [("Marek Kowal", "Park Jin-ho")]
    assert (m.date.value, m.location_country) == when_where


def test_meetings_real3_a_visit_told_back_to_takes_no_host_of_another_country(analyse):
    r = analyse("Polish Defence Minister Marek Kowal visited Seoul on Monday. At the meeting, Japanese Defense Minister "
                "Kenji Mori said Japan would join the exercise.", published="2024-06-12")
    assert not r.meetings


NTH_DAYS = [
    ("Defense Minister Park Jin-ho received a courtesy call from Polish Ambassador Marta Zielinska at the ministry in "
     "Seoul on the 10th, the ministry said.", "2024-06-10"),
    # a day after the story's, told in the past: of the month before
    ("Defense Minister Park Jin-ho met Polish Ambassador Marta Zielinska in Seoul on the 28th, the ministry said.",
     "2024-05-28"),
    # told as still to come
    ("Defense Minister Park Jin-ho will meet Polish Ambassador Marta Zielinska in Seoul on the 20th.", "2024-06-20"),
]


@pytest.mark.parametrize("text, day", NTH_DAYS)
def test_meetings_real3_on_the_nth_is_a_day_of_the_storys_month(analyse, text, day):
    assert _the_meeting(analyse, text).date.value == day


def test_meetings_real3_on_the_nth_of_something_else_is_no_day(analyse):
    r = analyse("Defense Minister Park Jin-ho met Polish Ambassador Marta Zielinska on the 5th floor of the ministry "
                "in Seoul, the ministry said.", published="2024-06-12")
    (m,) = r.meetings
    assert (m.date.value, m.date_stated) == ("2024-06-12", False)


CAPITALS = [
    ("Defence Minister Tomas Berg met Polish Defence Minister Marek Kowal in the Polish capital on Monday to discuss "
     "air defence.", "POL"),
    ("Korean Defense Minister Park Jin-ho held talks with Romanian Defence Minister Ion Popa in the Romanian capital "
     "on Tuesday, the ministry said.", "ROU"),
]


@pytest.mark.parametrize("text, country", CAPITALS)
def test_meetings_real3_in_the_countrys_capital(analyse, text, country):
    assert _the_meeting(analyse, text).location_country == country
