"""Deals: who sells what to whom, for how much, when, and how far along.

A clause with a deal trigger (rules/deal_triggers.yaml) gives one deal per system and
buyer (deal_roles: who; deal_terms: what, for how much, how many). Cues (rules/cues.yaml)
that govern the trigger set the status: "will buy" is planned, "is expected to sign" and
"nearing a contract" negotiating. The document keeps the deal it is talking about, so that
later sentences can add to it ("The contract is worth ...", "It covers 54 K9 howitzers")
or name its parts ("The larger of the two ... is for 180 K2 tanks") without naming the
countries again. Aggregates ("exports reached $17.3 billion") name no buyer and make no deal.
What each sentence says is a deal mention; deal_events merges a document's mentions into its deals.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Container, Iterator

from spacy.tokens import Token

from pipeline.records import CountryMention, DateMention, DateValue, Deal, Money, Quantity, Sentence, SystemMention
from pipeline.rules import LexicalRule, Rules
from pipeline.stages import deal_roles, deal_terms
from pipeline.stages.deal_contracts import assign_contracts
from pipeline.stages.deal_events import better_value, merge_mentions
from pipeline.stages.deal_roles import Party
from pipeline.stages.money import home_currency
from pipeline.stages.sentences import text_of
from pipeline.stages.views import SentenceView, depth, governs, main_trigger

_CONTEXT_PARAGRAPHS = 3


@dataclass
class _Draft:
    """A deal being assembled; becomes a Deal record when complete."""

    sentence: Sentence
    supplier: str | None
    buyer: str | None
    systems: list[str]
    quantity: Quantity | None
    value: Money | None
    date: DateValue
    date_explicit: bool
    status: str
    rule: str
    trigger: str = ""
    category: str | None = None  # for a deal known only by a generic word, until a name comes
    apart: bool = False
    contract: int | None = None  # the clause's deal it is a part of (_number_contracts)

    def record(self) -> Deal:
        return Deal(self.sentence, self.supplier, self.buyer, tuple(self.systems), self.quantity, self.value,
                    self.date, self.status, self.rule, self.date_explicit, self.apart, contract=self.contract)


@dataclass
class _Context:
    """The deal the document is talking about, for sentences that do not name its parties again."""

    supplier: str | None
    buyer: str | None
    status: str
    date: DateValue
    date_explicit: bool
    rule: str
    paragraph: int
    drafts: list[_Draft] = field(default_factory=list)


@dataclass
class _Doc:
    """What the deal stage needs of the whole document."""

    rules: Rules
    published: DateValue | None
    units: frozenset[str]
    sentences: list[Sentence]
    dates: list[DateMention]
    countries: list[CountryMention]
    systems: list[SystemMention]
    prior: str | None
    dateline_end: int = 0

    @cached_property
    def terms(self) -> deal_terms.Terms:
        return deal_terms.terms(self.rules)

    @cached_property
    def starts(self) -> list[int]:
        return [x.start for x in self.sentences]

    def previous(self, sentence: Sentence) -> Sentence | None:
        """The sentence just before ``sentence``."""
        i = bisect.bisect_left(self.starts, sentence.start)
        return self.sentences[i - 1] if i > 0 else None


# ---- status and date ---------------------------------------------------------------------------


def _status(view: SentenceView, trigger: Token, rule: LexicalRule, tokens: set[int] | None,
            signing: frozenset[str] = frozenset()) -> str | None:
    """The status the trigger and the cues governing it give; None where the deal is negated."""
    def cues(effect: str):
        return [c for c in view.effects(effect) if tokens is None or c.root.i in tokens]

    base = rule.attrs["status"]
    if any(governs(c, trigger) for c in cues("negation")):
        return None
    statuses = {r.attrs["status"] for t, r in view.deal_triggers if tokens is None or t.i in tokens}
    if cues("aid") or ("aid" in statuses and base != "lost"):
        return "aid"
    if base == "negotiating" or any(governs(c, trigger) for c in cues("negotiating")):
        return "negotiating"
    if any(governs(c, trigger) for c in cues("planned")):
        # a signing to come is being negotiated ("is expected to sign"); a purchase to come is a plan ("will buy")
        return "negotiating" if rule.lemma in signing else "planned"
    return base


def _trigger_at(t: Token, trigger_ids: Container[int]) -> int | None:
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
        at = _trigger_at(t, by_index)
        if at is not None and by_index[at] not in out:
            out.append(by_index[at])
    return out


def _own_date(view: SentenceView, trigger: Token, tokens: set[int] | None, strict: bool = False,
              deadline_ok: bool = True, deadline: re.Pattern | None = None) -> DateValue | None:
    """The date the trigger governs in the parse ("signed ... in April"); else the nearest one that no
    other trigger governs ("ordered in 2022" belongs to "ordered")."""
    dates = [d for d in view.dates if d.date.value and not d.attribution
             and (tokens is None or any(i in tokens for i in view.token_range(d)))]
    if not dates:
        return None
    trigger_ids = {t.i for t, _ in view.deal_triggers}

    def owner(d) -> int | None:
        root = view.root(d)
        t = root
        while t is not None and t.head.i != t.i:
            t = t.head
            at = _trigger_at(t, trigger_ids)
            if at is not None:
                return at
        return None

    below = {t.i for t in trigger.subtree} & trigger_ids
    mine = [d for d in dates if owner(d) == trigger.i]
    if not mine and not strict:  # "sold ... under a contract signed in January 2022": the signing's date
        mine = [d for d in dates if owner(d) in below]
    if deadline_ok is False and deadline is not None:
        # "wrap up talks before the end of the year": a deadline, not when anything happened
        text = text_of(view.doc)
        keep = lambda d: not deadline.search(text[:max(0, d.start - view.base)][-25:])
        mine, dates = [d for d in mine if keep(d)], [d for d in dates if keep(d)]
        if not dates:
            return None
    if strict:
        return min(mine, key=lambda d: abs(d.start - view.base - trigger.idx)).date if mine else None
    free = [d for d in dates if owner(d) in (None, trigger.i)] or dates
    pos = view.base + trigger.idx
    return min(mine or free, key=lambda d: abs(d.start - pos)).date


def _context_date(sentence: Sentence, doc: _Doc) -> DateValue | None:
    """The date of the sentence just before, in the same paragraph ("In 2024 so far, ... The country
    sold ..."), unless it lies after the article's own date (a target, not an event)."""
    prev = doc.previous(sentence)
    if prev is None or prev.paragraph != sentence.paragraph:
        return None
    found = [d for d in doc.dates if prev.start <= d.start < prev.end and d.date.value and not d.attribution]
    if not found:
        return None
    date = found[-1].date
    if doc.published and doc.published.value and date.value[:4] > doc.published.value[:4]:
        return None
    return date


def _is_aggregate(view: SentenceView, tokens: set[int] | None) -> bool:
    """Totals and targets: "exports reached $17.3 billion", "targeting $20 billion in exports"."""
    triggers = [(t, r) for t, r in view.deal_triggers if tokens is None or t.i in tokens]
    return bool(view.effects("aggregate")) and any(t.lemma_ in ("export", "sale", "order", "import") for t, _ in triggers) \
        and not any(t.lemma_ in ("sign", "ink", "buy", "purchase", "sell", "deliver", "award", "win", "order") and t.pos_ == "VERB"
                    for t, _ in triggers)


# ---- clauses -------------------------------------------------------------------------------------


def clauses(view: SentenceView, relative: frozenset[str] = frozenset()) -> list[set[int] | None]:
    """Token sets of the clauses that each have their own trigger verb and subject:
    "Norway will pay for two NASAMS for Kyiv, while Britain sent 14 Challenger 2 tanks" is two, and so is
    "Poland, which signed a deal for 180 K2 tanks in 2022, is negotiating ..." (``relative``: the relative
    pronouns whose clause on a country, naming a system of its own, is a clause of its own)."""
    above: dict[int, Token] = {}  # the triggers and every word above one: the words with a trigger in their subtree
    for t, _ in view.deal_triggers:
        above[t.i] = t
        above.update((a.i, a) for a in t.ancestors)
    verbs = [t for _, t in sorted(above.items()) if t.pos_ in ("VERB", "AUX")
             and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)]
    countries = {r.i for c in view.countries if c.kind in ("name", "capital") and (r := view.root(c)) is not None}
    system_at = {r.i for x in view.systems if (r := view.root(x)) is not None}
    heads = []
    for v in sorted(verbs, key=depth):
        # "Poland, which signed a deal for 180 K2 tanks in 2022, ...": a deal of the country's own, with its own system
        own = v.dep_ == "relcl" and v.head.i in countries and any(x.i in system_at for x in v.subtree) and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in relative for c in v.children)
        if own or not any(v in h.subtree and _same_clause(v, h) for h in heads):
            heads.append(v)
    if len(heads) < 2:
        return [None]
    owned = {h.i: {t.i for t in h.subtree} for h in heads}
    for h in heads:
        for other in heads:
            if other.i != h.i and other.i in owned[h.i]:
                owned[h.i] -= {t.i for t in other.subtree}
    rest = set(range(len(view.doc))) - set().union(*owned.values())
    top = heads[0]
    owned[top.i] |= rest
    return [owned[h.i] for h in heads]


