"""Deal quantities as real articles give them (tests/field), each construction on sentences of our own."""

from __future__ import annotations


def _counts(r) -> list[tuple]:
    return [(d.buyer, d.systems, d.quantity.low if d.quantity else None) for d in r.deals]


def test_a_size_is_no_count_and_the_count_before_it_is(analyse):
    r = analyse("Indonesia ordered 1,500-ton KSS-III submarines from South Korea.", published="2025-03-06")
    assert _counts(r) == [("IDN", ("KSS-III",), None)]
    r = analyse("Indonesia ordered three 3,000-ton KSS-III submarines from South Korea.", published="2025-03-06")
    assert _counts(r) == [("IDN", ("KSS-III",), 3)]
    r = analyse("Poland ordered 24 52-calibre K9 howitzers from South Korea.", published="2025-03-06")
    assert _counts(r) == [("POL", ("K9 Thunder",), 24)]
    r = analyse("Poland ordered 24 155mm K9 howitzers from South Korea.", published="2025-03-06")
    assert _counts(r) == [("POL", ("K9 Thunder",), 24)]
    r = analyse("Poland ordered K2 tanks and 120mm tank rounds from South Korea.", published="2025-03-06")
    # the rounds are a system of their own (rules/system_shapes.yaml), and the calibre counts neither
    assert sorted(_counts(r)) == [("POL", ("120mm tank rounds",), None), ("POL", ("K2 Black Panther",), None)]


def test_a_models_number_is_no_count_of_units(analyse):
    r = analyse("Britain will sell Eurofighter Typhoon jets to Turkey, all of them Tranche 4 aircraft.", published="2025-03-06")
    assert _counts(r) == [("TUR", ("Eurofighter Typhoon",), None)]
    r = analyse("Poland ordered 24 Block 70 F-16 jets from the United States.", published="2025-03-06")
    assert _counts(r) == [("POL", ("F-16",), 24)]
    r = analyse("Poland ordered three Batch 2 Type 26 frigates from Britain.", published="2025-03-06")
    assert _counts(r) == [("POL", ("Type 26",), 3)]
    r = analyse("Poland ordered Batch 2 Type 26 frigates from Britain.", published="2025-03-06")
    assert _counts(r) == [("POL", ("Type 26",), None)]
    r = analyse("Poland ordered two Flight III Type 26 frigates from Britain.", published="2025-03-06")
    assert _counts(r) == [("POL", ("Type 26",), 2)]


def test_a_share_of_a_total_under_the_contract_is_the_deals_count(analyse):
    r = analyse("Hanwha signed a contract with Norway on Friday for K9 howitzers.\n\n"
                "The firm will supply a total of 150 K9 howitzers to Norway, with about 100 of them to be delivered under "
                "Friday's contract.", published="2025-03-06")
    assert _counts(r) == [("NOR", ("K9 Thunder",), 100)]
    r = analyse("The firm has sold a total of 150 K9 howitzers to Norway, with 100 of them already delivered.", published="2025-03-06")
    assert _counts(r) == [("NOR", ("K9 Thunder",), 150)]
    r = analyse("Hanwha will build 300 Chunmoo launchers for Norway, 200 of which were ordered in October.", published="2025-03-06")
    assert _counts(r) == [("NOR", ("Chunmoo",), 200)]
    r = analyse("Poland ordered 180 K2 tanks and 212 K9 howitzers from South Korea, with 100 of them to be built under a "
                "licence contract.", published="2025-03-06")
    assert _counts(r) == [("POL", ("K2 Black Panther",), 180), ("POL", ("K9 Thunder",), 212)]


def _staged(r) -> list[tuple]:
    return sorted((d.status, d.quantity.low if d.quantity else None) for d in r.deals)


