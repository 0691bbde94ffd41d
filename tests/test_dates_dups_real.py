"""Deal dates and duplicates in constructions real articles use (issue 13/14), on sentences of our own."""

from __future__ import annotations

from pipeline.records import DateValue, Deal, Quantity, Sentence
from pipeline.rules import check_rules
from pipeline.stages.deals.events import merge_mentions


def _told(r) -> list[tuple]:
    return sorted((d.buyer, d.systems, d.quantity and d.quantity.low, d.date.value, d.status) for d in r.deals)


def test_second_hand_goods_are_no_second_deal(analyse):
    # "second-hand" describes the jets; it does not mark another deal, so the talks are the same deal
    r = analyse("The Peruvian president will visit Seoul next week with a request to buy 10 second-hand FA-50 jets. "
                "South Korea is in talks with Peru over the sale of FA-50 jets.", published="2025-03-06")
    assert len(r.deals) == 1
    assert (r.deals[0].buyer, r.deals[0].quantity.low, len(r.deals[0].mentions)) == ("PER", 10, 2)


def test_a_date_describing_the_goods_does_not_date_the_deal(analyse):
    # "launched in 2021", "which entered service in 1999": when the thing was made or fielded
    r = analyse("Greece will buy two FREMM frigates, launched by the Italian navy in 2021, for 1 billion euros, "
                "the ministry said.", published="2025-03-06")
    assert [(d.date.value, d.date_stated) for d in r.deals] == [("2025-03-06", False)]
    r = analyse("Romania bought 54 K9 howitzers, a system which entered service in 1999, on Tuesday.", published="2025-03-06")
    assert [d.date.value for d in r.deals] == ["2025-03-04"]


def test_a_clause_on_the_deal_or_with_a_deal_verb_still_dates(analyse):
    # the clause's verb is a deal's own ("received"): the delivery keeps its year; the signing its day
    r = analyse("Norway, which received its first K9 howitzers in 2019, signed a contract for 12 more K9 howitzers "
                "on Monday.", published="2025-03-06")
    assert sorted((d.status, d.date.value) for d in r.deals) == [("delivered", "2019"), ("signed", "2025-03-03")]
    # a clause on the deal noun itself dates the deal
    r = analyse("The contract with Poland for 18 K9 howitzers, finalised in February 2024, is worth $300 million.",
                published="2025-03-06")
    assert [d.date.value for d in r.deals] == ["2024-02"]


ORDER = "Poland signed a $3 billion contract for 180 K2 tanks in August 2022. "


def test_a_delivery_with_what_remains_is_part_of_the_order(analyse):
    # 120 shipped and the remaining 60 to come: the order of 180, not a delivery of its own
    r = analyse(ORDER + "Hyundai Rotem has shipped 120 tanks so far, and the remaining 60 will be delivered next year.",
                published="2025-03-06")
    assert _told(r) == [("POL", ("K2 Black Panther",), 180, "2022-08", "signed")]
    assert len(r.deals[0].mentions) == 2


def test_a_delivery_whose_rest_makes_neither_of_two_orders_stays_apart(analyse):
    # with one order of the system, any batch that fits is its news; with two, only what remains says which
    two = "Poland signed a framework agreement for 1,000 K2 tanks in July 2022. " + ORDER
    r = analyse(two + "Last month Hyundai Rotem delivered 120 K2 tanks to Poland, and the remaining 40 will follow in June.",
                published="2025-03-06")
    assert sorted(d.quantity.low for d in r.deals) == [120, 180, 1000]
    r = analyse(two + "Last month Hyundai Rotem delivered 120 K2 tanks to Poland, and the remaining 60 will follow in June.",
                published="2025-03-06")
    assert sorted((d.quantity.low, d.status) for d in r.deals) == [(180, "delivered"), (1000, "signed")]


def test_a_coordinated_clause_keeps_its_date_to_itself(analyse):
    # "..., and the first units reached Lima in May last year": when they arrived, not when the deal was made
    r = analyse("The Hyunmoo missile was sold to Peru under a $200 million contract signed in March 2023, and the "
                "first units reached Lima in May last year.", published="2025-04-29")
    assert [d.date.value for d in r.deals if d.status == "signed"] == ["2023-03"]


def test_talks_over_another_system_are_not_dated_by_the_deal_before(analyse):
    # the buyer is the deal's before, but the talks are news of their own: dated by the article
    r = analyse("India ordered 36 Rafale jets from France in 2016.\n\n"
                "Talks with Naval Group over three additional Scorpene submarines have reached an advanced stage, "
                "officials said.", published="2025-04-29")
    assert _told(r) == [("IND", ("Rafale",), 36, "2016", "signed"), ("IND", ("Scorpene",), 3, "2025-04-29", "negotiating")]


def test_a_variant_named_in_passing_is_told_of_its_familys_deal(analyse):
    # the K2PL (an entry of its own, family K2 Black Panther) with no count or price: the K2 talks, told again
    r = analyse("Poland is negotiating with Hyundai Rotem over 180 K2 tanks worth $6 billion. Poland's negotiations "
                "with South Korea were slowed by the development of the K2PL variant.", published="2025-03-06")
    assert _told(r) == [("POL", ("K2 Black Panther",), 180, "2025-03-06", "negotiating")]
    assert len(r.deals[0].mentions) == 2


def _tank_deal(system: str, count: int | None) -> Deal:
    q = Quantity(0, 1, count, count) if count else None
    return Deal(Sentence(0, 10, system, 0, False), "DEU", "CZE", (system,), q, None, DateValue(None, None), "planned", "t", False)


def test_sibling_variants_and_counted_variants_stay_apart():
    kinds, families = {s: "tank" for s in ("Leopard 2", "Leopard 2A4", "Leopard 2A8")}, {"Leopard 2A4": "Leopard 2", "Leopard 2A8": "Leopard 2"}
    merged = lambda *ds: len(merge_mentions(list(ds), kinds=kinds, families=families))
    assert merged(_tank_deal("Leopard 2", 44), _tank_deal("Leopard 2A8", None)) == 1  # the family's deal, told again
    assert merged(_tank_deal("Leopard 2A4", 14), _tank_deal("Leopard 2A8", None)) == 2  # two models of one family
    assert merged(_tank_deal("Leopard 2", 44), _tank_deal("Leopard 2A8", 77)) == 2  # a count of its own


def test_a_family_is_a_system_listed_before_its_variant(tmp_path, rules):
    assert rules.systems["K2PL"].family == "K2 Black Panther"
    d = tmp_path / "my_rules"
    d.mkdir()
    (d / "systems.yaml").write_text("- {name: Tigon, aliases: [], category: armored vehicle, origin: KOR}\n"
                                    "- {name: Tigon 2, aliases: [], category: armored vehicle, origin: KOR, family: Tigon}\n"
                                    "- {name: Tigon 3, aliases: [], category: armored vehicle, origin: KOR, family: Tigron}\n",
                                    encoding="utf-8")
    _, problems = check_rules([str(d)])
    assert problems == [f"{d / 'systems.yaml'}:3: unknown family 'Tigron' (not a system listed before it)"]