def _same_clause(v: Token, head: Token) -> bool:
    """Is ``v`` part of ``head``'s own clause ("agreed to send", "the K2s it ordered") rather than a clause
    of its own ("..., while Britain sent ...")?"""
    t = v
    while t.i != head.i and t.head.i != t.i:
        if t.dep_ in ("conj", "advcl", "parataxis", "ccomp") and t.pos_ in ("VERB", "AUX"):
            return False
        t = t.head
    return True


# ---- one clause --------------------------------------------------------------------------------


def _inside(view: SentenceView, items, tokens: set[int] | None):
    if tokens is None:
        return list(items)
    out = []
    for x in items:
        root = view.root(x)
        if root is not None and root.i in tokens:
            out.append(x)
    return out


def _pronoun_party(view: SentenceView, trigger: Token, doc: _Doc) -> Party | None:
    """"It signed for 250 Abrams": the country that opened the sentence before."""
    subj = next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and trigger.dep_ == "relcl" and subj.lower_ in doc.rules.word_class("relative_pronoun"):
        # "Malaysia, which signed a $920 million deal", "another buyer in Malaysia, which signed ...": the country
        # of the phrase the clause hangs from, nearest before it
        phrase = {t.i for t in trigger.head.subtree} - {t.i for t in trigger.subtree}
        c = max((c for c in view.countries if c.kind in ("name", "capital") and (r := view.root(c)) is not None
                 and r.i in phrase and r.i < trigger.i), key=lambda c: c.start, default=None)
        if c is not None:
            return Party(c.code, -1, -1, False, None, "either")
    if subj is None or subj.lower_ not in doc.rules.word_class("subject_pronoun"):
        return None
    # "Poland has been rearming ..., and it has handed ...": a subject earlier in the same sentence
    for c in view.countries:
        tok = view.root(c)
        if tok is not None and tok.i < subj.i and tok.dep_ in ("nsubj", "nsubjpass") and c.kind in ("name", "capital"):
            return Party(c.code, -1, -1, False, None, "either")
    prev = doc.previous(view.sentence)
    if prev is None:
        return None
    c = next((c for c in doc.countries if prev.start <= c.start < prev.start + 40 and c.kind in ("name", "capital")), None)
    return Party(c.code, -1, -1, False, None, "either") if c else None


