"""One row per order (issue 13, third round): deliveries told without a batch word, counts and dates of a maker's
record, on sentences of our own."""

from __future__ import annotations


def _told(r) -> list[tuple]:
    return sorted((d.buyer, d.systems, d.status, d.quantity and d.quantity.low, d.date.value) for d in r.deals)


def test_a_delivery_of_fewer_units_than_the_one_order_is_part_of_it(analyse):
    # no "first batch" word: six delivered of the 24 ordered, after the signing, is that order's news
    r = analyse("Egypt signed a contract with France in February 2015 for 24 Rafale fighters. Dassault delivered "
                "six Rafale jets to Egypt in July 2016.", published="2016-08-01")
    assert _told(r) == [("EGY", ("Rafale",), "delivered", 24, "2016-07")]


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
    assert (d.buyer, d.status, d.quantity.low, d.date.value) == ("MYS", "delivered", 12, "2021")


def test_another_deal_told_with_nothing_of_its_own_is_the_story_told_again(analyse):
    # "additional Gripens" with no count, price or date, beside the plan the story is about: that plan again
    r = analyse("Thailand's cabinet has approved the purchase of four Gripen fighters worth $600 million. Thailand's "
                "decision to purchase additional Gripens comes two years after the United States declined to sell it "
                "F-35 jets.", published="2025-08-25")
    assert [(d.supplier, d.status, d.quantity and d.quantity.low) for d in r.deals if d.systems == ("Gripen",)] == \
        [("SWE", "planned", 4)]


def test_more_of_an_order_years_before_is_the_next_deal(analyse):
    r = analyse("India signed a $5.5 billion deal with Russia in 2018 for five S-400 systems. India is now in talks "
                "with Russia on additional S-400 systems.", published="2025-09-02")
    assert _told(r) == [("IND", ("S-400",), "negotiating", None, "2025-09-02"), ("IND", ("S-400",), "signed", 5, "2018")]


def test_a_delivery_joins_the_order_whose_count_holds_it_not_the_next_contract(analyse):
    # the second contract under talks is marked as another; the 133 shipped are of the first order's 180
    r = analyse("Poland has concluded talks about its second contract for K2 tanks, Hyundai Rotem said on Thursday. "
                "In August 2022, Hyundai Rotem signed the first contract for 180 K2 tanks. As of the end of last month, "
                "Hyundai Rotem shipped 133 K2 tanks to Poland.", published="2025-07-04")
    assert [(d.status, d.quantity and d.quantity.low) for d in sorted(r.deals, key=lambda d: d.status)] == \
        [("delivered", 180), ("negotiating", None)]


def test_a_total_given_later_keeps_no_telling_of_the_deal_apart(analyse):
    # the quote names the aircraft; a later sentence prices "the entire value of the contract" with support and
    # training: one deal, at the contract's own price
    r = analyse("Chile has signed a $900 million contract for 12 Saab Gripen fighters. \u201cWe are thankful to the "
                "Chilean government for choosing to purchase the Gripen,\u201d said the chief executive of Saab.\n\n"
                "The deal also covers training for Chilean pilots, while Saab will provide support for the fleet for 20 "
                "years, bringing the entire value of the contract to over $1.5 billion.", published="2024-05-10")
    (d,) = r.deals
    assert (d.buyer, d.quantity.low, d.value.low) == ("CHL", 12, 900_000_000)
