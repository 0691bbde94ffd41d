"""Deal counts and values as real pages give them (tests/field, session 5), on sentences of our own."""

from __future__ import annotations

from decimal import Decimal


def _terms(r) -> list[tuple]:
    """(buyer, supplier, systems, count, value, currency) of each deal, sorted."""
    return sorted((d.buyer, d.supplier, d.systems, d.quantity.low if d.quantity else None,
                   d.value.low if d.value else None, d.value.currency if d.value else None) for d in r.deals)


def test_a_name_found_by_its_kind_is_found_again_without_it(analyse):
    # "Stryker armored vehicles" makes Stryker a system; "183 Stryker family vehicles" counts it
    r = analyse("The U.S. has approved a possible sale of Stryker armored vehicles to Bulgaria for $1.5 billion. "
                "The sale includes 183 Stryker family vehicles.", published="2025-03-06")
    assert [(t[0], t[2], t[3]) for t in _terms(r)] == [("BGR", ("Stryker",), 183)]
    r = analyse("Washington cleared a sale of Kestrel patrol drones to Latvia. The package covers 24 Kestrel units "
                "and spare parts.", published="2025-03-06")
    assert [(t[0], t[2], t[3]) for t in _terms(r)] == [("LVA", ("Kestrel",), 24)]


def test_who_says_so_is_no_side_of_the_deal(analyse):
    # the agency that tells of the sale between two sentences about it buys nothing
    r = analyse("The U.S. has approved a possible sale of Stryker armored vehicles to Bulgaria for $1.5 billion.\n\n"
                "Congress was notified of the possible sale, said the Defense Security Cooperation Agency.\n\n"
                "The sale includes 183 Stryker family vehicles.", published="2025-03-06")
    assert [(t[0], t[2], t[3]) for t in _terms(r)] == [("BGR", ("Stryker",), 183)]
    # nor does one whose own clause tells of no deal: "the sale was notified, the agency said"
    r = analyse("The U.S. has approved a possible sale of Stryker armored vehicles to Bulgaria for $1.5 billion.\n\n"
                "Lawmakers were told of the possible sale, the Defense Security Cooperation Agency said.\n\n"
                "The sale includes 183 Stryker family vehicles.", published="2025-03-06")
    assert [(t[0], t[2], t[3]) for t in _terms(r)] == [("BGR", ("Stryker",), 183)]


def test_a_bare_currency_word_is_the_one_of_the_country_named(analyse):
    # "kroner" are Norwegian or Danish: a Danish sale pays in Danish kroner
    r = analyse("Peru signed a contract worth 1.8 billion kroner for 12 of Denmark's surplus F-16 jets.",
                published="2025-03-06")
    assert [(t[0], t[4], t[5]) for t in _terms(r)] == [("PER", Decimal("1800000000.0"), "DKK")]
    # and dirhams in a Moroccan order are Moroccan, written in full or not
    r = analyse("Morocco ordered 20 Bayraktar TB2 drones from Turkey for 900 million dirhams.", published="2025-03-06")
    assert [(t[0], t[4], t[5]) for t in _terms(r)] == [("MAR", Decimal("900000000"), "MAD")]
    r = analyse("Morocco signed a deal with Baykar for 13 Bayraktar TB2 drones. The contract was worth 500 million "
                "Moroccan dirhams ($50 million).", published="2025-03-06")
    assert [(t[0], t[4], t[5]) for t in _terms(r)] == [("MAR", Decimal("500000000"), "MAD")]


def test_a_bare_currency_word_keeps_its_own_where_the_country_is_not_told(analyse):
    # Norway's own kroner; and where both countries are named, the word's own currency stays
    r = analyse("Norway will pay 4 billion kroner for six NASAMS launchers from Kongsberg.", published="2025-03-06")
    assert all(m.currency == "NOK" for m in r.mentions.money)
    r = analyse("Norway and Denmark will each pay 4 billion kroner for NASAMS launchers.", published="2025-03-06")
    assert all(m.currency == "NOK" for m in r.mentions.money)


def test_a_price_phrase_between_the_contract_and_its_from_keeps_the_buyer(analyse):
    # "a contract worth $X from Poland": Poland is whom the contract came from, the buyer
    r = analyse("Hanwha has won a contract worth $300 million from Poland to supply 18 K9 howitzers.",
                published="2025-03-06")
    assert _terms(r) == [("POL", "KOR", ("K9 Thunder",), 18, Decimal("300000000"), "USD")]
    # and "won ... from" where the parse hangs the "from" on the verb of winning
    r = analyse("The Korean maker said it has won a deal worth $700 million (900 billion won) from the Philippine "
                "Defense Department to deliver 12 FA-50 jets.", published="2025-03-06")
    assert [(t[0], t[1], t[3]) for t in _terms(r)] == [("PHL", "KOR", 12)]
    # a seller's "from" stays the seller's
    r = analyse("Poland ordered 18 K9 howitzers worth $300 million from South Korea.", published="2025-03-06")
    assert [(t[0], t[1], t[3]) for t in _terms(r)] == [("POL", "KOR", 18)]


