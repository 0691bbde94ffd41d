"""Deal prices: which amount of a sentence is which system's ("K2 worth $5.76 billion", "$920 million worth of
K9", "a $460 million contract to build four warships, followed by a $60 million deal to supply 30 vehicles"), and
which of a deal's amounts is its value (its own currency first, never a reader's gloss)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from pipeline.records import Money, SystemMention
from pipeline.stages.views import SentenceView

if TYPE_CHECKING:
    from pipeline.stages.deals.terms import Terms


def attach_money(view: SentenceView, systems: list[SystemMention], money: list[Money],
                 t_: Terms) -> tuple[dict[str, list[Money]], list[Money]]:
    """Money tied to one system ("K2 worth $5.76 billion", "$920 million worth of K9"), and the rest."""
    text = view.sentence.text
    base = view.sentence.start
    per_system: dict[str, list[Money]] = {}
    loose: list[Money] = []
    nouns = {m.start: n for m in money if (n := _priced_noun(view, m)) is not None}
    for m in money:
        owner = None
        before = [s for s in systems if s.end <= m.start]
        after = [s for s in systems if s.start >= m.end]
        since = max((x.end for x in money if x.end <= m.start), default=base)
        if before and t_.link_after.match(text[before[-1].end - base:m.start - base]):
            owner = before[-1]
        elif before and len([s for s in before if s.start >= since]) == 1 and \
                t_.link_after_comma.match(text[before[-1].end - base:m.start - base]):
            owner = before[-1]  # "180 K2 tanks for 2022-2025, valued at $3.37 billion, and 212 K9, valued at ..."
        elif after and t_.link_before.match(text[m.end - base:after[0].start - base]):
            owner = after[0]
        elif len(nouns) > 1 and m.start in nouns:
            # "a $460 million contract to build four warships, followed by a $60 million deal to supply 30
            # vehicles": each priced deal noun prices the one system below it
            mine = [s for s in systems if _nearest_priced(view, s, nouns) == m.start]
            owner = mine[0] if len(mine) == 1 else None
        if owner is not None and len(systems) > 1:
            per_system.setdefault(owner.system, []).append(m)
        else:
            loose.append(m)
    _price_the_rest(view, systems, nouns, per_system, loose)
    for ms in per_system.values():  # a gloss goes with the amount it restates
        for m in list(loose):
            if any(0 <= m.start - x.end <= 3 or 0 <= x.start - m.end <= 3 for x in ms) and m.currency != ms[0].currency:
                ms.append(m)
                loose.remove(m)
    return per_system, loose


def _price_the_rest(view: SentenceView, systems: list[SystemMention], nouns: dict[int, Token],
                    per_system: dict[str, list[Money]], loose: list[Money]) -> None:
    """A priced deal noun over several systems, all but one priced by their own amounts ("a $2.6 billion deal for
    24 helicopters and six gunships worth $930 million"): the noun's amount is the one left's. Where two or more
    are left unpriced ("a $5 billion deal for 20 jets and 10 helicopters") it stays the whole package's."""
    if len(systems) < 2:
        return
    for m in [m for m in loose if m.start in nouns]:
        below = [s for s in systems if _nearest_priced(view, s, nouns) == m.start or
                 _nearest_priced(view, s, {m.start: nouns[m.start]}) == m.start]
        left = [s for s in below if s.system not in per_system]
        if len(below) > 1 and len(left) == 1:
            per_system[left[0].system] = [m]
            loose.remove(m)


def _priced_noun(view: SentenceView, m: Money) -> Token | None:
    """The noun an amount modifies ("a $60 million deal": the deal), or None."""
    span = view.span(m.start, m.end)
    if span is None:
        return None
    head = span.root.head
    inside = span.start <= head.i < span.end
    return head if not inside and head.pos_ == "NOUN" and span.root.dep_ in ("compound", "nmod", "amod", "nummod", "quantmod") else None


def _nearest_priced(view: SentenceView, system: SystemMention, nouns: dict[int, Token]) -> int | None:
    """The start of the amount whose noun is the system's nearest ancestor among ``nouns``."""
    span = view.span(system.start, system.end)
    if span is None:
        return None
    by_token = {n.i: start for start, n in nouns.items()}
    return next((by_token[a.i] for a in span.root.ancestors if a.i in by_token), None)


def best_value(ms: list[Money], prefer: tuple[str | None, ...] = ()) -> Money | None:
    """The deal's value: an amount in a currency other than dollars (glossed in dollars where it is),
    the supplier's or buyer's currency (``prefer``) first; else the dollar amount."""
    if not ms:
        return None
    # "Rs 64,000 crore (Euro 7 billion)": the bracketed restatement is not the value, whoever's currency it is in;
    # nor is "US$2.4 billion (AU$3.4 billion)", a gloss for the reader in a currency neither side pays in
    sides = {c for c in prefer if c}
    native = [m for m in ms if m.currency != "USD" and not any(
        0 <= m.start - a.end <= 2 and (a.currency not in (m.currency, "USD") or sides and m.currency not in sides)
        for a in ms)]
    usd = [m for m in ms if m.currency == "USD"]
    # "five billion dollars (4.54 billion euros)" for an American sale: the dollars are the seller's own currency,
    # the bracket the reader's gloss, even in the buyer's money ("4.75 billion zloty ($1.2 billion)" stays zloty)
    glossed = [a for a in usd if any(0 <= m.start - a.end <= 2 for m in native)]
    if prefer and prefer[0] == "USD" and glossed:
        return glossed[0]
    for cur in prefer:
        mine = [m for m in native if cur and m.currency == cur]
        if mine:
            return mine[0]
    return (native or usd)[0]
