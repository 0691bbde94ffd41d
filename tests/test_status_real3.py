"""Deal status in constructions real pages use, round 3 (issue 14, section 2): the entries of a contest that a
choice settled lost; a drawdown package is aid. Each on a sentence of our own."""

from __future__ import annotations

import pytest

from tests.test_status_real import PUBLISHED, _status


CASES = [
    # the other entries of an evaluation, a competition or a tender that a choice in the past settled lost
    ("Chile picked the F-35 in March 2023 after an evaluation that also included the Rafale and the Gripen.",
     [("FRA", "CHL", ("Rafale",), "lost"), ("SWE", "CHL", ("Gripen",), "lost"), ("USA", "CHL", ("F-35",), "planned")]),
    ("Following a competition with the Typhoon and the Gripen, Chile selected the Rafale in 2022.",
     [("FRA", "CHL", ("Rafale",), "planned"), ("GBR", "CHL", ("Eurofighter Typhoon",), "lost"),
      ("SWE", "CHL", ("Gripen",), "lost")]),
    ("Peru ordered 24 F-16 jets from the United States after a tender in which the Gripen also took part.",
     [("SWE", "PER", ("Gripen",), "lost"), ("USA", "PER", ("F-16",), "signed")]),
    # a choice still to come leaves the contest open; the goods a tender is for did not lose it
    ("Chile will pick between the Rafale and the Gripen in a tender next year.",
     [("FRA", "CHL", ("Rafale",), "negotiating"), ("SWE", "CHL", ("Gripen",), "negotiating")]),
    ("Chile chose the Rafale after a tender for 40 Rafale jets.", [("FRA", "CHL", ("Rafale",), "negotiating")]),
    # "over" after a chosen system passes over what follows, however the parser hangs it on a designation
    ("Peru selected the F-16V Block 70 over the Dassault Rafale F4 and the Saab JAS 39 Gripen.",
     [("FRA", "PER", ("Rafale",), "lost"), ("SWE", "PER", ("Gripen",), "lost"), ("USA", "PER", ("F-16 Block 70",), "planned")]),
    ("Peru bought the F-16 over the objections of its air force.", [("USA", "PER", ("F-16",), "signed")]),
    # a drawdown package gives from the donor's own stocks: aid, however the goods are told
    ("The Pentagon announced a $150 million drawdown package for Ukraine that includes 12 Stinger launchers.",
     [("USA", "UKR", ("FIM-92 Stinger",), "aid")]),
    ("This includes a Presidential Drawdown Authority package valued at up to $150 million to provide Ukraine with "
     "Stinger missiles.", [("USA", "UKR", ("FIM-92 Stinger",), "aid")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:60] for c in CASES])
def test_status_real3(analyse, text, expected):
    assert _status(analyse, text) == expected
