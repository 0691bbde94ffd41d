"""Which deals real pages tell and who supplies whom (tests/field), each construction on a sentence of our own."""

from __future__ import annotations


def _parties(r) -> list[tuple]:
    return sorted((d.supplier, d.buyer, d.systems) for d in r.deals)


def test_buyers_listed_together_each_buy_the_system(analyse):
    r = analyse("Sweden, Finland, Austria and Spain have placed orders for the newest version of the Leopard 2A8.",
                published="2025-03-06")
    assert _parties(r) == [("DEU", b, ("Leopard 2A8",)) for b in ("AUT", "ESP", "FIN", "SWE")]


def test_buyers_in_a_list_of_sales_keep_their_own_systems(analyse):
    r = analyse("Korea sold K9 howitzers to Poland, FA-50 jets to Malaysia and K2 tanks to Peru last year.",
                published="2025-03-06")
    assert _parties(r) == [("KOR", "MYS", ("FA-50",)), ("KOR", "PER", ("K2 Black Panther",)),
                           ("KOR", "POL", ("K9 Thunder",))]


def test_a_possessor_of_a_systems_noun_supplies_only_that_system(analyse):
    r = analyse("Vietnam has signed a contract to buy 12 FA-50 jets from South Korea.\n\n"
                "It is also considering ordering China's J-10C fighter jets and continues talks to purchase the "
                "U.S.-made F-16 Block 70.", published="2025-03-06")
    assert _parties(r) == [("CHN", "VNM", ("J-10C",)), ("KOR", "VNM", ("FA-50",)), ("USA", "VNM", ("F-16 Block 70",))]


def test_a_maker_named_before_the_system_is_its_supplier(analyse):
    r = analyse("Thailand has signed a contract to acquire four Embraer C-390 Millennium aircraft in a joint effort "
                "with Austria.", published="2025-03-06")
    assert _parties(r) == [("BRA", "THA", ("KC-390",))]


def test_the_doer_of_a_passive_verb_that_makes_nothing_buys(analyse):
    r = analyse("It is expected that Raytheon’s NASAMS missile shield system will be contracted by Egypt through "
                "Foreign Military sales.", published="2025-03-06")
    assert _parties(r) == [("USA", "EGY", ("NASAMS",))]


def test_doers_listed_together_each_buy_the_system(analyse):
    r = analyse("The ministers also announced plans by Norway and Denmark to acquire HIMARS launchers.",
                published="2025-03-06")
    assert _parties(r) == [("USA", "DNK", ("HIMARS",)), ("USA", "NOR", ("HIMARS",))]


def test_a_country_listed_with_a_company_is_no_second_buyer(analyse):
    r = analyse("Poland and Hyundai Rotem signed a contract for 180 K2 tanks on Friday.", published="2025-03-06")
    assert _parties(r) == [("KOR", "POL", ("K2 Black Panther",))]


def test_each_item_of_a_list_a_package_opens_is_a_part_of_it(analyse):
    r = analyse("The ministry announced $400 million in new military aid for Ukraine on Monday.\n\n"
                "Under the plan, Norway will provide Ukraine with important capabilities. Included in this package are:\n\n"
                "Three IRIS-T SLM systems;\n\n"
                "Up to 20,000 rounds of 155mm artillery ammunition; and\n\n"
                "Four additional counter-battery radars.", published="2025-03-06")
    assert _parties(r) == [("NOR", "UKR", ("155mm artillery ammunition",)), ("NOR", "UKR", ("IRIS-T SLM",)),
                           ("NOR", "UKR", ("radar",))]


def test_a_paragraph_after_a_list_is_no_item_of_it(analyse):
    r = analyse("Norway announced new military aid for Ukraine on Monday.\n\n"
                "Norway will provide Ukraine with new capabilities. Included in this package are:\n\n"
                "Three IRIS-T SLM systems.\n\n"
                "Separately, analysts counted four counter-battery radars in the region.", published="2025-03-06")
    assert _parties(r) == [("NOR", "UKR", ("IRIS-T SLM",))]


def test_an_adjective_country_on_a_systems_kind_supplies_only_that_system(analyse):
    r = analyse("Vietnam has signed a contract to buy 12 FA-50 jets from South Korea.\n\n"
                "It is also considering ordering China's J-10C fighter jets and continues talks to purchase the "
                "U.S.-made F-15EX jets.", published="2025-03-06")
    assert _parties(r) == [("CHN", "VNM", ("J-10C",)), ("KOR", "VNM", ("FA-50",)), ("USA", "VNM", ("F-15EX",))]


def test_tankers_and_older_air_defences_are_known_systems(analyse):
    r = analyse("The State Department approved a $4.1 billion sale of a KC-46A aerial refueling tanker to Japan on Friday.\n\n"
                "It also approved the sale of MIM-23 Hawk air defence missiles to Egypt.", published="2025-03-06")
    assert _parties(r) == [("USA", "EGY", ("MIM-23 Hawk",)), ("USA", "JPN", ("KC-46A",))]


def test_the_owner_of_the_maker_named_is_no_party(analyse):
    r = analyse("Lockheed Martin's PZL Mielec delivered four S-70i Black Hawk helicopters to Chile in March.",
                published="2025-03-06")
    assert _parties(r) == [("POL", "CHL", ("Black Hawk",))]
    r = analyse("Lockheed Martin delivered four Black Hawk helicopters to Chile in March.", published="2025-03-06")
    assert _parties(r) == [("USA", "CHL", ("Black Hawk",))]


def test_the_party_thanked_for_a_transfer_is_its_supplier(analyse):
    r = analyse("On Friday, the German chancellor met his Dutch counterpart in Berlin and expressed gratitude to "
                "Amsterdam for providing Ukraine with a Patriot missile defense system.", published="2025-03-06")
    assert _parties(r) == [("NLD", "UKR", ("Patriot",))]
    r = analyse("The minister thanked Norway for sending Ukraine two IRIS-T SLM systems.", published="2025-03-06")
    assert _parties(r) == [("NOR", "UKR", ("IRIS-T SLM",))]


def test_an_armed_force_possessing_systems_has_them_it_does_not_make_them(analyse):
    r = analyse("The Philippine Navy's two Jose Rizal-class frigates were delivered by Hyundai Heavy Industries in 2020.",
                published="2025-03-06")
    assert [(d.supplier, d.buyer, d.status) for d in r.deals] == [("KOR", "PHL", "delivered")]
    r = analyse("China's J-10C fighter jets were delivered to Pakistan in 2022.", published="2025-03-06")
    assert [(d.supplier, d.buyer) for d in r.deals] == [("CHN", "PAK")]


def test_doers_listed_with_a_buyer_told_apart_are_no_co_buyers(analyse):
    r = analyse("Germany and Italy agreed to join forces to build 272 Panther tanks for the Italian army.", published="2025-03-06")
    assert [d.buyer for d in r.deals] == ["ITA"]


def test_what_the_goods_travelled_in_is_no_deal_nor_its_carriers_country(analyse):
    r = analyse("The second batch arrived at Rygge from Seoul onboard a chartered Ukrainian Antonov An-124 Ruslan "
                "strategic airlifter.", published="2022-06-01")
    assert list(r.deals) == []


def test_the_company_a_contract_is_awarded_to_supplies(analyse):
    r = analyse("These tanks are part of a $2 billion contract awarded to the Korean company in April 2022 for the supply "
                "of 180 K2 tanks to Poland.", published="2022-06-01")
    assert [(d.supplier, d.buyer, d.systems) for d in r.deals] == [("KOR", "POL", ("K2 Black Panther",))]
