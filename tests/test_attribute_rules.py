"""What set each attribute of a deal: the cue or trigger behind its status, the role rule, trigger grammar or
system's maker behind its supplier and buyer (deals.status_rule, supplier_rule, buyer_rule), stored, shown by
``armsledger show`` and in the report, on sentences of our own."""

from __future__ import annotations

import pytest

from conftest import as_read, view_dicts
from test_rules import line_of


def _deal(analyse, text: str, published: str = "2025-03-05"):
    (deal,) = analyse(text, published=published).deals
    return deal


def test_a_cue_sets_the_status_and_a_preposition_the_supplier(analyse):
    deal = _deal(analyse, "Poland will buy 96 K9 howitzers from South Korea.")
    assert (deal.status, deal.supplier, deal.buyer) == ("planned", "KOR", "POL")
    assert deal.status_rule == line_of("cues.yaml", "- {lemma: will,")
    assert deal.supplier_rule == line_of("roles.yaml", "- {preposition: from, role: supplier}")
    assert deal.buyer_rule == line_of("deal_triggers.yaml", "- {lemma: buy, pos: VERB,") + " (subject)"


def test_the_trigger_keeps_its_own_status_and_a_maker_supplies_its_system(analyse):
    deal = _deal(analyse, "Estonia bought 12 K9 howitzers last year, the ministry said.")
    assert (deal.status, deal.supplier, deal.buyer) == ("signed", "KOR", "EST")
    assert deal.status_rule == line_of("deal_triggers.yaml", "- {lemma: buy, pos: VERB,")
    assert deal.supplier_rule == line_of("systems.yaml", "- {name: K9 Thunder,") + " (origin)"


@pytest.mark.parametrize("text, status, why", [
    # a contract to deliver is signed, not delivered
    ("Hanwha Aerospace signed a contract on Monday to deliver 18 K9 howitzers to Vietnam.", "signed",
     "deals.status.bound-to-deliver"),
    # talks toward a signing: negotiating
    ("Seoul and Warsaw agreed to work toward concluding a contract for 300 K239 rocket launchers.", "negotiating",
     "deals.status.signing-to-come"),
])
def test_a_step_of_the_stage_is_named_where_no_rule_line_decided(analyse, text, status, why):
    deal = _deal(analyse, text)
    assert (deal.status, deal.status_rule) == (status, why)


def test_the_rules_are_stored_and_shown(engine, analyse):
    from pipeline import store
    from pipeline.report.show import render, show_event

    store.save(engine, as_read(analyse("Poland will buy 96 K9 howitzers from South Korea.", published="2025-03-05")))
    (row,) = view_dicts(engine, "deals")
    assert (row["status_rule"], row["supplier_rule"]) == (line_of("cues.yaml", "- {lemma: will,"),
                                                          line_of("roles.yaml", "- {preposition: from, role: supplier}"))
    assert row["buyer_rule"].endswith("(subject)")
    shown = show_event(engine, row["event_id"])
    assert shown.rules()[:4] == [("trigger", row["rule"]), ("status", row["status_rule"]),
                                 ("supplier", row["supplier_rule"]), ("buyer", row["buyer_rule"])]
    text = render(shown)
    assert f"  status: {row['status_rule']}" in text and f"  supplier: {row['supplier_rule']}" in text
    assert {r["what"] for r in shown.as_dict()["rules"]} >= {"trigger", "status", "supplier", "buyer"}


def test_a_deal_told_on_takes_the_rules_of_the_deal_just_told(analyse):
    """"The deal also covers ...": the second system's status and sides are the first deal's, and so is what set them."""
    first, second = analyse("Romania signed a contract with Hanwha Aerospace for 54 K9 howitzers on Tuesday. The deal also "
                            "covers 36 K10 ammunition resupply vehicles.", published="2025-03-05").deals
    assert (first.systems, second.systems) == (("K9 Thunder",), ("K10",))
    assert (second.status_rule, second.supplier_rule, second.buyer_rule) == (
        first.status_rule, first.supplier_rule, first.buyer_rule)
    assert first.status_rule == line_of("deal_triggers.yaml", "- {lemma: sign,") and first.supplier_rule == "deals.roles.company"


def test_a_generic_word_standing_for_a_named_system_cites_the_system_s_entry():
    """"the jets" standing for the FA-50 named beside them: the maker is the FA-50's, and so is the line cited."""
    from pipeline.records import SystemMention

    generic = SystemMention(0, 4, "jets", "fighter aircraft", "fighter aircraft", None, True, "rules/categories.yaml:12")
    named = SystemMention(10, 15, "FA-50", "FA-50", "fighter aircraft", "KOR", False, "rules/systems.yaml:29")
    from pipeline.stages.deals.supplier_buyer import resolve_sides

    supplier, _buyer, why, _ = resolve_sides([], generic.named(named), None, None)
    assert (supplier, why) == ("KOR", "rules/systems.yaml:29 (origin)")
