"""Constructions met on real pages (tests/field), each on a sentence of our own."""

from __future__ import annotations


def _deals(r) -> list[tuple]:
    return [(d.supplier, d.buyer, d.systems, d.quantity.low if d.quantity else None) for d in r.deals]


def test_a_count_of_a_possessors_systems(analyse):
    r = analyse("In 2019, Estonia signed a contract to buy 18 of South Korea's K9 self-propelled howitzers.", published="2025-03-06")
    assert _deals(r) == [("KOR", "EST", ("K9 Thunder",), 18)]


def test_a_size_before_the_system_is_no_count(analyse):
    r = analyse("Hanwha Aerospace signed a contract with Norway on Monday to supply 239 millimeter Chunmoo rocket launchers.",
                published="2025-03-06")
    assert _deals(r) == [("KOR", "NOR", ("Chunmoo",), None)]
    r = analyse("Hanwha Aerospace signed a contract with Norway on Monday to supply 160 239 millimeter Chunmoo rocket launchers.",
                published="2025-03-06")
    assert _deals(r) == [("KOR", "NOR", ("Chunmoo",), 160)]


def test_a_country_placing_a_companys_branch_is_no_party(analyse):
    r = analyse("Last month, the Canadian subsidiary of Hanwha Aerospace won a $1.2 billion deal to sell 40 K9 howitzers "
                "to Norway.", published="2025-03-06")
    assert _deals(r) == [("KOR", "NOR", ("K9 Thunder",), 40)]


def test_the_possible_sale_told_again_gives_its_price(analyse):
    r = analyse("The US State Department has approved a potential sale of F-35 fighter jets to Greece.\n\n"
                "The possible sale is estimated to cost around $8.6bn.", published="2025-03-06")
    assert [(d.buyer, d.systems, int(d.value.usd_low)) for d in r.deals] == [("GRC", ("F-35",), 8_600_000_000)]


def test_a_number_naming_a_model_is_no_count(analyse):
    r = analyse("Ankara asked to buy 16 new Tranche 4 Eurofighter aircraft from Britain in May.", published="2025-03-06")
    assert [q for *_, q in _deals(r)] == [16]
    r = analyse("Jordan ordered 12 Block 70 fighter jets from the United States in May.", published="2025-03-06")
    assert [q for *_, q in _deals(r)] == [12]


def test_a_pact_that_provides_for_something_delivers_nothing(analyse):
    r = analyse("India signed a deal with France on Monday for 26 Rafale Marine jets.\n\n"
                "The pact provides for the setting up of a production facility for Rafale fuselage in India.", published="2025-03-06")
    assert [(d.systems, d.status) for d in r.deals] == [(("Rafale Marine",), "signed")]
    r = analyse("Germany will provide 50 Leopard 2 tanks for Ukraine.", published="2025-03-06")
    assert [(d.buyer, d.quantity.low) for d in r.deals] == [("UKR", 50)]


def test_ordered_from_names_the_supplier_and_an_order_from_the_buyer(analyse):
    r = analyse("Poland ordered 96 K9 howitzers from South Korea.", published="2025-03-06")
    assert [(d.supplier, d.buyer) for d in r.deals] == [("KOR", "POL")]
    r = analyse("Hanwha secured a contract from Egypt for 200 K9 howitzers.", published="2025-03-06")
    assert [(d.supplier, d.buyer) for d in r.deals] == [("KOR", "EGY")]


def test_a_country_ending_a_companys_name_is_its_arm_there(analyse):
    r = analyse("Hanwha Defense Australia won a contract to build 129 Redback vehicles for the Australian Army.", published="2025-03-06")
    assert [(d.supplier, d.buyer) for d in r.deals] == [("KOR", "AUS")]
    assert [c.text for c in r.mentions.countries] == ["Australian"]


def test_it_after_a_ministry_is_the_ministrys_country(analyse):
    r = analyse("The UK Ministry of Defence on Tuesday announced it awarded a contract for 500 Boxer vehicles.", published="2025-03-06")
    assert [(d.buyer, d.systems, d.quantity.low) for d in r.deals] == [("GBR", ("Boxer",), 500)]


def test_a_deal_without_a_date_of_its_own_is_dated_when_it_was_told(analyse):
    r = analyse("The UK Ministry of Defence on Tuesday announced it awarded a contract for 500 Boxer vehicles.", published="2025-03-06")
    assert [(d.date.value, d.date_stated) for d in r.deals] == [("2025-03-04", False)]
    r = analyse("Hanwha said on Monday that Estonia had signed a contract for 12 K9 howitzers in 2024.", published="2025-03-06")
    assert [d.date.value for d in r.deals] == ["2024"]


def test_the_side_that_accepts_delivery_is_the_buyer(analyse):
    r = analyse("On Monday the Polish defence ministry accepted initial delivery of its first Hanwha K9 howitzers.",
                published="2025-03-06")
    assert [(d.supplier, d.buyer, d.status) for d in r.deals] == [("KOR", "POL", "delivered")]


def test_a_country_sending_what_another_makes_is_its_supplier(analyse):
    r = analyse("Germany is sending Ukraine two Patriot launchers.", published="2025-03-06")
    assert [(d.supplier, d.buyer, d.quantity.low) for d in r.deals] == [("DEU", "UKR", 2)]


def test_a_contract_signed_for_a_delivery_is_signed(analyse):
    r = analyse("The following month, Poland signed the first contract worth $3.3 billion for delivery of 180 K2 tanks.",
                published="2025-03-06")
    assert [(d.status, d.quantity.low) for d in r.deals] == [("signed", 180)]
    r = analyse("Hanwha completed the delivery of 24 K9 howitzers to Estonia on Tuesday.", published="2025-03-06")
    assert [d.status for d in r.deals] == ["delivered"]


