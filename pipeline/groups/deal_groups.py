"""One buyer's deal events, from every document, grouped into real-world deals (the rule, as the README
says it: "Across documents").

Events of one buyer and one system family are one deal unless something tells them apart. A lost bid is
one group of its own; aid packages are apart from purchases, one per year and size. A known supplier is
kept apart from another; an event with no supplier joins the one supplier of its family, where there is
only one. Signed events make the orders: two are one order when their years agree and their counts do not
contradict each other (values decide where a count is missing); an undated one joins the order its count
fits, else the latest signed by its article's date. A delivery joins the latest order signed by its date
that is big enough for it. A plan or talks join the first order signed in their year or after; what no
order takes is a deal still to come, one per count. The status of a group is the furthest its members
reached (planned, negotiating, signed, delivered); its count and value are what its signings give, so
later reports add what earlier ones lacked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from pipeline.groups.records import DealEvent, DealGroup, stable_id

LIFECYCLE = ("planned", "negotiating", "signed", "delivered")
DELIVERED_WITHIN = 10  # years: a delivery is of an order signed no longer ago than this
PLANS_APART = 2  # years: plans for a deal still to come this far from each other are of different deals
APART = ("lost", "aid")  # each a lane of its own: a lost bid is not the deal that won
VALUE_RATIO = 1.5  # two reports of one contract's value differ by less (rounding, exchange rates)


@dataclass
class _Order:
    anchors: list[DealEvent] = field(default_factory=list)  # the signings (or, for aid, every package report)
    others: list[DealEvent] = field(default_factory=list)

    @property
    def members(self) -> list[DealEvent]:
        return self.anchors + self.others

    @property
    def year(self) -> str | None:
        years = [_when(e)[:4] for e in self.anchors if _when(e)]
        return min(years) if years else None

    def quantity(self) -> tuple[int, int] | None:
        spans = [e.quantity for e in self.anchors if e.quantity]
        return (min(q[0] for q in spans), max(q[1] for q in spans)) if spans else None

    def usd(self) -> tuple[float, float] | None:
        spans = [e.usd for e in self.anchors if e.usd and not e.shared]
        return (min(u[0] for u in spans), max(u[1] for u in spans)) if spans else None

    def last_day(self) -> str | None:
        """The last day its signings are dated to (None where none is)."""
        days = [e.date_end or _when(e) for e in self.anchors if _when(e)]
        return max(days) if days else None

    def variants(self) -> set[str]:
        return {s for e in self.anchors for s in _variants(e)}


def _overlap(a: tuple | None, b: tuple | None) -> bool:
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def _near(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    """Two reports of one amount: ranges that overlap, or values within VALUE_RATIO of each other."""
    if a is None or b is None or _overlap(a, b):
        return True
    lo, hi = sorted((max(a), max(b)))
    return lo > 0 and hi / lo < VALUE_RATIO


def _when(e: DealEvent) -> str | None:
    """The first day of an event's own date; none for a signing dated after its article (a schedule read as
    the signing's day: "signed ... for delivery by 2032")."""
    if e.status == "signed" and e.date_start and e.told.published and e.date_start > e.told.published:
        return None
    return e.date_start


def _year(e: DealEvent) -> str | None:
    """The year an event is of: its own date's, else its article's."""
    day = _when(e) or e.told.published
    return day[:4] if day else None


def _fits(order: _Order, e: DealEvent) -> bool:
    """Could ``e`` tell of the order: quantities that agree, and values too where a quantity is missing (a
    value misread in one report does not split an order whose count both tell; a contract's value shared
    with other systems says nothing of this one)."""
    have = order.quantity()
    if have is not None and e.quantity is not None:
        return _overlap(have, e.quantity)
    return _near(order.usd(), None if e.shared else e.usd)


def _weak(e: DealEvent) -> bool:
    """A signing that tells neither count nor price: a mention of an order ("the contract signed last year"),
    which opens one only where no order is near."""
    return e.quantity is None and (e.usd is None or e.shared)


def _variants(e: DealEvent) -> set[str]:
    """The variants an event names beyond its families' own names ("M1A2 Abrams" of the M1 Abrams)."""
    return set(e.systems) - set(e.families)


