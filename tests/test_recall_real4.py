"""Deal recall on constructions real articles use (session 5, deals recall), on sentences of our own."""

from __future__ import annotations

import pytest


def _deals(r) -> list[tuple[str | None, str, tuple[str, ...], int | None]]:
    return [(d.supplier, d.buyer, d.systems, d.quantity and d.quantity.low) for d in r.deals]


@pytest.mark.parametrize("text,second", [
    ("Germany is handing Ukraine 40 Marder infantry fighting vehicles and 25 Leopard 1A5 tanks. In March, Berlin "
     "announced a new package of military aid to Kyiv. This package included 20 Marder infantry fighting vehicles "
     "and four IRIS-T SLM systems.", ("DEU", "UKR", ("Marder",), 20)),
    ("Norway sent Ukraine 20 Leopard 2 tanks last year. Last week Oslo unveiled another aid package for Ukraine. "
     "It includes eight Leopard 2 tanks and two NASAMS systems.", ("NOR", "UKR", ("Leopard 2",), 8)),
    ("Norway sent Ukraine 20 Leopard 2 tanks last year. Oslo has now announced its latest package of military "
     "assistance to Kyiv. The package contains eight Leopard 2 tanks.", ("NOR", "UKR", ("Leopard 2",), 8)),
])
def test_a_new_package_lists_its_own_items_even_systems_told_before(analyse, text, second):
    deals = _deals(analyse(text, published="2025-03-06"))
    assert second in deals
    assert (second[0], second[1], second[2], 40 if second[2] == ("Marder",) else 20) in deals


@pytest.mark.parametrize("text", [
    "Poland Signs Contract With Hyundai Rotem for 180 K2 Tanks\nPoland has signed a new defense deal with South "
    "Korea's Hyundai Rotem. The contract covers 180 K2 main battle tanks.",
    "Poland ordered 180 K2 tanks from South Korea in 2022. The new deal also includes training and repair packages.",
])
def test_the_new_deal_or_a_headline_told_deal_is_the_same_deal(analyse, text):
    assert [d[3] for d in _deals(analyse(text, published="2025-08-05"))] == [180]


def test_a_kind_in_a_new_package_is_not_a_system_of_the_deal_before(analyse):
    text = ("Germany sent Ukraine five Bergepanzer 2 recovery vehicles. In May, Berlin announced a new package of "
            "aid to Kyiv. It included four IRIS-T SLM systems and 100 armored vehicles.")
    deals = _deals(analyse(text, published="2025-03-06"))
    assert ("DEU", "UKR", ("IRIS-T SLM",), 4) in deals
    assert not any(d[3] == 100 for d in deals)


@pytest.mark.parametrize("text,deal", [
    ("The United States approved the sale of a rocket launcher called HIMARS to Taiwan.",
     ("USA", "TWN", ("HIMARS",), None)),
    ("Indonesia has ordered 12 drones called Bayraktar TB2 from Turkey.", ("TUR", "IDN", ("Bayraktar TB2",), 12)),
    ("Poland bought 48 light fighters known as FA-50 from South Korea.", ("KOR", "POL", ("FA-50",), 48)),
    ("Taiwan will buy missiles known as Harpoon and a drone named MQ-9B.", ("USA", "TWN", ("MQ-9 Reaper",), None)),
])
def test_a_system_named_by_a_participle_after_its_kind_is_the_goods(analyse, text, deal):
    assert deal in _deals(analyse(text, published="2025-03-06"))


def test_an_aside_saying_what_the_buyer_is_names_no_goods(analyse):
    text = "Greece, known as an operator of Mirage 2000 jets, ordered 24 Rafale fighters from France."
    assert _deals(analyse(text, published="2025-03-06")) == [("FRA", "GRC", ("Rafale",), 24)]


@pytest.mark.parametrize("text,counts", [
    ("The United States announced a donation of 16 helicopters to Kenya. The 16 helicopters include eight Black "
     "Hawks and eight AH-64 Apaches.", {("Black Hawk",): 8, ("AH-64 Apache",): 8}),
    ("Nigeria ordered 12 helicopters from Italy. The order comprises eight AW109 and four AW139 helicopters.",
     {("AW109",): 8, ("AW139",): 4}),
])
def test_a_kind_broken_down_into_several_counted_systems_gives_each_its_own_count(analyse, text, counts):
    assert {d[2]: d[3] for d in _deals(analyse(text, published="2025-03-06"))} == counts


def test_a_kind_named_by_one_system_keeps_the_kind_count(analyse):
    text = "Romania will buy 54 self-propelled howitzers from South Korea. The deal covers K9 Thunder howitzers."
    assert [d[3] for d in _deals(analyse(text, published="2025-03-06"))] == [54]


@pytest.mark.parametrize("text,deal", [
    ("Vietnam Orders 12 Su-30MK2 Fighter Jets From Russia\nThe air force orders new fighter jets from Russia "
     "every few years.", ("RUS", "VNM", ("Su-30",), 12)),
    ("Indonesia Signs Deal With France For 42 Rafale Jets\nThe deal was signed in Jakarta; the jets come with "
     "training for the pilots.", ("FRA", "IDN", ("Rafale",), 42)),
])
def test_a_title_case_headline_is_parsed_as_written_in_sentence_case(analyse, text, deal):
    assert deal in _deals(analyse(text, published="2025-03-06"))


def test_a_title_case_headline_without_a_deal_tells_none(analyse):
    text = "Russia Steps Up Attacks On Kharkiv With New Drones\nThe attacks came overnight, officials said."
    assert _deals(analyse(text, published="2025-03-06")) == []


def test_sentence_case_keeps_names_and_words_the_article_never_writes_in_lower_case():
    from pipeline.stages.headcase import sentence_cased
    lower = frozenset({"buys", "tanks", "from", "black"})
    assert sentence_cased("Poland Buys K2 Black Panther Tanks From Seoul", lower, [(12, 26)]) == \
        "Poland buys K2 Black Panther tanks from Seoul"
    assert sentence_cased("Poland buys tanks from Seoul", lower) == "Poland buys tanks from Seoul"


@pytest.mark.parametrize("text,deal", [
    ("The State Department approved a possible sale of spare parts for Qatar's Patriot and NASAMS air defense "
     "systems.", ("USA", "QAT", ("Patriot",), None)),
    ("The State Department also approved a possible sale that will involve the supply of spare parts for Kuwait's "
     "Patriot systems.", ("USA", "KWT", ("Patriot",), None)),
    ("Washington approved a sale that includes 12 F-16 jets for Jordan.", ("USA", "JOR", ("F-16",), 12)),
])
def test_what_a_sale_serves_is_the_buyers_and_a_carrier_clause_on_the_sale_carries_it(analyse, text, deal):
    assert deal in _deals(analyse(text, published="2025-03-06"))


@pytest.mark.parametrize("text,deal", [
    ("Norway agreed to buy 24 of Denmark's F-16 jets.", ("DNK", "NOR", ("F-16",), 24)),
    ("Poland, which includes Silesia, signed a contract for 96 Apache helicopters from the United States.",
     ("USA", "POL", ("AH-64 Apache",), 96)),
])
def test_a_country_whose_goods_are_sold_still_sells_them(analyse, text, deal):
    assert _deals(analyse(text, published="2025-03-06")) == [deal]
