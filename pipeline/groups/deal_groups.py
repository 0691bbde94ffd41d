"""One buyer's deal events, from every document, grouped into real-world deals. The rule is said in one
paragraph in the README ("Across documents"); each step is a function below: lanes (_lanes: purchase, lost,
aid; family; supplier), orders from signings (orders.py: sign, _mentioned), deliveries (deliver), plans and talks
(plan), what no order takes (still_to_come), a lost bid's campaign (_lost_campaigns).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Callable, Iterable

from pipeline.groups.orders import (RECAP_WITHIN, Order, agreed, deliver, order_key, plan, sign, still_to_come,
                                   umbrella, year_of)
from pipeline.groups.names import letters as family_key  # "KAAN" is "Kaan"
from pipeline.groups.records import DealEvent, DealGroup, stable_id

LIFECYCLE = ("planned", "negotiating", "signed", "delivered")
APART = ("lost", "aid")  # each a lane of its own: a lost bid is not the deal that won


def _specific(events: list[DealEvent], category: Callable[[str], str | None]) -> list[DealEvent]:
    """An event whose system is only a kind ("fighter aircraft") takes the one named family of that kind its
    buyer deals in with its supplier (or with any, where it names none), if there is only one."""
    kinds: dict[tuple, set] = {}
    for e in events:
        if len(e.families) == 1 and category(e.families[0]) != e.families[0]:
            kind = next((category(s) for s in (*e.families, *e.systems) if category(s)), None)
            for key in ((kind, e.supplier), (kind, None), (kind, e.told.document_id),
                        (kind, e.told.document_id, e.told.sentence)):
                kinds.setdefault(key, set()).add(family_key(e.families[0]))
    spelled = {}  # each family's key -> its first spelling, alphabetically
    for f in sorted({f for e in events for f in e.families}):
        spelled.setdefault(family_key(f), f)
    out = []
    for e in events:
        if len(e.families) == 1 and category(e.families[0]) == e.families[0]:
            # the family of that kind its own sentence names first, then its article, else the one its buyer deals in
            kind = e.families[0]
            named = (kinds.get((kind, e.told.document_id, e.told.sentence)) or kinds.get((kind, e.told.document_id))
                     or kinds.get((kind, e.supplier), set()))
            if len(named) == 1:
                e = replace(e, families=(spelled[next(iter(named))],))
        out.append(e)
    return out


def _lanes(events: list[DealEvent]) -> dict[tuple, list[DealEvent]]:
    """Events by lane (purchase, lost, aid), family and supplier; an event with no supplier joins the
    lane's one supplier, where there is only one."""
    by_family: dict[tuple, list[DealEvent]] = {}
    for e in events:
        lane = e.status if e.status in APART else "deal"
        by_family.setdefault((lane, tuple(sorted({family_key(f) for f in e.families}))), []).append(e)
    out: dict[tuple, list[DealEvent]] = {}
    for (lane, families), items in by_family.items():
        suppliers = {e.supplier for e in items if e.supplier}
        only = next(iter(suppliers)) if len(suppliers) == 1 else None
        for e in items:
            out.setdefault((lane, families, e.supplier or only), []).append(e)
    return out


def _orders(lane: str, events: list[DealEvent]) -> list[Order]:
    if lane == "lost":  # one lost bid, however many years it is told over
        return [Order(sorted(events, key=order_key))]
    if lane == "aid":  # aid packages: told apart by year and size alone
        orders: list[Order] = []
        sign(orders, events, aid=True)
        return orders
    orders = []
    sign(orders, [e for e in events if e.status == "signed"])
    left = deliver(orders, [e for e in events if e.status == "delivered"])
    left += plan(orders, [e for e in events if e.status in ("planned", "negotiating")])
    return orders + still_to_come(left)


def group_deals(block: str, events: list[DealEvent], category: Callable[[str], str | None]) -> list[DealGroup]:
    """The deal groups of one block (a buyer's events), ids stable: the same events give the same groups
    and ids in any order. ``category`` gives a system's kind (systems.yaml)."""
    orders = {key: _orders(key[0], items) for key, items in _lanes(_specific(_scheduled(events), category)).items()}
    _lost_campaigns(orders)
    drafts = [_draft(block, lane, families, supplier, order, category, framework=lane == "deal" and umbrella(order, items))
              for (lane, families, supplier), items in sorted(orders.items(), key=lambda kv: repr(kv[0])) for order in items
              if order.members]
    counted: Counter = Counter()
    out = []
    for key, group in sorted(drafts, key=lambda kg: (repr(kg[0]), _tiebreak(kg[1]))):
        counted[key] += 1
        out.append(replace(group, group_id=stable_id((*key, counted[key]))))
    return out


def _scheduled(events: list[DealEvent]) -> list[DealEvent]:
    """Signings whose date is not their signing's, read undated: one dated after the newest article of its buyer's
    (a schedule: "for delivery by 2032", even where its own article gives no date), and a bare one (no count, no
    price) dated more than RECAP_WITHIN years before its own article (a system's debut year: "the Leopard 2, in
    service since 1979")."""
    newest = max((e.told.published for e in events if e.told.published), default=None)

    def misdated(e: DealEvent) -> bool:
        if e.status != "signed" or not e.date_start:
            return False
        if newest is not None and e.date_start > newest:
            return True
        bare = e.quantity is None and (e.usd is None or e.shared)
        return bare and e.told.published is not None and int(e.told.published[:4]) - int(e.date_start[:4]) > RECAP_WITHIN

    return [replace(e, date=None, date_start=None, date_end=None) if misdated(e) else e for e in events]


