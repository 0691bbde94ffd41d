"""Meetings on small texts written for the tests (not the seeds' wording)."""

from __future__ import annotations


def meetings(result):
    return [(sorted(p.name for p in m.participants if p.name), m.date.value, m.location, m.location_country)
            for m in result.meetings]


def test_meeting_with_counterpart_place_and_weekday(analyse):
    r = analyse("Defense Minister Shin Won-sik met his Polish counterpart Wladyslaw Kosiniak-Kamysz in Warsaw on Monday.",
                published="2024-05-22")
    assert meetings(r) == [(["Shin Won-sik", "Wladyslaw Kosiniak-Kamysz"], "2024-05-20", "Warsaw", "POL")]


def test_the_person_who_tells_of_a_meeting_is_not_in_it(analyse):
    r = analyse("Defense Minister Kim Yong-hyun held talks with U.S. Defense Secretary Lloyd Austin in Seoul on Tuesday, "
                "ministry spokesperson Jeon Ha-kyu said.", published="2024-10-02")
    assert meetings(r) == [(["Kim Yong-hyun", "Lloyd Austin"], "2024-10-01", "Seoul", "KOR")]


def test_office_without_a_name_is_a_participant(analyse):
    r = analyse("President Yoon Suk Yeol held a summit with the Australian prime minister in Canberra.")
    (m,) = r.meetings
    assert [(p.name, p.country) for p in m.participants] == [("Yoon Suk Yeol", None), (None, "AUS")]
    assert m.location_country == "AUS"


def test_second_telling_of_a_meeting_adds_nothing_new(analyse):
    r = analyse("Foreign Minister Cho Tae-yul met Japanese Foreign Minister Takeshi Iwaya in Tokyo on Friday. "
                "The two ministers also discussed missile defense.", published="2025-03-24")
    assert meetings(r) == [(["Cho Tae-yul", "Takeshi Iwaya"], "2025-03-21", "Tokyo", "JPN")]


def test_later_meeting_without_date_takes_the_story_date_and_place(analyse):
    r = analyse("Won Jong-dae, a director at the Defense Ministry, met Oliver Harry, a UK trade official, in Seoul on Monday.\n"
                "According to the ministry on Tuesday, Lee Young-bin, director of its planning office, also met with Harry.",
                published="2025-01-21")
    assert meetings(r) == [(["Oliver Harry", "Won Jong-dae"], "2025-01-20", "Seoul", "KOR"),
                           (["Lee Young-bin", "Oliver Harry"], "2025-01-20", "Seoul", "KOR")]


def test_one_named_person_alone_is_no_meeting(analyse):
    assert analyse("President Yoon Suk Yeol visited Norway.").meetings == ()
