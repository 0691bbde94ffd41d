"""A document's deals: its sentences in order, each clause's mentions (deals.mentions) with the deal context
they set up, the follow-ups that add to a deal, contracts numbered, aid told by the document, and the merge into
events."""

from __future__ import annotations

from typing import Iterator
import itertools

from pipeline.records import CountryMention, DateMention, DateValue, Deal, Sentence, SystemMention
from pipeline.rules import Rules
from pipeline.stages.deals import roles as deal_roles, supplier_buyer, terms as deal_terms
from pipeline.stages.deals.clauses import clauses
from pipeline.stages.deals.deal_dates import earlier_deal, names_a_target, previous_date
from pipeline.stages.deals.drafts import Context, DocFacts, Draft
from pipeline.stages.deals.events import merge_mentions
from pipeline.stages.deals.followups import (breakdown, continue_deal, down_a_list, goes_on, names_the_order,
                                             signed_before)
from pipeline.stages.deals.marks import deliveries_since, told_anew
from pipeline.stages.deals.mentions import deals_in_clause
from pipeline.stages.views import SentenceView


def _aid(drafts: list[Draft], transfers: frozenset[str], helped: set[str]) -> None:
    """In a document about aid to a country, what is sent to it is aid too ("Germany pledges ... Britain sent ...",
    "a new aid package for Kyiv ... Germany is handing Ukraine two launchers"); ``helped``: the countries an aid
    clause naming no system has set the scene for."""
    helped = helped | {d.buyer for d in drafts if d.status == "aid"}
    for d in drafts:
        if d.buyer in helped and d.status in ("delivered", "planned") and d.trigger in transfers:
            d.status, d.status_rule = "aid", "deals.status.aid-story"


def _number_contracts(drafts: list[Draft], numbers: Iterator[int], told: int | None = None) -> list[Draft]:
    """Number the contracts of one clause's deals: one per buyer, supplier, status and date ("a $1 billion
    contract for 20 K9 howitzers and 10 K10 vehicles" is one; "the K9s it ordered in 2022" and "the Chunmoo it
    signed for in April" are two); new parts a sentence adds to a deal told before ("It also covers 10 K10
    vehicles") join that deal's contract ``told``."""
    own: dict[tuple, int] = {}
    for d in drafts:
        if d.contract is None:
            d.contract = told if told is not None else own.setdefault((d.buyer, d.supplier, d.status, d.date), next(numbers))
    return drafts


def extract_deals(views: list[SentenceView], *, rules: Rules, published: DateValue | None, units: frozenset[str],
                  dates: list[DateMention], sentences: list[Sentence], systems: list[SystemMention],
                  countries: list[CountryMention] = (), dateline_end: int = 0) -> list[Deal]:
    """Every deal of a document, from its parsed candidate sentences in order."""
    doc = DocFacts(rules, published, units, sentences, list(dates), list(countries), list(systems),
               supplier_buyer.supplier_prior(systems), dateline_end)
    drafts: list[Draft] = []
    ctx: Context | None = None
    numbers = itertools.count()
    helped: set[str] = set()
    retiring = rules.word_class("retiring")
    for view in views:
        found: list[Draft] = []
        doc.passed_over |= {s.start for s in view.systems if not s.generic and deal_terms.in_fleet(view, s, retiring)}
        before = ctx
        known = {x for d in ctx.drafts for x in d.systems} if ctx is not None else set()
        own_dates = {d.date for d in view.dates if d.date.value and not d.attribution}
        # a follow-up names no new party, and no new system on a date of its own ("The framework agreement,
        # concluded on July 27, laid out ... 48 FA-50s" is another deal)
        # (a body sentence that retells a headline's deal tells it anew: the headline's grammar hides its stage)
        continues = ctx is not None and view.sentence.paragraph - ctx.paragraph <= 1 and \
            not (ctx.drafts and all(d.sentence.heading for d in ctx.drafts)) and goes_on(doc.rules, view) and \
            all(p.code in (ctx.supplier, ctx.buyer) for p in deal_roles.parties(view, branches=rules.word_class("branch"))) and \
            (all(s.system in known for s in view.systems if not s.generic) or own_dates <= {ctx.date}) and \
            earlier_deal(view, None, doc.rules) is None and \
            not names_the_order(ctx, view, doc.rules)  # "It follows Poland's 2022 order for 180 K2s": a deal of its own
        if view.deal_triggers and not continues:
            context_date = previous_date(view.sentence, doc)
            for tokens in clauses(view, doc.rules.word_class("relative_pronoun")):
                new, scene = deals_in_clause(view, tokens, doc, ctx, context_date)
                found += new
                if scene is not None and scene.status == "aid" and scene.buyer:
                    helped.add(scene.buyer)
                told_again = scene is not None and not scene.drafts and not view.effects("aggregate")
                same = told_again and ctx is not None and scene.buyer == ctx.buyer and scene.supplier in (None, ctx.supplier) \
                    and not (told_anew(view, tokens, doc.rules) and any(not d.sentence.heading for d in ctx.drafts))
                # ("announced a new package of aid": not the deal before, unless only a headline told that one)
                # "Indonesia and Turkey signed the contract last Saturday": the deal of those two told before, if not
                # the one just told; "The contract was signed Tuesday in Bucharest.": the one just told
                again = signed_before(view, tokens, scene, drafts, doc) if told_again and scene.status == "signed" else []
                again = [] if same and any(d in ctx.drafts for d in again) else again
                if told_again and scene.date_explicit and (again or same) and not names_a_target(scene.date, published):
                    for d in again or ctx.drafts:
                        if not d.date_explicit:
                            d.date, d.date_explicit = scene.date, True
                            d.told(view.sentence, "date")
                    if not again:
                        ctx.date, ctx.date_explicit = scene.date, True
                if same:
                    if scene.status == "aid":
                        # "... a new package of military aid to Kyiv. This package included ...": aid
                        ctx.status, ctx.status_rule = "aid", scene.status_rule or "deals.status.aid-story"
                    ctx.paragraph = scene.paragraph
                else:
                    ctx = scene or ctx
        if breakdown(before, found, doc):
            ctx = before  # "Poland will receive 116 tanks in one configuration and 64 in another": the order's parts
        elif found:
            if deliveries_since(view, rules):  # "a contract for 36 jets, of which eight have been delivered"
                for d in found:
                    if d.status == "signed":
                        d.status, d.status_rule = "delivered", "deals.status.delivered-since"
            drafts += _number_contracts(found, numbers)
        elif ctx is not None and ((listed := down_a_list(ctx, view, doc)) or view.sentence.paragraph - ctx.paragraph <= 1):
            if listed:
                ctx.paragraph = view.sentence.paragraph  # the context follows the list down
            told = ctx.drafts[0].contract if ctx.drafts else None
            drafts += _number_contracts(continue_deal(ctx, view, doc, listed), numbers, told)
    _aid(drafts, rules.trigger_class("transfer"), helped)
    return merge_mentions([d.record() for d in drafts], kinds={s.system: s.category for s in systems if not s.generic},
                          published=published, families=rules.families())
