"""When a deal was made: the date its own clause gives ("signed on Monday", "the June 2023 contract"), not a
target ("deliveries by 2027"), a period's end, a schedule, or the date of an event the deal follows; and the date
a sentence before lends a deal told again."""

from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Token

from pipeline.records import DateMention, DateValue, Sentence, whole_period
from pipeline.rules import LexicalRule, Rules
from pipeline.stages.deals.drafts import DocFacts, Draft
from pipeline.stages.deals.status import describes_a_thing, receiving, status_of, trigger_at
from pipeline.stages.sentences import text_of
from pipeline.stages.views import SentenceView

def earlier_deal(view: SentenceView, tokens: set[int] | None, rules: Rules) -> tuple[DateMention, frozenset[int]] | None:
    """The date of an earlier deal of the same parties the clause names beside its own ("signed the second
    contract in 2024, after one in 2016", "following a 2021 deal for K9 howitzers"), and the tokens of the
    phrase that tells it. None where there is none."""
    proforms = rules.word_class("proform")
    nouns = {t.i for t, r in view.deal_triggers if t.pos_ == "NOUN"}
    for scope, said in _earlier_phrases(view, tokens, rules):
        if not any(x.lower_ in proforms or x.i in nouns for x in said):
            continue
        inside = {x.i for x in scope.subtree}
        found = [d for d in view.dates if d.date.value and (r := view.root(d)) is not None and r.i in inside]
        if found:
            return found[0], frozenset(inside)
    return None


