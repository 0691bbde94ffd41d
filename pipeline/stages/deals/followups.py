"""Sentences that add to the deal told before them without naming its countries again: "It covers
54 K9 howitzers", "The larger of the two ... is for 180 K2 tanks", "Saudi Arabia followed with ..."."""

from __future__ import annotations

import re

from spacy.tokens import Token

from pipeline.records import Money, Quantity, SystemMention
from pipeline.rules import Rules
from pipeline.stages.deals import counts as deal_counts, prices as deal_prices, roles as deal_roles, terms as deal_terms
from pipeline.stages.deals.deal_dates import earlier_events, names_a_target, schedules
from pipeline.stages.deals.drafts import CONTEXT_PARAGRAPHS, Context, DocFacts, Draft
from pipeline.stages.deals.clauses import to_a_market
from pipeline.stages.deals.events import better_value
from pipeline.stages.deals.fittings import by_use
from pipeline.stages.deals.items import item_suppliers
from pipeline.stages.deals.roles import Party
from pipeline.stages.deals.stages import dates_the_stage
from pipeline.stages.deals.status import signed_now
from pipeline.stages.money import home_currency
from pipeline.stages.sentences import lists_on
from pipeline.stages.views import SentenceView


def told_as_continuing(rules: Rules, text: str) -> bool:
    """Does the sentence go on about the deal before (rules/anaphora.yaml: continues, includes, value, signing)?"""
    return rules.refers("continues", text, start=True) or rules.refers("includes", text) or rules.refers("value", text) \
        or rules.refers("signing", text, start=True)


def goes_on(rules: Rules, view: SentenceView) -> bool:
    """Does the sentence go on about the deal before: told as continuing, or, naming no system, giving its
    price with "the" ("signed the $3.5 billion order with ...", rules/anaphora.yaml: priced)?"""
    text = view.sentence.text
    return told_as_continuing(rules, text) or not any(not s.generic for s in view.systems) and rules.refers("priced", text)


def since(view: SentenceView, doc: DocFacts) -> int:
    """Where "a few paragraphs back" begins: generic words refer to systems named since then."""
    first = view.sentence.paragraph - CONTEXT_PARAGRAPHS  # (sentences are in text order)
    return next((x.start for x in doc.sentences if x.paragraph >= first), 0)


