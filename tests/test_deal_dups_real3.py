"""One row per deal (issue 13, sixth round): a fleet listed after a replacing clause is not the goods, a system passed
over is not what a later generic word stands for, and a variant's family named bare is the variant's deal; on
sentences of our own."""

from __future__ import annotations


def _told(r) -> list[tuple]:
    return sorted((d.buyer, d.systems, d.status, d.quantity and d.quantity.low) for d in r.deals)


def test_a_fleet_listed_after_a_replacing_clause_is_not_the_goods(analyse):
    # the parse hangs "... Su-27 and Su-30 fighters" on the contract's noun or its verb, over "replacing an ageing
    # fleet that includes": read in order, they are the fleet the jets replace
    r = analyse("Indonesia has signed a contract for 24 jets from Saab, aimed at replacing an ageing fleet that includes "
                "American F-16s and Russian Sukhoi Su-27 and Su-30 fighters, many of which are old.", published="2025-01-01")
    assert not any(s in d.systems for d in r.deals for s in ("Su-27", "Su-30", "F-16"))
    r = analyse("Vietnam received its first three Gripen jets. The three jets are the first batch of a $2 billion contract "
                "for 24 Gripen jets from Saab, meant to replace an old fleet that includes Russian Su-27 and Su-30 "
                "fighters, most of which are close to retirement.", published="2025-01-01")
    assert {s for d in r.deals for s in d.systems} == {"Gripen"}


def test_a_fleet_after_the_goods_stays_out_and_the_goods_stay(analyse):
    r = analyse("Egypt signed a contract for 12 K9 howitzers from Hanwha, aimed at replacing an older fleet that includes "
                "M109 howitzers.", published="2025-01-01")
    assert _told(r) == [("EGY", ("K9 Thunder",), "signed", 12)]


def test_a_generic_word_after_a_choice_stands_for_the_system_chosen(analyse):
    # "chose X over Y ... to buy 12 fighter jets": the jets are X, not the latest named fighter (Y, passed over)
    r = analyse("The Philippine Air Force said it has picked the Gripen over the F-16 Block 70 after a long review. The air "
                "force wants to buy 12 new fighter jets to begin replacing its old F-5 jets.", published="2025-01-01")
    assert _told(r) == [("PHL", ("F-16 Block 70",), "lost", None), ("PHL", ("Gripen",), "planned", 12)]
    r = analyse("Peru's navy chose the K9 Thunder over the Caesar howitzer. The navy plans to acquire 20 howitzers by 2028.",
                published="2025-01-01")
    assert _told(r) == [("PER", ("Caesar",), "lost", None), ("PER", ("K9 Thunder",), "planned", 20)]
    r = analyse("Brazil picked the Gripen instead of the Rafale. Brazil later signed for 36 fighter jets.",
                published="2025-01-01")
    assert _told(r) == [("BRA", ("Gripen",), "signed", 36), ("BRA", ("Rafale",), "lost", None)]


def test_a_variants_family_named_bare_is_the_variants_deal(analyse):
    # "the Apaches" after "six AH-64E Apache helicopters"; "the Abrams tanks" after the M1A2 SEPv3: one deal each
    r = analyse("India is in talks for six more AH-64E Apache helicopters for its army. The Apaches from Boeing are being "
                "negotiated through the Foreign Military Sales route.", published="2025-01-01")
    assert _told(r) == [("IND", ("AH-64E Apache",), "negotiating", 6)]
    r = analyse("Qatar is negotiating the purchase of 12 AH-64E Apache helicopters. Talks on the Apaches have lasted a year.",
                published="2025-01-01")
    assert _told(r) == [("QAT", ("AH-64E Apache",), "negotiating", 12)]
    r = analyse("Poland signed a contract for 250 M1A2 SEPv3 Abrams tanks from the United States. The Abrams tanks will be "
                "delivered from 2026.", published="2024-06-01")
    assert _told(r) == [("POL", ("M1A2 SEPv3 Abrams",), "signed", 250)]


def test_two_sibling_variants_stay_two_deals(analyse):
    r = analyse("Morocco signed for 24 AH-64E Apache helicopters. Morocco also signed for 12 AH-64D Apache helicopters "
                "in 2019.", published="2025-01-01")
    assert len(r.deals) == 2


