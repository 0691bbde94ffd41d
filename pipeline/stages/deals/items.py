"""Goods listed with each item's own supplier: "F-15 planes from the United States, a Rafale deal with France and
another for Typhoons from Britain", "two Russian Mi-17 helicopters as well as three Israeli-upgraded Hawkeyes". A
country told inside one item's phrase supplies that item only: it is no side of the other items' deals, and no
buyer of any; the buyer is the clause's subject, or the country told before (marks.pronoun_party)."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.records import SystemMention
from pipeline.rules import Rules
from pipeline.stages.deals.roles import Party
from pipeline.stages.views import SentenceView

_MODIFIER = ("compound", "amod", "nmod", "nummod")
_ITEM_PREPS = ("for", "of")  # "a deal with France for Rafales", "another for Typhoon aircraft from Britain"


def bind_to_items(parties: list[Party], view: SentenceView, systems: list[SystemMention], kinds: frozenset[str]) -> None:
    """Give each party told in one listed item's own phrase that item's system as ``of_system``, as supplier
    (an adjective, a "from"), or as the other side of that item's deal ("a deal with France"), where the clause
    lists two named systems or more, each told apart: one system's phrase names its own supplier. A country's
    adjective on goods (_goods; ``kinds``: kind nouns) that name none of the clause's systems ("to convert eight Spanish
    airplanes and 11 BO-105 helicopters") tells who made those other goods: no side of the deal."""
    named = [s for s in systems if not s.generic]
    listed = len({s.system for s in named}) > 1
    for p in parties:
        if p.token is None or p.of_system is not None or p.role not in (None, "supplier", "counterpart"):
            continue
        noun = _item_noun(p, _adjective(view, p))
        if noun is None:
            continue
        own = {s.system for s in systems if _in_item(view, s, noun, False)} or \
            {s.system for s in systems if _in_item(view, s, noun, True)}
        if listed and len(own) == 1:
            p.of_system = own.pop()
            if p.role is None:
                p.role, p.why = "supplier", "deals.roles.item-maker"
        elif not own and p.role is None and _goods(noun, kinds):
            p.role = "scenery"


def _goods(noun: Token, kinds: frozenset[str]) -> bool:
    """Does the noun name goods: a kind of system ("helicopters"), or anything counted ("eight airplanes")?"""
    return noun.lemma_.lower() in kinds or any(c.dep_ == "nummod" and c.like_num for c in noun.children)


def _adjective(view: SentenceView, p: Party) -> bool:
    """Is the party a country told by its adjective ("Russian", "Spanish")?"""
    return any(c.start == p.start and c.kind == "adjective" for c in view.countries)


def _item_noun(p: Party, adjective: bool) -> Token | None:
    """The noun of the item whose phrase tells the party: the head of its "from" or "with" ("F-15 planes from
    the United States", "a Rafale deal with France"), or the noun its adjective describes, through a hyphened
    participle ("Russian Mi-17 helicopters", "Israeli-upgraded Hawkeye planes"), where that noun is no subject
    (the subject's goods are its own: "Poland's K2 tanks arrived")."""
    t = p.token
    if t.dep_ == "pobj" and t.head.lower_ in ("from", "with") and p.role in ("supplier", "counterpart"):
        head = t.head.head
        return head if head.pos_ in ("NOUN", "PROPN", "PRON") else None
    if p.role is not None or p.company:
        return None
    if t.dep_ == "npadvmod" and t.head.dep_ == "amod" and t.head.tag_ == "VBN" and not t.whitespace_:
        t = t.head  # "Israeli-upgraded"
    if not (t.dep_ == "amod" or adjective and t.dep_ == "compound"):
        return None
    noun = t.head
    for _ in range(4):  # through the names between: "Spanish Aviocar C212 airplanes"
        if noun.pos_ == "NOUN" or noun.dep_ not in _MODIFIER or noun.head.i == noun.i:
            break
        noun = noun.head
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    return None if noun.dep_ in ("nsubj", "nsubjpass") else noun


def _in_item(view: SentenceView, system: SystemMention, noun: Token, objects: bool) -> bool:
    """Is the system named by the item's noun: the noun itself or a name modifying it ("F-15 planes", "a Rafale
    fighter jet deal"), or (``objects``: where none modifies it) the object of its "for" or "of" ("another for
    Typhoon aircraft")?"""
    span = view.token_range(system)
    heads = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in _ITEM_PREPS
             for g in c.children if g.dep_ == "pobj"] if objects else [noun]
    return any(_under(view.doc[i], h) for h in heads for i in span)


def _under(tok: Token, noun: Token) -> bool:
    """Is ``tok`` the noun, or one of its modifiers at once or through the nouns between?"""
    for _ in range(5):
        if tok.i == noun.i:
            return True
        if tok.dep_ not in _MODIFIER or tok.head.i == tok.i:
            return False
        tok = tok.head
    return tok.i == noun.i


def item_suppliers(view: SentenceView, rules: Rules, sides: set[str | None]) -> dict[int, str] | None:
    """In a sentence that adds to the deal before (``sides``: its supplier and buyer), the supplier each listed
    item names with its own "from", by the item's system's start, where the sentence is told as more of the
    same (rules/anaphora.yaml: more_items; "Others are three C295s from Spain and 12 AH-1Zs from the United
    States"). None where another country is told otherwise: another story ("Poland also has Abrams tanks")."""
    out: dict[int, str] = {}
    listed = rules.refers("more_items", view.sentence.text, start=True)
    for c in view.countries:
        if c.kind not in ("name", "adjective") or c.code in sides:
            continue
        if not listed:
            return None
        root = view.root(c)
        if root is None or root.dep_ != "pobj" or root.head.lower_ != "from":
            return None
        own = [s for s in view.systems if not s.generic and _in_item(view, s, root.head.head, False)]
        if len(own) != 1:
            return None
        out[own[0].start] = c.code
    return out
