"""Deals: who sells what to whom, for how much, when, and how far along.

A sentence with a deal trigger (rules/deal_triggers.yaml) gives one deal per system and
buyer. Parties get their part from the parse: the subject of "sell" is the supplier, the
object of "to" the buyer, the possessor of "purchase" the buyer (rules/roles.yaml);
what the parse leaves open is settled by the system's origin and by which party is a
company. Cues (rules/cues.yaml) that govern the trigger set the status: "will buy" is
planned, "nearing a contract" negotiating. Aggregates ("exports reached $17.3 billion")
name no buyer and make no deal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from spacy.tokens import Token

from pipeline.records import DateMention, DateValue, Deal, Money, Quantity, Sentence, SystemMention
from pipeline.rules import Rules
from pipeline.stages.views import SentenceView, clause_chain, governs, main_trigger

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                 "fifty": 50, "hundred": 100, "dozen": 12, "a dozen": 12, "both": 2}
_ANAPHOR = re.compile(r"^(?:It|This|That|They|These|Each(?: unit| one)?|The (?:deal|contract|agreement|package|order|"
                      r"purchase|sale|acquisition|systems?|howitzers?|tanks?|jets?|aircraft|vehicles?|ships?|units?|"
                      r"first|second|batch|weapons?)|Under the|Each of)\b")
_SPAN_LINK_AFTER = re.compile(r"^[\s\w\-–()]*?\b(?:worth|valued at|valued|priced at|at a (?:total )?cost of|costing|for|at)\s*"
                              r"(?:about|around|roughly|approximately|some|an estimated|nearly|up to|more than|over|just over)?\s*$",
                              re.I)
_SPAN_LINK_BEFORE = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:worth of|in|for|of)\s+(?:[\w\-–]+\s+){0,3}$", re.I)
_LOCATIVE = {"in", "at", "near", "outside", "across"}
_DISTRIBUTIVE = re.compile(r"\b(each|apiece|per)\b", re.I)


@dataclass
class _Party:
    code: str
    start: int
    end: int
    company: bool
    token: Token | None
    role: str | None = None


@dataclass
class _Draft:
    """A deal being assembled; becomes a Deal record when complete."""

    sentence: Sentence
    supplier: str | None
    buyer: str | None
    systems: list[str]
    quantity: Quantity | None
    value: Money | None
    date: DateValue
    date_explicit: bool
    status: str
    rule: str
    origins: dict[str, str | None] = field(default_factory=dict)

    def record(self) -> Deal:
        return Deal(self.sentence, self.supplier, self.buyer, tuple(self.systems), self.quantity, self.value,
                    self.date, self.status, self.rule)


# ---- parties and their roles -------------------------------------------------------------------


def _parties(view: SentenceView) -> list[_Party]:
    out: list[_Party] = []
    for org in view.orgs:
        if org.country:
            out.append(_Party(org.country, org.start, org.end, org.kind == "company", view.root(org)))
    for c in view.countries:
        if any(p.start <= c.start and c.end <= p.end for p in out):
            continue
        out.append(_Party(c.code, c.start, c.end, False, view.root(c)))
    return sorted(out, key=lambda p: p.start)


def _trigger_subject_role(tok: Token, view: SentenceView) -> str | None:
    """The part the subject plays for the trigger at or below ``tok`` ("plans to buy" -> buy's)."""
    rules = {t.i: r for t, r in view.deal_triggers}
    frontier = [tok]
    for _ in range(3):
        nxt = []
        for t in frontier:
            if t.i in rules:
                return rules[t.i].attrs.get("subject")
            nxt.extend(c for c in t.children if c.dep_ in ("xcomp", "ccomp", "dobj", "prep", "pobj", "conj", "attr", "acomp"))
        frontier = nxt
    return None


def _role(party: _Party, view: SentenceView, rules: Rules, systems: list[SystemMention]) -> str | None:
    t = party.token
    if t is None:
        return None
    system_tokens = {i for s in systems for i in view.token_range(s)}
    for _ in range(6):
        if t.dep_ == "poss" or (t.dep_ in ("amod", "compound", "nmod") and t.head.pos_ in ("NOUN", "PROPN")):
            head = t.head
            if head.i in system_tokens or any(head.i in view.token_range(s) for s in systems):
                return "supplier"
            rule = rules.roles.get("poss:" + head.lemma_.lower())
            if rule is not None:
                return rule.role
            t = head
            continue
        if t.dep_ in ("appos", "conj") and t.head is not t:
            t = t.head
            continue
        break
    if t.dep_ == "pobj":
        prep = t.head
        rule = rules.roles.get("prep:" + prep.lower_)
        if rule is not None:
            return rule.role
        if prep.lower_ in _LOCATIVE:
            return "location"
        return None
    if t.dep_ in ("nsubj", "csubj"):
        return _trigger_subject_role(t.head, view) or ("either" if t.head.lemma_ == "be" else None)
    if t.dep_ == "nsubjpass":
        rule = next((r for tok, r in view.deal_triggers if tok is t.head), None)
        if rule is not None and rule.lemma == "award":
            return "supplier"
        return None
    if t.dep_ in ("dative",):
        rule = next((r for tok, r in view.deal_triggers if tok is t.head), None)
        if rule is not None and rule.lemma == "award":
            return "supplier"
        return "buyer"
    if t.dep_ == "dobj":
        rule = next((r for tok, r in view.deal_triggers if tok is t.head), None)
        if rule is not None and rule.lemma in ("award",):
            return "supplier"
        if rule is not None and rule.attrs.get("subject") == "supplier" and rule.lemma in ("sell", "supply", "offer"):
            return "buyer"
    return None


# ---- systems, money, quantities ----------------------------------------------------------------


def _systems(view: SentenceView) -> list[SystemMention]:
    """Named systems, and generic ones ("frigates to Peru") that no named system describes."""
    return list(view.systems)


_CHOOSING = {"choose", "select", "pick", "prefer", "opt", "favor", "favour", "buy", "order", "purchase", "acquire", "win",
             "decision", "choice", "selection"}


def _lost_systems(view: SentenceView, systems: list[SystemMention]) -> list[SystemMention]:
    """Systems a buyer passed over: "chose the Leopard over the K2", "instead of the K2"."""
    lost = []
    for cue in view.effects("lost"):
        if cue.root.lower_ == "over" and not any(a.lemma_.lower() in _CHOOSING for a in list(cue.root.ancestors)[:3]):
            continue  # "talks over a deal", "over the next decade"
        for s in systems:
            span = view.span(s.start, s.end)
            if span is None:
                continue
            after_cue = 0 <= span.start_char - cue.end_char <= 40 and not re.search(r"[,;]", view.doc.text[cue.end_char:span.start_char])
            if after_cue or any(a in cue for a in span.root.ancestors if a.i < span.start):
                lost.append(s)
    return lost


def _attach_money(view: SentenceView, systems: list[SystemMention]) -> tuple[dict[str, list[Money]], list[Money]]:
    """Money tied to one system ("K2 worth $5.76 billion", "$920 million worth of K9"), and the rest."""
    text = view.sentence.text
    base = view.sentence.start
    per_system: dict[str, list[Money]] = {}
    loose: list[Money] = []
    for m in view.money:
        owner = None
        before = [s for s in systems if s.end <= m.start]
        after = [s for s in systems if s.start >= m.end]
        if before and _SPAN_LINK_AFTER.match(text[before[-1].end - base:m.start - base]):
            owner = before[-1]
        elif after and _SPAN_LINK_BEFORE.match(text[m.end - base:after[0].start - base]):
            owner = after[0]
        if owner is not None and len(systems) > 1:
            per_system.setdefault(owner.system, []).append(m)
        else:
            loose.append(m)
    # a gloss goes with the amount it restates
    for name, ms in per_system.items():
        for m in list(loose):
            if any(0 <= m.start - x.end <= 3 or 0 <= x.start - m.end <= 3 for x in ms) and m.currency != ms[0].currency:
                ms.append(m)
                loose.remove(m)
    return per_system, loose


def _best_value(ms: list[Money]) -> Money | None:
    """The deal's value: the amount in the text's own currency (glossed in dollars where it is)."""
    if not ms:
        return None
    native = [m for m in ms if m.currency != "USD"]
    usd = [m for m in ms if m.currency == "USD"]
    return (native or usd)[0]


def _taken(view: SentenceView) -> set[int]:
    """Tokens of money, dates and system names: none of them is a count ("Leopard 2 tanks")."""
    return {i for m in (*view.money, *view.dates, *(s for s in view.systems if not s.generic)) for i in view.token_range(m)}


def _number(tok: Token) -> int | None:
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    return _NUMBER_WORDS.get(text)


def _quantity(view: SentenceView, system: SystemMention, taken: set[int], units: frozenset[str]) -> Quantity | None:
    """A count before the system ("54 K9 howitzers", "25 to 30 K-9 units") or of units in the sentence."""
    doc = view.doc
    span = view.span(system.start, system.end)
    if span is None:
        return None
    starts = [span.start]
    # "K-9 units": the unit noun after the system carries the count too
    if span.end < len(doc) and doc[span.end].lower_ in units:
        starts.append(span.start)
    for start in starts:
        j, skipped = start - 1, 0
        while j >= 0 and skipped <= 3 and _number(doc[j]) is None:
            if doc[j].i in taken or not (doc[j].pos_ in ("ADJ", "NOUN", "PROPN") or doc[j].text in ("-", "–")
                                         or doc[j].dep_ == "amod"):
                break
            j -= 1
            skipped += 1
        if j < 0 or _number(doc[j]) is None or doc[j].i in taken:
            continue
        q = _range_at(doc, j)
        if q:
            return q
    if system.generic:
        return None
    for t in doc:
        if t.lower_ in units and t.i > 0 and _number(doc[t.i - 1]) is not None and doc[t.i - 1].i not in taken:
            q = _range_at(doc, t.i - 1)
            if q:
                return q
    return None


def _range_at(doc, j: int) -> Quantity | None:
    high = _number(doc[j])
    if high is None or high == 0 or high > 5000 or (1900 <= high <= 2100 and doc[j].like_num and len(doc[j]) == 4):
        return None
    if j + 1 < len(doc) and doc[j + 1].text in ("%", "percent", "per"):
        return None
    low, first = high, j
    if j >= 2 and doc[j - 1].lower_ in ("to", "-", "–", "and", "or") and _number(doc[j - 2]) is not None:
        low, first = _number(doc[j - 2]), j - 2
    if low > high:
        low, high = high, low
    return Quantity(doc[first].idx, doc[j].idx + len(doc[j]), low, high)


# ---- status and date ---------------------------------------------------------------------------


def _status(view: SentenceView, trigger: Token, base_status: str) -> str | None:
    """The status the trigger and the cues governing it give; None where the deal is negated."""
    if any(governs(c, trigger) for c in view.effects("negation")):
        return None
    statuses = {r.attrs["status"] for t, r in view.deal_triggers}
    if view.effects("aid") or "aid" in statuses and base_status != "lost":
        return "aid"
    if base_status == "negotiating" or any(governs(c, trigger) for c in view.effects("negotiating")):
        return "negotiating"
    if any(governs(c, trigger) for c in view.effects("planned")):
        return "planned"
    return base_status


def _own_date(view: SentenceView, trigger: Token) -> DateValue | None:
    dates = [d for d in view.dates if d.date.value and not d.attribution]
    if not dates:
        return None
    pos = view.base + trigger.idx
    return min(dates, key=lambda d: abs(d.start - pos)).date


def _is_aggregate(view: SentenceView, trigger: Token) -> bool:
    """Totals and targets: "exports reached $17.3 billion", "targeting $20 billion in exports"."""
    return bool(view.effects("aggregate")) and any(
        t.lemma_ in ("export", "sale", "order", "import") for t, _ in view.deal_triggers) and not any(
        t.lemma_ in ("sign", "ink", "buy", "purchase", "sell", "deliver", "award", "win", "order") and t.pos_ == "VERB"
        for t, _ in view.deal_triggers)


# ---- assembly ------------------------------------------------------------------------------------


_OPPOSITE = {"supplier": "buyer", "buyer": "supplier"}


def _resolve_parties(parties: list[_Party], origin: str | None, hint: str | None,
                     prior: str | None) -> tuple[str | None, str | None]:
    """Supplier and buyer from the parties' roles; the subject of "sign" and the object of "with"
    are settled by the system's origin, by which party is a company, by the kind of trigger
    ("export" makes the subject the supplier) and last by the document's usual supplier."""
    roles: dict[int, str | None] = {}
    subject_role = None
    for p in parties:
        if p.role in ("either", "agent"):
            role = hint
            if p.company or (origin and p.code == origin):
                role = "supplier"
            elif origin and role == "supplier" and p.code != origin:
                role = None
            roles[id(p)] = role
            subject_role = subject_role or role
    for p in parties:
        if p.role == "counterpart":
            role = _OPPOSITE.get(subject_role) if subject_role else None
            if p.company or (origin and p.code == origin):
                role = "supplier"
            roles[id(p)] = role
        elif p.role in ("supplier", "buyer"):
            roles[id(p)] = p.role
    suppliers = [p.code for p in parties if roles.get(id(p)) == "supplier"]
    supplier = (origin if origin in suppliers else suppliers[0]) if suppliers else origin
    if supplier is None and prior and (hint == "supplier" or any(p.code == prior and roles.get(id(p)) is None for p in parties)):
        supplier = prior  # "The country sold frigates to Peru": the document's usual supplier
    buyers = [p.code for p in parties if roles.get(id(p)) == "buyer" and p.code != supplier]
    buyer = buyers[0] if buyers else None
    if buyer is None:
        open_ = [p for p in parties if roles.get(id(p)) is None and p.code != supplier]
        open_.sort(key=lambda p: p.company)
        buyer = open_[0].code if open_ else None
    return supplier, buyer


def _segments(view: SentenceView, parties: list[_Party], systems: list[SystemMention]) -> list[tuple[int, int]]:
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


_TWO_PARTIES = re.compile(r"\b(?:the|both)\s+(?:two\s+)?(?:countries|nations|sides|governments|allies)\b", re.I)


def deals_in_sentence(view: SentenceView, *, rules: Rules, published: DateValue | None, context_date: DateValue | None,
                      units: frozenset[str], prior: str | None = None,
                      previous: tuple[str | None, str | None] | None = None) -> list[_Draft]:
    """The deals one sentence states."""
    main = main_trigger(view.deal_triggers)
    if main is None:
        return []
    trigger, rule = main
    if _is_aggregate(view, trigger):
        return []
    status = _status(view, trigger, rule.attrs["status"])
    if status is None:
        return []
    systems = _systems(view)
    lost = _lost_systems(view, systems)
    kept = [s for s in systems if s not in lost]
    parties = _parties(view)
    for p in parties:
        p.role = _role(p, view, rules, systems)
    parties = [p for p in parties if p.role != "location"]
    if len(parties) < 2 and previous and _TWO_PARTIES.search(view.sentence.text):
        # "The two countries are also in talks over ...": the parties of the deal before
        parties = [_Party(code, -1, -1, False, None, role) for code, role in zip(previous, ("supplier", "buyer")) if code]
    if not parties:
        return []
    kinds = {r.attrs.get("subject") for _, r in view.deal_triggers} - {None, "either"}
    hint = next(iter(kinds)) if len(kinds) == 1 else None
    subject_side = any(p.role in ("supplier", "either", "agent") for p in parties)
    other_side = any(p.role in ("counterpart", "buyer") for p in parties)
    if subject_side and other_side:
        # both sides named and neither makes the system: it belongs to another story
        # ("Germany could strike a deal with Norway ... not because the K2 lacks ...")
        codes = {p.code for p in parties}
        kept = [s for s in kept if s.generic or s.origin is None or s.origin in codes]
    money_of, loose = _attach_money(view, kept)
    taken = _taken(view)
    date = _own_date(view, trigger)
    explicit = date is not None
    if date is None:
        ongoing = status in ("negotiating", "planned")
        date = (published if ongoing else context_date or published) or DateValue(None, None)
    buyers = {p.code for p in parties if p.role == "buyer"}
    chunks = _segments(view, parties, kept) if len(buyers) > 1 else [(view.sentence.start, view.sentence.end)]

    drafts: list[_Draft] = []
    for system in kept or [None]:
        scope = next(((a, b) for a, b in chunks if system and a <= system.start < b), (view.sentence.start, view.sentence.end))
        local = [p for p in parties if scope[0] <= p.start < scope[1]] if len(chunks) > 1 else parties
        if len(chunks) > 1 and not any(p.role == "buyer" for p in local):
            local = parties
        origin = system.origin if system else None
        supplier, buyer = _resolve_parties(local, origin, hint, prior)
        if buyer is None or buyer == supplier:
            continue
        own = money_of.get(system.system) if system else None
        if own:
            value = _best_value(own)
        elif money_of:
            value = None  # other systems have their own prices: the loose amount is the total
        else:
            value = _best_value([m for m in loose if scope[0] <= m.start < scope[1]] or (loose if len(chunks) == 1 else []))
        if system is None and value is None:
            continue
        quantity = _quantity(view, system, taken, units) if system else None
        if system is not None and system.generic and value is None and quantity is None:
            continue  # "to import Korean-made military vehicles": too vague to be a deal
        drafts.append(_Draft(view.sentence, supplier, buyer, [system.system] if system else [], quantity, value, date,
                             explicit, status, rule.id, {system.system: origin} if system else {}))
    for system in lost:
        buyer = next((d.buyer for d in drafts), None) or _resolve_parties(parties, system.origin, hint, prior)[1]
        supplier = system.origin or next((p.code for p in parties if p.role == "supplier" and p.code != buyer), None)
        if buyer and buyer != supplier:
            drafts.append(_Draft(view.sentence, supplier, buyer, [system.system], None, None, date, explicit, "lost",
                                 rule.id, {system.system: system.origin}))
    return drafts


def continue_deals(drafts: list[_Draft], view: SentenceView, units: frozenset[str]) -> list[_Draft]:
    """What a following sentence adds to the deals of the one before: "Each unit is priced at ...",
    "It covers 54 K9 howitzers"; an item it names anew ("The deal also includes ammunition worth
    $4 million") is a deal of its own with the same parties, date and status."""
    if not drafts or not _ANAPHOR.match(view.sentence.text):
        return []
    known = {d.buyer for d in drafts} | {d.supplier for d in drafts}
    if any(c.code not in known for c in view.countries if c.kind in ("name", "adjective")):
        return []
    taken = _taken(view)
    value = _best_value(view.money)
    systems = [s for s in view.systems if not s.generic] or [s for s in view.systems if s.generic]
    fresh = [s for s in systems if all(s.system not in d.systems for d in drafts)]
    if fresh and all(d.systems for d in drafts):
        first = drafts[0]
        return [_Draft(view.sentence, first.supplier, first.buyer, [s.system], _quantity(view, s, taken, units),
                       value, first.date, first.date_explicit, first.status, first.rule, {s.system: s.origin})
                for s in fresh]
    for d in drafts:
        if value is not None and d.value is None:
            d.value = value
        for s in systems:
            if not d.systems:
                d.systems = [s.system]
            if s.system in d.systems and d.quantity is None:
                d.quantity = _quantity(view, s, taken, units)
        if d.quantity is None and not systems:
            for t in view.doc:
                if t.lower_ in units and t.i > 0 and _number(view.doc[t.i - 1]) is not None and t.i - 1 not in taken:
                    d.quantity = _range_at(view.doc, t.i - 1)
                    break
    return []


def merge(drafts: list[_Draft]) -> list[_Draft]:
    """One deal per supplier, buyer, system and status in a document; later mentions fill the gaps."""
    out: list[_Draft] = []
    for d in drafts:
        same = next((o for o in out if (o.supplier, o.buyer, tuple(o.systems), o.status) == (d.supplier, d.buyer, tuple(d.systems), d.status)
                     and _values_agree(o.value, d.value)), None)
        if same is None:
            out.append(d)
            continue
        same.value = same.value or d.value
        same.quantity = same.quantity or d.quantity
        if d.date_explicit and (not same.date_explicit or _finer(d.date, same.date)):
            same.date, same.date_explicit = d.date, True
    return out


def _finer(a: DateValue, b: DateValue) -> bool:
    order = {None: 0, "year": 1, "month": 2, "day": 3}
    return bool(a.value and b.value and a.value.startswith(b.value) and order[a.precision] > order[b.precision])


def _values_agree(a: Money | None, b: Money | None) -> bool:
    if a is None or b is None:
        return True
    if a.currency == b.currency:
        return abs(a.low - b.low) <= Decimal("0.05") * max(a.low, b.low, Decimal(1))
    if a.usd_low and b.usd_low:
        return abs(a.usd_low - b.usd_low) <= Decimal("0.05") * max(a.usd_low, b.usd_low)
    return True


def _context_date(sentence: Sentence, sentences: list[Sentence], dates: list[DateMention],
                  published: DateValue | None) -> DateValue | None:
    """The date of the sentence just before, in the same paragraph ("In 2024 so far, ... The country
    sold ..."), unless it lies after the article's own date (a target, not an event)."""
    before = [x for x in sentences if x.paragraph == sentence.paragraph and x.end <= sentence.start]
    if not before:
        return None
    prev = before[-1]
    found = [d for d in dates if prev.start <= d.start < prev.end and d.date.value and not d.attribution]
    if not found:
        return None
    date = found[-1].date
    if published and published.value and date.value[:4] > published.value[:4]:
        return None
    return date


def supplier_prior(systems: list[SystemMention]) -> str | None:
    """The country whose systems the document names most: its usual supplier."""
    counts: dict[str, int] = {}
    for s in systems:
        if s.origin and not s.generic:
            counts[s.origin] = counts.get(s.origin, 0) + 1
    return max(counts, key=lambda c: (counts[c], c)) if counts else None


def extract_deals(views: list[SentenceView], *, rules: Rules, published: DateValue | None, units: frozenset[str],
                  dates: list[DateMention], sentences: list[Sentence], systems: list[SystemMention]) -> list[Deal]:
    """Every deal of a document, from its parsed candidate sentences in order."""
    prior = supplier_prior(systems)
    drafts: list[_Draft] = []
    last: list[_Draft] = []
    last_sentence = None
    for view in views:
        found = []
        if view.deal_triggers:
            context = _context_date(view.sentence, sentences, dates, published)
            previous = (drafts[-1].supplier, drafts[-1].buyer) if drafts else None
            found = deals_in_sentence(view, rules=rules, published=published, context_date=context, units=units,
                                      prior=prior, previous=previous)
        if found:
            drafts.extend(found)
            last, last_sentence = found, view.sentence
        elif last and last_sentence is not None and view.sentence.paragraph - last_sentence.paragraph <= 1:
            drafts.extend(continue_deals(last, view, units))
            last = []
    return [d.record() for d in merge(drafts)]