def test_ammunition_is_counted_by_the_thousand(analyse):
    r = analyse("The US will send Ukraine up to 150,000 rounds of 155mm artillery ammunition.", published="2025-03-06")
    assert [(t[0], t[3]) for t in _terms(r)] == [("UKR", 150000)]
    r = analyse("Poland ordered 30,000 155mm artillery shells from Hanwha.", published="2025-03-06")
    assert [(t[0], t[3]) for t in _terms(r)] == [("POL", 30000)]
    # a number that large before anything else is still no count
    r = analyse("South Korea agreed to sell 6,000 K9 howitzers to Poland.", published="2025-03-06")
    assert [(t[0], t[3]) for t in _terms(r)] == [("POL", None)]


def test_it_spends_a_sum_to_buy_the_pronoun_is_the_buyer(analyse):
    # "it will spend $X to buy ...": the buyer is whom "it" stands for, as in "it will buy ..."
    r = analyse("Poland said it would spend $2.7 billion to buy five MH-60R Seahawk helicopters.", published="2025-03-06")
    assert _terms(r) == [("POL", "USA", ("MH-60R Seahawk",), 5, Decimal("2700000000"), "USD")]
    r = analyse("Chile said it will spend $900 million to acquire 24 F-16 jets from the United States.",
                published="2025-03-06")
    assert [(t[0], t[1], t[3]) for t in _terms(r)] == [("CHL", "USA", 24)]


def test_a_ministry_named_after_its_countrys_adjective_is_that_countrys(analyse):
    # "Ministry of Defence" alone is the UK's; "the Hungarian Ministry of Defence" is Hungary's, one buyer,
    # so the order's price is not cut away from its systems as another buyer's stretch
    r = analyse("Last year the Slovak Ministry of Defence awarded Rheinmetall an order worth €1.2 billion to supply "
                "120 KF41 Lynx, six recovery vehicles and 20 trucks.", published="2025-03-06")
    # (the six recovery vehicles, a kind counted in the list, are an item of the order too)
    assert [(t[0], t[1], t[2], t[3], t[4]) for t in _terms(r) if t[2] == ("Lynx KF41",)] == \
        [("SVK", "DEU", ("Lynx KF41",), 120, Decimal("1200000000"))]
    assert {t[0] for t in _terms(r)} == {"SVK"}
    r = analyse("The Ministry of Defence ordered 14 Boxer vehicles for the British Army.", published="2025-03-06")
    assert [t[0] for t in _terms(r)] == ["GBR"]


def test_a_kind_approved_for_sale_is_the_named_missile_the_buyer_requests(analyse):
    # a notice approves "air-to-air missiles"; the next sentence names and counts them (the AMRAAM is a system)
    r = analyse("The State Department has approved a possible sale of air-to-air missiles to Qatar for $1.2 billion. "
                "Qatar has requested 400 AIM-120D missiles and related equipment.", published="2025-03-06")
    assert _terms(r) == [("QAT", "USA", ("AIM-120 AMRAAM",), 400, Decimal("1200000000"), "USD")]


def test_the_buyers_shares_of_a_joint_order_are_each_ones_count(analyse):
    r = analyse("Sweden has signed a contract to buy twelve Lynx KF41 vehicles from Rheinmetall together with Finland. "
                "Sweden will receive seven of them, while Finland will acquire five.", published="2025-03-06")
    assert [(t[0], t[1], t[3]) for t in _terms(r)] == [("FIN", "DEU", 5), ("SWE", "DEU", 7)]
    # counts that do not add up to the order's are no shares of it
    r = analyse("Sweden has signed a contract to buy twelve Lynx KF41 vehicles from Rheinmetall. "
                "Sweden already operates 40 of them, while Finland will test three.", published="2025-03-06")
    assert [(t[0], t[3]) for t in _terms(r)] == [("SWE", 12)]


def test_a_programmes_own_budget_is_the_deals_price(analyse):
    r = analyse("Austria plans to buy 12 Leonardo M-346 trainers. The smaller order lets the purchase stay within "
                "the total programme budget of EUR 500 million.", published="2025-03-06")
    assert [(t[0], t[2], t[3], t[4], t[5]) for t in _terms(r)] == [("AUT", ("M-346",), 12, Decimal("500000000"), "EUR")]
    r = analyse("Peru plans to buy 24 F-16 jets. The deal should stay within the procurement budget of $2 billion.",
                published="2025-03-06")
    assert [(t[0], t[3], t[4]) for t in _terms(r)] == [("PER", 24, Decimal("2000000000"))]
    # a country's defence budget prices no deal
    r = analyse("Peru plans to buy 24 F-16 jets. Its defence budget of $5 billion is rising.", published="2025-03-06")
    assert [(t[0], t[3], t[4]) for t in _terms(r)] == [("PER", 24, None)]


def test_a_shared_price_split_into_parts_prices_each_deal(analyse):
    # one price for two systems, then what each part costs: each deal its own part, no deals of the parts
    r = analyse("Chile said it will spend $1.5 billion to acquire six MH-60R Seahawk helicopters and two C-130J "
                "transport aircraft. About $1.1 billion is earmarked for the helicopters, which will be bought from "
                "the United States, while $400 million will buy the transport aircraft.", published="2025-03-06")
    assert [(t[0], t[2], t[3], t[4]) for t in _terms(r)] == [
        ("CHL", ("C-130J",), 2, Decimal("400000000")), ("CHL", ("MH-60R Seahawk",), 6, Decimal("1100000000"))]
