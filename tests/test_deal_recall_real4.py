"""Which deals real pages tell, fourth round (tests/field, seventh batch): deals told aside, in a noun phrase of
their own beside the sentence's deal. Each construction on a sentence of our own."""

from __future__ import annotations


def _deals(r) -> list[tuple]:
    return sorted((d.supplier, d.buyer, d.systems, d.date.value) for d in r.deals)


def test_an_earlier_sale_told_after_a_deal_pointed_back_to(analyse):
    r = analyse("Once signed, this contract will be the biggest export ever by Israel, after the sale of the Arrow 3 "
                "missile defence system by Israel Aerospace Industries to Germany in 2023.", published="2025-06-30")
    assert ("ISR", "DEU", ("Arrow 3",), "2023") in _deals(r)


def test_a_record_sale_the_deal_broke(analyse):
    r = analyse("That agreement broke the record of the sale of Barak 8 systems to India in April 2017.",
                published="2025-06-30")
    assert _deals(r) == [("ISR", "IND", ("Barak 8",), "2017-04")]


def test_an_earlier_purchase_compared_with_by_its_buyer(analyse):
    r = analyse("The order is larger than the purchase of 24 K9 howitzers by Norway in 2017.", published="2025-06-30")
    assert [d[:2] for d in _deals(r)] == [("KOR", "NOR")]
    assert _deals(r)[0][3] == "2017"


def test_a_deal_noun_alone_keeps_the_sentences_buyer(analyse):
    r = analyse("Poland announced the purchase of 180 K2 tanks from South Korea in 2022.", published="2025-06-30")
    assert [d[:2] for d in _deals(r)] == [("KOR", "POL")]


def test_a_pronoun_object_stands_for_the_system_shown_before(analyse):
    r = analyse("At the parade the army also showed the Russian Pantsir air defence system for the first time. "
                "Serbia had already acquired this in 2020.", published="2023-05-02")
    assert _deals(r) == [("RUS", "SRB", ("Pantsir",), "2020")]


def test_a_plural_pronoun_stands_for_the_goods_named_before(analyse):
    r = analyse("The Polish army showed off its K2 tanks during the parade. Warsaw ordered them from South Korea "
                "in 2022.", published="2023-05-02")
    assert [d[:3] for d in _deals(r)] == [("KOR", "POL", ("K2 Black Panther",))]


def test_a_signed_it_is_a_contract_not_the_goods(analyse):
    r = analyse("The navy showed its new K9 howitzers to the press. Poland signed it in 2022.", published="2023-05-02")
    assert not r.deals


def test_goods_of_a_deal_told_before_are_no_new_deal(analyse):
    r = analyse("Poland ordered 180 K2 tanks from South Korea in 2022. It received them in 2023.",
                published="2024-05-02")
    assert [d[:2] for d in _deals(r)] == [("KOR", "POL")]


def test_an_army_that_sends_goods_supplies_them(analyse):
    r = analyse("The Polish army sent 14 T-72 tanks to Ukraine last year.", published="2023-05-02")
    assert [d[:3] for d in _deals(r)] == [("POL", "UKR", ("T-72",))]


def test_a_military_that_hands_over_goods_supplies_them(analyse):
    r = analyse("The German military last year handed over 14 self-propelled howitzers to Kyiv.", published="2023-05-02")
    assert [d[:2] for d in _deals(r)] == [("DEU", "UKR")]


def test_a_navy_that_receives_goods_still_buys_them(analyse):
    r = analyse("The Indian Navy received two MH-60R helicopters from the United States.", published="2023-05-02")
    assert [d[:2] for d in _deals(r)] == [("USA", "IND")]


def test_the_destination_hung_on_a_makers_participle_is_the_buyer(analyse):
    r = analyse("Norway sent two M270 launchers built by Lockheed Martin to Ukraine in 2022.", published="2023-05-02")
    assert [d[:3] for d in _deals(r)] == [("NOR", "UKR", ("M270",))]


def test_a_kind_made_by_a_company_goes_to_the_country_after_it(analyse):
    r = analyse("The German military last year handed over 14 self-propelled howitzers produced by Krauss-Maffei "
                "Wegmann to Kyiv.", published="2023-05-02")
    assert [d[:2] for d in _deals(r)] == [("DEU", "UKR")]


def test_helicopters_listed_by_their_nicknames_and_designations(analyse):
    r = analyse("The United States will donate 12 helicopters to Kenya, the embassy said. The 12 helicopters include "
                "six Hueys for border patrols as well as six MD-500s for peacekeeping.", published="2023-05-02")
    assert sorted(d.systems for d in r.deals) == [("MD 500",), ("UH-1H Huey II",)]


def test_more_items_each_from_its_own_supplier(analyse):
    r = analyse("Nigeria's air force is set to take delivery of 24 M-346 jets from Italy. Others are three C295 "
                "transport aircraft from Spain and 12 AH-1Z helicopters from the United States.", published="2024-09-23")
    assert [d[:3] for d in _deals(r)] == [("ESP", "NGA", ("C295",)), ("ITA", "NGA", ("M-346",)),
                                          ("USA", "NGA", ("AH-1Z Viper",))]


def test_items_also_coming_from_other_suppliers(analyse):
    r = analyse("Ghana will receive four Mi-17 helicopters from Russia next year. Also coming are two C295 aircraft "
                "from Spain and three Super Tucano aircraft from Brazil.", published="2024-09-23")
    assert [d[:2] for d in _deals(r)] == [("BRA", "GHA"), ("ESP", "GHA"), ("RUS", "GHA")]


def test_a_country_told_otherwise_is_still_another_story(analyse):
    r = analyse("Ghana will receive four Mi-17 helicopters from Russia next year. Nigeria has two C295 aircraft "
                "from Spain.", published="2024-09-23")
    assert [d[:2] for d in _deals(r)] == [("RUS", "GHA")]


def test_a_country_buying_for_another_as_aid_gives_the_goods(analyse):
    r = analyse("Earlier this year, Latvia bought three IRIS-T launchers for Ukraine as military aid.",
                published="2024-09-23")
    assert [(d.supplier, d.buyer, d.status) for d in r.deals] == [("LVA", "UKR", "aid")]


def test_a_ministry_buying_for_another_as_aid_gives_the_goods(analyse):
    r = analyse("Earlier this year, the Latvian Ministry of Defence purchased three IRIS-T launchers for Ukraine as "
                "part of military aid.", published="2024-09-23")
    assert [(d.supplier, d.buyer) for d in r.deals] == [("LVA", "UKR")]
