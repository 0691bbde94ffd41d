"""Sides named together: a list of buyers that all buy ("Sweden, Finland and Spain have ordered ..."), sellers
listed as the other side, bidders that each bid, and whether a clause names both sides of a deal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from pipeline.records import SystemMention
from pipeline.stages.deals.roles import Party

if TYPE_CHECKING:
    from pipeline.stages.deals.drafts import Draft


def both_sides(parties: list[Party]) -> bool:
    """Are both sides of a deal named, a doer apart from any possessor and the other side, of two countries?
    "Koizumi and his Australian counterpart agreed ... frigates, which Canberra has decided to purchase" names
    one side twice: the other may be the system's maker."""
    doers = {p.code for p in parties if p.role in ("supplier", "either", "agent") and p.of_system is None}
    others = {p.code for p in parties if p.role in ("counterpart", "buyer")}
    return bool(doers) and bool(others) and len(doers | others) > 1


def made_by_a_side(systems: list[SystemMention], codes: set[str]) -> list[SystemMention]:
    """The systems one of the sides named makes, where there is one: a system beside them that neither makes
    belongs to another story. Where neither makes any, the sides trade what a third country made: "Turkey has
    been holding talks with Qatar and Oman on the purchase of Eurofighter jets" (used jets, resold)."""
    made = [s for s in systems if s.generic or s.origin is None or any(s.made_by(c) for c in codes)]
    return made if any(not s.generic and s.origin is not None for s in made) else systems


def bidders(parties: list[Party], supplier: str | None, buyer: str | None) -> list[str]:
    """The other suppliers coordinated with the supplier's party ("Saab and Naval Group are vying for ...",
    "A, B and C bid"): rivals, each with a deal of its own; none where the supplier's party is not in such a list."""
    own = next((p for p in parties if p.code == supplier and p.token is not None and p.role == "supplier"), None)
    if own is None:
        return []
    return list(dict.fromkeys(p.code for p in _listed_with(own, parties) if p.role == "supplier"
                              and p.code not in (supplier, buyer) and p.of_system is None))


def co_sellers(parties: list[Party], systems: list[SystemMention], supplier: str | None, buyer: str | None) -> list[str]:
    """The other countries listed with the supplier as the other side of the deal ("Turkey has been holding talks
    with Qatar and Oman on the purchase of Eurofighter jets"): each sells; not a company, nor a country beside the
    system's maker that does not make it."""
    own = next((p for p in parties if p.code == supplier and p.token is not None and p.role == "counterpart"), None)
    if own is None:
        return []
    mates = _listed_with(own, parties)
    if any(p.company or p.of_system or p.role != "counterpart" for p in mates):
        return []
    makers = [s for s in systems if supplier is not None and s.made_by(supplier)]
    return [c for c in dict.fromkeys(p.code for p in mates) if c not in (supplier, buyer)
            and all(s.made_by(c) for s in makers)]


def for_listed_sides(draft: Draft, parties: list[Party], systems: list[SystemMention]) -> list[Draft]:
    """The draft again for each other buyer (co_buyers) and each other seller (co_sellers) listed with its own."""
    out = [draft.for_buyer(other) for other in co_buyers(parties, systems, draft.buyer) if other != draft.supplier]
    return out + [draft.for_supplier(other) for other in co_sellers(parties, systems, draft.supplier, draft.buyer)]


def _listed_with(own: Party, parties: list[Party]) -> list[Party]:
    """The parties named in one list with ``own`` ("Sweden, Finland and Spain"), ``own`` among them."""
    listed = {own.token.i, *(c.i for c in own.token.conjuncts)}
    return [p for p in parties if p.token is not None and p.token.i in listed]


def co_buyers(parties: list[Party], systems: list[SystemMention], buyer: str) -> list[str]:
    """The other countries named in one list with the buyer that no system breaks up ("Sweden, Finland and
    Spain have ordered the Leopard 2A8", "plans by Latvia and Estonia to acquire HIMARS"): each buys the
    clause's systems. None where a company or a seller is in the list ("Poland and Hanwha signed ...")."""
    sides = ("buyer", "agent", "either")  # a country the parse gives no part ("stocks of Denmark and ...") buys nothing
    own = next((p for p in parties if p.code == buyer and p.token is not None and p.role in sides), None)
    if own is None:
        return []
    mates = _listed_with(own, parties)
    if len(mates) < 2 or any(p.company or p.of_system or p.role not in sides for p in mates):
        return []
    if all(p.role != "buyer" for p in mates) and \
            any(p.role == "buyer" and p.token is not None and all(p.token.i != m.token.i for m in mates) for p in parties):
        return []  # "Germany and Italy agreed to build 272 tanks for the Italian army": the doers, a buyer told apart
    first, last = min(p.start for p in mates), max(p.end for p in mates)
    if any(first < s.start < last for s in systems):
        return []
    return [c for c in dict.fromkeys(p.code for p in mates) if c != buyer]


def bought_for_another(parties: list[Party], trigger: Token, subject_role: str | None, status: str) -> None:
    """A country that buys goods for another as aid gives them ("Latvia bought three IRIS-T launchers for Ukraine
    as military aid"): the buyer of the verb is the aid's supplier, the country the goods are "for" its buyer.
    Sets the roles in ``parties``."""
    if status != "aid" or subject_role != "buyer" or trigger.pos_ != "VERB":
        return
    helped = {p.code for p in parties if p.token is not None and p.token.dep_ == "pobj" and p.token.head.lower_ == "for"
              and p.token.head.head.i == trigger.i and not p.company}
    donors = [p for p in parties if p.role == "buyer" and p.code not in helped]
    if len(helped) == 1 and donors and len({p.code for p in donors}) == 1:
        for p in donors:
            p.role, p.why = "supplier", "deals.roles.donor"