def test_the_first_of_a_total_is_a_delivery_of_the_order_of_the_total(analyse):
    # one row for the order: its 250, delivered now (the batch's 60 is news of the order, not its count)
    r = analyse("South Korea delivered the first 60 of 250 K2 tanks to Poland on Monday.", published="2025-03-06")
    assert _staged(r) == [("delivered", 250)]
    r = analyse("Poland signed for 250 K2 tanks from South Korea in 2022.\n\n"
                "South Korea delivered the first 60 of the 250 K2 tanks to Poland on Monday.", published="2025-03-06")
    assert _staged(r) == [("delivered", 250)]
    assert [d.date.value for d in r.deals] == ["2025-03-03"]  # dated by the delivery


def test_an_option_is_not_the_orders_count(analyse):
    r = analyse("Poland signed a contract with South Korea for an option for six more FA-50 jets on top of 30.", published="2025-03-06")
    assert [(d.quantity.low, d.apart) for d in r.deals] == [(30, False)]
    r = analyse("Denmark ordered Caesar howitzers from France, with an option for 6 units.", published="2025-03-06")
    assert _counts(r) == [("DNK", ("Caesar",), None)]
    r = analyse("Poland ordered 30 FA-50 jets from South Korea, and has an option for six more.", published="2025-03-06")
    assert _counts(r) == [("POL", ("FA-50",), 30)]


def test_an_option_exercised_is_a_deal_of_its_own(analyse):
    r = analyse("Poland exercised an option for six more FA-50 jets from South Korea.", published="2025-03-06")
    assert [(d.status, d.quantity.low, d.apart) for d in r.deals] == [("signed", 6, True)]


def test_counts_of_variants_side_by_side_add_up(analyse):
    r = analyse("Jordan ordered 12 F-16C Block 70 aircraft and four F-16D Block 70 aircraft from the United States.",
                published="2025-03-06")
    assert _counts(r) == [("JOR", ("F-16",), 16)]
    r = analyse("Manila ordered 12 FA-50GF fighters and 36 FA-50PL fighters from South Korea.", published="2025-03-06")
    assert _counts(r) == [("PHL", ("FA-50",), 48)]


def test_a_generic_beside_a_variant_or_another_system_adds_nothing(analyse):
    r = analyse("Germany has donated 28 Leopard 2A4 tanks and two recovery tanks to Ukraine.", published="2025-03-06")
    assert _counts(r) == [("UKR", ("Leopard 2A4",), 28)]
    r = analyse("Poland ordered 180 K2 tanks and 212 K9 howitzers from South Korea.", published="2025-03-06")
    assert _counts(r) == [("POL", ("K2 Black Panther",), 180), ("POL", ("K9 Thunder",), 212)]
    r = analyse("Norway bought 24 K9 howitzers in 2017 and ordered four more in 2022.", published="2025-03-06")
    assert _counts(r)[0] == ("NOR", ("K9 Thunder",), 24)


def test_the_buyers_request_told_after_an_approval_counts_it(analyse):
    r = analyse("The US State Department has approved a potential sale of F-16 fighter jets to Jordan.\n\n"
                "The Government of Jordan previously placed a request for 12 F-16 C Block 70 aircraft and four F-16 D Block 70 "
                "aircraft.", published="2025-03-06")
    assert [(d.buyer, d.status, d.quantity.low) for d in r.deals] == [("JOR", "planned", 16)]
    r = analyse("Germany sent two Patriot systems to Ukraine at the request of Kyiv.", published="2025-03-06")
    assert [(d.buyer, d.status, d.quantity.low) for d in r.deals] == [("UKR", "delivered", 2)]


def test_the_last_of_an_order_delivered_is_a_part_of_it(analyse):
    r = analyse("India signed a deal with Russia in 2018 for five S-400 systems.\n\n"
                "Moscow delivered the last two S-400 systems to India in 2024.", published="2025-03-06")
    assert sorted((d.status, d.quantity.low) for d in r.deals) == [("delivered", 5)]
    assert sorted((m.status, m.quantity.low, m.part) for d in r.deals for m in d.mentions) == [
        ("delivered", 2, True), ("signed", 5, False)]


