"""Deal events: a document's deal mentions merged into one deal per real transaction.

Two mentions are one deal when they name the same buyer and status (a headline's status yields to the
body's) and nothing both state conflicts: supplier, systems (or one names none, or only their kind),
quantity, value, and the year of a date the text gives to a mention that brings a count or value of
its own ("an earlier $500 million contract in 2018"). Mentions of one named system at different stages
(approved, signed, delivered) are one deal when their counts fit and their dates lie in one year (a delivery
and the order the text says it is part of: in any later year). Each
attribute then comes from the mention that states it most explicitly: a stated value over none, a day
over a month; the status and count from the body's fullest telling (a signing told outranks a plan).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Mapping, Sequence

from pipeline.records import DateValue, Deal, Money, Quantity, Sentence

_STAGE = {"planned": 0, "negotiating": 0, "signed": 1, "lost": 1, "aid": 1, "delivered": 2}
_VALUE_TOLERANCE = Decimal("0.05")


def merge_mentions(mentions: Sequence[Deal], *, kinds: Mapping[str, str | None] = {},
                   published: DateValue | None = None, families: Mapping[str, str] = {}) -> list[Deal]:
    """The deal events of a document from its deal mentions in text order: body mentions first, so that a
    headline joins the body's telling of its deal; each event lists the mentions it merges. ``kinds``: each
    named system's kind ("K2 Black Panther": "tank"), so that "the tanks" can be told of a named K2 deal;
    ``published``: the article's date, after which a date is a target ("deliveries from 2026"), not the deal's;
    ``families``: the system each variant with an entry of its own belongs to ("K2PL": "K2 Black Panther")."""
    groups: list[list[Deal]] = []
    headlines: list[list[tuple[Sentence, str]]] = []  # each event's headlines told with it, not merged into it
    events: list[Deal] = []
    for m in sorted(mentions, key=headline_only):  # (stable: text order within each)
        fits = [k for k, e in enumerate(events) if compatible(e, m, kinds, published, families)]
        # a telling of one stage joins the event told at that stage before one it could be a stage of
        # (and a bare telling, "the 9th country to acquire Black Hawks", the order before a batch of it)
        same = sorted((k for k in fits if events[k].status == m.status), key=lambda k: bool(_bare(m) and _batch(events[k])))
        i = same[0] if same else fits[0] if fits else None
        told = None if i is not None or not headline_only(m) else _told_in_body(events, m, kinds)
        if told is not None:
            headlines[told].append((m.sentence, m.rule))
            events[told] = replace(events[told], support=(*events[told].support, (m.sentence, m.rule)))
        elif i is None:
            groups.append([m])
            headlines.append([])
            events.append(fold([m], kinds, published))
        else:
            groups[i].append(m)
            folded = fold(groups[i], kinds, published)
            events[i] = replace(folded, support=(*folded.support, *headlines[i]))
    joined = _deliveries_of_orders(events, kinds)
    for delivery, order in joined:  # (the orders' groups folded again, with their batches: parts of the order)
        groups[order] += [replace(m, part=True) for m in groups[delivery]]
    for order in {order for _, order in joined}:
        folded = fold(sorted(groups[order], key=lambda m: (headline_only(m), m.sentence.start)), kinds, published)
        events[order] = replace(folded, support=(*folded.support, *headlines[order]))
    gone = {delivery for delivery, _ in joined}
    return [e for k, e in enumerate(events) if k not in gone]


def _deliveries_of_orders(events: list[Deal], kinds: Mapping[str, str | None]) -> list[tuple[int, int]]:
    """Each event that is only deliveries of part of an order ("the first batch of BrahMos arrived", "the third
    of eight submarines was handed over") with the one signed order of its buyer and named system in the
    document: (delivery, order) index pairs. A delivery is that order's news (an analyst keeps one row per
    order, its status moving on to delivered), where its count fits in the order's and it is not dated before
    the signing; with two orders of the system, which one it is part of is not said, and it stays apart."""
    pairs = []
    for i, e in enumerate(events):
        if e.status not in ("delivered", "planned") and not (e.status == "signed" and _batch(e)) or not _named(e.systems, kinds):
            continue
        orders = [j for j, o in enumerate(events) if j != i and _an_order(o) and o.buyer == e.buyer
                  and _either(o.supplier, e.supplier) and _named(o.systems, kinds) and set(o.systems) == set(e.systems)]
        if len(orders) != 1:
            continue
        o = events[orders[0]]
        if not _part_of(e, o):
            continue
        if e.date_stated and o.date_stated and o.date.after(e.date):
            continue
        pairs.append((i, orders[0]))
    return pairs


def _priced_later(m: Deal) -> bool:
    """Is a mention's only fact beyond its system a price a later sentence gave it ("... to purchase the T-50
    aircraft," says the chief executive. ... bringing the entire value of the contract to over $2 billion")?
    Such a total may count more than the goods (training, support): it keeps no telling of the deal apart."""
    told = m.mentions or (m,)
    return len(told) == 1 and m.quantity is None and not m.date_stated and m.value is not None and \
        any(r == "deals.followup-value" for _, r in m.support)


def _bare(m: Deal) -> bool:
    """Does the mention state no count, value or date of its own?"""
    return m.quantity is None and m.value is None and not m.date_stated


def _batch(event: Deal) -> bool:
    """Is every telling of the event one of a part of an order ("the first batch of 10", "the last batch of four")?"""
    return all(m.part for m in event.mentions or (event,))


def _an_order(event: Deal) -> bool:
    """Is the event an order: signed, or signed and already moved on with a batch delivered ("The delivery is part of
    a deal Cairo signed in 2015 for 24 jets")?"""
    if _batch(event):
        return False  # a batch to come told as the order's schedule ("will receive the last batch of four")
    return event.status == "signed" or event.status == "delivered" and any(m.status == "signed" for m in event.mentions)


def _part_of(delivery: Deal, order: Deal) -> bool:
    """Is the delivery a part of the order: told as a part ("the first two of 28"), with the other tellings of that
    batch ("The two jets flew in from Italy"), and a count that fits the order's, not joined to an order yet?"""
    told, q, whole = delivery.mentions or (delivery,), delivery.quantity, order.quantity
    if any(m.status == "signed" and not m.part for m in told):
        return False  # already joined to the order it is part of ("The shipment is part of a 2023 contract")
    if q and whole and q.high > whole.high:
        return False
    # "delivered six helicopters" in a story of the order for 16 (not dated before it): a batch of it, told or not
    return any(m.part for m in told) or bool(q and whole and q.high < whole.low and delivery.status == "delivered")


def headline_only(m: Deal) -> bool:
    """Is the mention a headline's alone? One whose count or value a body sentence gave ("Poland signs $6.5 billion
    deal for K2 tanks" ... "The contract covers 180 K2 tanks") is the body's telling of it, and stands as the body's."""
    return m.sentence.heading and not any(not s.heading and r in ("deals.followup-quantity", "deals.followup-value")
                                          for s, r in m.support)


def _told_in_body(events: list[Deal], headline: Deal, kinds: Mapping[str, str | None]) -> int | None:
    """The body's deal of the headline's systems, where the headline's own reading of it conflicts: a headline's
    grammar ("Chile orders 12 boats from Spain") is parsed worse than the body's prose, and a headline tells
    the story the body tells, so it is listed with that deal and makes no second one."""
    return next((k for k, e in enumerate(events) if e.systems and headline.systems and not e.sentence.heading
                 and _systems_agree(e.systems, headline.systems, kinds)), None)


def compatible(event: Deal, m: Deal, kinds: Mapping[str, str | None] = {}, published: DateValue | None = None,
               families: Mapping[str, str] = {}) -> bool:
    """Can mention ``m`` be a telling of ``event``: nothing that both state differs?"""
    if event.buyer != m.buyer or not _either(event.supplier, m.supplier) or \
            not (values_agree(event.value, m.value) or _priced_later(m) or _priced_later(event)):
        return False
    if not _systems_agree(event.systems, m.systems, kinds) and not _same_price(event, m, kinds) and \
            not _variant_in_passing(event, m, families):
        return False
    if _statuses_agree(event, m):
        counts = quantities_agree(event.quantity, m.quantity) or _counted_again(event, m, published)
        return counts and _dated_alike(event, m, published)
    if _fills_the_order(event, m, kinds):
        return True
    told = event.mentions or (event,)
    if (m.apart and not _retold(m, told, published) or any(x.apart and not _retold(x, (m,), published) for x in told)) \
            and not _both_new(event, m):
        return False  # "negotiating for a dozen more", "the first batch of 10 arrived": not the order signed
    return _one_lifecycle(event, m, kinds, published)


def _retold(m: Deal, others: Sequence[Deal], published: DateValue | None) -> bool:
    """Is a mention marked as another deal but stating nothing of its own, no count, value, date nor batch
    ("Thailand's decision to purchase additional Gripens comes two years after ..."), a telling of current news
    (``others``: no delivery, nothing dated in a year before the article's): the deal the story is about, told
    again? Beside an order of years before ("signed for five S-400s in 2018 ... talks on more S-400s") or goods
    shipped ("shipped 133 tanks" ... "talks on its second contract") it is the next deal."""
    if m.part or not _bare(m):
        return False
    return not any(o.status == "delivered" or _dated_before_the_year(o, published) for o in others)


def _both_new(event: Deal, m: Deal) -> bool:
    """Are both told as another than an earlier deal, and neither as a part ("will acquire additional Patriot
    radars", "the award of a $946 million contract, the third Patriot order from the country")? Each is set apart
    from the orders before it, not from the other: the one new deal at two stages."""
    told = event.mentions or (event,)
    return m.apart and not m.part and all(x.apart and not x.part for x in told)


def _variant_in_passing(event: Deal, m: Deal, families: Mapping[str, str]) -> bool:
    """A variant of the deal's system named in passing, with no count or price of its own ("the delay was due to
    the development of the K2PL variant" in a story of the K2 deal): the same deal, told at the same stage."""
    def family(systems: tuple[str, ...]) -> set[str]:
        return {families.get(s, s) for s in systems}

    bare = [x for x in (event, m) if x.quantity is None and x.value is None]
    whole = family(event.systems)  # one side names the family itself: two sibling variants are two models
    return bool(bare) and bool(event.systems) and whole == family(m.systems) and whole in (set(event.systems), set(m.systems))


def _counted_again(event: Deal, m: Deal, published: DateValue | None = None) -> bool:
    """A second count of one system in the sentence that gave the deal its count, at the same stage ("28
    Leopard 2A4 tanks and two recovery tanks", "48 jets: 12 FA-50GF and 36 FA-50PL", "77 tanks, and a fleet
    of up to 122"): a part, a total or an aside; the deal keeps the first count."""
    told = {x.sentence for x in event.mentions or (event,) if x.quantity is not None}
    return m.sentence in told and event.status == m.status and not m.apart and (not event.date_stated
                                                                                    or not m.date_stated or _dates_agree(event.date, m.date, published))


def _one_lifecycle(event: Deal, m: Deal, kinds: Mapping[str, str | None], published: DateValue | None) -> bool:
    """Mentions of one named system (or it and its kind) told at different stages ("the cabinet approved the purchase last
    week", "signed on Tuesday", "the first four were shipped") are one transaction when their counts
    agree and their stated dates lie in one year. (A delivery of part of an order joins it after the merge,
    _deliveries_of_orders: "the first 10 of the 180 tanks arrived".)"""
    if not (_named(event.systems, kinds) or _named(m.systems, kinds)) or not _systems_agree(event.systems, m.systems, kinds):
        return False
    if not quantities_agree(event.quantity, m.quantity):
        return False
    if _named(event.systems, kinds) != _named(m.systems, kinds) and _delivered_before_news(event, m, published):
        return False
    return not (event.date_stated and m.date_stated) or _dates_agree(event.date, m.date, published) and _in_stage_order(event, m, published)


def _delivered_before_news(a: Deal, b: Deal, published: DateValue | None) -> bool:
    """Is one a signing told as news, with no date but the article's ("has been awarded a contract for two
    frigates"), and the other a delivery the text dates in an earlier year ("had supplied two Jose Rizal-class
    frigates in 2020")? That delivery is of an earlier order, whatever kind of system both name."""
    signed = next((x for x in (a, b) if x.status == "signed"), None)
    delivered = next((x for x in (a, b) if x.status == "delivered"), None)
    return signed is not None and delivered is not None and not signed.date_stated and \
        _dated_before_the_year(delivered, published)


def _dated_before_the_year(m: Deal, published: DateValue | None) -> bool:
    """Does the text date the mention in a year before the article's?"""
    return m.date_stated and bool(m.date.value) and published is not None and bool(published.value) \
        and m.date.year < published.year


def _fills_the_order(event: Deal, m: Deal, kinds: Mapping[str, str | None]) -> bool:
    """A delivery (a batch, too) and the order the text says it is part of ("Hanwha shipped a fresh batch of four
    K9s to Norway. The shipment is part of a 2022 contract"; "shipped 133 tanks and the remaining 47 will
    follow", to an order of 180): one signing (or several of one year), deliveries not dated before it, however
    many years later, and counts that agree (or one side's only). A delivery the text does not tie to an order
    ("the first 10 tanks arrived") is news of its own."""
    told = [*(event.mentions or (event,)), m]
    signed = [x for x in told if x.status == "signed"]
    delivered = [x for x in told if x.status == "delivered"]
    tied = any(x.names_order for x in signed) or any(_rest_of(d, o) for d in delivered for o in signed)
    if not tied or not delivered or len(signed) + len(delivered) < len(told):
        return False
    if not _named(event.systems, kinds) or not _systems_agree(event.systems, m.systems, kinds):
        return False
    dated = [x for x in signed if x.date_stated and x.date.value]
    if len({x.date.year for x in dated}) > 1:
        return False  # two contracts
    for d in delivered:
        for o in signed:
            if not quantities_agree(d.quantity, o.quantity) and not _rest_of(d, o):
                return False
            if d.date_stated and o.date_stated and o.date.after(d.date):
                return False
    return True


def _rest_of(delivery: Deal, order: Deal) -> bool:
    """Is the delivery, with what its sentence says remains, the whole count of the order?"""
    q = order.quantity
    return delivery.of_order is not None and q is not None and q.low == q.high == delivery.of_order


def _in_stage_order(a: Deal, b: Deal, published: DateValue | None = None) -> bool:
    """Are the stages dated in their order (approved or negotiated, then signed, then delivered)? Talks
    dated after a signing are about the next contract ("expected to sign the executive contract next month");
    a plan's date after the article's is its target ("a fleet of 77 tanks after 2030"), not when it was told."""
    early, late = sorted((a, b), key=lambda d: _STAGE[d.status])
    if _STAGE[early.status] == _STAGE[late.status] or not early.date.value or not late.date.value:
        return True
    return early.status == "planned" and early.date.after(published) or not early.date.after(late.date)


def _same_price(event: Deal, m: Deal, kinds: Mapping[str, str | None]) -> bool:
    """A headline and the body's telling that name only kinds of system ("missile systems", "an air
    defence system") are one deal when both state one price: they seldom use the same word for it."""
    headline = m.sentence.heading or all(x.sentence.heading for x in event.mentions or (event,))
    return headline and event.value is not None and m.value is not None and not _named(event.systems, kinds) \
        and not _named(m.systems, kinds) and values_agree(event.value, m.value)


def fold(group: list[Deal], kinds: Mapping[str, str | None] = {}, published: DateValue | None = None) -> Deal:
    """One deal from the mentions of one transaction (body mentions first, in text order). Where no mention
    states the deal's date, a date the text gives to a telling of it ("confirmed the reports Thursday")
    is nearer the event than the article's date (``published``)."""
    # the body's tellings first: a headline's grammar hides the status, and a caption's date is the photo's
    body = [m for m in group if not m.sentence.heading and m.sentence.told_by_story] or \
        [m for m in group if not m.sentence.heading] or group
    value: Money | None = None
    for m in group:
        if m.value is not None:
            value = better_value(value, m.value)
    stated = [m for m in body if m.date_stated and m.date.value]
    signed = [m for m in stated if m.status == "signed"]  # a deal's date is when it was signed, not planned
    told = next((m.date for m in body if m.date.value and m.date != published), body[0].date)
    signing = next((m for m in body if m.status == "signed" and m.date.value), None)
    if signing is not None and stated and all(_STAGE[m.status] == 0 for m in stated):
        # "has signed to supply 21 vehicles ... Last year the companies agreed to team up": the plan's or the
        # talks' date is not the signing's, told as news
        stated, told = [], signing.date
    date = max(signed or stated, key=lambda m: m.date.rank).date if stated else told
    staged = max(body, key=lambda m: _facts_stated(m))  # (the first of the fullest)
    moved = [m for m in stated if m.status == "delivered"]
    if moved and _status(staged, body) == "delivered":
        # a deal that has moved on to delivered is dated by the delivery the text dates, as its status tells of it
        # ("signed in 2019 for 16 helicopters ... delivered six in December 2020": delivered, 2020-12)
        date = max(moved, key=lambda m: m.date.rank).date
    # an order with deliveries of part of it: the order's count, where the text gives one
    ordered = next((m.quantity for m in group if m.status == "signed" and not m.part and m.quantity), None) or \
        next((m.quantity for m in group if not m.part and m.quantity), None)
    joined = any(m.part for m in group) and not all(m.part for m in group)
    sold_by = next((m for m in group if m.supplier), None)
    merged = replace(body[0], supplier=sold_by.supplier if sold_by else None,
                     supplier_rule=sold_by.supplier_rule if sold_by else None, status_rule=_status_rule(staged, body),
                     systems=next((m.systems for m in group if _named(m.systems, kinds)), next((m.systems for m in group if m.systems), ())),
                     quantity=(ordered if joined else None) or staged.quantity or next((m.quantity for m in group if m.quantity), None),
                     value=value,
                     date=date, date_stated=bool(stated), status=_status(staged, body), mentions=tuple(group),
                     support=tuple(dict((s.start, (s, r)) for m in group for s, r in m.support).values()))
    # the first of the fullest (body first), a caption's sentence last (a caption repeats the story)
    main = max(group, key=lambda m: (m.sentence.told_by_story, _facts_given(m, merged)))
    return replace(merged, sentence=main.sentence, rule=main.rule)


def _status_rule(staged: Deal, body: list[Deal]) -> str | None:
    """What set the status _status gives: the telling that gave it."""
    if staged.status in ("planned", "negotiating"):
        signed = next((m for m in body if m.status == "signed" and m.signing), None)
        if signed is not None:
            return signed.status_rule
    if staged.status == "signed":
        delivered = next((m for m in body if m.part and m.status == "delivered"), None)
        if delivered is not None:
            return delivered.status_rule
    return staged.status_rule


def _status(staged: Deal, body: list[Deal]) -> str:
    """The fullest telling's status; but a deal the body says was signed ("signed a contract ...") is
    signed, however fully its plan is told ("The firm will supply a total of 288 ...")."""
    if staged.status in ("planned", "negotiating") and any(m.status == "signed" and m.signing for m in body):
        return "signed"
    if staged.status == "signed" and any(m.part and m.status == "delivered" for m in body):
        return "delivered"  # the order, part of it delivered: it has moved on
    return staged.status


def _facts_stated(m: Deal) -> int:
    """How many facts of a deal a mention states: the fullest telling of a deal gives its stage (status)
    and its count, the others being a step before or after it ("approved", "the first four delivered")."""
    return sum((m.supplier is not None, bool(m.systems), m.quantity is not None, m.value is not None, m.date_stated))


def _facts_given(m: Deal, event: Deal) -> int:
    """How many of the event's facts mention ``m`` states itself."""
    q, v = m.quantity, m.value
    return sum((m.supplier is not None and m.supplier == event.supplier, bool(m.systems) and m.systems == event.systems,
                q is not None and event.quantity is not None and (q.low, q.high) == (event.quantity.low, event.quantity.high),
                v is not None and event.value is not None and v.currency == event.value.currency and values_agree(v, event.value),
                m.date_stated and m.date == event.date, m.status == event.status))


def _named(systems: tuple[str, ...], kinds: Mapping[str, str | None]) -> bool:
    """Do the systems name a system, not only a kind of one ("the tanks")?"""
    return bool(systems) and all(s in kinds for s in systems)


def _systems_agree(a: tuple[str, ...], b: tuple[str, ...], kinds: Mapping[str, str | None]) -> bool:
    """The same systems; or one side names none, or only the kind of the other's ("tanks" and the K2)."""
    if not a or not b or set(a) == set(b):
        return True
    if _named(a, kinds) == _named(b, kinds):
        return False
    named, vague = (a, b) if _named(a, kinds) else (b, a)
    return set(vague) <= {kinds[s] for s in named}


def _either(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _statuses_agree(event: Deal, m: Deal) -> bool:
    """The same status, or one side told only in headlines (whose grammar hides the status)."""
    headline_only = all(x.sentence.heading for x in event.mentions or (event,))
    return event.status == m.status or m.sentence.heading or headline_only


def _dated_alike(event: Deal, m: Deal, published: DateValue | None) -> bool:
    """Do the dates allow one deal? A bare mention's date (no count, no value) is more often a date
    misread from a clause nearby than another contract, and does not keep it apart, unless the text says it
    is another deal ("after one in 2016")."""
    if not event.date_stated or not m.date_stated or not (m.quantity or m.value or m.apart):
        return True
    return _dates_agree(event.date, m.date, published)


def _dates_agree(a: DateValue, b: DateValue, published: DateValue | None = None) -> bool:
    """Dates of one year agree ("2022-08", "2022-10-28": a month is often when it was decided or told);
    "2018" and "2022" do not; a target after the article's date agrees with any date."""
    if not a.value or not b.value or a.after(published) or b.after(published):
        return True
    return a.year == b.year


def better_value(old: Money | None, new: Money) -> Money:
    """The deal's value in its own currency where the text gives one; the text's dollar figure kept:
    "$700 million contract ... put the price at 36.6 billion pesos" -> PHP 36.6bn, USD 700m."""
    if old is None:
        return new
    if old.currency == "USD" and new.currency != "USD":
        return replace(new, usd_low=old.low, usd_high=old.high, usd_source="text")
    return old


def values_agree(a: Money | None, b: Money | None) -> bool:
    """Within 5% in one currency, or in dollars; amounts that cannot be compared agree."""
    if a is None or b is None:
        return True
    if a.currency == b.currency:
        return abs(a.low - b.low) <= _VALUE_TOLERANCE * max(a.low, b.low, Decimal(1))
    if a.usd_low and b.usd_low:
        return abs(a.usd_low - b.usd_low) <= _VALUE_TOLERANCE * max(a.usd_low, b.usd_low)
    return True


def quantities_agree(a: Quantity | None, b: Quantity | None) -> bool:
    return a is None or b is None or (a.low, a.high) == (b.low, b.high)
