"""How far along a deal is: the status its trigger and cues give, the contract a delivery belongs to, and
whether a delivery is the whole order (when the deal was made: deal_dates.py)."""

from __future__ import annotations

from typing import Container

from spacy.tokens import Span, Token

from pipeline.records import Quantity, SystemMention
from pipeline.rules import LexicalRule, Rules
from pipeline.stages.deals import counts as deal_counts
from pipeline.stages.deals.drafts import Context, Draft
from pipeline.stages.views import SentenceView, clause_chain, governs


def status_of(view: SentenceView, trigger: Token, rule: LexicalRule, tokens: set[int] | None,
            signing: frozenset[str] = frozenset()) -> str | None:
    """The status the trigger and the cues governing it give; None where the deal is negated."""
    return status_and_cue(view, trigger, rule, tokens, signing)[0]


def status_and_cue(view: SentenceView, trigger: Token, rule: LexicalRule, tokens: set[int] | None,
                   signing: frozenset[str] = frozenset()) -> tuple[str | None, str]:
    """status_of, with what set it: the cue's rule (rules/cues.yaml:LINE), the trigger's own status (its rule),
    or the step of this module that read it (``deals.status.talks-closed``)."""
    def cues(effect: str):
        return [c for c in view.effects(effect) if tokens is None or c.root.i in tokens]

    def first(effect: str, test) -> str | None:
        return next((view.cue_rule(c, effect) for c in cues(effect) if test(c)), None)

    base = rule.attrs["status"]
    if (why := first("negation", lambda c: governs(c, trigger))) is not None:
        return None, why
    if cues("aid"):
        return "aid", view.cue_rule(cues("aid")[0], "aid")
    aid = next((r for t, r in view.deal_triggers if (tokens is None or t.i in tokens) and r.attrs["status"] == "aid"), None)
    if aid is not None and base != "lost":
        return "aid", aid.id
    if base == "negotiating":
        return "negotiating", rule.id
    if (why := first("negotiating", lambda c: governs(c, trigger) or _in_talks_to(c, trigger))) is not None:
        return "negotiating", why
    if _talks_closed(view, trigger, rule, signing):
        return "negotiating", "deals.status.talks-closed"
    if rule.lemma in signing and (why := first("planned", lambda c: _preliminary(c, trigger))) is not None:
        return "planned", why
    if base != "lost" and (why := first("hypothetical", lambda c: _supposes(c, trigger))) is not None:
        return ("negotiating" if rule.lemma in signing else "planned"), why
    if (why := first("planned", lambda c: governs(c, trigger))) is not None:
        # a signing to come is being negotiated ("is expected to sign"); a purchase to come is a plan ("will buy")
        return ("negotiating" if rule.lemma in signing else "planned"), why
    return base, rule.id


def signed_now(view: SentenceView, rules: Rules, tokens: set[int] | None = None) -> bool:
    """Does the clause tell a signing done ("signed a contract", "the deal, signed Tuesday", "chose the gun in
    2017, signing for 100 units"): a signing verb in the past, or its participle beside a verb in the past,
    whose status is signed, not one to come ("may be signed as early as June", "is expected to be signed")?"""
    signing = rules.trigger_class("signing")
    return any(r.lemma in signing and _in_the_past(t) and status_of(view, t, r, tokens, signing) == "signed"
               for t, r in view.deal_triggers if tokens is None or t.i in tokens)


def _in_the_past(verb: Token) -> bool:
    """A verb in the past, or a participle clause on one ("chose the gun in 2017, signing for 100 units")."""
    return verb.tag_ in ("VBD", "VBN") or verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.tag_ == "VBD"


def scheduled(view: SentenceView, transfer: Token, rules: Rules) -> bool:
    """Is a transfer to come told of the goods as a schedule ("the vehicles will be delivered alongside ...", "six
    patrol vessels that are expected to be handed over from 2026"), or of the buyer receiving them ("Poland
    will receive 116 tanks"): a delivery an order fixes, so the deal is signed; not a sender's promise
    ("Germany will send tanks") nor a plan ("plans to have them shipped")? Every planned cue on it must be a
    word of the class schedule (rules/words.yaml)."""
    passive = transfer.lemma_.lower() in rules.trigger_class("transfer") and \
        any(c.dep_ in ("auxpass", "nsubjpass") for c in transfer.children)
    if not passive and not _received(view, transfer, rules):
        return False
    words = rules.word_class("schedule")
    on_it = [c for c in view.effects("planned") if governs(c, transfer)]
    return bool(on_it) and all(c.root.lower_ in words or c.root.lemma_.lower() in words for c in on_it)