def deals_in_clause(view: SentenceView, tokens: set[int] | None, doc: _Doc, ctx: _Context | None,
                    context_date: DateValue | None) -> tuple[list[_Draft], _Context | None]:
    """The deals one clause states, and the deal context it sets up even where it states none."""
    triggers = [(t, r) for t, r in view.deal_triggers if tokens is None or t.i in tokens]
    main = main_trigger(triggers)
    if main is None or _is_aggregate(view, tokens):
        return [], None
    if main[0].dep_ in ("compound", "amod", "nmod") and not view.sentence.heading:
        return [], None  # "technology transfer arrangement", "K2 export hopes": no deal is stated
    trigger, rule = main
    inner = next(((t, r) for t, r in triggers if t.head.i == trigger.i and t.dep_ == "xcomp"), None)
    if rule.lemma in doc.rules.trigger_class("deciding") and inner is not None:
        trigger, rule = inner  # "agreed to send", "decided to buy": the sending, the buying
    status = _status(view, trigger, rule, tokens, doc.rules.trigger_class("signing"))
    if status is None:
        return [], None
    trigger_ids = {t.i for t, _ in triggers}
    systems = [s for s in _inside(view, view.systems, tokens) if deal_terms.linked(view, s, trigger, trigger_ids, doc.terms)]
    parties = deal_roles.parties(view, tokens, doc.rules.word_class("branch"))
    for p in parties:
        deal_roles.assign_role(p, view, doc.rules, systems)
    parties = [p for p in parties if p.role not in ("location",)]
    subject_side = next((p.code for p in parties if p.role in ("supplier", "either") and p.of_system is None
                         and (p.company or p.role == "supplier")), None)
    if view.sentence.heading:  # "Hanwha wins Romanian howitzer order": the howitzer the article names
        later = [x for x in doc.systems if not x.generic]
        systems = [next((s.named(n) for n in later if n.category == s.category), s) if s.generic else s for s in systems]
    else:
        systems = deal_terms.resolve_generics(systems, doc.systems, since=_since(view, doc), supplier=subject_side)
    several_buyers = len({p.code for p in parties if p.role == "buyer"}) > 1
    if any(not s.generic for s in systems) and not several_buyers:
        # a generic word beside named systems is their description or a sideline ("and ammunition")
        systems = [s for s in systems if not s.generic]
    lost = deal_terms.lost_systems(view, systems, doc.terms)
    kept = [s for s in systems if s not in lost]
    pronoun = _pronoun_party(view, trigger, doc) if not any(p.role in ("either", "supplier", "buyer") and p.token is not None
                                                             and p.token.dep_ in ("nsubj", "nsubjpass") for p in parties) else None
    if pronoun is not None:
        pronoun.role = deal_roles._trigger_subject_role(trigger, view) or "either"
        parties.append(pronoun)
    if len(parties) < 2 and ctx is not None and doc.rules.refers("parties", view.sentence.text):
        parties = [Party(code, -1, -1, False, None, role) for code, role in
                   zip((ctx.supplier, ctx.buyer), ("supplier", "buyer")) if code]
    kinds = {r.attrs.get("subject") for _, r in triggers} - {None, "either"}
    hint = next(iter(kinds)) if len(kinds) == 1 else None
    codes = {p.code for p in parties}
    if any(p.role in ("supplier", "either", "agent") and p.of_system is None for p in parties) and \
            any(p.role in ("counterpart", "buyer") for p in parties):
        # both sides named and neither makes the system: it belongs to another story
        kept = [s for s in kept if s.generic or s.origin is None or any(s.made_by(c) for c in codes)]
    money = _inside(view, view.money, tokens)
    money_of, loose = deal_terms.attach_money(view, kept, money, doc.terms)
    used = deal_terms.taken(view)
    date = _own_date(view, trigger, tokens, deadline_ok=status not in ("negotiating", "planned"), deadline=doc.terms.deadline)
    explicit = date is not None
    under = doc.rules.refers("under", view.sentence.text, start=True)  # "Under the agreement, ..."
    if under and ctx is not None:
        status, date, explicit = ctx.status, ctx.date, ctx.date_explicit  # "Under the agreement, Peru plans to acquire ..."
    if date is None:
        # "..., the air force said last week": when it was told is nearer the event than the article's date
        told = next((d.date for d in view.dates if d.attribution and d.date.value and view.base <= d.start
                     and d.end > doc.dateline_end), None)
        ongoing = status in ("negotiating", "planned")
        date = (told or doc.published if ongoing else context_date or told or doc.published) or DateValue(None, None)
    buyers = {p.code for p in parties if p.role == "buyer"}
    chunks = _segments(view, parties, kept) if len(buyers) > 1 else [(view.sentence.start, view.sentence.end)]
    signed_now = any(r.lemma in doc.rules.trigger_class("signing") and t.tag_ in ("VBD", "VBN") and _status(view, t, r, tokens, doc.rules.trigger_class("signing")) == "signed"
                     for t, r in triggers)

    drafts: list[_Draft] = []
    pending: _Context | None = None
    for system in kept or [None]:
        scope = next(((a, b) for a, b in chunks if system and a <= system.start < b), (view.sentence.start, view.sentence.end))
        local = [p for p in parties if scope[0] <= p.start < scope[1] or p.start < 0] if len(chunks) > 1 else parties
        if len(chunks) > 1 and not any(p.role == "buyer" for p in local):
            local = parties
        supplier, buyer = deal_roles.resolve(local, system, hint, doc.prior)
        borrowed = False
        if ctx is not None and view.sentence.paragraph - ctx.paragraph <= _CONTEXT_PARAGRAPHS:
            if buyer is None and ctx.buyer not in (None, supplier):
                buyer, borrowed = ctx.buyer, True
            if supplier is None and ctx.supplier != buyer:
                supplier = ctx.supplier
        if buyer is None or buyer == supplier:
            continue
        own = money_of.get(system.system) if system else None
        prefer = (home_currency(doc.rules, supplier), home_currency(doc.rules, buyer))
        if own:
            value = deal_terms.best_value(own, prefer)
        elif money_of:
            value = None  # other systems have their own prices: the loose amount is the total
        else:
            value = deal_terms.best_value([m for m in loose if scope[0] <= m.start < scope[1]] or (loose if len(chunks) == 1 else []),
                                          prefer)
        q = deal_terms.quantity(view, system, used, doc.units, doc.terms.numbers, doc.terms.measures) if system else None
        own_status, own_date, own_explicit, own_rule = status, date, explicit, rule
        path = governing(view, system, triggers) if system else []
        if path and not under:
            near_t, near_r = path[0]
            if near_t.i != trigger.i:
                own_status = _status(view, near_t, near_r, tokens, doc.rules.trigger_class("signing")) or status
                own_rule = near_r
            open_ended = own_status not in ("negotiating", "planned")
            for t, _ in path:  # "The FA-50 order, signed in September, ...": the order's own participle
                found_date = _own_date(view, t, tokens, strict=True, deadline_ok=open_ended, deadline=doc.terms.deadline) or next(
                    (x for c in t.children if c.dep_ in ("acl", "relcl") and c.i in trigger_ids
                     for x in [_own_date(view, c, tokens, strict=True, deadline_ok=open_ended, deadline=doc.terms.deadline)] if x), None)
                if found_date is not None:
                    own_date, own_explicit = found_date, True
                    break
            above = {_status(view, t, r, tokens, doc.rules.trigger_class("signing")) for t, r in path[1:]}
            if own_status in ("signed", "planned") and "negotiating" in above:
                own_status = "negotiating"  # "in talks over a $14 billion deal for K2 tanks", "nearing a contract to buy"
            elif own_status == "signed" and "planned" in above:
                own_status = "planned"  # "plans to sign a deal to buy"
        if own_explicit and own_status in ("signed", "delivered", "lost") and doc.published and doc.published.value \
                and own_date.value[:len(doc.published.value)] > doc.published.value[:len(own_date.value)]:
            own_date, own_explicit = date if date.value and date.value <= doc.published.value else doc.published, False
        if own_status == "planned" and signed_now:
            own_status = "signed"  # "will supply 180 K2 tanks under a contract signed Friday"
        when, known = (ctx.date, ctx.date_explicit) if borrowed and not own_explicit and ctx.date_explicit else (own_date, own_explicit)
        near = path[0][0] if path else trigger
        draft = _Draft(view.sentence, supplier, buyer, [system.system] if system else [], q, value, when, known,
                       own_status, own_rule.id, near.lemma_.lower())
        draft.category = system.category if system is not None and system.generic else None
        marked = [near, *(t for t, _ in path)]
        draft.apart = _marked(view, marked, system, doc.rules.word_class("another_deal")) or \
            own_status == "delivered" and _marked(view, marked, system, doc.rules.word_class("partial"))
        if ctx is not None and own_status in ("delivered", "planned") and _completes(near, doc.rules):
            whole = q or deal_terms.unit_count(view, used, doc.units, doc.terms.numbers, tokens)
            if _whole_order(ctx, draft, whole) and (system is None or own_status == "planned"):
                continue  # the order's count was all the clause told: "should complete the delivery of 180 units"
        # "Saudi Arabia followed with a $3.2bn order for 10 batteries": batteries of the system just told of
        counted = system is None and _units_of_context(ctx, draft, view, doc, tokens, codes)
        if not counted and (system is None or (system.generic and value is None and q is None)):
            # too vague to be a deal ("to import Korean-made military vehicles"), but it sets the scene
            pending = _Context(supplier, buyer, status, date, explicit, rule.id, view.sentence.paragraph, [])
            if system is None and value is not None and ctx is not None and _continues(doc.rules, view.sentence.text) and _fills(ctx, draft):
                return [], None
            continue
        if own_status == "delivered" and not (ctx and any(d.status == "signed" and (d.buyer, d.systems) == (buyer, draft.systems)
                                                          for d in ctx.drafts)):
            contract = _signing_within(view, draft, near, tokens, doc)
            if contract is not None:  # the contract first: it is what the delivery is part of
                signed_on, by = contract
                drafts.append(_Draft(view.sentence, supplier, buyer, list(draft.systems), None, None, signed_on, True, "signed",
                                     by.id, by.lemma))
        drafts.append(draft)
    for system in lost:
        buyer = next((d.buyer for d in drafts), None) or deal_roles.resolve(parties, system, hint, doc.prior)[1]
        supplier = next((p.code for p in parties if system.made_by(p.code) and p.code != buyer), None) or system.origin or \
            next((p.code for p in parties if p.role == "supplier" and p.code != buyer), None)
        if buyer and buyer != supplier:
            drafts.append(_Draft(view.sentence, supplier, buyer, [system.system], None, None, date, explicit, "lost",
                                 rule.id, trigger.lemma_.lower()))
    if drafts:
        first = drafts[0]
        return drafts, _Context(first.supplier, first.buyer, first.status, first.date, first.date_explicit, first.rule,
                                view.sentence.paragraph, [d for d in drafts if d.status != "lost"])
    return [], pending