def units_of_context(ctx: Context | None, draft: Draft, view: SentenceView, doc: DocFacts, tokens: set[int] | None,
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
    counted = deal_counts.unit_count(view, deal_counts.taken(view), doc.units, doc.terms, tokens)
    if counted is None:
        return False
    draft.systems, draft.quantity = [name], counted
    if draft.supplier is None:
        told = next(d for d in ctx.drafts)
        draft.supplier, draft.supplier_rule = told.supplier, told.supplier_rule or "deals.roles.deal-just-told"
    return draft.supplier != draft.buyer


def names_the_order(ctx: Context | None, view: SentenceView, rules: Rules) -> bool:
    """Does the sentence, after a delivery, name the order it is part of, with a deal of its own ("These aircraft are
    part of a $241m contract awarded in April 2019 for the supply of 16 helicopters")? That order is a deal to read
    (signed, with its count, price and date), which the delivery then joins; not facts of the delivery. One that
    names two contracts ("part of a 2023 contract ..., following a first contract signed in 2018 for 18") is read as
    the delivery's follow-up: its clauses do not say which contract is the delivery's."""
    contracts = [t for t, r in view.deal_triggers if t.pos_ == "NOUN" and r.attrs.get("status") == "signed"]
    return ctx is not None and ctx.status == "delivered" and len(contracts) == 1 and \
        rules.refers("part_of", view.sentence.text)


def down_a_list(ctx: Context | None, view: SentenceView, doc: DocFacts) -> bool:
    """Is the sentence an item of a list the deal's telling opens ("Included in this package are:" / "Two
    NASAMS;" / "Four radars.", each its own paragraph)? The deal's context then follows it down the list."""
    prev = doc.previous(view.sentence)
    return ctx is not None and prev is not None and lists_on(prev.text) and prev.paragraph - ctx.paragraph <= 1


def fills(ctx: Context, draft: Draft) -> bool:
    """A deal with no system of its own that only gives the value of the deal before ("The purchase was worth ...")."""
    targets = [d for d in ctx.drafts if d.buyer == draft.buyer and d.value is None]
    for d in targets:
        d.value = draft.value
        d.told(draft.sentence, "value")
    return bool(targets)


def the_whole_order(ctx: Context, q: Quantity | None) -> bool:
    """Does a deal told back as "the contract" count more than the deliveries just told ("delivered four Gripens ...
    The Thai contract for 12 Gripen fighters is ...")? It is the order they are part of, signed, not a delivery."""
    told = [d.quantity.high for d in ctx.drafts if d.quantity is not None]
    return ctx.status == "delivered" and q is not None and bool(told) and q.low > max(told)


def priced_back(ctx: Context | None, view: SentenceView, trigger: Token, near: Token, value: Money, buyer: str,
                definite: frozenset[str]) -> bool:
    """Is the clause's price that of the deal told before, not of the system another trigger governs? "Valued at
    $1 billion, the agreement comes as both sides dispute the transfer for the T-90 tanks": the subject "the
    agreement" points back and the price is outside the transfer's phrase. Fills the deal before's value."""
    if ctx is None or near.i == trigger.i or ctx.buyer != buyer:
        return False
    if trigger.pos_ != "NOUN" or trigger.dep_ not in ("nsubj", "nsubjpass") or \
            not any(c.dep_ == "det" and c.lower_ in definite for c in trigger.children):
        return False
    root = view.root(value)
    if root is None or root in near.subtree or near in trigger.subtree:
        return False
    for d in ctx.drafts:
        if d.buyer == buyer and d.value is None:
            d.value = value
            d.told(view.sentence, "value")
    return True


def breakdown(ctx: Context | None, found: list[Draft], doc: DocFacts) -> bool:
    """Are a clause's deals the parts of the order told before, not new deals? "Poland will receive 116 tanks in
    the K2GF configuration and 64 K2PL variants" after a contract for 180 K2: for the same buyer, told as its
    schedule (signed) or a later stage, of the order's kind of system, counts that add up to the order's."""
    if priced_parts(ctx, found):
        return True
    if ctx is None or len(found) < 2 or any(d.buyer != ctx.buyer or d.quantity is None
                                            or d.status not in ("planned", "signed", "delivered") for d in found):
        return False
    kinds = {x.system: x.category for x in doc.systems if not x.generic}
    total = sum(low for _, low in {(d.quantity.start, d.quantity.low) for d in found})  # (each count once)
    told = {kinds.get(x) for d in found for x in d.systems}
    return any(c.status == "signed" and c.quantity is not None and c.quantity.low == total and
               {kinds.get(x) for x in c.systems} == told for c in ctx.drafts)


def priced_parts(ctx: Context | None, found: list[Draft]) -> bool:
    """Are a clause's deals the priced parts of the deals told before at one shared price ("NZ$2.7 billion to
    acquire five helicopters and two jets. About NZ$2 billion is earmarked for the helicopters, while NZ$700
    million will finance the jets")? For the same buyer, as many as those deals, uncounted, their prices adding
    up to the shared one: each deal takes its part's price (the part naming its system, else the one left), and
    the parts are no deals of their own."""
    if ctx is None or len(found) < 2 or len(found) != len(ctx.drafts) or \
            any(d.buyer != ctx.buyer or d.value is None or d.quantity is not None for d in found):
        return False
    shared = {(d.value.start, d.value.currency, d.value.low) if d.value else None for d in ctx.drafts}
    if len(shared) != 1 or None in shared:
        return False
    _, currency, total = shared.pop()
    if any(d.value.currency != currency for d in found) or abs(sum(d.value.low for d in found) - total) > total / 100:
        return False
    left = list(ctx.drafts)
    named = [(f, next((c for c in left if set(c.systems) & set(f.systems)), None)) for f in found]
    for f, c in named:
        if c is not None:
            left.remove(c)
    for f, c in named:
        c = c or left.pop(0)
        c.value = f.value
        c.told(f.sentence, "value")
    return True


def segments(view: SentenceView, parties: list[Party], systems: list[SystemMention]) -> list[tuple[int, int]]:
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


def whole_count(view: SentenceView, q: Quantity | None, doc: DocFacts, ctx: Context) -> Quantity | None:
    """The count, unless it counts a batch of the order told before ("After the first three K2PLs are built
    abroad, ...": the order's K2PLs are more than three): a word of rules/words.yaml class partial right before
    it. After a delivery the batch is what was delivered ("unloaded ... the first 24 K9"): the count stands."""
    if q is None or ctx.status in ("delivered", "aid"):
        return q
    first = next((t.i for t in view.doc if t.idx == q.start), None)  # (a count's offsets are the parsed sentence's)
    prev = view.doc[first - 1] if first else None
    return None if prev is not None and prev.lower_ in doc.rules.word_class("partial") else q


def carries_the_goods(view: SentenceView, system: SystemMention, conveyance: frozenset[str],
                      escort: frozenset[str] = frozenset()) -> bool:
    """Is the system what the goods travelled in ("arrived onboard a chartered An-124 airlifter", "aboard the
    Hyundai Glovis carrier") or what escorted them ("with an escort provided by two tankers"), not the goods?"""
    return conveyed(view.root(system), conveyance, escort)


def conveyed(tok: Token | None, conveyance: frozenset[str], escort: frozenset[str] = frozenset()) -> bool:
    """Is the token inside the phrase of a ``conveyance`` preposition ("onboard a chartered Ukrainian airlifter"),
    or of an ``escort`` word ("escorted by Italian tankers", "an escort provided by two tankers"), or the subject
    of a verb whose object is one ("two Eurofighters of Italy provided an escort")?"""
    in_phrase = False  # past the first preposition, only an escort word still counts
    for _ in range(5):
        if tok is None or tok.head.i == tok.i:
            return False
        if tok.head.lemma_.lower() in escort or tok.dep_ == "nsubj" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in escort for c in tok.head.children):
            return True
        if tok.dep_ == "pobj" and not in_phrase:
            if tok.head.lower_ in conveyance:
                return True
            in_phrase = True
        tok = tok.head
    return False