def receiving(rules: Rules) -> frozenset[str]:
    """Lemmas of the verbs of a buyer getting the goods ("receive", "induct"): deal triggers whose subject is
    the buyer and whose status is delivered."""
    key = ("receiving",)
    if key not in rules._cache:
        rules._cache[key] = frozenset(r.lemma for r in rules.deal_triggers.values() if r.lemma and r.pos == "VERB"
                                      and r.attrs["status"] == "delivered" and r.attrs.get("subject") == "buyer")
    return rules._cache[key]


def _received(view: SentenceView, trigger: Token, rules: Rules) -> bool:
    """Is the trigger a verb of the buyer getting the goods ("Poland will receive 116 tanks")?"""
    return trigger.pos_ == "VERB" and trigger.lemma_.lower() in receiving(rules) and \
        any(t.i == trigger.i for t, _ in view.deal_triggers)


def bound_by_deal(view: SentenceView, transfer: Token) -> bool:
    """Is a transfer in the clause of a verb whose subject is a signed deal's noun ("the new deal will see
    the firm build and deliver six howitzers")? The deal binds a side to it: what was signed, not goods that
    have moved."""
    nouns = {t.i for t, r in view.deal_triggers if t.pos_ == "NOUN" and r.attrs["status"] == "signed"}
    t = transfer
    while t.dep_ in ("conj", "ccomp", "xcomp") and t.head.i != t.i:
        t = t.head
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" and c.i in nouns for c in t.children):
            return True
    return False


def contract_told_done(noun: Token) -> bool:
    """Is a signed deal's noun the object of a verb in the past ("each exchanged contracts with the
    agency", "placed an order for 48 jets", "won the contract")? The text says the deal was made, as a
    signing verb does: it outranks a fuller telling of the plan ("will export the system in a deal worth
    ...") where its own status is signed."""
    return noun.pos_ == "NOUN" and noun.dep_ == "dobj" and noun.head.tag_ == "VBD"


def choice_open(view: SentenceView, trigger: tuple[Token, LexicalRule], tokens: set[int] | None, rules: Rules) -> bool:
    """Is a choice of system still to come ("is likely to pick the Gripen", "will select its new frigate in
    May")? A selecting trigger (rules/deal_triggers.yaml class selecting) a planned cue governs: the contest
    is open, the systems in it are bids under evaluation. A choice made ("chose the Gripen") stays planned, and
    so does a selection told by its noun ("with the selection of the frigate, the ministers will ..."): the
    cue there is the clause's."""
    t, rule = trigger
    if t.pos_ != "VERB" or rule.lemma not in rules.trigger_class("selecting"):
        return False
    return any(governs(c, t) for c in view.effects("planned") if tokens is None or c.root.i in tokens)


def _in_talks_to(cue: Span, trigger: Token) -> bool:
    """Is the trigger the purpose of talks its subject is in ("Spain is in talks with Turkey to buy 24 jets",
    "is in final negotiations with Hanwha to acquire ..."): an infinitive the parser hangs from the copula whose
    preposition holds the talks, not from the talks? (Not talks that only date the clause: "During the talks,
    the ministers assessed deals to supply ...".)"""
    root = cue.root
    return trigger.dep_ == "advcl" and trigger.head.pos_ == "AUX" and root.dep_ == "pobj" and root.head.dep_ == "prep" \
        and root.head.head.i == trigger.head.i and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)


def _talks_closed(view: SentenceView, trigger: Token, rule: LexicalRule, signing: frozenset[str]) -> bool:
    """"finalized negotiations", "concluded talks": a signing verb whose object is the talks ends them; the
    contract is still to be signed."""
    return rule.lemma in signing and any(t.head.i == trigger.i and t.dep_ == "dobj" and r.attrs["status"] == "negotiating"
                                         for t, r in view.deal_triggers)


def _preliminary(cue: Span, trigger: Token) -> bool:
    """Is a planned cue what the signing binds ("signed a memorandum of understanding", "a letter of
    intent", "agreed to team up to build ..."): a signing short of a contract?"""
    return cue.root.head.i == trigger.i and cue.root.dep_ in ("dobj", "nsubjpass", "xcomp")


def _supposes(cue: Span, trigger: Token) -> bool:
    """Does a hypothetical cue make the trigger's clause a supposition: the condition of its clause ("if
    Brazil picks the Gripen", "unless Lima signs"), or the conditional verb or condition of the clause whose
    subject the deal noun is ("the purchase would open a new market if the talks succeed")?"""
    chain = clause_chain(trigger)
    verb = trigger.head if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "nsubjpass") else None
    for c in cue:
        if c.dep_ == "mark" and (c.head in chain or c.head.dep_ == "advcl" and c.head.head in chain):
            return True
        if verb is not None and (c.head.i == verb.i and c.dep_ == "aux" or
                                 c.dep_ == "mark" and c.head.dep_ == "advcl" and c.head.head.i == verb.i):
            return True
    return False