def _signing_within(view: SentenceView, delivery: _Draft, trigger: Token, tokens: set[int] | None,
                    doc: _Doc) -> tuple[DateValue, LexicalRule] | None:
    """The contract a delivery's own clause says was signed, with its date: "delivered 46 tanks ... after
    signing a deal in August 2022". Not a signing with another party or system under it ("after signing a
    contract with Australia"), nor one dated after the delivery. None where there is no such signing."""
    signing = doc.rules.trigger_class("signing")
    head = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    inside, above = set(head.subtree), set(trigger.ancestors)
    others = {r.i for x in [*(c for c in view.countries if c.code not in (delivery.supplier, delivery.buyer)),
                            *(s for s in view.systems if s.system not in delivery.systems)] if (r := view.root(x)) is not None}
    latest = [x.value for x in (doc.published, delivery.date if delivery.date_explicit else None) if x is not None and x.value]
    for t, r in view.deal_triggers:
        if t.i == trigger.i or t in above or t not in inside or r.lemma not in signing or (tokens is not None and t.i not in tokens):
            continue
        if any(x.i in others for x in t.subtree) or _status(view, t, r, tokens, signing) != "signed":
            continue
        when = _own_date(view, t, tokens, strict=True)
        if when is not None and all(when.value[:len(x)] <= x[:len(when.value)] for x in latest):
            return when, r
    return None


