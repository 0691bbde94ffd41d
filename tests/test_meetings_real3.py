"""Meetings and officials as real outlets tell them, third round (issue 14, sections 4 and 5), on sentences
of our own in the styles of ministry releases and wire stories: long titles naming a portfolio, ranks
written without dots, titles told after the name, plural titles over a list of "X of Country"."""

from __future__ import annotations

import pytest


def _pairs(meetings) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(p.name for p in m.participants if p.name)) for m in meetings)


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
