"""Duplicate and false deals in constructions real articles use (issue 13, second round), on sentences of our own."""

from __future__ import annotations

from decimal import Decimal

from pipeline.records import DateValue, Money, Quantity, Sentence
from pipeline.stages.deals.drafts import Draft, without_repeats


def _told(r) -> list[tuple]:
    return sorted((d.buyer, d.systems, d.status, d.quantity and d.quantity.low, d.date.value) for d in r.deals)


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


def test_the_order_a_delivery_is_part_of_is_read_and_the_batches_join_it(analyse):
    # "These aircraft are part of a contract ..." after a delivery is the order, with its count and price,
    # dated by its deliveries; the delivery of "additional" aircraft and the last batch still to come are batches of it: one row
    r = analyse("Airbus has delivered four additional A400M transport aircraft to the Malaysian Air Force, which "
                "will receive the last batch of four A400M aircraft later in 2021. These aircraft are part of a "
                "$500 million contract awarded to Airbus in March 2019 for the supply of 12 A400M aircraft.",
                published="2021-06-01")
    (d,) = r.deals
    assert (d.buyer, d.systems, d.status, d.quantity.low, d.value.low, d.date.value) == \
        ("MYS", ("A400M",), "delivered", 12, 500_000_000, "2021")  # the deliveries, this year


def test_a_batch_told_again_joins_the_order_with_it(analyse):
    # "the first three of 24" is a batch; "The three jets flew in" tells that batch again, and does not keep it apart
    r = analyse("Leonardo has delivered the first three of 24 Eurofighter Typhoon jets to the Kuwaiti Air Force. "
                "The three Kuwaiti Eurofighters flew from Italy on Monday. In May 2016, Kuwait signed an agreement "
                "with Italy to buy 24 Eurofighter Typhoons.", published="2022-03-10")
    assert _told(r) == [("KWT", ("Eurofighter Typhoon",), "delivered", 24, "2016-05")]


def test_a_delivery_under_the_order_joins_it(analyse):
    # "the first installments under the executive contract": ten of the 180 ordered, one row, moved on to delivered
    r = analyse("The first South Korean tanks bought by Poland arrived Tuesday at the port of Gdynia. A cargo ship "
                "unloaded 10 K2 Black Panther tanks. The vehicles are the first installments under the executive "
                "contract signed in August for 180 K2 tanks.", published="2022-12-07")
    assert _told(r) == [("POL", ("K2 Black Panther",), "delivered", 180, "2022-12-06")]


def test_a_batch_joins_an_order_already_moved_on_to_delivered(analyse):
    # the order has a batch in it already ("the first four of a consignment of 24"): the second batch is its too
    r = analyse("Qatar received four Rafale fighters from France today, the military said, months after Paris "
                "delivered the first four of a consignment of 24 of the warplanes. The delivery is part of a $6 billion "
                "deal Doha signed with Paris in May 2015 to purchase 24 Rafale jets. \u201cQatari forces have received "
                "the second batch of four Rafale jets,\u201d the spokesman said.", published="2016-01-20")
    assert _told(r) == [("QAT", ("Rafale",), "delivered", 24, "2016-01-20")]


def test_a_signing_told_again_joins_the_signing_not_a_batch(analyse):
    # the order's sentence names the helicopters twice ("These aircraft ... 16 S-70i Black Hawk helicopters"); its
    # bare naming is the signing told again, not the batch before's order: one row, the batch in it
    r = analyse("PZL Mielec has delivered five additional S-70i Black Hawk combat utility helicopters (CUH) to the "
                "Philippine Air Force. These aircraft are part of a $241m contract awarded to the Polish company in "
                "April 2019 for the supply of 16 S-70i Black Hawk helicopters.", published="2021-06-01")
    assert _told(r) == [("PHL", ("Black Hawk",), "delivered", 16, "2019-04")]


def test_two_tellings_each_set_apart_from_earlier_orders_are_one_new_deal(analyse):
    # "additional" and "the second ... order" each set the deal apart from the orders before it, not from each other
    r = analyse("Finland will strengthen its air defence with the acquisition of additional NASAMS launchers and "
                "missiles. Kongsberg announced on 5 March the award of a $500 million contract, which is the second "
                "NASAMS order from the country.", published="2025-03-07")
    (d,) = r.deals
    assert (d.buyer, d.status, d.value.low, d.date.value) == ("FIN", "signed", 500_000_000, "2025-03-05")
    # one told as another, the other not: the order signed and the next one planned
    r = analyse("Poland signed a contract for 180 K2 tanks in 2022. Warsaw plans to buy another 820 K2 tanks.",
                published="2025-03-07")
    assert _told(r) == [("POL", ("K2 Black Panther",), "planned", 820, "2025-03-07"),
                        ("POL", ("K2 Black Panther",), "signed", 180, "2022")]


def test_a_running_total_counts_no_deal(analyse):
    # "the latest of 180 F-16s delivered" counts all delivered so far, over many orders: the delivery told is the four
    r = analyse("The United States has delivered four F-16 fighter jets to Morocco, the military said on Sunday. "
                "A ceremony on Sunday marked the arrival of the jets, the latest of 180 F-16s delivered to Morocco.",
                published="2015-07-20")
    assert [(d.buyer, d.quantity and d.quantity.low) for d in r.deals] == [("MAR", 4)]


def test_a_region_named_after_a_country_is_no_country(analyse):
    # "Latin America" is no America: the sentence tells the deal with Chile again, and no deal with the US
    r = analyse("Hanwha signed a deal to deliver 24 K9 howitzers to Chile. The sale would be South Korea's first "
                "howitzer export to Latin America.", published="2025-12-10")
    assert [d.buyer for d in r.deals] == ["CHL"]
    assert "USA" not in {c.code for c in r.mentions.countries}
    assert {c.code for c in analyse("Ships sailed from North Korea to South Africa.").mentions.countries} == {"PRK", "ZAF"}
    # nor is a region's adjective: "a Latin American buyer" is no American one; "South African" stays a country's
    r = analyse("It would be the largest export of Korean armored vehicles to a Latin American country, ahead of "
                "South American and Central American buyers and a South African firm.")
    assert {c.code for c in r.mentions.countries} == {"KOR", "ZAF"}
    # a city's place in it is the city's: "central Seoul" is Seoul
    assert [c.code for c in analyse("They met in Yongsan-gu, central Seoul, on Monday.").mentions.countries
            if c.text == "Seoul"] == ["KOR"]


def test_the_country_whose_used_jets_are_bought_is_their_supplier(analyse):
    # "Denmark's F-16 fighter jets" (the name parsed as a number of the jets): Denmark sells them, not their maker
    r = analyse("Chile signed a deal on Tuesday to buy 12 of Norway's F-16 fighter jets.", published="2024-04-17")
    assert [(d.buyer, d.supplier, d.quantity.low) for d in r.deals] == [("CHL", "NOR", 12)]


def test_a_count_before_a_possessor_and_an_adjective_counts_the_system(analyse):
    # "12 of Norway's ageing F-16 jets": the count is read past the adjective and the possessor
    r = analyse("Chile signed a deal on Tuesday to buy 12 of Norway's ageing F-16 fighter jets.", published="2024-04-17")
    assert [d.quantity and d.quantity.low for d in r.deals] == [12]
