"""One row per order (issue 13, third round): deliveries told without a batch word, counts and dates of a maker's
record, on sentences of our own."""

from __future__ import annotations


def _told(r) -> list[tuple]:
    return sorted((d.buyer, d.systems, d.status, d.quantity and d.quantity.low, d.date.value) for d in r.deals)


def test_a_delivery_of_fewer_units_than_the_one_order_is_part_of_it(analyse):
    # no "first batch" word: six delivered of the 24 ordered, after the signing, is that order's news
    r = analyse("Egypt signed a contract with France in February 2015 for 24 Rafale fighters. Dassault delivered "
                "six Rafale jets to Egypt in July 2016.", published="2016-08-01")
    assert _told(r) == [("EGY", ("Rafale",), "delivered", 24, "2015-02")]


def test_a_delivery_dated_before_the_order_stays_apart(analyse):
    r = analyse("Egypt received six Rafale jets from France in 2014. In 2015 Egypt signed a contract with France for "
                "24 Rafale fighters.", published="2016-08-01")
    assert _told(r) == [("EGY", ("Rafale",), "delivered", 6, "2014"), ("EGY", ("Rafale",), "signed", 24, "2015")]


def test_a_makers_record_to_date_is_no_count_and_its_start_no_date(analyse):
    # "which has built almost 300 Gripen jets since production began in 1996": the maker's output to date, and
    # the start of a period; the contract told back after a delivery is the order it is part of
    r = analyse("Saab delivered four Gripen fighters to the Royal Thai Air Force in March 2023. The Thai contract for "
                "12 Gripen fighters is one of the largest Gripen orders for Saab AB, which has built almost 300 Gripen "
                "jets since production began in 1996.", published="2023-04-01")
    assert _told(r) == [("THA", ("Gripen",), "delivered", 12, "2023-03")]
    r = analyse("Hanwha Aerospace shipped six K9 howitzers to Norway in May 2022. Norway's contract for 24 K9 howitzers "
                "is one of the largest K9 orders for Hanwha Aerospace, which has produced more than 1,700 K9 howitzers "
                "since deliveries started in 1999.", published="2022-06-01")
    assert _told(r) == [("NOR", ("K9 Thunder",), "delivered", 24, "2022-05")]


def test_a_bare_telling_joins_the_order_not_a_batch_to_come(analyse):
    # "the ninth country to acquire ..." tells the order again, not the last batch still to come
    r = analyse("Airbus has delivered three additional A400M aircraft to the Malaysian Air Force, which will receive "
                "the last batch of three A400M aircraft later in 2021. These aircraft are part of a $500 million "
                "contract awarded to Airbus in March 2019 for the supply of 12 A400M aircraft. Malaysia is the ninth "
                "country to acquire A400M aircraft.", published="2021-06-01")
    (d,) = r.deals
    assert (d.buyer, d.status, d.quantity.low, d.date.value) == ("MYS", "delivered", 12, "2019-03")