def _marked(view: SentenceView, triggers: list[Token], system: SystemMention | None, words: frozenset[str]) -> bool:
    """Is one of ``words`` on the deal's trigger or system, or one step below them: "another 100 howitzers",
    "a second contract", "a dozen more jets"; "the first batch of 10 tanks"?"""
    heads = set(triggers)
    if system is not None:
        for i in view.token_range(system):
            heads |= {view.doc[i], view.doc[i].head}
    return any(c.lower_ in words for h in heads for c in (*h.children, *(g for c in h.children for g in c.children)))


def _continues(rules: Rules, text: str) -> bool:
    """Does the sentence go on about the deal before (rules/anaphora.yaml: continues, includes, value)?"""
    return rules.refers("continues", text, start=True) or rules.refers("includes", text) or rules.refers("value", text)


def _since(view: SentenceView, doc: _Doc) -> int:
    """Where "a few paragraphs back" begins: generic words refer to systems named since then."""
    first = view.sentence.paragraph - _CONTEXT_PARAGRAPHS  # (sentences are in text order)
    return next((x.start for x in doc.sentences if x.paragraph >= first), 0)


def _units_of_context(ctx: _Context | None, draft: _Draft, view: SentenceView, doc: _Doc, tokens: set[int] | None,
                      codes: set[str]) -> bool:
    """A clause that names no system but counts units of one ("an order for 10 batteries", "to acquire 20 to
    24 units") for another buyer right after a deal about a single system: those are units of that system
    (for the same buyer they are a part of the deal told before: "Six aircraft entered into force ...").
    Fills ``draft``."""
    if ctx is None or view.sentence.paragraph - ctx.paragraph > 1 or draft.buyer in (None, ctx.buyer):
        return False
    named = {x for d in ctx.drafts for x in d.systems}
    if len(named) != 1:
        return False
    name = next(iter(named))
    mention = next((x for x in doc.systems if x.system == name), None)
    others = ({draft.supplier} | codes) - {None, draft.buyer}
    if mention is not None and mention.origin and not all(mention.made_by(c) for c in others):
        return False  # "Romania ordered 298 vehicles from Germany's Rheinmetall": not the Korean system just told of
    counted = deal_terms.unit_count(view, deal_terms.taken(view), doc.units, doc.terms.numbers, tokens)
    if counted is None:
        return False
    draft.systems, draft.quantity = [name], counted
    if draft.supplier is None:
        draft.supplier = next(d.supplier for d in ctx.drafts)
    return draft.supplier != draft.buyer