def _earlier_phrases(view: SentenceView, tokens: set[int] | None, rules: Rules) -> Iterator[tuple[Token, list[Token]]]:
    """The phrases an earlier_link word ties the clause's deal to (rules/words.yaml), each as the word that
    heads it and the words it says: "after one signed in 2018" (a clause of its own), "after one in 2016",
    "It follows a 2022 order" (the verb's object)."""
    for t in view.doc:
        if t.lower_ not in rules.word_class("earlier_link"):
            continue
        if t.dep_ == "mark":
            scope, said = t.head, [c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        else:
            said = [c for c in t.children if c.dep_ in ("pobj", "dobj")]
            scope = said[0] if said else t
        if tokens is None or scope.head.i in tokens:  # (not one told beside another clause's deal)
            yield scope, said


def earlier_events(view: SentenceView, tokens: set[int] | None, rules: Rules) -> frozenset[int]:
    """Where the dates of the events a deal is said to follow start ("The deal comes after a visit by Macron
    to Cairo in May", "The order follows talks held in March", "comes after Poland signed a framework deal in
    July"): that event's date, earlier than the deal's, never the deal's own."""
    out = set()
    for scope, _ in _earlier_phrases(view, tokens, rules):
        inside = {x.i for x in scope.subtree}
        out |= {d.start for d in view.dates if (r := view.root(d)) is not None and r.i in inside}
    return frozenset(out)


def schedules(view: SentenceView, doc: DocFacts) -> frozenset[int]:
    """Where the sentence's dates that give a schedule start: a period of years ("for delivery from
    2022-2025", "in years 2022-2026"), any date of a delivery the goods are for ("for delivery in 2025"), or a
    date after the article's that a delivery governs ("with deliveries due in 2026", "pledged to deliver all four
    by 2035", "should be delivered by the end of 2026", "will receive them in 2027"). A deal is dated by when it was signed, agreed or told, never by when
    it is to be carried out; nor by the start of a period running to the article's date ("authorized since August
    2021": period_start words)."""
    text, span = text_of(view.doc), doc.terms.year_span
    transfer = doc.rules.trigger_class("transfer") | receiving(doc.rules)
    purpose = doc.rules.word_class("purpose")
    out = set()
    for d in view.dates:
        if span is not None and d.date.precision == "year" and span.match(text[max(0, d.end - view.base):]):
            out.add(d.start)
        elif (view.right_after(d, doc.terms.period_start) or _in_period_start(view.root(d), doc.rules.word_class("period_start"))) \
                and not _glossed_by_deal(view, d):
            out.add(d.start)
        elif (root := view.root(d)) is not None and any(t.lemma_.lower() in transfer and (
                d.date.after(doc.published) or t.dep_ == "pobj" and t.head.lower_ in purpose) for t in (root, *root.ancestors)):
            out.add(d.start)  # (or any date of a delivery the goods are for: "for delivery from 2022 to 2025")
    return frozenset(out)


def period_ends(view: SentenceView, doc: DocFacts, status: str) -> frozenset[int]:
    """Where the sentence's dates that end a period of years start ("to buy 400 missiles from fiscal 2025 to
    fiscal 2027", "for 180 tanks from 2022 to 2025"): the schedule's end, no more when a deal was signed or
    planned than its start is (rules/words.yaml: year_span). A delivery's period ends when it was done
    ("delivered 24 howitzers from 2019 to 2020"): kept for a deal of ``status`` delivered."""
    if status == "delivered":
        return frozenset()
    text = text_of(view.doc)
    return frozenset(d.start for d in view.dates if d.date.precision == "year"
                     and doc.terms.span_end.search(text[:max(0, d.start - view.base)][-30:]))


def deadline_dates(status: str, trigger: Token, rules: Rules) -> bool:
    """May a date behind a deadline word ("by the end of 2020") date a deal of ``status`` told by ``trigger``?
    Where it says how far a transfer had got ("had delivered all 24 by 2021") or by when a signing was done
    ("signed before the end of the year"); not when a purchase's goods are due ("signed a contract in 2017
    to acquire 24 howitzers by the end of 2020": the signing's year), nor a deadline of talks or a plan."""
    if status in ("negotiating", "planned"):
        return False
    return status in ("delivered", "aid", "lost") or trigger.lemma_.lower() in rules.trigger_class("signing")


def _in_period_start(root: Token | None, words: frozenset[str]) -> bool:
    """Is the date inside the phrase of a period's start, short of any verb ("since the beginning of the
    invasion on February 24"), or in a clause that starts one ("since deliveries began in 2011")?"""
    for a in root.ancestors if root is not None else ():
        if a.pos_ in ("VERB", "AUX"):
            return any(c.dep_ == "mark" and c.lower_ in words for c in a.children)
        if a.lower_ in words:
            return True
    return False


def _glossed_by_deal(view: SentenceView, d: DateMention) -> bool:
    """Does a clause on the date tell a deal ("dates back to December 2021, when Hanwha was awarded a
    contract"): then the date is that deal's, wherever the period it starts runs?"""
    root = view.root(d)
    trigger_ids = {t.i for t, _ in view.deal_triggers}
    return root is not None and any(c.dep_ in ("relcl", "acl") and trigger_at(c, trigger_ids) is not None for c in root.children)


def dated_by(view: SentenceView, trigger: Token, tokens: set[int] | None, strict: bool = False,
              deadline_ok: bool = True, deadline: re.Pattern | None = None, skip: frozenset[int] = frozenset()) -> DateValue | None:
    """The date the trigger governs in the parse ("signed ... in April"); else the nearest one that no
    other trigger governs ("ordered in 2022" belongs to "ordered"). Dates starting at ``skip`` (schedules) are none."""
    trigger_ids = {t.i for t, _ in view.deal_triggers}
    dates = [d for d in view.dates if d.date.value and not d.attribution and d.start not in skip
             and not any(s.start <= d.start and d.end <= s.end for s in view.systems)  # "PzH 2000": a name
             and (tokens is None or any(i in tokens for i in view.token_range(d)))
             and not describes_a_thing(view.root(d), trigger_ids)]
    if not dates:
        return None

    def owner(d) -> int | None:
        """The trigger whose clause holds the date; -1 for a clause of its own joined to the deal's ("sold
        ... under a contract signed in 2022, and the first batteries reached Manila in April")."""
        root = view.root(d)
        t = root
        while t is not None and t.head.i != t.i:
            t = t.head
            at = trigger_at(t, trigger_ids)
            if at is not None:
                return at
            if t.pos_ == "VERB" and t.dep_ == "conj":
                return -1
        return None

    below = {t.i for t in trigger.subtree} & trigger_ids
    mine = [d for d in dates if owner(d) == trigger.i]
    if not mine and not strict:  # "sold ... under a contract signed in January 2022": the signing's date
        mine = [d for d in dates if owner(d) in below]
    if deadline_ok is False and deadline is not None:
        # "wrap up talks before the end of the year": a deadline, not when anything happened
        keep = lambda d: not view.behind_deadline(d, deadline)
        mine, dates = [d for d in mine if keep(d)], [d for d in dates if keep(d)]
        if not dates:
            return None
    if strict:
        return _last_coordinated(view, min(mine, key=lambda d: abs(d.start - view.base - trigger.idx)), dates) if mine else None
    free = [d for d in dates if owner(d) in (None, trigger.i)] or dates
    pos = view.base + trigger.idx
    return _last_coordinated(view, min(mine or free, key=lambda d: abs(d.start - pos)), dates)


def glossed_date(view: SentenceView, trigger: Token, words: frozenset[str], skip: frozenset[int] = frozenset()) -> DateValue | None:
    """The date a clause opened by a time relative (rules/words.yaml: time_relative, "when") glosses, where the
    clause holds the trigger: "Norway's K9 story began in December 2017, when it ordered 24 howitzers", "the
    programme dates from February 2015, when Cairo signed a contract": the clause tells what happened then, though
    the date stands in the clause it hangs from. None where the trigger is in no such clause, or it glosses no date."""
    verb = next((t for t in (trigger, *trigger.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.dep_ not in ("advcl", "relcl") or \
            not any(c.dep_ == "advmod" and c.lower_ in words for c in verb.children):
        return None
    head = verb.head
    found = [d for d in view.dates if d.date.value and not d.attribution and d.start not in skip
             and (r := view.root(d)) is not None and r.i < verb.i
             and (r.i == head.i or r.head.i == head.i or r.head.dep_ == "prep" and r.head.head.i == head.i)]
    return found[-1].date if found else None


def _last_coordinated(view: SentenceView, d: DateMention, dates: list[DateMention]) -> DateValue:
    """The date ``d``, or the last of the dates coordinated with it ("supplied two frigates in 2020 and 2021,
    respectively": the supply was done in 2021)."""
    root = view.root(d)
    conj = [x for x in dates if (r := view.root(x)) is not None and root is not None and r.dep_ == "conj" and r.head.i == root.i
            and x.date.precision == d.date.precision]
    return max([d, *conj], key=lambda x: x.date.value).date


def previous_date(sentence: Sentence, doc: DocFacts) -> DateValue | None:
    """The date of the sentence just before, in the same paragraph ("In 2024 so far, ... The country
    sold ..."), unless it lies after the article's own date (a target, not an event)."""
    prev = doc.previous(sentence)
    if prev is None or prev.paragraph != sentence.paragraph:
        return None
    found = [d for d in doc.dates if prev.start <= d.start < prev.end and d.date.value and not d.attribution
             and not doc.terms.period_start.search(prev.text[:d.start - prev.start][-25:])]  # "since August 2021"
    if not found:
        return None
    date = found[-1].date
    if names_a_target(date, doc.published):  # "A contract will be signed next week. Planned is the purchase of ..."
        return None
    return date


def names_a_target(date: DateValue, published: DateValue | None) -> bool:
    """Does all of ``date`` lie after the article's day ("The agreement is expected to be signed next month",
    "a contract sealing the deal will be signed next week")? Then a sentence that tells the deal again with it
    names a target, not when the deal told was signed, agreed or reported: it does not date that deal. ("By
    2027" has no start of its own: the year's first day stands for it.)"""
    first = date.interval[0] or (whole_period(date.value)[0] if date.value else None)
    last = published.interval[1] if published is not None and published.value else None
    return first is not None and last is not None and first > last


def signing_within(view: SentenceView, delivery: Draft, trigger: Token, tokens: set[int] | None,
                    doc: DocFacts) -> tuple[DateValue, LexicalRule] | None:
    """The contract a delivery's own clause says was signed, with its date: "delivered 46 tanks ... after
    signing a deal in August 2022". Not a signing with another party or system under it ("after signing a
    contract with Australia"), nor one dated after the delivery. None where there is no such signing."""
    signing = doc.rules.trigger_class("signing")
    head = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    inside, above = set(head.subtree), set(trigger.ancestors)
    others = {r.i for x in [*(c for c in view.countries if c.code not in (delivery.supplier, delivery.buyer)),
                            *(s for s in view.systems if s.system not in delivery.systems)] if (r := view.root(x)) is not None}
    latest = [x for x in (doc.published, delivery.date if delivery.date_explicit else None) if x is not None]
    for t, r in view.deal_triggers:
        if t.i == trigger.i or t in above or t not in inside or r.lemma not in signing or (tokens is not None and t.i not in tokens):
            continue
        if any(x.i in others for x in t.subtree) or status_of(view, t, r, tokens, signing) != "signed":
            continue
        when = dated_by(view, t, tokens, strict=True)
        if when is not None and not any(when.after(x) for x in latest):
            return when, r
    return None