def own_price(draft: Draft, money_of: dict[str, list[Money]], prefer: tuple[str | None, ...]) -> Money | None:
    """The price a sentence gives one of the deal's systems ("180 K2 tanks, valued at $3.37 billion, and 212 K9,
    valued at $2.4 billion"): its own amount; none where only other systems are priced."""
    own = [m for x in draft.systems for m in money_of.get(x, [])]
    return deal_prices.best_value(own, prefer)


def signed_before(view: SentenceView, tokens: set[int] | None, scene: Context, drafts: list[Draft], doc: DocFacts) -> list[Draft]:
    """The deal a signing verb that names no system but both its sides ("Indonesia and Turkey signed the contract
    last Saturday") tells again, with its day: the latest one of just those two countries (the clause's buyer
    its buyer), a few paragraphs back, whatever was told in between. Empty where the clause signs nothing, names
    other than two sides, or no such deal was told."""
    if not signed_now(view, doc.rules, tokens):
        return []
    codes = {p.code for p in deal_roles.parties(view, tokens, doc.rules.word_class("branch"))}
    if len(codes) != 2:
        return []
    mine = [d for d in drafts if {d.supplier, d.buyer} == codes and scene.buyer in (None, d.buyer)
            and view.sentence.paragraph - d.sentence.paragraph <= CONTEXT_PARAGRAPHS]
    return [d for d in mine if d.sentence.start == mine[-1].sentence.start] if mine else []


def shares(ctx: Context | None, view: SentenceView, doc: DocFacts) -> list[Draft] | None:
    """The buyers' shares of a joint order told just before as one count ("signed to acquire nine aircraft with
    Austria. The Netherlands will receive five of these, while Austria will acquire four."): in a sentence that
    names no system, each country the subject of a clause that counts what it gets, the counts adding up to the
    order's. The order's draft takes its buyer's share; the drafts of the other buyers are returned. None where
    the sentence tells no such shares."""
    if ctx is None or len(ctx.drafts) != 1 or ctx.drafts[0].quantity is None or any(not s.generic for s in view.systems):
        return None
    order = ctx.drafts[0]
    counts: dict[str, Quantity] = {}
    for c in view.countries:
        tok = view.root(c)
        if tok is None or c.kind not in ("name", "capital", "adjective") or tok.dep_ != "nsubj" or c.code in counts:
            continue
        obj = next((x for x in tok.head.children if x.dep_ == "dobj"), None)
        if obj is not None and not deal_counts.number(obj, doc.terms.numbers):
            obj = next((x for x in obj.children if x.dep_ == "nummod"), None)  # "will get five aircraft"
        n = deal_counts.number(obj, doc.terms.numbers) if obj is not None else None
        if n:
            counts[c.code] = Quantity(obj.idx, obj.idx + len(obj), n, n)
    if len(counts) < 2 or order.buyer not in counts or sum(q.low for q in counts.values()) != order.quantity.low:
        return None
    out = []
    for code, q in counts.items():
        d = order if code == order.buyer else order.for_buyer(code)
        d.quantity = q
        d.told(view.sentence, "quantity")
        if d is not order and code != order.supplier:
            out.append(d)
    ctx.drafts += out
    return out