def test_a_count_changed_from_one_number_to_another_is_the_new_one(analyse):
    r = analyse("Australia ordered Redback vehicles from South Korea, cutting the number from 450 to 129 vehicles.",
                published="2025-03-06")
    assert [(d.quantity.low, d.quantity.high) for d in r.deals] == [(129, 129)]
    r = analyse("Australia has ordered 25 to 30 Redback vehicles from South Korea.", published="2025-03-06")
    assert [(d.quantity.low, d.quantity.high) for d in r.deals] == [(25, 30)]


def test_counts_written_in_several_words(analyse):
    for words, count in (("twenty-four", 24), ("two dozen", 24), ("three hundred", 300), ("a dozen", 12), ("sixteen", 16)):
        r = analyse(f"Poland ordered {words} K9 howitzers from South Korea.", published="2025-03-06")
        assert [(d.quantity.low, d.quantity.high) for d in r.deals] == [(count, count)], words
    r = analyse("Poland ordered twenty to thirty K9 howitzers from South Korea.", published="2025-03-06")
    assert [(d.quantity.low, d.quantity.high) for d in r.deals] == [(20, 30)]


def test_a_count_hyphened_to_its_unit_counts_the_deal(analyse):
    r = analyse("Poland signed a 48-jet FA-50 deal with South Korea.", published="2025-03-06")
    assert _counts(r) == [("POL", ("FA-50",), 48)]
    r = analyse("Poland placed a 96-unit order for K9 howitzers with South Korea.", published="2025-03-06")
    assert _counts(r) == [("POL", ("K9 Thunder",), 96)]
    r = analyse("Poland ordered eight-wheeled K808 vehicles from South Korea.", published="2025-03-06")
    assert _counts(r) == [("POL", ("K808",), None)]


def test_units_the_deal_told_again_covers_are_its_count(analyse):
    r = analyse("Poland ordered K9 howitzers from South Korea.\n\nThe order covers 96 units.", published="2025-03-06")
    assert _counts(r) == [("POL", ("K9 Thunder",), 96)]
    r = analyse("Poland ordered K9 howitzers and K10 vehicles from South Korea. The order covers 96 units.", published="2025-03-06")
    assert [q for *_, q in _counts(r)] == [None, None]


def test_a_count_before_a_long_description_of_the_system(analyse):
    for text in ("Poland ordered 96 new self-propelled tracked K9 howitzers from South Korea.",
                 "Poland ordered 96 new 155mm self-propelled K9 howitzers from South Korea.",
                 "Poland ordered 96 state-of-the-art K9 howitzers from South Korea."):
        assert _counts(analyse(text, published="2025-03-06")) == [("POL", ("K9 Thunder",), 96)], text


def test_landing_ships_are_no_patrol_vessels(analyse):
    r = analyse("Peru ordered two frigates and two landing ships from South Korea.", published="2025-03-06")
    assert _counts(r) == [("PER", ("frigate",), 2), ("PER", ("landing ship",), 2)]
    r = analyse("Peru ordered two patrol vessels and four landing ships from South Korea.", published="2025-03-06")
    assert _counts(r) == [("PER", ("patrol vessel",), 2), ("PER", ("landing ship",), 4)]


def test_a_or_an_in_a_counted_list_counts_one(analyse):
    r = analyse("South Korea won an order from Peru for two frigates, an offshore patrol vessel and two landing ships.",
                published="2025-03-06")
    assert _counts(r) == [("PER", ("frigate",), 2), ("PER", ("offshore patrol vessel",), 1), ("PER", ("landing ship",), 2)]
    r = analyse("Peru signed a deal for a K9 howitzer upgrade and two K10 vehicles with South Korea.", published="2025-03-06")
    assert _counts(r)[0] == ("PER", ("K9 Thunder",), None)


def test_the_option_of_buying_is_a_choice_not_an_option(analyse):
    r = analyse("Poland took the option of buying 48 FA-50 jets from South Korea.", published="2025-03-06")
    assert [q for *_, q in _counts(r)] == [48]


def test_a_count_past_an_adverb_of_its_adjective(analyse):
    r = analyse("Hanwha supplied the Estonian army with its 18 slightly older K9 howitzers in 2019.", published="2025-03-06")
    assert _counts(r) == [("EST", ("K9 Thunder",), 18)]
