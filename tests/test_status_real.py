"""Deal status in the constructions real pages use and earlier rules missed (issue 14, section 2), each on a
sentence of our own."""

from __future__ import annotations

import pytest

PUBLISHED = "2025-06-10"


def _status(analyse, text: str) -> list[tuple]:
    r = analyse(text, published=PUBLISHED)
    return sorted((d.supplier, d.buyer, d.systems, d.status) for d in r.deals)


CASES = [
    # an aid clause that names no system sets the scene: what is then handed to that country is aid
    ("Norway has confirmed the transfer to Ukraine of a new aid package with a value of about $400 million.\n\n"
     "The minister called it an important contribution.\n\nThis time, Norway is handing Ukraine four NASAMS launchers.",
     [("NOR", "UKR", ("NASAMS",), "aid")]),
    # a sale is no aid, whatever else the country is given
    ("Norway announced new military aid for Ukraine on Monday.\n\nThe minister called it an important contribution."
     "\n\nSeparately, Poland sold 20 K2 tanks to Ukraine.", [("POL", "UKR", ("K2 Black Panther",), "signed")]),
    # a transfer to come, told of the goods, is an order's schedule: signed; a sender's promise or a maybe is not
    ("The Redback vehicles will be delivered to Australia in 2027.", [("KOR", "AUS", ("AS21 Redback",), "signed")]),
    ("The first K9 howitzers are expected to be delivered to Egypt in 2027.", [("KOR", "EGY", ("K9 Thunder",), "signed")]),
    ("Germany will send 20 Leopard 2 tanks to Poland.", [("DEU", "POL", ("Leopard 2",), "planned")]),
    ("The K9 howitzers could be delivered to Egypt next year.", [("KOR", "EGY", ("K9 Thunder",), "planned")]),
    # the body's lead retells the headline's delivery; it goes on about no deal of the headline's grammar
    ("First batch of K2 tanks delivered to Polish army\n\nThe first batch of K2 tanks was delivered to the Polish army "
     "on Tuesday, the ministry confirmed.\n\nPoland has bought 180 such tanks from South Korea.",
     [("KOR", "POL", ("K2 Black Panther",), "delivered")]),  # (the batch is news of the order: one deal)
    # an infinitive the parser reads as a relative clause still carries the buyer; a relative clause does not
    ("Hanwha has completed the first shipment of chassis for 120 K9 howitzers to be assembled for the Polish Army.",
     [("KOR", "POL", ("K9 Thunder",), "delivered")]),
    ("Hanwha, which builds howitzers for the Polish Army, shipped 24 K9 howitzers to Norway.",
     [("KOR", "NOR", ("K9 Thunder",), "delivered")]),
    # a system named as a standard to compare with is another deal than the one the sentence is about
    ("Hanwha Ocean on Friday signed a contract with the Philippines to build two frigates.\n\nHanwha said the frigates "
     "will be built to similar specifications as the Philippine Navy's two Jose Rizal-class frigates, which were "
     "delivered earlier this year.",
     [("KOR", "PHL", ("Jose Rizal-class frigate",), "delivered"), ("KOR", "PHL", ("frigate",), "signed")]),
    # a contract told as news, with no date, is not the order of a delivery the text dates in an earlier year
    ("Hanwha Ocean has been awarded a contract by the Philippine Navy for two frigates.\n\nHanwha had also supplied "
     "the Philippine Navy with two Jose Rizal-class frigates in 2021.",
     [("KOR", "PHL", ("Jose Rizal-class frigate",), "delivered"), ("KOR", "PHL", ("frigate",), "signed")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:60] for c in CASES])
def test_status_real(analyse, text, expected):
    assert _status(analyse, text) == expected


STATUS_ONLY = [
    # an agreement to team up or join forces is a partnership: what the partners are to build is planned
    ("Last year the two firms agreed to team up to build 272 Panther tanks for the Italian army, a €23 billion deal.",
     ["planned"]),
    ("Germany and Italy agreed to join forces to build 272 Panther tanks for the Italian army.", ["planned"]),
    ("Italy agreed to buy 272 Panther tanks from Germany.", ["signed"]),
]


@pytest.mark.parametrize("text,expected", STATUS_ONLY, ids=[c[0][:60] for c in STATUS_ONLY])
def test_status_only(analyse, text, expected):
    assert sorted(d.status for d in analyse(text, published=PUBLISHED).deals) == expected


def test_a_batch_to_come_is_the_schedule_of_the_order_not_an_order(analyse):
    r = analyse("One example is the planned delivery of K9 howitzers to Norway. The European country signed a contract with "
                "Hanwha in 2017 to acquire 24 K9s and six K10 resupply vehicles by the end of 2020.\n\n"
                "\"Production runs as normal and the first batch of the K9s is set to be shipped to Norway in May,\" an "
                "official said.\n\nSince last November, two K9 guns have been in trials, along with one K10 vehicle, he added.",
                published="2020-04-09")
    assert sorted((d.systems[0], d.status, d.quantity.low) for d in r.deals) == [("K10", "signed", 6), ("K9 Thunder", "signed", 24)]


@pytest.mark.parametrize("text", [
    "Seoul struggled to carry out its second contract with Poland due to financial assistance needs.\n"
    "Hyundai Rotem delivered 46 K2 tanks to Poland in March.",
    "Japan sent humanitarian aid to Ukraine in May.\nThe US delivered 31 Abrams tanks to Ukraine in March.",
])
def test_aid_that_arms_no_one_makes_no_delivery_aid(analyse, text):
    assert [d.status for d in analyse(text, published="2025-03-06").deals] == ["delivered"]
