"""Officials named behind long titles, ranks and honorifics, and the names that are no officials."""

from __future__ import annotations

import pytest


def names(result) -> set[str]:
    return {o.name for o in result.mentions.officials}


def titles(result) -> dict[str, str | None]:
    return {o.name: o.title for o in result.mentions.officials}


# A title that runs over a country's long name, a preposition or a parenthesis, before a comma or the name.
LONG_TITLES = [
    ("The visit was hosted by the Federal President of the Republic of Austria, Anton Kremser, in Vienna.", "Anton Kremser"),
    ("The Second Vice President and Minister of Finance of the Republic of Chile, Lucia Ferrante, spoke first.", "Lucia Ferrante"),
    ("Gomez held talks with his counterpart from the United Kingdom, Harold Penbury.", "Harold Penbury"),
    ("British Ambassador to Norway Clara Whitcombe attended the signing.", "Clara Whitcombe"),
    ("The deal for the helicopters was signed on Friday by the ministry's Director General (Procurement) Rajiv Kumar "
     "Mehta after long talks with the suppliers.", "Rajiv Kumar Mehta"),
]


@pytest.mark.parametrize("text,name", LONG_TITLES)
def test_name_after_a_long_title(analyse, text, name):
    assert name in names(analyse(text))