def test_a_fleet_word_inside_the_goods_phrase_keeps_the_goods(analyse):
    # "upgraded" is a fleet cue as a verb ("to upgrade its F-16s"), not as the goods' own modifier
    r = analyse("Australia has selected the upgraded Mogami-class frigate for its navy, Japan said.", published="2025-01-01")
    assert [(d.buyer, d.systems) for d in r.deals] == [("AUS", ("Mogami-class frigate",))]


def test_a_fleet_retired_or_replaced_is_no_deal_told_after_the_order(analyse):
    # follow-ups of the order: "as the army retires its Mi-35 fleet", "will replace the army's M109 howitzers"
    r = analyse("India signed a contract with Boeing for 22 Apache helicopters on Monday. The contract is a major step as "
                "the army retires its ageing Mi-35 fleet.", published="2025-01-01")
    assert [d.systems for d in r.deals] == [("AH-64 Apache",)]
    r = analyse("Peru signed a contract for 24 K9 howitzers. The deal will replace the army's M109 howitzers, and the first "
                "12 howitzers will arrive in 2026.", published="2025-01-01")
    assert [d.systems for d in r.deals] == [("K9 Thunder",)]


def test_a_fleet_retired_is_not_what_a_later_generic_word_stands_for(analyse):
    r = analyse("Chile has finalised a $2 billion order for 10 new jets. The contract comes as Chile retires its ageing "
                "American F-5 fleet. The air force confirmed the deal with Saab for the Gripen E variant. The order "
                "includes eight single-seat fighters and two twin-seat trainer aircraft.", published="2025-01-01")
    assert not any("F-5 Tiger II" in d.systems for d in r.deals)


def test_a_list_item_misread_as_a_fleet_verb_stays_goods(analyse):
    # "30 upgraded Leopard tanks" parsed as a clause ("30 upgraded ..."): the items after it are the package's still
    r = analyse("Germany announced a new package of military aid to Ukraine in May. This package included 20 Marder "
                "infantry fighting vehicles, 30 upgraded Leopard 1A5 tanks, 18 wheeled howitzers, more than 200 "
                "reconnaissance drones and four more IRIS-T SLM air defense systems.", published="2025-01-01")
    assert "IRIS-T SLM" in {s for d in r.deals for s in d.systems}


def test_a_bare_ministry_of_defence_is_of_the_country_the_story_tells_of(analyse):
    # the lexicon gives the bare name to Britain; a story that never tells of Britain means its own country's
    r = analyse("NEW DELHI: India's Ministry of Defence confirmed the talks on Monday. The Ministry of Defence signed a "
                "contract with Boeing for 22 Apache helicopters, Indian officials said.", published="2025-01-01")
    assert [(d.buyer, d.supplier) for d in r.deals] == [("IND", "USA")]
    r = analyse("Manila said on Monday the Philippine navy will get two frigates. The MoD signed a contract with Hyundai "
                "Heavy Industries for two frigates, the Philippine government said.", published="2025-01-01")
    assert {d.buyer for d in r.deals} <= {"PHL"}


def test_a_ministry_of_defence_told_with_britains_forces_stays_british(analyse):
    r = analyse("The Ministry of Defence has ordered 14 Chinook helicopters from Boeing for the RAF.", published="2025-01-01")
    assert [(d.buyer, d.supplier) for d in r.deals] == [("GBR", "USA")]


def test_no_country_buys_its_own_make_from_a_country_that_does_not_make_it():
    # the sides a context lends ("the two sides signed ... for the purchase of two American helicopters") read the
    # wrong way round: the maker's country is the supplier
    from pipeline.records import SystemMention
    from pipeline.stages.deals.roles import Party
    from pipeline.stages.deals.supplier_buyer import resolve
    chinook = SystemMention(0, 7, "Chinook", "CH-47 Chinook", "helicopter", "USA", False, "test")
    sides = [Party("USA", -1, -1, False, None, "buyer"), Party("IND", -1, -1, False, None, "supplier")]
    assert resolve(sides, chinook, None, None) == ("USA", "IND")
    k2 = SystemMention(0, 2, "K2", "K2 Black Panther", "tank", "KOR", False, "test")
    own = [Party("KOR", -1, -1, False, None, "buyer"), Party("KOR", -1, -1, True, None, "supplier")]
    assert resolve(own, k2, None, None) == ("KOR", None)  # a country buying from its own industry: unchanged