def trigger_at(t: Token, trigger_ids: Container[int]) -> int | None:
    """The trigger a word stands for in the parse: itself, or the trigger noun a plain verb takes as its
    object ("placed the biggest order", "won a contract")."""
    if t.i in trigger_ids:
        return t.i
    if t.pos_ == "VERB":
        return next((c.i for c in t.children if c.dep_ == "dobj" and c.i in trigger_ids), None)
    return None


def governing(view: SentenceView, system: SystemMention, triggers: list[tuple[Token, LexicalRule]]) -> list[tuple[Token, LexicalRule]]:
    """The triggers above a system in the parse, nearest first: "K2s ... it ordered in 2022" -> "ordered"."""
    by_index = {t.i: (t, r) for t, r in triggers}
    span = view.span(system.start, system.end)
    if span is None:
        return []
    out = []
    noun = span.root
    while noun.dep_ in ("amod", "compound", "nmod") and noun.head.i != noun.i:
        noun = noun.head  # "K9" in "212 K9 howitzers": the howitzers
    # a relative clause on the noun or on a noun coordinated with it: "the K2s and K9s it ordered in 2022"
    nouns = [noun, *[c for c in noun.children if c.dep_ in ("conj", "appos")]] + ([noun.head] if noun.dep_ == "conj" else [])
    for n in nouns:
        for c in n.children:
            if c.dep_ in ("relcl", "acl") and c.i in by_index:
                out.append(by_index[c.i])
    t = span.root
    while t.head.i != t.i:
        t = t.head
        at = trigger_at(t, by_index)
        if at is not None and by_index[at] not in out:
            out.append(by_index[at])
    return out


def describes_a_thing(root: Token | None, trigger_ids: Container[int]) -> bool:
    """Is the date in a participle or relative clause that describes a thing, not a deal ("two frigates,
    launched in 2021", "the K9, which entered service in 1999")? It dates that thing. A clause on a deal
    noun ("the agreement, reached in February") or whose verb is a deal's ("an order placed in 2022",
    "Norway, which received K9s in 2019") dates a deal."""
    verb = next((t for t in ([root] + list(root.ancestors) if root is not None else []) if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.dep_ not in ("acl", "relcl") or verb.head.i in trigger_ids:
        return False
    return trigger_at(verb, trigger_ids) is None


def completes(delivery: Token, rules: Rules) -> bool:
    """Is the delivery the completion of a whole order: "should complete the delivery of 180 units",
    "the completion of deliveries of all 48 jets"; not of a part of it ("the first batch of 10")?"""
    head = delivery.head.head if delivery.head.lower_ == "of" else delivery.head
    partial = rules.word_class("partial")
    return delivery.lemma_ in rules.trigger_class("transfer") and head.i != delivery.i \
        and head.lemma_.lower() in rules.word_class("completion") and not any(t.lower_ in partial for t in delivery.subtree)


def carried_out(trigger: Token, rules: Rules) -> bool:
    """Is a deal noun told as carried out: "the successful implementation of the first contract", "the
    completion of the order" (words.yaml class completion)?"""
    return trigger.pos_ == "NOUN" and trigger.head.lower_ == "of" and trigger.head.head.lemma_.lower() in rules.word_class("completion")


def order_of_part(view: SentenceView, q: Quantity | None, rules: Rules) -> int | None:
    """The count of the order a delivery is part of, where its sentence says what remains: "shipped 133
    tanks and the remaining 47 will be delivered later" -> 180 (words.yaml class remainder). None otherwise."""
    if q is None or q.low != q.high:
        return None
    words, numbers = rules.word_class("remainder"), rules.numbers()
    rest = next((n for t in view.doc[1:] if t.nbor(-1).lower_ in words and (n := deal_counts.number(t, numbers))), None)
    return q.low + rest if rest else None


def whole_order(ctx: Context, draft: Draft, q: Quantity | None) -> bool:
    """Give the count of a completed delivery to the one signed order it completes, if that has none yet."""
    if q is None:
        return False
    targets = [d for d in ctx.drafts if d.status == "signed" and d.quantity is None and d.buyer == draft.buyer
               and (not draft.systems or draft.systems == d.systems)]
    if len(targets) != 1:
        return False
    targets[0].quantity = q
    return True


def batch_of_order(status: str, rule: LexicalRule) -> bool:
    """Can the clause tell a batch of an order, where a word says it is part of one: a delivery ("the first batch of
    10 arrived"), or one still to come by a verb of sending or receiving ("will receive the last batch of five later
    this year": the order's schedule, planned or, as a buyer's delivery to come, signed)?"""
    return status == "delivered" or status in ("planned", "signed") and rule.attrs.get("status") == "delivered"