def _completes(delivery: Token, rules: Rules) -> bool:
    """Is the delivery the completion of a whole order: "should complete the delivery of 180 units",
    "the completion of deliveries of all 48 jets"; not of a part of it ("the first batch of 10")?"""
    head = delivery.head.head if delivery.head.lower_ == "of" else delivery.head
    partial = rules.word_class("partial")
    return delivery.lemma_ in rules.trigger_class("transfer") and head.i != delivery.i \
        and head.lemma_.lower() in rules.word_class("completion") and not any(t.lower_ in partial for t in delivery.subtree)


def _whole_order(ctx: _Context, draft: _Draft, q: Quantity | None) -> bool:
    """Give the count of a completed delivery to the one signed order it completes, if that has none yet."""
    if q is None:
        return False
    targets = [d for d in ctx.drafts if d.status == "signed" and d.quantity is None and d.buyer == draft.buyer
               and (not draft.systems or draft.systems == d.systems)]
    if len(targets) != 1:
        return False
    targets[0].quantity = q
    return True


def _fills(ctx: _Context, draft: _Draft) -> bool:
    """A deal with no system of its own that only gives the value of the deal before ("The purchase was worth ...")."""
    targets = [d for d in ctx.drafts if d.buyer == draft.buyer and d.value is None]
    for d in targets:
        d.value = draft.value
    return bool(targets)