def _lost_campaigns(orders: dict[tuple, list[Order]]) -> None:
    """The plans and talks of a supplier that lost a bid, told no later than the loss and taken by no
    order of its own, are that bid's campaign (trials, a shortlist), not a deal still to come."""
    for (lane, families, supplier), lost in orders.items():
        if lane != "lost" or not lost:
            continue
        until = max((y for e in lost[0].members if (y := year_of(e))), default=None)
        for pending in orders.get(("deal", families, supplier), []):
            if pending.anchors or any(e.status not in ("planned", "negotiating") for e in pending.others):
                continue
            if all(until is None or year_of(e) is None or year_of(e) <= until for e in pending.others):
                lost[0].others += pending.others
                pending.others = []


def _tiebreak(g: DealGroup) -> tuple:
    return (g.first_date or "", g.quantity or (0, 0), g.usd or (0.0, 0.0), min(e.told.sentence for e in g.members))


def _draft(block: str, lane: str, families: tuple, supplier: str | None, order: Order,
           category: Callable[[str], str | None], *, framework: bool = False) -> tuple[tuple, DealGroup]:
    members = tuple(sorted(order.members, key=order_key))
    status = lane if lane != "deal" else max((e.status for e in members), key=LIFECYCLE.index)
    # what the order's count and price are read from: its signings (a delivery tells a part, a plan a hope)
    stating = order.anchors or [e for e in members if e.status != "delivered"] or list(members)
    # its own price where a report gives one, else a contract's it shares with other systems
    priced = agreed([e for e in stating if e.value and not e.shared] or [e for e in stating if e.value],
                    rank=lambda e: _telling(e, status))
    quantities = [e.quantity for e in stating if e.quantity]
    signed = [e for e in order.anchors if e.date and e.date[:4] == order.year] if lane == "deal" else []
    order_date = min(signed, key=lambda e: _telling(e, "signed")).date if signed else None
    phase = (order.year or "undated") if order.anchors and lane != "lost" else "to come" if lane == "deal" else ""
    key = ("deal", block, lane, supplier or "", families, phase)
    designation = _most(s for e in members for s in e.systems)
    dated = [e for e in members if e.date_start]
    names = Counter(f for e in members for f in e.families)
    shown = sorted({min((f for f in names if family_key(f) == k), key=lambda f: (-names[f], f)) for k in families})
    group = DealGroup(
        group_id=0, block=block, supplier=supplier, buyer=members[0].buyer, system="; ".join(shown) or None,
        designation=designation, category=category(designation) if designation else None,
        quantity=(min(q[0] for q in quantities), max(q[1] for q in quantities)) if quantities else None,
        value=_value(priced), usd=_span(e.usd for e in priced), value_shared=all(e.shared for e in priced) and bool(priced),
        first_date=min(dated, key=lambda e: e.date_start).date if dated else None,
        last_date=max(dated, key=lambda e: e.date_end or e.date_start).date if dated else None,
        order_date=order_date,
        delivery_years="; ".join(sorted({e.date_start[:4] for e in members if e.status == "delivered" and e.date_start})) or None,
        status=status, sources=_sources(members), framework=framework,
        comment=None, comment_event=None, members=members)
    best = min(members, key=lambda e: _telling(e, status))
    return key, replace(group, comment=best.told.sentence, comment_event=best.told.event_id)


def _telling(e: DealEvent, status: str) -> tuple:
    """Which member's sentence tells most of its group (least first): the one with the most facts, then
    one of the group's status, the most precise date, the earliest."""
    facts = sum(x is not None for x in (e.supplier, e.quantity, e.value or e.usd, e.date))
    return (-facts, e.status != status, -len(e.date or ""), e.date_start or "9999", e.told.sentence, e.told.event_id)


def _sources(members: Iterable[DealEvent]) -> int:
    """The documents that tell the group, copies once: of one file's bytes, or telling it in the same words."""
    told: dict[int, set] = {}
    for e in members:
        told.setdefault(e.told.document_id, set()).add(e.told.sentence)
    files = {}
    for e in members:
        files.setdefault(e.told.sha256 or e.told.document_id, frozenset(told[e.told.document_id]))
    return len(set(files.values()))


def _most(items: Iterable[str]) -> str | None:
    """The item named most; ties to the first in alphabetical order."""
    counts = Counter(items)
    return min(counts, key=lambda s: (-counts[s], s)) if counts else None


def _span(spans: Iterable[tuple[float, float] | None]) -> tuple[float, float] | None:
    have = [s for s in spans if s]
    return (min(s[0] for s in have), max(s[1] for s in have)) if have else None


def _value(members: Iterable[DealEvent]) -> tuple[float, float, str] | None:
    """The value in the currency its sources give most (the dollar first on a tie)."""
    values = [e.value for e in members if e.value]
    if not values:
        return None
    counts = Counter(v[2] for v in values)
    currency = min(counts, key=lambda c: (-counts[c], c != "USD", c))
    low, high = _span((v[0], v[1]) for v in values if v[2] == currency)
    return low, high, currency