def summed(view: SentenceView) -> bool:
    """Does the sentence tell a total, not a deal ("exports totalled $2 billion", "arms sales amounted to ...")? Not
    where what is summed is a deal ("The contract amounts to $3 billion", "The order totals ...", "The total sum of
    the contract exceeds ...", "The contract's total value exceeds ..."): that is its price."""
    deals = {t.i for t, r in view.deal_triggers if t.pos_ == "NOUN" and r.attrs.get("status") == "signed"}

    def of_a_deal(cue) -> bool:
        tok = cue.root
        phrase = tok if tok.pos_ == "NOUN" else next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if phrase is None:
            return False
        owners = [c for c in phrase.children if c.dep_ == "poss"] + \
            [g for c in phrase.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return any(t.i in deals for t in (phrase, *owners)) or for_the_goods(phrase)  # the deal, its sum, or the sum of it

    def for_the_goods(phrase) -> bool:  # "The budget for the 66 jets was set at ...": the goods of one deal
        goods = [g for c in phrase.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children if g.dep_ == "pobj"]
        return any(any(t.i in systems for t in g.subtree) and any(c.dep_ == "nummod" or c.lower_ == "the" for c in g.children)
                   for g in goods)
    systems = {i for s in view.systems if (sp := view.span(s.start, s.end)) is not None for i in range(sp.start, sp.end)}
    return any(not of_a_deal(cue) for cue in view.effects("aggregate"))


def continue_deal(ctx: Context, view: SentenceView, doc: DocFacts, listed: bool = False) -> list[Draft]:
    """What a sentence without a deal of its own adds to the deal before it: its price ("The deal is
    worth ..."), its date ("The agreement was signed on Monday"), its count ("It covers 54 K9 howitzers"),
    or new parts ("The larger of the two ... is for 180 K2 tanks"). An item of a list the deal opens
    (``listed``: "Up to 150,000 rounds of 155mm ammunition;", "Four counter-battery radars.") is a part
    even with no count, or with only a kind of system and its count."""
    if (parts := shares(ctx, view, doc)) is not None:
        return parts  # "Sweden will get seven of them, while Finland will take five."
    if (own_supplier := item_suppliers(view, doc.rules, {ctx.supplier, ctx.buyer})) is None:
        return []  # another country: another story (but "Others are three C295s from Spain and ...")
    if summed(view) or any(to_a_market(t, doc.rules.word_class("market")) for t, _ in view.deal_triggers):
        return []  # totals and targets; exports to a market or a region ("45 trainers were shipped to the region")
    anaphoric = goes_on(doc.rules, view)
    systems = list(view.systems)
    if anaphoric and ctx.drafts:  # "The tanks will be ...": the tanks of the deal (a new package's are its own)
        systems = deal_terms.resolve_generics(systems, doc.referents, since=since(view, doc), supplier=ctx.supplier,
                                              fits=doc.rules.kind_fits)
    prefer = (home_currency(doc.rules, ctx.supplier), home_currency(doc.rules, ctx.buyer))
    value = deal_prices.best_value(view.money, prefer)
    used = deal_counts.taken(view)
    conveyance = doc.rules.word_class("conveyance")
    fitting, payload, triggers = doc.rules.word_class("fitting"), doc.rules.word_class("payload"), {t.i for t, _ in view.deal_triggers}
    named = [s for s in systems if (not s.generic or listed and deal_counts.quantity(view, s, used, doc.units, doc.terms))
             and not carries_the_goods(view, s, conveyance, doc.rules.word_class("escort"))
             and not by_use(view, s, fitting, payload, triggers)
             and not deal_terms.in_fleet(view, s, doc.rules.word_class("retiring"))]
    money_of, _ = deal_prices.attach_money(view, named, list(view.money), doc.terms)
    # "The tanks should then be delivered by the end of 2026": a schedule; "The deal comes after a visit in May": another event's
    skip = schedules(view, doc) | earlier_events(view, None, doc.rules)
    # "plans to conclude the contract ... by the end of the year": a deadline, no date
    date = next((d.date for d in view.dates if d.date.value and not d.attribution and d.start not in skip
                 and not view.behind_deadline(d, doc.terms.deadline)), None)
    if date is not None and names_a_target(date, doc.published):
        date = None  # "The agreement is expected to be signed next month": a target, not when it was agreed
    known = {s for d in ctx.drafts for s in d.systems}
    # its date is the deal's where it tells of the deal (a trigger) or of its signing ("The signing took place on Tuesday")
    tells_deal = bool(view.deal_triggers) or doc.rules.refers("signing", view.sentence.text, start=True)
    signing = signed_now(view, doc.rules)  # (not "may be signed as early as June": a signing to come)
    if signing and anaphoric:  # "The contract, signed Tuesday with the Romanian ministry, ...": now it is signed
        for d in ctx.drafts:
            if d.status in ("planned", "negotiating"):
                d.status, d.status_rule = "signed", "deals.followup-status"
                d.told(view.sentence, "status")
                if date is not None:
                    d.date, d.date_explicit = date, True
    if not named or all(s.system in known for s in named):
        if not anaphoric:
            return []
        for d in ctx.drafts:  # the deal's price and date, told again
            price = own_price(d, money_of, prefer) if money_of else value
            if price is not None and (not named or len(named) == 1 and named[0].system in d.systems or len(named) > 1):
                d.value = better_value(d.value, price)
                d.told(view.sentence, "value")
            if date is not None and not d.date_explicit and tells_deal and dates_the_stage(view, doc.rules, d.status):
                d.date, d.date_explicit = date, True
                d.told(view.sentence, "date")
        if date is not None and not ctx.date_explicit and tells_deal and dates_the_stage(view, doc.rules, ctx.status):
            ctx.date, ctx.date_explicit = date, True
        for s in named:  # and the counts of its systems
            q = whole_count(view, deal_counts.quantity(view, s, used, doc.units, doc.terms), doc, ctx)
            for d in ctx.drafts:
                if s.system in d.systems and d.quantity is None and q is not None:
                    d.quantity = q
                    d.told(view.sentence, "quantity")
        if not named and len(ctx.drafts) == 1 and ctx.drafts[0].quantity is None:  # "The order covers 96 units."
            q = deal_counts.unit_count(view, used, doc.units, doc.terms)
            if q is not None:
                ctx.drafts[0].quantity = q
                ctx.drafts[0].told(view.sentence, "quantity")
        return []
    # the deal's price; or the scene's, told before its goods, where the sentence goes on about that deal ("signed a
    # $500 million deal with Hanwha. It covers 24 K9 howitzers"; not "... an aid package of $100 billion. Riyadh has
    # requested 1,000 missiles")
    contract = next((d.value for d in ctx.drafts if d.value is not None), ctx.value if anaphoric else None)
    out = []
    for s in named:
        q = whole_count(view, deal_counts.quantity(view, s, used, doc.units, doc.terms), doc, ctx)
        vague = next((d for d in ctx.drafts if d.category is not None and d.category == s.category), None)
        if vague is not None:
            # "to supply self-propelled artillery ... It covers 54 K9 Thunder howitzers": the artillery is the K9
            vague.systems, vague.category = [s.system], None
            # (of several systems counted each, "The 16 helicopters include eight Black Hawks and eight
            # Apaches", the kind's count was the total: the first takes its own)
            several = q is not None and sum(x.category == s.category for x in named) > 1
            vague.quantity = q if several else vague.quantity or q
            vague.told(view.sentence, "system")
            continue
        if s.system in known:
            for d in ctx.drafts:
                if s.system in d.systems:
                    added = [w for w, old, new in (("quantity", d.quantity, q), ("value", d.value, value if len(named) == 1 else None))
                             if old is None and new is not None]
                    d.quantity = d.quantity or q
                    d.value = d.value or (value if len(named) == 1 else None)
                    for what in added:
                        d.told(view.sentence, what)
            continue
        if q is None and value is None and not anaphoric and not listed:
            continue
        own = value if len(named) == 1 else None
        # a country that sends or gives what another makes is its supplier ("Germany is sending Ukraine
        # Patriot launchers"); an order is placed with the maker
        sender = ctx.status in ("aid", "delivered") and ctx.supplier is not None
        supplier = own_supplier.get(s.start) or (ctx.supplier if sender or s.origin is None or s.made_by(ctx.supplier) else s.origin)
        d = Draft(view.sentence, supplier, ctx.buyer, [s.system], q,
                   own or contract, ctx.date, ctx.date_explicit, ctx.status, ctx.rule, status_rule=ctx.why("status"),
                   supplier_rule="deals.roles.item-maker" if own_supplier.get(s.start) else
                   ctx.why("supplier") if supplier == ctx.supplier else f"{s.named_rule or s.rule} (origin)",
                   buyer_rule=ctx.why("buyer"))
        if d.buyer and d.buyer != d.supplier:
            out.append(d)
    ctx.drafts += out
    return out
