"""The clauses of a sentence that can each hold a deal, and the totals that are no deal."""

from __future__ import annotations


from spacy.tokens import Token

from pipeline.rules import Rules
from pipeline.records import SystemMention
from pipeline.stages.deals.roles import Party
from pipeline.stages.views import SentenceView, depth


def is_aggregate(view: SentenceView, tokens: set[int] | None, rules: Rules) -> bool:
    """Totals and targets: "exports reached $17.3 billion", "targeting $20 billion in exports", "these purchases
    should total 20 launchers" (rules/words.yaml: trade_total, trade_total_plural, deal_verb)."""
    triggers = [t for t, _ in view.deal_triggers if tokens is None or t.i in tokens]
    sums = rules.word_class("trade_total")
    plural = rules.word_class("trade_total_plural")
    verbs = rules.word_class("deal_verb")
    return bool(view.effects("aggregate")) and any(t.lemma_ in sums or t.lemma_ in plural and t.tag_ == "NNS" for t in triggers) \
        and not any(t.lemma_ in verbs and t.pos_ == "VERB" for t in triggers)


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
        if own or not any(v in h.subtree and same_clause(v, h) for h in heads):
            heads.append(v)
    heads += told_aside(view, heads)
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


def told_aside(view: SentenceView, heads: list[Token]) -> list[Token]:
    """The deal nouns that tell a whole deal of their own beside the sentence's deal: a sale, purchase or order
    under no other trigger with its own system, buyer country and date ("This deal will be the largest, after
    the sale of Arrow 3 systems to Germany in 2023", "That order topped the purchase of 24 K9s by Norway in
    2017"). Each is a clause of its own: its parties and date are not the sentence's deal's, nor the other way.
    A deal noun alone in its sentence keeps the sentence's parties ("Poland announced the purchase of ..."), and
    so does one beside a deal with goods of its own ("The contract for 54 K9s follows a 2019 order by Norway for
    24 K9s": the same sides, deal_dates.earlier_deal)."""
    triggers = {t.i for t, _ in view.deal_triggers}
    countries = {r.i for c in view.countries if c.kind in ("name", "capital") and (r := view.root(c)) is not None}
    systems = {r.i for x in view.systems if not x.generic and (r := view.root(x)) is not None}
    dates = {r.i for d in view.dates if d.date.value and not d.attribution and (r := view.root(d)) is not None}
    out = []
    for t, _ in view.deal_triggers:
        if t.pos_ != "NOUN" or t.dep_ not in ("pobj", "dobj") or any(a.i in triggers for a in t.ancestors):
            continue
        inner = {x.i for x in t.subtree}
        if not (inner & countries and inner & systems and inner & dates) or triggers <= inner or systems - inner:
            continue  # (another trigger outside: the sentence's own deal, told of goods it does not name again)
        if not any(h.i in inner for h in heads):
            out.append(t)
    return out


def same_clause(v: Token, head: Token) -> bool:
    """Is ``v`` part of ``head``'s own clause ("agreed to send", "the K2s it ordered") rather than a clause
    of its own ("..., while Britain sent ...")?"""
    t = v
    while t.i != head.i and t.head.i != t.i:
        if t.dep_ in ("conj", "advcl", "parataxis", "ccomp") and t.pos_ in ("VERB", "AUX"):
            return False
        t = t.head
    return True


def inside(view: SentenceView, items, tokens: set[int] | None):
    if tokens is None:
        return list(items)
    out = []
    for x in items:
        root = view.root(x)
        if root is not None and root.i in tokens:
            out.append(x)
    return out


def compared(view: SentenceView, system: SystemMention | None, words: frozenset[str]) -> bool:
    """Is the system named as a standard of comparison ("built to the same specifications as the Miguel
    Malvar-class vessels delivered this year"; ``words``: rules/words.yaml class comparison)? What is told of it
    there is another deal than the one the sentence is about."""
    span = view.span(system.start, system.end) if system is not None else None
    if span is None:
        return False
    noun = span.root
    while noun.dep_ in ("amod", "compound", "nmod", "poss") and noun.head.i != noun.i:
        noun = noun.head
    return noun.dep_ == "pobj" and noun.head.lower_ in words



def without_goods_story(view: SentenceView, parties: list[Party], trigger: Token,
                        systems: list[SystemMention]) -> list[Party]:
    """The parties less those of a relative clause on one of the deal's systems (or on a country) that tells
    the goods' story elsewhere: a "whose" clause ("two Mistral warships, whose sale to Russia was cancelled"),
    or one naming a side in a part the clause outside it already has ("bought 24 Rafale jets from France,
    which also sold them to India"). A relative clause that completes the deal keeps its side ("offered
    Mogami-class frigates, which Canberra has decided to purchase")."""
    aside = {id(p): v for p in parties if (v := _goods_relative(view, p.token, trigger, systems)) is not None}
    roles = {p.role for p in parties if id(p) not in aside}
    return [p for p in parties if id(p) not in aside or not (p.role in roles and p.role in ("buyer", "supplier")
                                                              or any(c.lower_ == "whose" for c in aside[id(p)].subtree))]


def _goods_relative(view: SentenceView, tok: Token | None, trigger: Token, systems: list[SystemMention]) -> Token | None:
    """The verb of the relative clause on a system or a country that ``tok`` is inside and the trigger is not."""
    nouns = {r.i for c in view.countries if (r := view.root(c)) is not None}
    for s in systems:
        t = view.root(s)
        while t is not None and t.dep_ in ("compound", "amod", "nmod") and t.head.i != t.i:
            t = t.head
        if t is not None:
            nouns.add(t.i)
    t = tok
    while t is not None and t.head.i != t.i:
        if t.dep_ == "relcl" and t.head.i in nouns and not t.left_edge.i <= trigger.i <= t.right_edge.i:
            return t
        t = t.head
    return None


def to_a_market(trigger: Token, markets: frozenset[str]) -> bool:
    """Does the trigger send its goods to a market or a region, not to a country ("68 aircraft were exported to the
    Southeast Asian market", "sold to customers across the region"; rules/words.yaml: market)? Such a clause counts
    exports to many buyers: the buyer of the deal told before is not its buyer."""
    return any(c.dep_ == "prep" and c.lower_ in ("to", "into") and any(g.dep_ == "pobj" and g.lemma_.lower() in markets
                                                                     for g in c.children)
               for c in trigger.children)