def test_review_constructions_that_must_still_make_their_deal(analyse):
    r = analyse("The $3 billion contract signed on Friday with Hanwha provides for 48 K9 howitzers for Poland.", published="2025-03-06")
    assert [(d.buyer, d.quantity.low) for d in r.deals] == [("POL", 48)]  # "provides for" + a system still delivers its terms
    r = analyse("South Korea delivered Poland's first 10 units of K2 tanks on Monday.", published="2025-03-06")
    assert [(d.supplier, d.buyer) for d in r.deals] == [("KOR", "POL")]  # "units" places no company's branch
    r = analyse("Poland awaits delivery of the remaining 96 K2 tanks from South Korea.", published="2025-03-06")
    assert all(d.status != "delivered" for d in r.deals)


def test_more_than_and_earlier_this_month_mark_no_other_deal(analyse):
    r = analyse("Poland signed a deal with Hyundai Rotem earlier this month for 48 K9 howitzers.\n\n"
                "Poland took delivery of the 48 K9 howitzers on Monday.", published="2025-03-20")
    assert len(r.deals) == 1


def test_a_total_of_is_a_count_not_a_sum_of_deals(analyse):
    r = analyse("Estonia placed an order with Hanwha for a total of 36 K9 howitzers.", published="2025-03-06")
    assert _deals(r) == [("KOR", "EST", ("K9 Thunder",), 36)]


def test_purchases_in_the_plural_that_total_a_number_are_no_deal(analyse):
    # several buyers' purchases summed is a total; one purchase that totals a price is a deal
    assert analyse("These purchases by Latvia and Lithuania should total 16 HIMARS launchers from the US.",
                   published="2025-03-06").deals == ()
    r = analyse("The purchase of 36 K9 howitzers from South Korea by Estonia will total $400 million.", published="2025-03-06")
    assert _deals(r) == [("KOR", "EST", ("K9 Thunder",), 36)]


def test_the_contract_comma_worth_gives_the_deal_before_its_price(analyse):
    r = analyse("Slovakia is set to acquire 12 Leopard 2A4 tanks from Germany, the ministry said.\n\n"
                "The ministry plans to conclude the contract, worth 2.4 billion Czech crowns, with Rheinmetall by June.",
                published="2025-03-06")
    assert [(d.buyer, d.systems, d.value and (float(d.value.low), d.value.currency)) for d in r.deals] == \
        [("SVK", ("Leopard 2A4",), (2.4e9, "CZK"))]


def test_their_purchase_goes_on_about_the_deal_before(analyse):
    r = analyse("Bulgaria signed a letter of offer and acceptance for eight F-16 Block 70 jets on Monday.\n\n"
                "Their purchase will be the largest in its history, with the $1.3 billion package paid over ten years.",
                published="2025-03-06")
    assert [(d.buyer, d.systems, d.value and int(d.value.low)) for d in r.deals] == [("BGR", ("F-16 Block 70",), 1_300_000_000)]


def test_a_price_told_with_the_is_the_deal_befores(analyse):
    # "signed the 1.2 billion dollar order": the order told before, with its price; a record of all exports
    # "this year" in the next sentence dates nothing
    r = analyse("Hanwha Aerospace signed a contract with Estonia to export K9 howitzers.\n\n"
                "The ministry said on Friday that Hanwha signed the one-point-two billion dollar order with Tallinn's "
                "defence agency.\n\n"
                "The ministry said that with the contract, the nation's arms exports hit an all-time high this year.",
                published="2025-03-06")
    assert [(d.buyer, d.systems, d.value and int(d.value.low), d.date_stated) for d in r.deals] == \
        [("EST", ("K9 Thunder",), 1_200_000_000, False)]


def test_a_country_handing_over_what_another_makes_is_its_supplier(analyse):
    # the Patriot is American; Germany hands its own over: both sides are named, and the sender supplies it
    r = analyse("This week, Germany is handing Ukraine two Patriot launchers and 40 Marder infantry fighting vehicles.",
                published="2025-03-06")
    assert sorted(_deals(r)) == [("DEU", "UKR", ("Marder",), 40), ("DEU", "UKR", ("Patriot",), 2)]


def test_an_armed_force_named_alone_is_its_countrys_party(analyse):
    r = analyse("The RAAF will receive four Triton drones from the United States next year.", published="2025-03-06")
    assert [(d.supplier, d.buyer) for d in r.deals] == [("USA", "AUS")]


def test_a_contract_award_is_a_deal(analyse):
    r = analyse("The minister has today announced a contract award for 12 new CH-47 Chinook helicopters for the "
                "Royal Navy.", published="2025-03-06")
    assert _deals(r) == [("USA", "GBR", ("CH-47 Chinook",), 12)]


def test_a_fleet_the_army_could_have_is_no_deal(analyse):
    r = analyse("Estonia is expected to buy 24 K9 howitzers, and the country's army could have up to 36 Thunder-class "
                "howitzers after 2030, the ministry said.", published="2025-03-06")
    assert _deals(r) == [("KOR", "EST", ("K9 Thunder",), 24)]


def test_a_deal_without_a_supplier_takes_the_one_just_told_before_the_documents_usual_one(analyse):
    r = analyse("The US sent 31 Abrams tanks and four Patriot batteries to Ukraine last year.\n\n"
                "On Tuesday Berlin announced a new aid package for Kyiv, the government said.\n"
                "The Chancellor said the package of military aid would include 20 Marder infantry fighting vehicles.",
                published="2025-03-06")
    assert [(d.supplier, d.buyer, d.systems[0]) for d in r.deals] == [
        ("USA", "UKR", "M1 Abrams"), ("USA", "UKR", "Patriot"), ("DEU", "UKR", "Marder")]
