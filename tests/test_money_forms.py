"""Money in the forms articles write it, and what a deal takes from it: our own sentences, one form each."""

from __future__ import annotations


def _values(r):
    return [(d.buyer, d.systems, d.value and (float(d.value.low), d.value.currency)) for d in r.deals]


def test_money_forms_bracketed_restatement_is_not_the_deal_value(analyse):
    # the supplier's currency comes second, in brackets: it restates the value, the first amount is the value
    r = analyse("India signed a contract with France on Tuesday for three Scorpene submarines at a cost of "
                "Rs 36,000 crore (€4 billion).", published="2025-03-06")
    assert _values(r) == [("IND", ("Scorpene",), (3.6e11, "INR"))]


def test_money_forms_spelled_docstring_examples():
    import doctest

    from pipeline.stages import money_words

    assert doctest.testmod(money_words).failed == 0
