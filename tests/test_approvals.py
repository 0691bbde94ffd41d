"""Approvals and notifications of sales (issue 14 section 2: planned until a contract is signed), on sentences of
our own."""

from __future__ import annotations


def _told(r) -> list[tuple]:
    return sorted((d.buyer, d.supplier, d.systems, d.status, d.quantity and d.quantity.low) for d in r.deals)


def test_an_approval_that_covers_systems_is_a_planned_deal(analyse):
    r = analyse("The approval covers 96 AH-64E Apache helicopters for Poland, the Pentagon said on Monday.",
                published="2024-05-10")
    assert _told(r) == [("POL", "USA", ("AH-64E Apache",), "planned", 96)]


def test_an_approval_for_a_sale_keeps_the_sale_planned(analyse):
    # the sale under the approval is what was approved, not a sale signed
    r = analyse("Washington gave its approval for the sale of 36 F-15EX jets to Indonesia last week.", published="2024-05-10")
    assert _told(r) == [("IDN", "USA", ("F-15EX",), "planned", 36)]


def test_the_notifications_of_sales_are_planned_not_sent(analyse):
    # "sent Congress notifications of three arms sales": what was sent is the notice, the goods are still to be sold
    r = analyse("The State Department has sent Congress notifications of three arms sales to Taiwan. The notifications "
                "were for 11 HIMARS launchers and 135 AGM-84H missiles.", published="2024-05-10")
    assert [(d.buyer, d.status, d.quantity.low) for d in sorted(r.deals, key=lambda d: d.quantity.low)] == \
        [("TWN", "planned", 11), ("TWN", "planned", 135)]
