"""Duplicate and false deals in constructions real articles use (issue 13, second round), on sentences of our own."""

from __future__ import annotations

from decimal import Decimal

from pipeline.records import DateValue, Money, Quantity, Sentence
from pipeline.stages.deals.drafts import Draft, without_repeats


def _draft(quantity: int | None, date: str | None = "2021", explicit: bool = True) -> Draft:
    s = Sentence(0, 60, "Hanwha delivered six K9 howitzers ... the last batch of six K9 howitzers.", 0)
    q = Quantity(17, 20, quantity, quantity) if quantity is not None else None
    return Draft(s, "KOR", "NOR", ["K9 Thunder"], q, None, DateValue(date, "year" if date else None), explicit,
                 "delivered", "r")


def test_a_system_named_twice_in_a_clause_is_one_deal():
    # the naming with no count of its own repeats the one with it
    assert [d.quantity.low for d in without_repeats([_draft(6), _draft(None)])] == [6]
    # a date of its own keeps it: "a 2022 contract ... following the first contract, signed in 2017, for 24"
    assert len(without_repeats([_draft(24, "2017"), _draft(None, "2022")])) == 2
    # two counts are two deals; two bare namings stay (nothing tells which is fuller)
    assert len(without_repeats([_draft(6), _draft(4)])) == 2
    assert len(without_repeats([_draft(None), _draft(None)])) == 2
    # a naming priced on its own ("the $30 million K9 deal") is no bare repeat
    priced = _draft(None)
    priced.value = Money(0, 11, "$30 million", Decimal(30_000_000), Decimal(30_000_000), "USD", False,
                         Decimal(30_000_000), Decimal(30_000_000), "text", "r")
    assert len(without_repeats([_draft(6), priced])) == 2