def _segments(view: SentenceView, parties: list[Party], systems: list[SystemMention]) -> list[tuple[int, int]]:
    """Article offsets of the stretch each buyer owns in a list of sales: "sold A to Poland for $1.6 billion,
    B to Saudi Arabia for $3.2 billion and C to Peru": a stretch ends at the comma or "and" before the next system."""
    buyers = sorted((p for p in parties if p.role == "buyer"), key=lambda p: p.start)
    text, base = view.sentence.text, view.sentence.start
    bounds = [view.sentence.start]
    for b in buyers[:-1]:
        nxt = next((s for s in systems if s.start >= b.end), None)
        if nxt is None:
            break
        between = text[b.end - base:nxt.start - base]
        cuts = [m.end() for m in re.finditer(r",|;|\band\b", between)]
        bounds.append(b.end + (cuts[-1] if cuts else len(between)))
    bounds.append(view.sentence.end)
    return list(zip(bounds, bounds[1:]))


# ---- sentences that continue a deal -----------------------------------------------------------


def continue_deal(ctx: _Context, view: SentenceView, doc: _Doc) -> list[_Draft]:
    """What a sentence without a deal of its own adds to the deal before it: its price ("The deal is
    worth ..."), its date ("The agreement was signed on Monday"), its count ("It covers 54 K9 howitzers"),
    or new parts ("The larger of the two ... is for 180 K2 tanks")."""
    if any(c.code not in (ctx.supplier, ctx.buyer) for c in view.countries if c.kind in ("name", "adjective")):
        return []  # another country: another story
    if view.effects("aggregate"):
        return []  # totals and targets
    anaphoric = _continues(doc.rules, view.sentence.text)
    systems = list(view.systems)
    if anaphoric:  # "The tanks will be ...": the tanks of the deal
        systems = deal_terms.resolve_generics(systems, doc.systems, since=_since(view, doc), supplier=ctx.supplier)
    named = [s for s in systems if not s.generic]
    value = deal_terms.best_value(view.money)
    used = deal_terms.taken(view)
    date = next((d.date for d in view.dates if d.date.value and not d.attribution), None)
    known = {s for d in ctx.drafts for s in d.systems}
    signing = any(r.lemma in doc.rules.trigger_class("signing") and t.tag_ in ("VBD", "VBN") for t, r in view.deal_triggers)
    if signing and anaphoric:  # "The contract, signed Tuesday with the Romanian ministry, ...": now it is signed
        for d in ctx.drafts:
            if d.status in ("planned", "negotiating"):
                d.status = "signed"
                if date is not None:
                    d.date, d.date_explicit = date, True
    if not named or all(s.system in known for s in named):
        if not anaphoric:
            return []
        for d in ctx.drafts:  # the deal's price and date, told again
            if value is not None and (not named or len(named) == 1 and named[0].system in d.systems or len(named) > 1):
                d.value = better_value(d.value, value)
            if date is not None and not d.date_explicit and view.deal_triggers:
                d.date, d.date_explicit = date, True
        if date is not None and not ctx.date_explicit and view.deal_triggers:
            ctx.date, ctx.date_explicit = date, True
        for s in named:  # and the counts of its systems
            q = deal_terms.quantity(view, s, used, doc.units, doc.terms.numbers, doc.terms.measures)
            for d in ctx.drafts:
                if s.system in d.systems and d.quantity is None:
                    d.quantity = q
        return []
    contract = next((d.value for d in ctx.drafts if d.value is not None), None)
    out = []
    for s in named:
        q = deal_terms.quantity(view, s, used, doc.units, doc.terms.numbers, doc.terms.measures)
        vague = next((d for d in ctx.drafts if d.category is not None and d.category == s.category), None)
        if vague is not None:
            # "to supply self-propelled artillery ... It covers 54 K9 Thunder howitzers": the artillery is the K9
            vague.systems, vague.category = [s.system], None
            vague.quantity = vague.quantity or q
            continue
        if s.system in known:
            for d in ctx.drafts:
                if s.system in d.systems:
                    d.quantity = d.quantity or q
                    d.value = d.value or (value if len(named) == 1 else None)
            continue
        if q is None and value is None and not anaphoric:
            continue
        own = value if len(named) == 1 else None
        d = _Draft(view.sentence, ctx.supplier if s.origin is None or s.made_by(ctx.supplier) else s.origin, ctx.buyer, [s.system], q,
                   own or contract, ctx.date, ctx.date_explicit, ctx.status, ctx.rule)
        if d.buyer and d.buyer != d.supplier:
            out.append(d)
    ctx.drafts += out
    return out


