"""Deals: who sells what to whom, for how much, when, and how far along.

A clause with a deal trigger (rules/deal_triggers.yaml) gives one deal per system and
buyer (roles: who; terms: what, for how much, how many). Cues (rules/cues.yaml)
that govern the trigger set the status: "will buy" is planned, "is expected to sign" and
"nearing a contract" negotiating. The document keeps the deal it is talking about, so that
later sentences can add to it ("The contract is worth ...", "It covers 54 K9 howitzers")
or name its parts ("The larger of the two ... is for 180 K2 tanks") without naming the
countries again. Aggregates ("exports reached $17.3 billion") name no buyer and make no deal.
What each clause says is a deal mention (here; its marks in marks, the document's loop over its
sentences in document); events merges a document's mentions into its deals,
contracts groups them into contracts (once captions' echoes are dropped: analyse); status gives stages and dates, followups the sentences that add to a deal.
"""

from __future__ import annotations

from pipeline.records import DateValue
from pipeline.stages.deals import (counts as deal_counts, prices as deal_prices, roles as deal_roles, sides as deal_sides,
                                   terms as deal_terms)
from pipeline.stages.deals.clauses import compared, inside, is_aggregate, to_a_market, without_goods_story
from pipeline.stages.deals.deal_dates import (dated_by, deadline_dates, earlier_deal, glossed_date, period_ends,
                                              schedules, signing_within)
from pipeline.stages.deals.drafts import CONTEXT_PARAGRAPHS, Context, DocFacts, Draft, without_repeats
from pipeline.stages.deals.domestic import buys_its_own
from pipeline.stages.deals.fittings import by_use
from pipeline.stages.deals.items import bind_to_items
from pipeline.stages.deals.kinds import beside_named
from pipeline.stages.deals.pronoun_goods import pronoun_goods
from pipeline.stages.deals.followups import (carries_the_goods, conveyed, fills, goes_on, priced_back, segments,
                                             shares, since, the_whole_order, units_of_context)
from pipeline.stages.deals.marks import (batch_marked, marked_by, ordered_before, points_back, promised, pronoun_party,
                                         reported_on)
from pipeline.stages.deals import supplier_buyer
from pipeline.stages.deals.roles import Party
from pipeline.stages.deals.status import (batch_of_order, carried_out, choice_open, completes, contract_told_done,
                                          governing, order_of_part, scheduled, signed_now, status_and_cue, whole_order)
from pipeline.stages.deals.stages import signing_aimed_at
from pipeline.stages.deals.variants import summed_variants
from pipeline.stages.money import home_currency
from pipeline.stages.views import SentenceView, main_trigger


