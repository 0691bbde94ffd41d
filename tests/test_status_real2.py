"""Deal status in constructions real pages use, round 2 (issue 14, section 2): what a deal binds a side to,
a contract told as made, a choice still to come, a buyer's delivery to come. Each on a sentence of our own."""

from __future__ import annotations

import pytest

from tests.test_status_real import PUBLISHED, _status


CASES = [
    # what a deal's own clause has a side do is what was signed, not goods that have moved
    ("The new contract will see the Korean firm build and deliver six K9 howitzers to the Estonian army within "
     "three years.", [("KOR", "EST", ("K9 Thunder",), "signed")]),
    ("Hanwha delivered six K9 howitzers to the Estonian army in May.", [("KOR", "EST", ("K9 Thunder",), "delivered")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:60] for c in CASES])
def test_status_real2(analyse, text, expected):
    assert _status(analyse, text) == expected

