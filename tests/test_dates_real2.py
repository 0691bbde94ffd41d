"""Deal dates on real pages, round 2 (issues 13/14): which date a deal takes when its sentence, or the
text around it, gives several; each construction on sentences of our own."""

from __future__ import annotations


def _dated(r) -> list[tuple]:
    return sorted((d.systems, d.quantity.low if d.quantity else None, d.date.value, d.status) for d in r.deals)


def test_a_purchase_due_by_a_deadline_is_dated_by_its_signing(analyse):
    # "signed a contract in 2017 to acquire ... by the end of 2020": 2020 is when the goods are due
    r = analyse("Norway signed a contract with Hanwha in 2017 to acquire 24 K9 howitzers by the end of 2020.",
                published="2020-04-09")
    assert _dated(r) == [(("K9 Thunder",), 24, "2017", "signed")]
    # a delivery done by a date keeps it: that is how far it had got
    r = analyse("Hanwha delivered all 24 K9 howitzers to Norway by March.", published="2020-04-09")
    assert _dated(r) == [(("K9 Thunder",), 24, "2020-03", "delivered")]


def test_a_sentence_on_the_signing_gives_the_deals_day(analyse):
    # the lead dates the deal by when it was reported; "The signing took place ... on Tuesday" by when it was signed
    r = analyse("Peru has signed a framework agreement to buy K2 tanks from South Korea, Yonhap reported on Wednesday.\n\n"
                "The signing took place in Lima on Tuesday and was attended by the president.", published="2025-12-10")
    assert [(d.date.value, d.date_stated) for d in r.deals] == [("2025-12-09", True)]

