"""Deal events: a document's deal mentions merged into one deal per transaction (on texts of our own)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from pipeline import store
from pipeline.records import DateValue, Deal, Money, Quantity, Sentence
from pipeline.stages.deals.events import merge_mentions

HEADLINE_LEAD_BODY = ("Hanwha wins Estonian howitzer order\n\n"
                      "Hanwha Aerospace signed a contract with Estonia on March 4 to supply K9 howitzers, the company said.\n\n"
                      "The deal is worth $250 million and covers 12 K9 self-propelled howitzers.")


def _facts(d: Deal) -> tuple:
    return (d.supplier, d.buyer, d.systems, d.quantity and d.quantity.low, d.value and (float(d.value.low), d.value.currency),
            d.date.value, d.status)


def _mention(text: str, *, heading=False, buyer="EST", status="signed", quantity=None, value=None,
             date=None, stated=True, systems=("K9 Thunder",), apart=False) -> Deal:
    sentence = Sentence(0, len(text), text, 0, heading)
    q = Quantity(0, 1, quantity, quantity) if quantity else None
    v = Money(0, 1, "x", Decimal(value), Decimal(value), "USD", False, Decimal(value), Decimal(value), None, "t") if value else None
    when = DateValue(date, {4: "year", 7: "month", 10: "day"}[len(date)]) if date else DateValue(None, None)
    return Deal(sentence, "KOR", buyer, systems, q, v, when, status, "t", stated, apart)


def _stored(r, tmp_path, *views: str) -> list[list[dict]]:
    """The rows of ``views`` once the result is stored in a fresh SQLite database, as dicts."""
    r = replace(r, article=replace(r.article, path="a.txt", root=str(tmp_path), sha256="x" * 64))
    engine = store.connect(f"sqlite:///{tmp_path / 'stored.db'}", create=True)
    try:
        store.save(engine, r)
        found = [store.view_rows(engine, v) for v in views]
    finally:
        engine.dispose()
    return [[dict(zip(cols, row)) for row in rows] for cols, rows in found]


def test_deal_events_headline_lead_and_body_are_one_deal(analyse):
    r = analyse(HEADLINE_LEAD_BODY, published="2025-03-06")
    assert [_facts(d) for d in r.deals] == [("KOR", "EST", ("K9 Thunder",), 12, (2.5e8, "USD"), "2025-03-04", "signed")]
    deal = r.deals[0]
    assert deal.sentence.text.startswith("Hanwha Aerospace signed")  # the lead gave most of its facts
    assert [m.sentence.heading for m in deal.mentions] == [False, True]


def test_deal_events_other_buyer_stays_apart(analyse):
    r = analyse("Hanwha Aerospace signed a deal with Estonia on Monday to supply 12 K9 howitzers. "
                "Finland signed a contract for 48 K9 howitzers on Tuesday.", published="2025-03-06")
    assert {(d.buyer, d.quantity.low) for d in r.deals} == {("EST", 12), ("FIN", 48)}


def test_deal_events_earlier_contract_stays_apart(analyse):
    r = analyse("Poland signed a deal for 54 K9 howitzers on Monday. "
                "Poland had signed a $500 million contract for K9 howitzers in 2018.", published="2025-03-06")
    assert sorted(d.date.value for d in r.deals) == ["2018", "2025-03-03"]


def test_deal_events_each_fact_from_the_most_explicit_mention():
    lead = _mention("lead", date="2025-03", quantity=12)
    body = _mention("body", date="2025-03-04", value="250000000")
    headline = _mention("headline", heading=True, status="planned", date="2025-03-06", stated=False)
    [deal] = merge_mentions([headline, lead, body])
    assert _facts(deal) == ("KOR", "EST", ("K9 Thunder",), 12, (2.5e8, "USD"), "2025-03-04", "signed")
    assert [m.sentence.text for m in deal.mentions] == ["lead", "body", "headline"]


def test_deal_events_conflicts_keep_mentions_apart():
    base = _mention("base", quantity=54, date="2025-03-03")
    assert len(merge_mentions([base, _mention("other count", quantity=24)])) == 2
    assert len(merge_mentions([base, _mention("earlier", value="500000000", date="2018")])) == 2
    assert len(merge_mentions([base, _mention("other buyer", buyer="FIN")])) == 2
    assert len(merge_mentions([base, _mention("talks on more", status="negotiating", apart=True)])) == 2
    assert len(merge_mentions([base, _mention("talks after it", status="negotiating", date="2025-04")])) == 2
    assert len(merge_mentions([base, _mention("same again", quantity=54)])) == 1


def test_deal_events_kind_joins_its_named_system():
    named = _mention("named", quantity=12)
    kind = Deal(Sentence(0, 5, "kind", 0), "KOR", "EST", ("howitzer",), None, None, DateValue(None, None), "signed", "t", False)
    other = Deal(Sentence(0, 5, "other", 0), "KOR", "EST", ("tank",), None, None, DateValue(None, None), "signed", "t", False)
    assert len(merge_mentions([named, kind], kinds={"K9 Thunder": "howitzer"})) == 1
    assert len(merge_mentions([named, other], kinds={"K9 Thunder": "howitzer"})) == 2


def test_deal_events_deal_mentions_view_lists_every_supporting_sentence(analyse, tmp_path):
    r = analyse(HEADLINE_LEAD_BODY, published="2025-03-06")
    deals, rows = _stored(r, tmp_path, "deals", "deal_mentions")
    assert len(deals) == 1 and {x["event_id"] for x in rows} == {deals[0]["event_id"]}
    assert [x["sentence"].split()[:2] for x in rows] == [["Hanwha", "Aerospace"], ["Hanwha", "wins"], ["The", "deal"]]
    assert all(HEADLINE_LEAD_BODY[x["start_char"]:x["end_char"]] == x["sentence"] for x in rows)
    assert [x["rule"].split(":")[0] for x in rows] == ["rules/deal_triggers.yaml"] * 2 + ["deals.followup-value"]


def test_deal_events_one_system_at_its_stages_is_one_deal():
    approved = _mention("approved", status="planned", date="2025-02")
    signed = _mention("signed", quantity=12, value="250000000", date="2025-03-03")
    shipped = _mention("shipped", status="delivered", date="2025-09-01")
    kinds = {"K9 Thunder": "howitzer"}
    [deal] = merge_mentions([approved, signed, shipped], kinds=kinds)
    assert _facts(deal)[-1] == "signed" and deal.quantity.low == 12  # the fullest telling gives the stage
    # four delivered of the 12 ordered: a batch of the order, which moves on to delivered with its count
    [order] = merge_mentions([signed, _mention("other count", status="delivered", quantity=4)], kinds=kinds)
    assert (order.status, order.quantity.low) == ("delivered", 12)
    assert len(merge_mentions([signed, _mention("more", status="delivered", quantity=14)], kinds=kinds)) == 2
    assert len(merge_mentions([signed, _mention("years apart", status="delivered", date="2019")], kinds=kinds)) == 2
    kind = _mention("kind", status="planned", systems=("howitzer",))
    assert len(merge_mentions([signed, kind], kinds=kinds)) == 1
    vague = [_mention("kinds only", systems=("howitzer",)), _mention("kinds, later", status="delivered", systems=("howitzer",))]
    assert len(merge_mentions(vague, kinds=kinds)) == 2


def test_deal_events_a_signing_and_its_delivery_are_one_deal(analyse):
    r = analyse("Hanwha Aerospace signed a contract with Estonia on January 14 for 12 K9 howitzers.\n\n"
                "Hanwha Aerospace delivered the 12 K9 howitzers to Estonia on Monday.", published="2025-03-06")
    assert [(d.status, d.quantity.low, d.date.value, len(d.mentions)) for d in r.deals] == [("signed", 12, "2025-01-14", 2)]


def test_deal_events_more_of_a_system_is_another_deal(analyse):
    r = analyse("Estonia signed a contract with Hanwha Aerospace in 2018 for 12 K9 howitzers.\n\n"
                "Estonia is now negotiating with Hanwha Aerospace for six more K9 howitzers.", published="2025-03-06")
    assert sorted((d.status, d.quantity.low) for d in r.deals) == [("negotiating", 6), ("signed", 12)]
    assert [m.apart for d in r.deals for m in d.mentions if d.status == "negotiating"] == [True]


def test_deal_events_talks_after_a_signing_are_another_deal(analyse):
    r = analyse("Estonia signed a framework agreement with South Korea on January 10 for K9 howitzers.\n\n"
                "Estonia is expected to sign an executive contract for the K9 howitzers in March, officials said.",
                published="2025-03-06")
    assert sorted(d.status for d in r.deals) == ["negotiating", "signed"]


def test_deal_events_a_headline_and_its_lead_naming_kinds_with_one_price_are_one_deal(analyse):
    r = analyse("Hanwha wins $300 million Estonian missile order\n\n"
                "Hanwha Aerospace said on Monday it won a $300 million order from Estonia to supply an air defense system.",
                published="2025-03-06")
    assert [(d.systems, len(d.mentions)) for d in r.deals] == [(("air defense system",), 2)]
    r = analyse("Peru ordered two frigates and an offshore patrol vessel from South Korea for $463 million last year.",
                published="2025-03-06")
    assert len(r.deals) == 2  # one contract for two kinds of ship: a row per kind


def test_a_kind_after_anti_is_what_a_system_fights(analyse):
    r = analyse("Spain ordered 12 anti-submarine helicopters and 40 anti-tank missiles from Italy in May.", published="2025-06-01")
    assert sorted(s.system for s in r.mentions.systems) == ["anti-tank missile", "helicopter"]


def test_deal_events_sentences_that_only_add_a_fact_are_listed_as_mentions(analyse, tmp_path):
    text = ("Hanwha Aerospace signed a contract with Estonia to supply 12 K9 howitzers.\n\n"
            "The deal is worth $250 million.\n\nThe contract was signed on Tuesday in Tallinn.")
    r = analyse(text, published="2025-03-06")
    [deal] = r.deals
    assert (deal.systems, deal.quantity.low, int(deal.value.low), deal.date.value) == (("K9 Thunder",), 12, 250_000_000, "2025-03-04")
    assert [rule for _, rule in deal.support] == ["deals.followup-value", "deals.followup-date"]
    [rows] = _stored(r, tmp_path, "deal_mentions")
    assert [x["sentence"].split()[:2] for x in rows] == [["Hanwha", "Aerospace"], ["The", "deal"], ["The", "contract"]]
    assert all(text[x["start_char"]:x["end_char"]] == x["sentence"] for x in rows)


def test_deal_events_a_headline_read_otherwise_than_its_body_makes_no_second_deal(analyse):
    r = analyse("Chile orders 12 coastal patrol boats from Spain\n\n"
                "Chile signed a contract with Navantia on Monday to buy 12 coastal patrol boats from Spain, the ministry said.",
                published="2025-03-06")
    assert [(d.buyer, d.systems, d.status) for d in r.deals] == [("CHL", ("patrol vessel",), "signed")]
    told = [m.sentence for m in r.deals[0].mentions] + [s for s, _ in r.deals[0].support]
    assert [s.text.split()[:2] for s in told if s.heading] == [["Chile", "orders"]]
    body = _mention("body", quantity=12)
    misread = _mention("headline", heading=True, buyer="ESP")  # the headline's grammar read the other way round
    [deal] = merge_mentions([body, misread], kinds={"K9 Thunder": "howitzer"})
    assert deal.buyer == "EST" and [s.text for s, _ in deal.support] == ["headline"]
    r = analyse("Chile orders 12 coastal patrol boats from Spain\n\nThe ministry also bought 40 trucks.", published="2025-03-06")
    assert len(r.deals) == 1  # a headline the body does not tell again is a deal of its own


def test_deal_events_take_their_date_from_the_body_not_a_caption_or_headline():
    body = _mention("body", quantity=12, date="2025-03-04", stated=False)  # told on Tuesday
    caption = replace(_mention("photo taken on March 2", date="2025-03-02"),
                      sentence=Sentence(0, 20, "photo taken on March 2", 0, False, "caption"))
    headline = _mention("headline", heading=True, date="2025-03-01")
    [deal] = merge_mentions([body, caption, headline], kinds={"K9 Thunder": "howitzer"})
    assert deal.date.value == "2025-03-04" and deal.sentence.text == "body"


def test_deal_events_a_second_count_in_the_same_sentence_is_part_of_the_deal(analyse):
    r = analyse("Germany has donated 28 Leopard 2A4 tanks and two recovery tanks to the Czech Republic.", published="2025-03-06")
    assert [(d.systems, d.quantity.low, len(d.mentions)) for d in r.deals] == [(("Leopard 2A4",), 28, 2)]
    r = analyse("Poland signed for 54 K9 howitzers on Monday, after a 2018 contract for 24 K9 howitzers.", published="2025-03-06")
    assert sorted(d.quantity.low for d in r.deals) == [24, 54]  # another date: another contract


def test_deal_events_a_plans_target_after_the_article_keeps_it_one_deal():
    kinds = {"K9 Thunder": "howitzer"}
    joined = _mention("decided in June to join the purchase", date="2024-06")
    target = _mention("expected to buy 77, a fleet of 122 after 2030", status="planned", quantity=77, date="2030")
    fleet = _mention("expected to buy 77, a fleet of 122 after 2030", status="planned", quantity=122, date="2030")
    deals = merge_mentions([joined, target, fleet], kinds=kinds, published=DateValue("2024-11-21", "day"))
    assert [(d.status, d.quantity.low) for d in deals] == [("planned", 77)]


def test_deal_events_each_sentence_is_listed_once_and_a_headline_stays_listed(analyse, tmp_path):
    kinds = {"K9 Thunder": "howitzer"}
    body = _mention("body", quantity=12)
    misread = _mention("headline", heading=True, buyer="ESP")
    later = _mention("later", date="2025-03-03")
    [deal] = merge_mentions([body, misread, later], kinds=kinds)
    assert [s.text for s, _ in deal.support] == ["headline"]  # kept when the deal is folded again
    r = analyse("Germany has donated 28 Leopard 2A4 tanks and two recovery tanks to the Czech Republic.", published="2025-03-06")
    [rows] = _stored(r, tmp_path, "deal_mentions")
    assert len(rows) == 1


def test_deal_events_a_signing_told_outranks_the_plan_told_more_fully(analyse):
    # the plan's sentence states more (a count), but the body says the contract was signed
    r = analyse("Hanwha Aerospace signed a contract with Estonia to export K9 howitzers.\n\n"
                "The South Korean firm will supply a total of 36 K9 howitzers to Estonia by 2028.", published="2025-03-06")
    assert [(d.buyer, d.systems, d.quantity and d.quantity.low, d.status) for d in r.deals] == \
        [("EST", ("K9 Thunder",), 36, "signed")]


def test_deal_events_only_a_signing_told_outranks_the_fuller_plan():
    # "the sale" read as signed names no signing: the plan told with its count keeps its status
    plan = _mention("Estonia plans to buy 36 K9 howitzers.", status="planned", quantity=36, stated=False)
    for signing, status in ((False, "planned"), (True, "signed")):
        told = replace(_mention("The K9 sale to Estonia drew questions.", status="signed", stated=False), signing=signing)
        assert [d.status for d in merge_mentions([told, plan], kinds={"K9 Thunder": "howitzer"})] == [status]


def test_deal_events_a_delivery_joins_the_order_it_is_part_of(analyse):
    # the order is named after the delivery, dated years before it, its "additional" setting it apart from
    # the first contract, not from the delivery; the deal is dated when it was signed
    r = analyse("Hanwha Aerospace said Monday it shipped a batch of six K9 howitzers to Estonia.\n\n"
                "The shipment is part of a 2023 contract to supply additional K9 howitzers, following a first "
                "contract signed in 2018 for 18 K9s.", published="2025-03-06")
    assert sorted(_facts(d) for d in r.deals) == [
        ("KOR", "EST", ("K9 Thunder",), 6, None, "2023", "delivered"),
        ("KOR", "EST", ("K9 Thunder",), 18, None, "2018", "signed")]


def test_deal_events_a_delivery_of_part_of_the_order_is_that_order_delivered(analyse):
    # one row per order, as an analyst keeps it: its count and price, its status moved on, dated by the delivery
    r = analyse("Poland signed a contract for 180 K2 tanks in August 2022.\n\n"
                "Poland received the first 10 K2 tanks in December 2022.", published="2022-12-08")
    assert [_facts(d) for d in r.deals] == [("KOR", "POL", ("K2 Black Panther",), 180, None, "2022-12", "delivered")]
    r = analyse("India delivered the first batch of BrahMos cruise missiles to the Philippines on Friday.\n\n"
                "In January 2022, Manila concluded a $375 million deal with New Delhi for three batteries of BrahMos "
                "missiles.", published="2024-04-20")
    assert [_facts(d) for d in r.deals] == [("IND", "PHL", ("BrahMos",), 3, (375e6, "USD"), "2024-04-19", "delivered")]
    assert [len(d.mentions) for d in r.deals] == [2]


def test_deal_events_a_delivery_with_two_orders_of_its_system_stays_apart(analyse):
    # which order the batch is part of is not said
    r = analyse("Warsaw signed a contract for 180 K2 tanks in 2022 and a second contract for another 180 K2 tanks in 2025.\n"
                "Hyundai Rotem delivered the first batch of 10 K2 tanks to Poland on Tuesday.", published="2025-03-06")
    assert sorted((d.status, d.quantity.low, d.date.value) for d in r.deals) == [
        ("delivered", 10, "2025-03-04"), ("signed", 180, "2022"), ("signed", 180, "2025")]