def _sign(orders: list[_Order], signed: Iterable[DealEvent], *, aid: bool = False) -> None:
    """Signed events into orders: dated ones first, in date order; then undated ones."""
    signed = list(signed)
    weak = sorted((e for e in signed if _weak(e)), key=_order_key)
    dated = sorted((e for e in signed if _when(e) and not _weak(e)), key=_order_key)
    undated = sorted((e for e in signed if not _when(e) and not _weak(e)), key=_order_key)
    for e in dated:
        home = next((o for o in orders if o.year in (None, _when(e)[:4]) and _fits(o, e)), None)
        _add(orders, home, e)
    for e in undated:
        year = _year(e)
        fit = [o for o in orders if _fits(o, e) and (o.year is None or year is None or o.year <= year)]
        same = [o for o in fit if o.quantity() is not None and o.quantity() == e.quantity]
        if year is None and not same and len(fit) > 1:
            fit = []  # no date, no article's date, no count of its own: which order it tells is not known
        home = (same or sorted(fit, key=lambda o: o.year or "", reverse=True) or [None])[0]
        _add(orders, home, e)
    for e in weak:
        _add(orders, _mentioned(orders, _year(e), aid=aid), e)


def _mentioned(orders: list[_Order], year: str | None, *, aid: bool = False) -> _Order | None:
    """The order a bare mention of a signing in ``year`` tells: the latest signed by then, else one signed the
    year after (a report's year is often the article's), else an undated one; none where all are later. With
    no year, the one order there is; aid, a package of its own year alone (packages come year after year)."""
    if not orders:
        return None
    if aid:
        return next((o for o in orders if year is not None and o.year == year), None)
    if year is None:
        return orders[0] if len(orders) == 1 else None
    by_then = [o for o in orders if o.year is not None and o.year <= year]
    if by_then:
        return max(by_then, key=lambda o: o.year)
    after = [o for o in orders if o.year is not None and int(o.year) == int(year) + 1]
    return after[0] if after else next((o for o in orders if o.year is None), None)


def _add(orders: list[_Order], home: _Order | None, e: DealEvent) -> None:
    if home is None:
        orders.append(_Order([e]))
    else:
        home.anchors.append(e)


def _deliver(orders: list[_Order], deliveries: Iterable[DealEvent]) -> list[DealEvent]:
    """Each delivery into the latest order signed by its year that is big enough for it; the rest back."""
    left = []
    for e in sorted(deliveries, key=_order_key):
        year, have = _year(e), e.quantity
        fit = [o for o in orders if (o.year is None or year is None or 0 <= int(year) - int(o.year) <= DELIVERED_WITHIN)
               and (have is None or o.quantity() is None or o.quantity()[1] >= have[0])
               and not (_variants(e) and o.variants() and not _variants(e) & o.variants())]
        if fit:
            max(fit, key=lambda o: o.year or "").others.append(e)
        else:
            left.append(e)
    return left


def _plan(orders: list[_Order], plans: Iterable[DealEvent]) -> list[DealEvent]:
    """Each plan or talks into the first order signed on its day or later (the lane's one order, dated or
    not, where there is one); the rest back. A plan for more than an order is its programme only if dated."""
    left = []
    orders_ = [o for o in orders if o.anchors]
    for e in sorted(plans, key=_order_key):
        day = _when(e) or e.told.published
        fit = [o for o in orders_ if (o.year is not None or len(orders_) == 1)
               and (day is None or o.last_day() is None or day <= o.last_day())
               and (_loose(o.quantity(), e.quantity)
                    or (_programme(e.quantity, o.quantity()) and (_when(e) is not None or len(orders_) == 1)))]
        if fit:
            min(fit, key=lambda o: o.year or "").others.append(e)
        else:
            left.append(e)
    return left


