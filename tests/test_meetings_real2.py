"""Meetings as real pages tell them, second round (issue 14, section 4), on sentences of our own: names the
model splits from the title's country, dates of another meeting told in the same sentence."""

from __future__ import annotations


def _pairs(meetings) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(p.name for p in m.participants if p.name)) for m in meetings)


def test_meetings_real2_a_given_name_after_the_title_country_and_a_suffix_after_a_comma(analyse):
    r = analyse("Foreign Minister Tomas Berg in a meeting with the Minister of Defence of Finland Anna K. Lehto, Jr. "
                "spoke of the frigates.", published="2024-06-13")
    (o,) = [o for o in r.mentions.officials if "Lehto" in o.name]
    assert (o.name, o.country) == ("Anna K. Lehto, Jr", "FIN")
    assert _pairs(r.meetings) == [("Anna K. Lehto, Jr", "Tomas Berg")]
