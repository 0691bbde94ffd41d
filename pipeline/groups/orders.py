"""Orders from one lane's events (one buyer, family and supplier): signings make the orders, deliveries
and plans join the order they tell, and what none takes is a deal still to come (pipeline.groups.deal_groups
says the rule whole)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from pipeline.groups.records import DealEvent

DELIVERED_WITHIN = 10  # years: a delivery is of an order signed no longer ago than this
PLANS_APART = 2  # years: plans for a deal still to come this far from each other are of different deals
RECAP_WITHIN = 2  # years: a signing of an order's very count this soon after it is that order told again
VALUE_RATIO = 1.5  # two reports of one contract's value differ by less (rounding, exchange rates)

@dataclass
class Order:
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
        """The span of its signings' own prices, of those that agree with the most others (a misread "$45 billion"
        is no end of it, or every price would agree with it)."""
        spans = [e.usd for e in agreed([e for e in self.anchors if e.usd and not e.shared])]
        return (min(u[0] for u in spans), max(u[1] for u in spans)) if spans else None

    def first_month(self) -> str | None:
        """The first month its signings are dated to (None where none is dated finer than a year)."""
        months = [_when(e)[:7] for e in self.anchors if _when(e) and (e.date or "")[4:5] == "-"]
        return min(months) if months else None

    def variants(self) -> set[str]:
        return {s for e in self.anchors for s in _variants(e)}


def _overlap(a: tuple | None, b: tuple | None) -> bool:
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def near(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    """Two reports of one amount: ranges that overlap, or values within VALUE_RATIO of each other."""
    if a is None or b is None or _overlap(a, b):
        return True
    lo, hi = sorted((max(a), max(b)))
    return lo > 0 and hi / lo < VALUE_RATIO


def agreed(reports: list[DealEvent], rank: Callable[[DealEvent], tuple] | None = None) -> list[DealEvent]:
    """Of three or more priced reports, those whose dollar prices agree (``near``) with the report that agrees
    with the most others (on a tie, the first by ``rank``, else the first given): a price one report misread ("$45
    billion" for a $3.4 billion contract) is no end of a range, and lets no other price agree with it."""
    if len(reports) < 3:
        return reports
    support = [[x for x in reports if near(e.usd, x.usd)] for e in reports]
    best = min(range(len(reports)), key=lambda i: (-len(support[i]), rank(reports[i]) if rank else i))
    return support[best]


def _when(e: DealEvent) -> str | None:
    """The first day of an event's own date; none for a signing dated after its article (a schedule read as
    the signing's day: "signed ... for delivery by 2032")."""
    if e.status == "signed" and e.date_start and e.told.published and e.date_start > e.told.published:
        return None
    return e.date_start


def year_of(e: DealEvent) -> str | None:
    """The year an event is of: its own date's, else its article's."""
    day = _when(e) or e.told.published
    return day[:4] if day else None


def _fits(order: Order, e: DealEvent) -> bool:
    """Could ``e`` tell of the order: quantities that agree, and values too where a quantity is missing (a
    value misread in one report does not split an order whose count both tell; a contract's value shared
    with other systems says nothing of this one)."""
    have = order.quantity()
    if have is not None and e.quantity is not None:
        return _overlap(have, e.quantity)
    return near(order.usd(), None if e.shared else e.usd)


def _weak(e: DealEvent) -> bool:
    """A signing that tells neither count nor price: a mention of an order ("the contract signed last year"),
    which opens one only where no order is near."""
    return e.quantity is None and (e.usd is None or e.shared)


def _variants(e: DealEvent) -> set[str]:
    """The variants an event names beyond its families' own names ("M1A2 Abrams" of the M1 Abrams)."""
    return set(e.systems) - set(e.families)


def sign(orders: list[Order], signed: Iterable[DealEvent], *, aid: bool = False) -> None:
    """Signed events into orders: dated ones first, in date order; then undated ones."""
    signed = list(signed)
    weak = sorted((e for e in signed if _weak(e)), key=order_key)
    dated = sorted((e for e in signed if _when(e) and not _weak(e)), key=order_key)
    undated = sorted((e for e in signed if not _when(e) and not _weak(e)), key=order_key)
    for e in dated:
        home = next((o for o in orders if o.year in (None, _when(e)[:4]) and _fits(o, e)), None)
        home = home or (None if aid else _retold(orders, e) or _near_count(orders, e))  # aid recurs at one size
        _add(orders, home, e)
    for e in undated:
        year = year_of(e)
        fit = [o for o in orders if _fits(o, e) and (o.year is None or year is None or o.year <= year)]
        if aid:  # packages recur at one size: an undated one joins only on its price, or its own article's
            fit = [o for o in fit if _kin(o, e) or (o.usd() is not None and e.usd is not None and not e.shared)]
        same = [o for o in fit if o.quantity() is not None and o.quantity() == e.quantity]
        if year is None and not same and len(fit) > 1:
            fit = []  # no date, no article's date, no count of its own: which order it tells is not known
        home = ([o for o in fit if _kin(o, e)] or same or sorted(fit, key=lambda o: o.year or "", reverse=True)
                or [None])[0]
        _add(orders, home or (None if aid else _part_told(orders, e)), e)
    for e in weak:
        _add(orders, next((o for o in orders if _kin(o, e)), None) or _mentioned(orders, year_of(e), aid=aid), e)


def _kin(order: Order, e: DealEvent) -> bool:
    """Does the order hold a report from ``e``'s own article (which then tells of that order, as a rule)?"""
    return any(x.told.document_id == e.told.document_id for x in order.members)


def _part_told(orders: list[Order], e: DealEvent) -> Order | None:
    """The order of ``e``'s own article that an undated signing with no price of its own, for no more than the
    order's count, is part of ("the first six of the 42 jets", a batch coming into force)."""
    if e.usd is not None and not e.shared:
        return None
    return next((o for o in orders if _kin(o, e) and o.quantity() is not None and e.quantity is not None
                 and e.quantity[1] <= o.quantity()[1]), None)


def _retold(orders: list[Order], e: DealEvent) -> Order | None:
    """The one order of a dated signing's very count signed up to RECAP_WITHIN years before it, with no value
    against it: the order told again under a later year ("Poland, which recently signed for 180 K2s", dated by
    the article)."""
    year = int(_when(e)[:4])
    usd = None if e.shared else e.usd
    told = [o for o in orders if o.year is not None and 1 <= year - int(o.year) <= RECAP_WITHIN
            and e.quantity is not None and o.quantity() == e.quantity and near(o.usd(), usd)]
    return told[0] if len(told) == 1 else None


def _near_count(orders: list[Order], e: DealEvent) -> Order | None:
    """The one order of a signing's year whose count is a unit or a tenth off its own, with no price against it
    (48 and 50 jets of one contract, told by two reports)."""
    year = _when(e)[:4]
    usd = None if e.shared else e.usd
    close = [o for o in orders if o.year == year and o.quantity() is not None and e.quantity is not None
             and abs(o.quantity()[1] - e.quantity[1]) <= max(2, o.quantity()[1] // 10) and near(o.usd(), usd)]
    return close[0] if len(close) == 1 else None


def umbrella(order: Order, orders: list[Order]) -> bool:
    """Is the order a framework over another: at least twice the count of a priced order signed in the same
    month or after it, in its year or the next, with no price of its own ("a framework for up to 1,000 K2",
    then "the first contract for 180 K2, worth $3.4 billion")?"""
    have = order.quantity()
    if have is None or order.usd() is not None or order.year is None:
        return False
    return any(o is not order and o.year is not None and 0 <= int(o.year) - int(order.year) <= 1
               and o.quantity() is not None and have[0] >= 2 * o.quantity()[1] and o.usd() is not None
               and (o.first_month() or o.year) >= (order.first_month() or order.year) for o in orders)


def _mentioned(orders: list[Order], year: str | None, *, aid: bool = False) -> Order | None:
    """The order a bare mention of a signing in ``year`` tells: the latest signed by then (RECAP_WITHIN years at
    most), else one signed the year after (a report's year is often the article's), else an undated one; none where all are later. With
    no year, the one order there is; aid, a package of its own year alone (packages come year after year)."""
    if not orders:
        return None
    if aid:
        return next((o for o in orders if year is not None and o.year == year), None)
    if year is None:
        return orders[0] if len(orders) == 1 else None
    by_then = [o for o in orders if o.year is not None and 0 <= int(year) - int(o.year) <= RECAP_WITHIN]
    if by_then:
        return max(by_then, key=lambda o: o.year)
    after = [o for o in orders if o.year is not None and int(o.year) == int(year) + 1]
    return after[0] if after else next((o for o in orders if o.year is None), None)


def _add(orders: list[Order], home: Order | None, e: DealEvent) -> None:
    if home is None:
        orders.append(Order([e]))
    else:
        home.anchors.append(e)


def deliver(orders: list[Order], deliveries: Iterable[DealEvent]) -> list[DealEvent]:
    """Each delivery into the latest order signed by its month (its year, where either gives no month), at most
    DELIVERED_WITHIN years before, big enough for it and of no other variant, an order under a framework
    before the framework; the rest back."""
    left = []
    for e in sorted(deliveries, key=order_key):
        year, have = year_of(e), e.quantity
        month = (_when(e) or "")[:7] if (e.date or "")[4:5] == "-" else None
        fit = [o for o in orders if (o.year is None or year is None or 0 <= int(year) - int(o.year) <= DELIVERED_WITHIN)
               and (month is None or o.first_month() is None or o.first_month() <= month)
               and (have is None or o.quantity() is None or o.quantity()[1] >= have[0])
               and not (_variants(e) and o.variants() and not _variants(e) & o.variants())]
        orders_proper = [o for o in fit if not umbrella(o, orders)]
        kin = [o for o in fit if _kin(o, e)]
        if fit:
            max(kin or orders_proper or fit, key=lambda o: o.year or "").others.append(e)
        else:
            left.append(e)
    return left


def plan(orders: list[Order], plans: Iterable[DealEvent]) -> list[DealEvent]:
    """Each plan or talks into the first order signed on its day or later (the latest, for one its text
    does not date; the lane's one order, dated or not, where there is one), never a framework, and with a price
    that agrees where both give one; the rest back. A plan for more than an order is its programme only if
    dated."""
    left = []
    orders_ = [o for o in orders if o.anchors and not umbrella(o, orders)]
    for e in sorted(plans, key=order_key):
        day = _when(e) or e.told.published
        timely = [o for o in orders_ if (o.year is not None or len(orders_) == 1)
                  and (day is None or (o.first_month() or o.year or "9999") >= day[:7 if o.first_month() else 4])]
        fit = [o for o in timely if near(o.usd(), None if e.shared else e.usd)
               and (_loose(o.quantity(), e.quantity)
                    or (_programme(e.quantity, o.quantity()) and (_when(e) is not None or len(orders_) == 1)))]
        priced = [o for o in timely if e.usd is not None and not e.shared and o.usd() is not None and near(o.usd(), e.usd)]
        if len(priced) == 1 and priced[0] not in fit:
            fit = priced  # a price that agrees with one order alone says which, whatever the count told
        # an undated one told in an order's own article is of that order, whenever the article came out
        kin = [o for o in (fit if _when(e) else orders_) if _kin(o, e) and _loose(o.quantity(), e.quantity)
               and near(o.usd(), None if e.shared else e.usd)]
        if fit or kin:
            pick = min if _when(e) else max
            pick(kin or fit, key=lambda o: o.year or "").others.append(e)
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


def still_to_come(events: list[DealEvent]) -> list[Order]:
    """Plans, talks and deliveries no signing took, as deals still to come: reports of no other variant, and
    of counts that fit (plans and talks loosely and within PLANS_APART years of each other; a delivery only
    with a count it overlaps, within DELIVERED_WITHIN years)."""
    out: list[Order] = []
    for e in sorted(events, key=order_key):
        home = next((o for o in out if all(_together(x, e) for x in o.others)), None)
        if home is None:
            out.append(Order([], [e]))
        else:
            home.others.append(e)
    return out


def _together(x: DealEvent, e: DealEvent) -> bool:
    """Can two reports no order took be of one deal still to come?"""
    if _variants(x) and _variants(e) and not _variants(x) & _variants(e):
        return False
    years = (year_of(x), year_of(e))
    apart = abs(int(years[0]) - int(years[1])) if None not in years else 0
    if "delivered" in (x.status, e.status):
        return _overlap(x.quantity, e.quantity) and apart <= DELIVERED_WITHIN
    return _loose(x.quantity, e.quantity) and apart <= PLANS_APART


def order_key(e: DealEvent) -> tuple:
    return (_when(e) or "", e.told.published or "", e.told.sentence, e.told.event_id)