def _loose(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    """Quantities a plan and its order may both have: a plan's number moves before the signing, by half at most."""
    return a is None or b is None or _overlap(a, b) or max(a[1], b[1]) <= 2 * min(a[1], b[1])


def _programme(plan: tuple[int, int] | None, order: tuple[int, int] | None) -> bool:
    """A plan for more than an order signed in its year or later is the programme the order opens (a plan
    for 12 jets, a first contract for 4)."""
    return plan is not None and order is not None and plan[0] >= order[1]


def _still_to_come(events: list[DealEvent]) -> list[_Order]:
    """Plans, talks and deliveries no signing took: one deal per quantity that does not fit the others."""
    out: list[_Order] = []
    for e in sorted(events, key=_order_key):
        home = next((o for o in out if all(_loose(x.quantity, e.quantity) for x in o.others) and _near_in_time(o, e)), None)
        if home is None:
            out.append(_Order([], [e]))
        else:
            home.others.append(e)
    return out


def _near_in_time(order: _Order, e: DealEvent) -> bool:
    """Is ``e`` within PLANS_APART years of a report of the deal still to come (or either undated)?"""
    year = _year(e)
    years = [int(y) for x in order.others if (y := _year(x))]
    return year is None or not years or min(abs(int(year) - y) for y in years) <= PLANS_APART


def _order_key(e: DealEvent) -> tuple:
    return (_when(e) or "", e.told.published or "", e.told.sentence, e.told.event_id)


def family_key(name: str) -> str:
    """A family's name compared in letters and digits alone, lower case: "KAAN" is "Kaan"."""
    return "".join(c for c in name.lower() if c.isalnum())


def _specific(events: list[DealEvent], category: Callable[[str], str | None]) -> list[DealEvent]:
    """An event whose system is only a kind ("fighter aircraft") takes the one named family of that kind its
    buyer deals in with its supplier (or with any, where it names none), if there is only one."""
    kinds: dict[tuple, set] = {}
    for e in events:
        if len(e.families) == 1 and category(e.families[0]) != e.families[0]:
            kind = next((category(s) for s in (*e.families, *e.systems) if category(s)), None)
            for key in ((kind, e.supplier), (kind, None), (kind, e.told.document_id)):
                kinds.setdefault(key, set()).add(family_key(e.families[0]))
    out = []
    for e in events:
        generic = len(e.families) == 1 and category(e.families[0]) == e.families[0]
        # the family of that kind its own article names first, else the one its buyer deals in
        named = (kinds.get((e.families[0], e.told.document_id)) or kinds.get((e.families[0], e.supplier), set())
                 if generic else set())
        if len(named) == 1:
            family = next(f for f in _families(events) if family_key(f) == next(iter(named)))
            e = replace(e, families=(family,))
        out.append(e)
    return out


def _families(events: list[DealEvent]) -> list[str]:
    return sorted({f for e in events for f in e.families})


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


def _orders(lane: str, events: list[DealEvent]) -> list[_Order]:
    if lane == "lost":  # one lost bid, however many years it is told over
        return [_Order(sorted(events, key=_order_key))]
    if lane == "aid":  # aid packages: told apart by year and size alone
        orders: list[_Order] = []
        _sign(orders, events, aid=True)
        return orders
    orders = []
    _sign(orders, [e for e in events if e.status == "signed"])
    left = _deliver(orders, [e for e in events if e.status == "delivered"])
    left += _plan(orders, [e for e in events if e.status in ("planned", "negotiating")])
    return orders + _still_to_come(left)


def group_deals(block: str, events: list[DealEvent], category: Callable[[str], str | None]) -> list[DealGroup]:
    """The deal groups of one block (a buyer's events), ids stable: the same events give the same groups
    and ids in any order. ``category`` gives a system's kind (systems.yaml)."""
    orders = {key: _orders(key[0], items) for key, items in _lanes(_specific(events, category)).items()}
    _lost_campaigns(orders)
    drafts = [_draft(block, lane, families, supplier, order, category)
              for (lane, families, supplier), items in sorted(orders.items(), key=lambda kv: repr(kv[0])) for order in items
              if order.members]
    counted: Counter = Counter()
    out = []
    for key, group in sorted(drafts, key=lambda kg: (repr(kg[0]), _tiebreak(kg[1]))):
        counted[key] += 1
        out.append(replace(group, group_id=stable_id((*key, counted[key]))))
    return out


def _lost_campaigns(orders: dict[tuple, list[_Order]]) -> None:
    """The plans and talks of a supplier that lost a bid, told no later than the loss and taken by no
    order of its own, are that bid's campaign (trials, a shortlist), not a deal still to come."""
    for (lane, families, supplier), lost in orders.items():
        if lane != "lost" or not lost:
            continue
        until = max((y for e in lost[0].members if (y := _year(e))), default=None)
        for pending in orders.get(("deal", families, supplier), []):
            if pending.anchors or any(e.status not in ("planned", "negotiating") for e in pending.others):
                continue
            if all(until is None or _year(e) is None or _year(e) <= until for e in pending.others):
                lost[0].others += pending.others
                pending.others = []


def _tiebreak(g: DealGroup) -> tuple:
    return (g.first_date or "", g.quantity or (0, 0), g.usd or (0.0, 0.0), min(e.told.sentence for e in g.members))


def _draft(block: str, lane: str, families: tuple, supplier: str | None, order: _Order,
           category: Callable[[str], str | None]) -> tuple[tuple, DealGroup]:
    members = tuple(sorted(order.members, key=_order_key))
    status = lane if lane != "deal" else max((e.status for e in members), key=LIFECYCLE.index)
    # what the order's count and price are read from: its signings (a delivery tells a part, a plan a hope)
    stating = order.anchors or [e for e in members if e.status != "delivered"] or list(members)
    # its own price where a report gives one, else a contract's it shares with other systems
    priced = [e for e in stating if e.value and not e.shared] or [e for e in stating if e.value]
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
        status=status, sources=_sources(members),
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
