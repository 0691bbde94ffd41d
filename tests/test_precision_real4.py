"""Deal precision on constructions real articles use: sentences that name a system without telling a
transfer between two countries (issue 14), on sentences of our own."""

from __future__ import annotations

import pytest


def _deals(r) -> list[tuple[str | None, str, tuple[str, ...]]]:
    return sorted((d.supplier, d.buyer, d.systems) for d in r.deals)


def _mentions(r) -> list[str]:
    """The sentences deal mentions come from."""
    return [m.sentence.text for d in r.deals for m in d.mentions]


@pytest.mark.parametrize("text", [
    "Poland will receive 24 Rafale jets from France.\n\nThe news comes weeks after an order by France last month for "
    "42 Rafale jets worth 5 billion euros.",
    "Poland will receive 24 Rafale jets from France.\n\nParis meanwhile confirmed the purchase by France of 30 more "
    "Rafale jets.",
    "Egypt will receive 20 K9 howitzers from South Korea.\n\nThe K9 now being delivered to South Korea's army has a new "
    "fire-control system.",
    "Egypt will receive 20 K9 howitzers from South Korea.\n\nSeoul also handed over 30 K9 howitzers to the South Korean "
    "army this year.",
])
def test_a_country_buying_from_its_own_industry_borrows_no_buyer(analyse, text):
    """"An order by France for Rafales", "delivered to South Korea's army": a domestic order, not the export
    the paragraph before told; its count and system add no deal of that buyer."""
    r = analyse(text, published="2025-03-06")
    assert len(r.deals) == 1, _deals(r)
    assert all(m.startswith(("Poland will", "Egypt will")) for m in _mentions(r)), _mentions(r)


def test_a_buyer_that_does_not_make_the_system_still_reads_the_deal_before(analyse):
    """A buyer named that does not make the system is not a domestic order: the rule leaves it alone."""
    r = analyse("Ukraine will receive two Patriot batteries from Germany.\n\nGermany will then buy two new "
                "Patriot batteries from the United States.", published="2025-03-06")
    assert ("DEU", "UKR", ("Patriot",)) in _deals(r)


def _systems_of_deals(r) -> set[str]:
    return {s for d in r.deals for s in d.systems}


@pytest.mark.parametrize("text,not_goods", [
    ("Ukraine will receive 12 Gepard guns from Germany.\n\nEach Gepard is mounted on a tracked chassis that can carry "
     "two Stinger missiles.", "FIM-92 Stinger"),
    ("Ukraine will receive 12 Gepard guns from Germany.\n\nThe guns are mounted on trucks that carry four Stinger "
     "missiles or one IRIS-T missile.", "IRIS-T SLM"),
    ("Ukraine will receive 12 Gepard guns from Germany.\n\nThe guns are built on chassis that carry a launcher with "
     "four Stinger missiles or one IRIS-T missile.", "FIM-92 Stinger"),
    ("Indonesia ordered 42 Rafale jets from France in 2022.\n\nThe jets can also fire the Meteor missile.", "Meteor"),
    ("Japan will receive 48 JSM missiles from Norway.\n\nThe missiles are to be mounted on F-35 jets of the air force.",
     "F-35"),
    ("The Philippines will receive two Ground Master 400 radars from France.\n\nThe radar will be integrated with the "
     "command system supplied by the Israeli firm Elbit.", "Ground Master"),
])
def test_a_system_told_by_its_use_is_not_the_goods(analyse, text, not_goods):
    """What a platform carries or fires, the platform a thing is mounted or fitted on, and the system fitted to
    what a trigger tells of ("integrated with the missiles supplied by ...") are not the goods of a deal."""
    r = analyse(text, published="2025-03-06")
    assert r.deals, "the first sentence's deal is still read"
    second = r.deals[0].mentions[0].sentence.paragraph + 1
    assert not [d for d in r.deals if not_goods in d.systems and d.mentions[0].sentence.paragraph == second], _deals(r)


def test_goods_a_trigger_names_stay_goods_when_used(analyse):
    """"HIMARS supplied by the US": the trigger modifies the system itself; its use elsewhere leaves it the goods."""
    r = analyse("Ukraine has used HIMARS launchers supplied by the United States to strike bridges.", published="2025-03-06")
    assert ("USA", "UKR", ("HIMARS",)) in _deals(r)



@pytest.mark.parametrize("text", [
    "Norway will buy 20 K9 howitzers from South Korea.\n\nOslo is set to order a new tank too, with Germany's KNDS "
    "(Leopard 2A8) or South Korea's Hyundai Rotem (K2) being the likely suppliers.",
    "Norway will buy 20 K9 howitzers from South Korea.\n\nThe country is poised to procure new tanks, with France's "
    "KNDS France (Leclerc) or South Korea's Hyundai Rotem (K2) being the two finalists.",
])
def test_a_company_s_home_country_is_on_the_company_s_side(analyse, text):
    """"Germany's KNDS or South Korea's Hyundai Rotem": each country is its company's home, a supplier; neither is
    the other's buyer."""
    deals = _deals(analyse(text, published="2025-03-06"))
    assert not [d for d in deals if d[0] in ("DEU", "FRA", "KOR") and d[1] in ("DEU", "FRA", "KOR")], deals


@pytest.mark.parametrize("text", [
    "Malaysia will buy 18 FA-50 jets from South Korea.\n\nIn all, 60 Korean aircraft have been exported to the Asian "
    "market, including KT-1 and T-50 trainers.",
    "Malaysia will buy 18 FA-50 jets from South Korea.\n\nSeoul has so far sold 90 KT-1 and T-50 trainers to customers "
    "worldwide, Malaysia's among them.",
    "Malaysia will buy 18 FA-50 jets from South Korea.\n\nOver the decade 45 T-50 trainers were shipped to the region.",
])
def test_exports_to_a_market_or_region_are_no_deal_of_one_buyer(analyse, text):
    """"Exported to the Asian market", "sold to customers worldwide": a count of exports to many buyers; the buyer
    of the deal before, or a country named aside, is not theirs."""
    deals = _deals(analyse(text, published="2025-03-06"))
    assert deals == [("KOR", "MYS", ("FA-50",))], deals