# ---- the document ------------------------------------------------------------------------------


def _aid(drafts: list[_Draft], transfers: frozenset[str]) -> None:
    """In a document about aid to a country, what is sent to it is aid too ("Germany pledges ... Britain sent ...")."""
    helped = {d.buyer for d in drafts if d.status == "aid"}
    for d in drafts:
        if d.buyer in helped and d.status in ("delivered", "planned") and d.trigger in transfers:
            d.status = "aid"


def _number_contracts(drafts: list[_Draft], numbers: Iterator[int], told: int | None = None) -> list[_Draft]:
    """Number the contracts of one clause's deals: one per buyer, supplier, status and date ("a $1 billion
    contract for 20 K9 howitzers and 10 K10 vehicles" is one; "the K9s it ordered in 2022" and "the Chunmoo it
    signed for in April" are two); new parts a sentence adds to a deal told before ("It also covers 10 K10
    vehicles") join that deal's contract ``told``."""
    own: dict[tuple, int] = {}
    for d in drafts:
        if d.contract is None:
            d.contract = told if told is not None else own.setdefault((d.buyer, d.supplier, d.status, d.date), next(numbers))
    return drafts


def extract_deals(views: list[SentenceView], *, rules: Rules, published: DateValue | None, units: frozenset[str],
                  dates: list[DateMention], sentences: list[Sentence], systems: list[SystemMention],
                  countries: list[CountryMention] = (), dateline_end: int = 0) -> list[Deal]:
    """Every deal of a document, from its parsed candidate sentences in order."""
    doc = _Doc(rules, published, units, sentences, list(dates), list(countries), list(systems),
               deal_roles.supplier_prior(systems), dateline_end)
    drafts: list[_Draft] = []
    ctx: _Context | None = None
    numbers = itertools.count()
    for view in views:
        found: list[_Draft] = []
        known = {x for d in ctx.drafts for x in d.systems} if ctx is not None else set()
        own_dates = {d.date for d in view.dates if d.date.value and not d.attribution}
        # a follow-up names no new party, and no new system on a date of its own ("The framework agreement,
        # concluded on July 27, laid out ... 48 FA-50s" is another deal)
        continues = ctx is not None and view.sentence.paragraph - ctx.paragraph <= 1 and \
            _continues(doc.rules, view.sentence.text) and \
            all(p.code in (ctx.supplier, ctx.buyer) for p in deal_roles.parties(view, branches=rules.word_class("branch"))) and \
            (all(s.system in known for s in view.systems if not s.generic) or own_dates <= {ctx.date})
        if view.deal_triggers and not continues:
            context_date = _context_date(view.sentence, doc)
            for tokens in clauses(view, doc.rules.word_class("relative_pronoun")):
                new, scene = deals_in_clause(view, tokens, doc, ctx, context_date)
                found += new
                if scene is not None and not scene.drafts and ctx is not None and scene.buyer == ctx.buyer and \
                        scene.supplier in (None, ctx.supplier) and not view.effects("aggregate"):
                    # "The contract was signed Tuesday in Bucharest.": the same deal, now with its date
                    if scene.date_explicit:
                        for d in ctx.drafts:
                            if not d.date_explicit:
                                d.date, d.date_explicit = scene.date, True
                        ctx.date, ctx.date_explicit = scene.date, True
                    ctx.paragraph = scene.paragraph
                else:
                    ctx = scene or ctx
        if found:
            drafts += _number_contracts(found, numbers)
        elif ctx is not None and view.sentence.paragraph - ctx.paragraph <= 1:
            told = ctx.drafts[0].contract if ctx.drafts else None
            drafts += _number_contracts(continue_deal(ctx, view, doc), numbers, told)
    _aid(drafts, rules.trigger_class("transfer"))
    return assign_contracts(merge_mentions([d.record() for d in drafts], kinds={s.system: s.category for s in systems if not s.generic},
                                           published=published))
