"""The supplier and the buyer of each system among a clause's parties (their roles set by roles.py), and what
set each: the document's usual supplier, the seller of used goods, the system's maker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.records import SystemMention
from pipeline.rules import Rules
from pipeline.stages.deals.roles import Party
from pipeline.stages.sentences import text_of
from pipeline.stages.views import SentenceView

if TYPE_CHECKING:
    from pipeline.stages.deals.drafts import Draft

_OPPOSITE = {"supplier": "buyer", "buyer": "supplier"}


def reseller(drafts: list[Draft], system: SystemMention | None, view: SentenceView, parties: list[Party],
             rules: Rules) -> str | None:
    """The country the deal just told has selling this system though it does not make it ("to buy 24 of
    Denmark's F-16 jets"): the supplier of that system where a later sentence names none ("the sale of the
    F-16s", "the remaining jets have been promised to Ukraine"), rather than its maker. Else, for goods told
    as used (words.yaml's used_goods right before the name), the one country named that has no part and
    does not make them ("due to visit Qatar with a request to buy 24 second-hand Eurofighters")."""
    if system is None or system.generic:
        return None
    told = next((d.supplier for d in drafts if system.system in d.systems and d.supplier and d.supplier != system.origin
                 and not system.made_by(d.supplier)), None)
    if told is not None or not _used(view, system, rules):
        return told
    owners = {p.code for p in parties if p.role is None and p.of_system is None and not p.company and not system.made_by(p.code)}
    return next(iter(owners)) if len(owners) == 1 else None


def _used(view: SentenceView, system: SystemMention, rules: Rules) -> bool:
    """Is the system told as used goods: a word of words.yaml's used_goods right before its name?"""
    before = text_of(view.doc)[:max(0, system.start - view.base)].split()
    return bool(before) and before[-1].lower() in rules.word_class("used_goods")


def resolve(parties: list[Party], system: SystemMention | None, hint: str | None,
            prior: str | None, resold: str | None = None) -> tuple[str | None, str | None]:
    """Supplier and buyer of one system among the parties; ``resold``: the system's seller in the deal just told
    (reseller), where the parties name none."""
    return resolve_sides(parties, system, hint, prior, resold)[:2]


def resolve_sides(parties: list[Party], system: SystemMention | None, hint: str | None, prior: str | None,
                  resold: str | None = None, hint_rule: str | None = None,
                  prior_rule: str = "deals.roles.usual-supplier") -> tuple[str | None, str | None, str | None, str | None]:
    """resolve, with what set each side: (supplier, buyer, supplier's rule, buyer's rule); a rule's file:line
    (roles.yaml, a trigger's subject, a system's origin in systems.yaml) or a step's id (deals.roles.*)."""
    origin = system.origin if system else None
    # a country that makes it (the origin, or a partner: Italy for the Eurofighter) is preferred among the
    # suppliers; a partner that only orders ("Germany signed for 20 Typhoons") stays a buyer, and so does
    # the doer of a passive verb that makes nothing ("will be contracted by India through Foreign Military Sales")
    makes = system.made_by if system else (lambda code: False)
    name = system.system if system else None
    made_here = f"{system.named_rule or system.rule} (origin)" if system else "deals.roles.maker"
    parties = [p for p in parties if p.of_system in (None, name)]
    roles: dict[int, str | None] = {}
    why: dict[int, str | None] = {}
    subject_role = None
    for p in parties:
        if p.role in ("either", "agent"):
            role, why[id(p)] = hint, hint_rule or p.why
            if p.company or (origin and p.code == origin):
                role, why[id(p)] = "supplier", "deals.roles.company" if p.company else made_here
            elif origin and role == "supplier" and not makes(p.code):
                role = None
            roles[id(p)] = role
            subject_role = subject_role or role
    for p in parties:
        if p.role == "counterpart":
            role, why[id(p)] = (_OPPOSITE.get(subject_role) if subject_role else None), p.why or "deals.roles.counterpart"
            if p.company or (origin and p.code == origin):
                role, why[id(p)] = "supplier", "deals.roles.company" if p.company else made_here
            roles[id(p)] = role
        elif p.role in ("supplier", "buyer"):
            roles[id(p)], why[id(p)] = p.role, p.why
    of = lambda code, role: next((why.get(id(p)) for p in parties if p.code == code and roles.get(id(p)) == role), None)
    suppliers = [p.code for p in parties if roles.get(id(p)) == "supplier"]
    if suppliers:
        supplier = origin if origin in suppliers else next((c for c in suppliers if makes(c)), suppliers[0])
        supplier_why = of(supplier, "supplier")
    else:
        supplier = resold or origin
        supplier_why = "deals.roles.reseller" if resold else made_here if origin else None
    if supplier is None and prior and (hint == "supplier" or any(p.code == prior and roles.get(id(p)) is None for p in parties)):
        supplier, supplier_why = prior, prior_rule  # "The country sold frigates to Peru": the deal before's, or the usual one
    buyers = [p.code for p in parties if roles.get(id(p)) == "buyer" and p.code != supplier]
    buyer = buyers[0] if buyers else None
    buyer_why = of(buyer, "buyer") if buyer else None
    if buyer is None:
        open_ = [p for p in parties if roles.get(id(p)) is None and p.role not in ("scenery",) and p.code != supplier]
        open_.sort(key=lambda p: p.company)
        buyer = open_[0].code if open_ else None
        buyer_why = "deals.roles.other-side" if buyer else None
    if origin and buyer == origin and supplier not in (None, origin) and not makes(supplier):
        # "allow the latter to procure advanced American equipment": no country imports its own make from a
        # country that does not make it; the sides are read the wrong way round
        supplier, buyer = buyer, supplier
        supplier_why, buyer_why = made_here, "deals.roles.sides-swapped"
    return supplier, buyer, supplier_why, buyer_why


def supplier_prior(systems: list[SystemMention]) -> str | None:
    """The country whose systems the document names most: its usual supplier."""
    counts: dict[str, int] = {}
    for s in systems:
        if s.origin and not s.generic:
            counts[s.origin] = counts.get(s.origin, 0) + 1
    return max(counts, key=lambda c: (counts[c], c)) if counts else None