def deals_in_clause(view: SentenceView, tokens: set[int] | None, doc: DocFacts, ctx: Context | None,
                    context_date: DateValue | None) -> tuple[list[Draft], Context | None]:
    """The deals one clause states, and the deal context it sets up even where it states none."""
    triggers = [(t, r) for t, r in view.deal_triggers if tokens is None or t.i in tokens]
    main = main_trigger(triggers)
    if main is None or is_aggregate(view, tokens, doc.rules):
        return [], None
    if (parts := shares(ctx, view, doc)) is not None:
        return parts, None  # "The Netherlands will receive five of these, while Austria will acquire four."
    if main[0].dep_ in ("compound", "amod", "nmod") and not view.sentence.heading:
        return [], None  # "technology transfer arrangement", "K2 export hopes": no deal is stated
    trigger, rule = main
    inner = next(((t, r) for t, r in triggers if t.head.i == trigger.i and t.dep_ == "xcomp"), None)
    if rule.lemma in doc.rules.trigger_class("deciding") and inner is not None:
        trigger, rule = inner  # "agreed to send", "decided to buy": the sending, the buying
    status, status_why = status_and_cue(view, trigger, rule, tokens, doc.rules.trigger_class("signing"))
    if status is None:
        return [], None
    if status in ("signed", "planned") and signing_aimed_at(view, trigger, tokens, doc.rules):
        status, status_why = "negotiating", "deals.status.signing-to-come"  # "agreed to speed up work toward concluding a contract"
    if status == "delivered" and promised(view, trigger, doc.rules, set()):
        status, status_why = "signed", "deals.status.bound-to-deliver"  # "Hanwha to supply 48 jets under ...": bound to, not done
    if points_back(trigger, triggers, doc.rules.word_class("demonstrative")):
        if ctx is None:
            return [], None  # "Such fast tracking of this F-35 sale raises questions": a deal told elsewhere
        status, status_why = ctx.status, ctx.why("status")
    trigger_ids = {t.i for t, _ in triggers}
    conveyance, escort = doc.rules.word_class("conveyance"), doc.rules.word_class("escort")
    fitting, payload = doc.rules.word_class("fitting"), doc.rules.word_class("payload")
    systems = [s for s in inside(view, view.systems, tokens) if deal_terms.linked(view, s, trigger, trigger_ids, doc.terms)
               and not carries_the_goods(view, s, conveyance, escort) and not by_use(view, s, fitting, payload, trigger_ids)]
    if not inside(view, view.systems, tokens):  # "Serbia had already acquired this in 2020": the goods just named
        systems = pronoun_goods(view, trigger, rule, tokens, doc, ctx)
    parties = [p for p in deal_roles.parties(view, tokens, doc.rules.word_class("branch"))
               if not conveyed(p.token, conveyance, escort)]  # the carrier's country ("a chartered Ukrainian airlifter")
    for p in parties:
        deal_roles.assign_role(p, view, doc.rules, systems)
    bind_to_items(parties, view, systems, doc.rules.kind_nouns())  # "F-15s from the US, a Rafale deal with France"
    deal_sides.bought_for_another(parties, trigger, rule.attrs.get("subject"), status)  # "bought ... for Ukraine as aid"
    parties = without_goods_story(view, [p for p in parties if p.role not in ("location",)], trigger, systems)
    subject_side = next((p.code for p in parties if p.role in ("supplier", "either") and p.of_system is None
                         and (p.company or p.role == "supplier")), None)
    if view.sentence.heading:  # "Hanwha wins Romanian howitzer order": the howitzer the article names
        later = [x for x in doc.systems if not x.generic]
        systems = [next((s.named(n) for n in later if doc.rules.kind_fits(s.category, n.category)), s) if s.generic else s
                   for s in systems]
    else:
        systems = deal_terms.resolve_generics(systems, doc.referents, since=since(view, doc), supplier=subject_side,
                                              fits=doc.rules.kind_fits)
    several_buyers = len({p.code for p in parties if p.role == "buyer"}) > 1
    if not several_buyers:  # a generic word beside named systems: their description, a sideline or an item
        systems = beside_named(view, systems, doc.units, doc.terms, doc.rules.word_class("munition_kind"))
    lost = deal_terms.lost_systems(view, systems, doc.terms)
    doc.passed_over |= {s.start for s in lost}
    if rule.lemma in doc.rules.trigger_class("contest") and (not lost or not any(p.role == "buyer" for p in parties)):
        return [], None  # "beat expectations", "beat its rival in trials": no rival system or no buyer, no deal told
    kept = [s for s in systems if s not in lost]
    ctx_near = ctx is not None and view.sentence.paragraph - ctx.paragraph <= CONTEXT_PARAGRAPHS
    pronoun = pronoun_party(view, trigger, doc, ctx_near) if not any(p.role in ("either", "supplier", "buyer") and p.token is not None
                                                             and p.token.dep_ in ("nsubj", "nsubjpass") for p in parties) else None
    if pronoun is not None:
        role, _ = deal_roles.trigger_subject(trigger, view)
        pronoun.role, pronoun.why = role or "either", "deals.roles.stand-in"
        parties.append(pronoun)
    if len(parties) < 2 and ctx is not None and doc.rules.refers("parties", view.sentence.text):
        parties = [Party(code, -1, -1, False, None, role, why=ctx.why(role)) for code, role in
                   zip((ctx.supplier, ctx.buyer), ("supplier", "buyer")) if code]
    kinds = {r.attrs.get("subject") for _, r in triggers} - {None, "either"}
    hint = next(iter(kinds)) if len(kinds) == 1 else None
    hint_rule = next((f"{r.id} (subject)" for _, r in triggers if r.attrs.get("subject") == hint), None) if hint else None
    codes = {p.code for p in parties}
    transfer = trigger.lemma_.lower() in doc.rules.trigger_class("transfer")
    if not transfer and deal_sides.both_sides(parties):
        # both sides named and neither makes the system: it belongs to another story (but a country may send,
        # hand over or donate what another makes: "Germany is handing Ukraine two Patriot launchers")
        kept = deal_sides.made_by_a_side(kept, codes)
    money = inside(view, view.money, tokens)
    money_of, loose = deal_prices.attach_money(view, kept, money, doc.terms)
    used = deal_counts.taken(view)
    kept, counts = summed_variants(view, kept, {s.start: deal_counts.quantity(view, s, used, doc.units, doc.terms) for s in kept})
    earlier, told_before = earlier_deal(view, tokens, doc.rules) or (None, frozenset())
    skip = schedules(view, doc) | period_ends(view, doc, status) | ({earlier.start} if earlier is not None else set())
    date = dated_by(view, trigger, tokens, deadline_ok=deadline_dates(status, trigger, doc.rules), deadline=doc.terms.deadline, skip=skip) \
        or glossed_date(view, trigger, doc.rules.word_class("time_relative"), skip)  # "began in 2017, when it ordered ..."
    explicit = date is not None
    under = doc.rules.refers("under", view.sentence.text, start=True)  # "Under the agreement, ..."
    if under and ctx is not None:
        status, date, explicit = ctx.status, ctx.date, ctx.date_explicit  # "Under the agreement, Peru plans to acquire ..."
        status_why = ctx.why("status")
    if date is None:
        # "..., the air force said last week": when it was told is nearer the event than the article's date
        told = next((d.date for d in view.dates if d.attribution and d.date.value and view.base <= d.start
                     and d.end > doc.dateline_end), None) or reported_on(view, trigger, tokens)
        ongoing = status in ("negotiating", "planned")
        date = (told or doc.published if ongoing else context_date or told or doc.published) or DateValue(None, None)
    buyers = {p.code for p in parties if p.role == "buyer"}
    # "Sweden, Finland and Spain have ordered ...": one list of buyers, all buy all; not one stretch each
    together = bool(buyers) and buyers <= {b := min(buyers), *deal_sides.co_buyers(parties, kept, b)}
    chunks = segments(view, parties, kept) if len(buyers) > 1 and not together else [(view.sentence.start, view.sentence.end)]
    part_of = doc.rules.refers("part_of", view.sentence.text)  # "The shipment is part of a 2021 contract to supply additional ..."
    signing_done = signed_now(view, doc.rules, tokens)

    drafts: list[Draft] = []
    pending: Context | None = None
    for system in kept or [None]:
        scope = next(((a, b) for a, b in chunks if system and a <= system.start < b), (view.sentence.start, view.sentence.end))
        local = [p for p in parties if scope[0] <= p.start < scope[1] or p.start < 0] if len(chunks) > 1 else parties
        if len(chunks) > 1 and not any(p.role == "buyer" for p in local):
            local = parties
        near_ctx = ctx is not None and view.sentence.paragraph - ctx.paragraph <= CONTEXT_PARAGRAPHS
        # the supplier of the deal just told is a better guess than the document's usual one
        supplier, buyer, supplier_why, buyer_why = supplier_buyer.resolve_sides(
            local, system, hint, (near_ctx and ctx.supplier) or doc.prior,
            supplier_buyer.reseller(ctx.drafts if near_ctx else [], system, view, local, doc.rules), hint_rule,
            ctx.why("supplier") if near_ctx and ctx.supplier else "deals.roles.usual-supplier")
        borrowed = False
        if buyer is None and buys_its_own(local, system, supplier):
            # "a recent order by France for 40 Rafale jets": a country buying from its own industry; the scene
            # it sets has no buyer, so that what follows is not told of the deal before
            pending = Context(supplier, None, status, date, explicit, rule.id, view.sentence.paragraph, [],
                              status_rule=status_why, supplier_rule=supplier_why)
            continue
        sender = (governing(view, system, triggers) or [(trigger, rule)])[0][0] if system else trigger
        if to_a_market(sender, doc.rules.word_class("market")) and not any(p.role == "buyer" for p in local):
            continue  # "68 aircraft were exported to the Southeast Asian market, including ...": many buyers, none told
        if near_ctx:
            if buyer is None and ctx.buyer not in (None, supplier):
                buyer, borrowed, buyer_why = ctx.buyer, True, ctx.why("buyer")
            if supplier is None and ctx.supplier != buyer:
                supplier, supplier_why = ctx.supplier, ctx.why("supplier") if ctx.supplier else None
        if buyer is None or buyer == supplier:
            continue
        own = money_of.get(system.system) if system else None
        prefer = (home_currency(doc.rules, supplier), home_currency(doc.rules, buyer))
        if own:
            value = deal_prices.best_value(own, prefer)
        elif money_of:
            value = None  # other systems have their own prices: the loose amount is the total
        else:
            value = deal_prices.best_value([m for m in loose if scope[0] <= m.start < scope[1]] or (loose if len(chunks) == 1 else []),
                                          prefer)
        q = counts[system.start] if system else None
        own_status, own_date, own_explicit, own_rule, own_why = status, date, explicit, rule, status_why
        path = governing(view, system, triggers) if system else []
        if value is not None and path and priced_back(ctx if near_ctx else None, view, trigger, path[0][0], value, buyer,
                                                      doc.rules.word_class("definite")):
            value = None  # "Valued at $1 billion, the agreement comes amid ... the T-90 transfer": the deal before's
        if path and not under:
            near_t, near_r = path[0]
            if near_t.i != trigger.i:
                near_status, near_why = status_and_cue(view, near_t, near_r, tokens, doc.rules.trigger_class("signing"))
                own_status, own_why = (near_status, near_why) if near_status else (status, status_why)
                own_rule = near_r
            for t, _ in path:  # "The FA-50 order, signed in September, ...": the order's own participle
                found_date = dated_by(view, t, tokens, strict=True, deadline_ok=deadline_dates(own_status, t, doc.rules),
                                      deadline=doc.terms.deadline, skip=skip) or next(
                    (x for c in t.children if c.dep_ in ("acl", "relcl") and c.i in trigger_ids
                     for x in [dated_by(view, c, tokens, strict=True, deadline_ok=deadline_dates(own_status, c, doc.rules),
                                        deadline=doc.terms.deadline, skip=skip)] if x), None)
                if found_date is not None:
                    own_date, own_explicit = found_date, True
                    break
            above_why: dict[str | None, str] = {}
            for t, r in path[1:]:
                s_above, why_above = status_and_cue(view, t, r, tokens, doc.rules.trigger_class("signing"))
                above_why.setdefault(s_above, why_above)
            above = set(above_why)
            if own_status in ("signed", "planned", "delivered") and "negotiating" in above:
                # "in talks over a $14 billion deal for K2 tanks", "nearing a contract to buy", "in talks to supply"
                own_status, own_why = "negotiating", above_why["negotiating"]
            elif own_status == "signed" and "planned" in above:
                own_status, own_why = "planned", above_why["planned"]  # "plans to sign a deal to buy"
            elif own_status == "delivered" and promised(view, near_t, doc.rules, above):
                # "signed a contract for the delivery of 180 tanks", "a contract to supply": what was signed; what a
                # memorandum or a letter of intent is to supply is planned ("signed an MoU to supply 54 K9s")
                own_status, own_why = ("planned", above_why["planned"]) if "planned" in above else \
                    ("signed", "deals.status.bound-to-deliver")
            elif own_status == "signed" and any(carried_out(t, doc.rules) for t, _ in path):
                own_status, own_why = "delivered", "deals.status.carried-out"  # "the successful implementation of the first contract"
            if own_status in ("signed", "planned") and signing_aimed_at(view, near_t, tokens, doc.rules):
                own_status, own_why = "negotiating", "deals.status.signing-to-come"  # "work toward concluding a contract for six frigates"
        if system is not None and earlier is not None and (r := view.root(system)) is not None and r.i in told_before:
            own_status, own_date, own_explicit = "signed", earlier.date, True  # "following a 2021 deal for K9s": that deal's
            own_why = "deals.status.earlier-deal"
        if own_explicit and own_status in ("signed", "delivered", "lost") and own_date.after(doc.published):
            own_date, own_explicit = date if date.value and date.value <= doc.published.value else doc.published, False
        sender = path[0][0] if path else trigger
        if own_status == "planned" and scheduled(view, sender, doc.rules) and not (
                marked_by(view, [sender], system, doc.rules.word_class("partial")) and ordered_before(ctx, buyer, system)):
            # "the vehicles will be delivered alongside ...": the order's schedule (a batch to come of the order
            # just told, "the first batch is set to be shipped in May", is that order's schedule: no deal)
            own_status, own_why = "signed", "deals.status.schedule"
        if own_status == "planned" and signing_done:
            own_status, own_why = "signed", "deals.status.signed-now"  # "will supply 180 K2 tanks under a contract signed Friday"
        if own_status == "planned" and system is not None and not system.generic and \
                choice_open(view, path[0] if path else (trigger, rule), tokens, doc.rules):
            own_status, own_why = "negotiating", "deals.status.choice-open"  # "the air force is likely to pick the Gripen"
        if ctx is not None and own_status == "signed" and buyer == ctx.buyer and (not path or path[0][0].i == trigger.i) and \
                points_back(trigger, triggers, doc.rules.word_class("definite")) and not the_whole_order(ctx, q):
            own_status, own_why = ctx.status, ctx.why("status")  # "The export of the second batch is ...": the deal just told
        when, known = (ctx.date, ctx.date_explicit) if borrowed and not own_explicit and ctx.date_explicit and \
            ctx.lends_date(system.system if system else None, own_status) else (own_date, own_explicit)
        near = path[0][0] if path else trigger
        draft = Draft(view.sentence, supplier, buyer, [system.system] if system else [], q, value, when, known,
                       own_status, own_rule.id, near.lemma_.lower())
        draft.category = system.category if system is not None and system.generic else None
        draft.status_rule, draft.supplier_rule, draft.buyer_rule = own_why, supplier_why if supplier else None, buyer_why
        draft.signing = signing_done or own_status == "signed" and contract_told_done(near)
        marked = [near, *(t for t, _ in path)]
        another = marked_by(view, marked, system, doc.rules.word_class("another_deal"), doc.terms)
        # "delivered five additional helicopters": another batch of the order, as "the first batch of 10" is one
        draft.part = batch_of_order(own_status, own_rule) and (
            own_status == "delivered" and another or batch_marked(view, marked, system, doc.rules.word_class("partial")))
        draft.apart = another and not part_of or \
            draft.part and own_status == "delivered" or compared(view, system, doc.rules.word_class("comparison"))
        draft.names_order = part_of and own_status == "signed"
        draft.of_order = order_of_part(view, q, doc.rules) if own_status == "delivered" else None
        if ctx is not None and own_status in ("delivered", "planned") and completes(near, doc.rules):
            whole = q or deal_counts.unit_count(view, used, doc.units, doc.terms, tokens)
            if whole_order(ctx, draft, whole) and (system is None or own_status == "planned"):
                continue  # the order's count was all the clause told: "should complete the delivery of 180 units"
        if own_status == "planned" and near.lemma_.lower() in doc.rules.trigger_class("transfer") and \
                marked_by(view, marked, system, doc.rules.word_class("partial")) and ordered_before(ctx, buyer, system):
            continue  # "is expected to deliver the final two systems in 2026": the schedule of the order just told
        # "Saudi Arabia followed with a $3.2bn order for 10 batteries": batteries of the system just told of
        counted = system is None and units_of_context(ctx, draft, view, doc, tokens, codes)
        if not counted and (system is None or (system.generic and value is None and q is None)):
            # too vague to be a deal ("to import Korean-made military vehicles"), but it sets the scene
            pending = Context(supplier, buyer, status, date, explicit, rule.id, view.sentence.paragraph, [], value,
                              status_why, supplier_why, buyer_why)
            if system is None and value is not None and ctx is not None and goes_on(doc.rules, view) and fills(ctx, draft):
                return [], None
            continue
        # "the first 60 of 250 tanks arrived": the delivery's 60, the order's 250; "four K9s arrived, part of an order
        # for 24": the delivery's four, the order's 24
        order, part = deal_counts.delivered_of(view, q, doc.terms) if own_status in ("delivered", "aid") else (None, None)
        if order is not None:
            drafts.append(Draft(view.sentence, supplier, buyer, list(draft.systems), order, None, DateValue(None, None), False,
                                "signed", own_rule.id, near.lemma_.lower(), status_rule="deals.status.order-of-delivery",
                                supplier_rule=draft.supplier_rule, buyer_rule=draft.buyer_rule))
            draft.quantity, draft.apart, draft.part = part, True, True
        if own_status == "delivered" and not (ctx and any(d.status == "signed" and (d.buyer, d.systems) == (buyer, draft.systems)
                                                          for d in ctx.drafts)):
            contract = signing_within(view, draft, near, tokens, doc)
            if contract is not None:  # the contract first: it is what the delivery is part of
                signed_on, by = contract
                drafts.append(Draft(view.sentence, supplier, buyer, list(draft.systems), None, None, signed_on, True, "signed",
                                     by.id, by.lemma, status_rule=by.id, supplier_rule=draft.supplier_rule,
                                     buyer_rule=draft.buyer_rule))
        drafts.append(draft)
    drafts = without_repeats(drafts)  # "delivered five Black Hawks ... batch of five Black Hawk helicopters": one deal
    for d in list(drafts):
        drafts += deal_sides.for_listed_sides(d, parties, kept)
    for d in [d for d in drafts if d.status == "negotiating" and d.systems and d.category]:
        for rival in deal_sides.bidders(parties, d.supplier, d.buyer):  # "Saab and Naval Group are vying for ...": one deal each
            other = Draft(view.sentence, rival, d.buyer, list(d.systems), d.quantity, None, d.date, d.date_explicit, d.status,
                          d.rule, d.trigger, status_rule=d.status_rule, supplier_rule="deals.roles.bidder",
                          buyer_rule=d.buyer_rule)
            other.category, other.contract = d.category, None
            drafts.append(other)
    if earlier is not None:  # "the second contract, after one in 2016": the first one, signed then
        for d in [d for d in drafts if d.status != "lost" and not (d.date_explicit and d.date == earlier.date)]:
            first = Draft(view.sentence, d.supplier, d.buyer, list(d.systems), None, None, earlier.date, True, "signed",
                          d.rule, d.trigger, status_rule="deals.status.earlier-deal", supplier_rule=d.supplier_rule,
                          buyer_rule=d.buyer_rule)
            first.apart = True
            drafts.append(first)
    for system in lost:
        buyer = next((d.buyer for d in drafts), None) or supplier_buyer.resolve(parties, system, hint, doc.prior)[1]
        supplier = next((p.code for p in parties if system.made_by(p.code) and p.code != buyer), None) or system.origin or \
            next((p.code for p in sorted(parties, key=lambda p: p.of_system != system.system)  # "Russia's MiG-35"
                  if p.role == "supplier" and p.code != buyer), None)
        if buyer and buyer != supplier:
            drafts.append(Draft(view.sentence, supplier, buyer, [system.system], None, None, date, explicit, "lost",
                                 rule.id, trigger.lemma_.lower(), status_rule="deals.status.passed-over",
                                 supplier_rule=f"{system.rule} (origin)" if supplier == system.origin else "deals.roles.maker",
                                 buyer_rule=next((d.buyer_rule for d in drafts if d.buyer == buyer), "deals.roles.chooser")))
    if drafts:
        first = drafts[0]
        return drafts, Context(first.supplier, first.buyer, first.status, first.date, first.date_explicit, first.rule,
                                view.sentence.paragraph, [d for d in drafts if d.status != "lost"],
                                status_rule=first.status_rule, supplier_rule=first.supplier_rule, buyer_rule=first.buyer_rule)
    return [], pending
