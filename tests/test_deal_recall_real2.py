"""Which deals real pages tell, second round (tests/field, fourth batch): who sells used goods, who only tells
of the deal, one side named twice. Each construction on a sentence of our own."""

from __future__ import annotations

import pytest


def _parties(r) -> list[tuple]:
    return sorted((d.supplier, d.buyer, d.systems) for d in r.deals)


def test_a_country_selling_its_own_used_jets_supplies_them(analyse):
    r = analyse("Chile's defence minister signed a deal on Monday to buy 12 of Norway's retired F-16 fighter jets.",
                published="2025-03-06")
    assert _parties(r) == [("NOR", "CHL", ("F-16",))]


def test_a_designation_read_as_a_number_still_names_the_owners_jets(analyse):
    r = analyse("Last year the minister signed a letter of intent to sell some of Belgium’s F-16 jets to Peru.",
                published="2025-03-06")
    assert _parties(r) == [("BEL", "PER", ("F-16",))]


def test_a_company_between_owner_and_system_is_no_kind_noun(analyse):
    r = analyse("Competing for the order from Peru are the US’s Lockheed Martin F-16 and Sweden’s Saab JAS 39 "
                "Gripen aircraft.", published="2025-03-06")
    assert ("SWE", "PER", ("F-16",)) not in _parties(r)


def test_the_reseller_just_told_supplies_the_same_jets_later(analyse):
    r = analyse("Chile signed a deal on Monday to buy 12 of Norway's retired F-16 fighter jets.\n\n"
                "Norway has 40 F-16s left. A few of the remaining jets have been promised to Ukraine as part of "
                "a donation.", published="2025-03-06")
    assert ("NOR", "UKR", ("F-16",)) in _parties(r)
    assert all(d.supplier == "NOR" for d in r.deals)


def test_who_tells_of_the_sale_is_no_side_of_it(analyse):
    r = analyse("The US has approved a potential $2 billion sale to the United Arab Emirates to support the upkeep of "
                "the country's F-16 fighter jet fleet, according to US officials.", published="2025-03-06")
    assert _parties(r) == [("USA", "ARE", ("F-16",))]


def test_one_side_named_twice_leaves_the_maker_to_supply(analyse):
    r = analyse("Defense Minister Taro Suzuki and his Canadian counterpart agreed to speed up work toward a contract for "
                "the upgraded Mogami-class frigates, which Ottawa has decided to purchase.", published="2025-03-06")
    assert _parties(r) == [("JPN", "CAN", ("Mogami-class frigate",))]


def test_sides_neither_of_which_makes_the_jets_trade_them_used(analyse):
    r = analyse("Egypt has been holding talks with Kuwait on the purchase of Eurofighter jets, the minister said.",
                published="2025-03-06")
    assert _parties(r) == [("KWT", "EGY", ("Eurofighter Typhoon",))]


def test_a_system_neither_side_makes_beside_one_they_make_is_another_story(analyse):
    r = analyse("Poland signed a deal with South Korea for 180 K2 tanks, its second after the Abrams.",
                published="2025-03-06")
    assert _parties(r) == [("KOR", "POL", ("K2 Black Panther",))]


def test_sellers_listed_together_each_sell(analyse):
    r = analyse("Egypt has been holding talks with Kuwait and Bahrain on the purchase of Eurofighter jets.",
                published="2025-03-06")
    assert _parties(r) == [("BHR", "EGY", ("Eurofighter Typhoon",)), ("KWT", "EGY", ("Eurofighter Typhoon",))]


_WIRE = ("ROME, May 3 The Italian Defence Ministry\n"
         "has approved the possible sale to Peru of $1.2 billion\n"
         "in additional Aster 30 missiles built by MBDA\n"
         ", the ministry said on Friday. The sale would\n"
         "strengthen a partner in the region, and the\n"
         "notice was sent to parliament on Thursday.\n"
         "(Reporting by A. Writer)\n")


def test_a_hard_wrapped_text_is_read_in_whole_sentences(analyse):
    r = analyse(_WIRE, published="2025-05-03")
    assert [(d.supplier, d.buyer, d.status) for d in r.deals] == [("ITA", "PER", "planned")]


def test_unwrapping_keeps_every_offset_and_the_breaks_between_sentences():
    from pipeline.wrapped import unwrapped
    text = unwrapped(_WIRE)
    assert len(text) == len(_WIRE)
    assert text.split("\n")[:2] == [
        "ROME, May 3 The Italian Defence Ministry has approved the possible sale to Peru of $1.2 billion in "
        "additional Aster 30 missiles built by MBDA , the ministry said on Friday. The sale would strengthen a "
        "partner in the region, and the notice was sent to parliament on Thursday.", "(Reporting by A. Writer)"]


def test_a_text_of_short_lines_that_are_not_wrapped_is_left_alone():
    from pipeline.wrapped import unwrapped
    text = "Korea to sell tanks to Peru\n\nLima signed for 20 K2 tanks.\nThe first arrive in 2026.\n"
    assert unwrapped(text) == text


def test_one_unit_of_a_kind_told_as_delivered_is_a_deal_of_one(analyse):
    r = analyse("In July, Spain also delivered a 6,000-tonne multi-mission frigate to Peru as Lima seeks to "
                "boost its navy.", published="2025-03-06")
    assert [(d.supplier, d.buyer, d.systems, d.status, d.quantity.low) for d in r.deals] == \
        [("ESP", "PER", ("frigate",), "delivered", 1)]


def test_the_kind_a_plan_wants_counts_no_unit(analyse):
    r = analyse("Colombia plans to buy a new fighter jet.", published="2025-03-06")
    assert all(d.quantity is None for d in r.deals)


def test_an_air_force_named_by_its_country_is_the_buyer_it_stands_for(analyse):
    r = analyse("The Royal Malaysian Air Force will set up a committee this month to decide if it should buy "
                "Korea's FA-50 jets or JF-17 aircraft from Pakistan.", published="2025-03-06")
    assert _parties(r) == [("KOR", "MYS", ("FA-50",)), ("PAK", "MYS", ("JF-17",))]


def test_a_count_after_the_article_names_no_system(analyse):
    r = analyse("The two navies will buy new ships. The 12 warships are estimated to cost about 3 billion euros.",
                published="2025-03-06")
    assert all(not s.system.startswith("The ") for s in r.mentions.systems)


def test_the_count_of_used_jets_is_read_past_the_words_that_describe_them(analyse):
    r = analyse("Norway has sold 32 of its retired F-16 jets to Romania.", published="2025-03-06")
    assert [(d.supplier, d.buyer, d.quantity.low) for d in r.deals] == [("NOR", "ROU", 32)]


@pytest.mark.parametrize("kind,seller", [("second-hand", "KWT"), ("new", "GBR")])
def test_used_goods_are_sold_by_the_country_that_has_them_new_ones_by_their_maker(analyse, kind, seller):
    r = analyse(f"The Egyptian president is due to visit Kuwait this week with a request to buy 24 {kind} "
                "Eurofighter Typhoon aircraft.", published="2025-03-06")
    assert [d.supplier for d in r.deals] == [seller]
