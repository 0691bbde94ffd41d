"""What marks a deal noun or trigger in its clause: a deal told elsewhere ("this F-35 sale"), another deal ("a
dozen more"), a promise, a pronoun's party, the day a telling gives; the predicates of deals.mentions."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.records import DateValue, SystemMention
from pipeline.rules import LexicalRule, Rules
from pipeline.stages.deals import counts as deal_counts, terms as deal_terms
from pipeline.stages.deals.drafts import Context, DocFacts
from pipeline.stages.deals.roles import Party
from pipeline.stages.deals.status import bound_by_deal, status_of
from pipeline.stages.views import SentenceView


def reported_on(view: SentenceView, trigger: Token, tokens: set[int] | None) -> DateValue | None:
    """The date of the verb that tells of the clause ("The ministry on Tuesday announced it awarded a
    contract"): when it was told, the nearest the text comes to when it happened."""
    if tokens is None:
        return None
    above = {a.i for a in trigger.ancestors}
    for d in view.dates:
        root = view.root(d)
        if d.date.value and root is not None and root.i not in tokens and \
                (root.head.i in above or root.head.head.i in above and root.head.dep_ == "prep"):
            return d.date
    return None


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or, for a verb of purpose with none ("it will spend $2.7 billion to buy ..."), the
    subject of the verb it completes."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and verb.dep_ == "xcomp" and verb.head.i != verb.i:
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return subj


def pronoun_party(view: SentenceView, trigger: Token, doc: DocFacts, told: bool = True) -> Party | None:
    """"It signed for 250 Abrams": the country that opened the sentence before; where none did and no deal was
    just told (``told``: its parties stand in), the country the document is about so far."""
    subj = _subject(trigger)
    if subj is None and _owned_by_a_pronoun(view, trigger, doc.rules):
        subj = trigger  # "Its purchases include ...": the deal noun's owner stands for the country
    if subj is not None and trigger.dep_ == "relcl" and subj.lower_ in doc.rules.word_class("relative_pronoun"):
        # "Malaysia, which signed a $920 million deal", "another buyer in Malaysia, which signed ...": the country
        # of the phrase the clause hangs from, nearest before it
        phrase = {t.i for t in trigger.head.subtree} - {t.i for t in trigger.subtree}
        c = max((c for c in view.countries if c.kind in ("name", "capital") and (r := view.root(c)) is not None
                 and r.i in phrase and r.i < trigger.i), key=lambda c: c.start, default=None)
        if c is not None:
            return Party(c.code, -1, -1, False, None, "either")
    if subj is None or not _stands_for_a_country(view, subj, doc.rules):
        return None
    # "Poland has been rearming ..., and it has handed ...": a subject earlier in the same sentence
    for c in view.countries:
        tok = view.root(c)
        if tok is not None and tok.i < subj.i and tok.dep_ in ("nsubj", "nsubjpass") and c.kind in ("name", "capital"):
            return Party(c.code, -1, -1, False, None, "either")
    for o in view.orgs:  # "The UK Ministry of Defence announced it awarded ...": the ministry's country
        tok = view.root(o)
        if tok is not None and tok.i < subj.i and tok.dep_ in ("nsubj", "nsubjpass") and o.kind == "government" and o.country:
            return Party(o.country, -1, -1, False, None, "either")
    prev = doc.previous(view.sentence)
    if prev is None:
        return None
    c = next((c for c in doc.countries if prev.start <= c.start < prev.start + 40 and c.kind in ("name", "capital")), None)
    code = c.code if c else None if told else _home(doc, view.sentence.start)
    return Party(code, -1, -1, False, None, "either") if code else None


def _owned_by_a_pronoun(view: SentenceView, noun: Token, rules: Rules) -> bool:
    """Is the deal noun owned by a possessive pronoun with no party before it in the sentence ("Its purchases
    include ...")? Not "KAI, which made its first deliveries": the company just named."""
    own = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in rules.word_class("possessive_pronoun")), None)
    before = [r.i for m in (*view.countries, *view.orgs) if (r := view.root(m)) is not None]
    return own is not None and not any(i < own.i for i in before)


def _stands_for_a_country(view: SentenceView, subj: Token, rules: Rules) -> bool:
    """Does the subject stand for a country told before: a pronoun or a body named bare ("it", "the ministry",
    "the navy"), or the deal noun a possessive pronoun owns (_owned_by_a_pronoun)? Not a body a country's word
    describes ("the Chilean navy": that country's)."""
    if _owned_by_a_pronoun(view, subj, rules):
        return True
    described = {r.i for c in view.countries if (r := view.root(c)) is not None}
    return subj.lower_ in rules.word_class("subject_pronoun") and \
        not any(c.i in described and c.dep_ in ("amod", "compound", "poss") for c in subj.children)


def _home(doc: DocFacts, before: int) -> str | None:
    """The country the document is about so far: the one named most before ``before`` (the first named, on a
    tie), for a subject that stands for a country where the sentence before opens on none ("The Mexican navy
    ... The Ministry also approved ... The navy has also bought ...")."""
    counts: dict[str, int] = {}
    for c in doc.countries:
        if c.start < before and c.kind in ("name", "adjective", "capital"):
            counts[c.code] = counts.get(c.code, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def marked_by(view: SentenceView, triggers: list[Token], system: SystemMention | None, words: frozenset[str],
            terms: deal_terms.Terms | None = None, skip: frozenset[int] = frozenset()) -> bool:
    """Is one of ``words`` on the deal's trigger or system, or one step below them: "another 100 howitzers",
    "a second contract", "a dozen more jets"; "the first batch of 10 tanks"? (Not in the phrase of an
    option not taken up: "an option for six more on top of 30" is the order of 30.)"""
    heads = set(triggers)
    if system is not None:
        for i in view.token_range(system):
            heads |= {view.doc[i], view.doc[i].head}
        # the noun a system's "of" hangs from: "the sale of a second batch of K2 main battle tanks"
        noun = view.doc[view.token_range(system).start] if view.token_range(system) else None
        while noun is not None and noun.dep_ in ("amod", "compound", "nmod") and noun.head.i != noun.i:
            noun = noun.head
        if noun is not None and noun.head.lower_ == "of" and noun.head.dep_ == "prep":
            heads |= {noun, noun.head.head}
    return any(c.lower_ in words and not measures_time_or_count(c) and not hyphened(c) and c.head.i not in skip
               and not (terms and deal_counts.optioned(c, terms))
               for h in heads for c in (*h.children, *(g for c in h.children for g in c.children)))


def batch_marked(view: SentenceView, triggers: list[Token], system: SystemMention | None, words: frozenset[str]) -> bool:
    """Is the clause told of a batch of an order ("the first batch of 10 arrived", "the last two tanks")? A word of
    ``words`` on a noun of a signed deal counts that contract among others ("signed the first contract for the
    delivery of 180 tanks", "an initial order for the supply of 12 jets"): an order of its own, with its own count."""
    contracts = frozenset(t.i for t, r in view.deal_triggers if t.pos_ == "NOUN" and r.attrs.get("status") == "signed")
    return marked_by(view, triggers, system, words, skip=contracts)


def points_back(trigger: Token, triggers: list[tuple[Token, LexicalRule]], words: frozenset[str]) -> bool:
    """Is the deal a bare noun pointing back to a deal told before ("this F-35 sale", "such a deal"), with no
    verb in the clause to tell its stage?"""
    return trigger.pos_ == "NOUN" and not any(t.pos_ in ("VERB", "AUX") for t, _ in triggers) and \
        any(c.dep_ in ("det", "predet", "amod") and c.lower_ in words for c in trigger.children)


def promised(view: SentenceView, transfer: Token, rules: Rules, above: set[str | None]) -> bool:
    """Is a transfer only what a deal binds a side to, not one told as done ("and delivered 20 in May")? A
    noun under a signing ("signed a contract for the delivery of 180 tanks"), or that a word of purpose takes
    ("This covered 180 tanks for delivery from 2022 to 2025", rules/words.yaml class purpose), an infinitive ("a contract to
    supply 48 jets", "deals last year to supply K2 tanks"), or what a deal's own clause has a side do ("the
    new deal will see the firm build and deliver six howitzers"); not one decided ("agreed to send": the
    sending counts)."""
    if bound_by_deal(view, transfer) or stipulated(transfer):
        return True
    if transfer.pos_ == "NOUN" and transfer.dep_ == "pobj" and transfer.head.lower_ in rules.word_class("purpose"):
        return True  # "covered 180 tanks for delivery from 2022 to 2025": what the goods are for, not goods moved
    if transfer.pos_ == "NOUN":  # (under a letter of intent or an approval: what is planned)
        return bool({"signed", "planned"} & above)
    return transfer.tag_ == "VB" and transfer.head.lemma_ not in rules.trigger_class("deciding") and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in transfer.children)


def stipulated(transfer: Token) -> bool:
    """Is a transfer verb told with "for" and no object of its own ("an agreement providing for 24 trainers", "the
    contract provides for 40 vehicles")? It says what a deal stipulates: no goods were handed over."""
    return transfer.pos_ == "VERB" and transfer.i + 1 < len(transfer.doc) and transfer.nbor(1).lower_ == "for" and \
        not any(c.dep_ in ("dobj", "nsubjpass", "dative") for c in transfer.children)


def ordered_before(ctx: Context | None, buyer: str | None, system: SystemMention | None) -> bool:
    """Has the deal just told signed an order of this system for this buyer?"""
    return ctx is not None and system is not None and \
        any(d.status == "signed" and d.buyer == buyer and d.systems == [system.system] for d in ctx.drafts)


def hyphened(tok: Token) -> bool:
    """Is the word the first part of a hyphened adjective ("second-hand jets", "second-generation tanks",
    "first-of-class")? It describes the goods; it counts no deal or batch."""
    return not tok.whitespace_ and tok.i + 1 < len(tok.doc) and tok.nbor(1).text == "-"


def measures_time_or_count(tok: Token) -> bool:
    """"more than 100", "earlier this month", "a week earlier": the word measures, it marks no other deal."""
    following = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
    return following in ("than", "this", "that", "last", "in", "on") or tok.dep_ == "advmod" and tok.lower_ in ("earlier", "previous")


def told_anew(view: SentenceView, tokens: set[int] | None, rules: Rules) -> bool:
    """Is a deal noun told without its goods marked as a deal of its own ("a new package of military aid",
    "another aid package", "a fresh tranche")? Then the list that follows is its own, not the deal's before.
    ("The new deal also includes ..." points back to the deal told.)"""
    triggers = [t for t, _ in view.deal_triggers if tokens is None or t.i in tokens]
    back = rules.word_class("demonstrative") | rules.word_class("definite")  # "this additional purchase", "the new deal"
    return marked_by(view, triggers, None, rules.word_class("fresh_deal")) and \
        not any(c.dep_ == "det" and c.lower_ in back for t in triggers for c in t.children) or \
        signs_another(view, tokens, rules, back)


def signs_another(view: SentenceView, tokens: set[int] | None, rules: Rules, back: frozenset[str]) -> bool:
    """Is a signing told with an additive word on its verb ("also") and an object nothing points back from
    ("In March, Hanwha also signed a maintenance agreement", "KAI also inked its first support contract")? That
    is another agreement beside the deal told, not its signing told again: its date is not that deal's. (An
    object with "the" or "this", or a bare possessive, points back: "The two sides also signed the contract on
    Tuesday", "Hanwha also signed its contract with Hanoi".)"""
    signing, additive = rules.trigger_class("signing"), rules.word_class("additive")
    for verb in view.doc:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in signing or tokens is not None and verb.i not in tokens:
            continue
        if not any(c.dep_ == "advmod" and c.lower_ in additive for c in verb.children):
            continue
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
            kids = list(obj.children)
            pointed = any(c.dep_ == "det" and c.lower_ in back for c in kids) or \
                any(c.dep_ == "poss" for c in kids) and not any(c.dep_ in ("amod", "compound", "nummod") for c in kids)
            if not pointed:
                return True
    return False


def deliveries_since(view: SentenceView, rules: Rules) -> bool:
    """Does the sentence that tells an order also tell goods of it handed over, in a clause that names no system of
    its own ("signed a contract for 36 jets, of which eight have so far been delivered", "Since the 2017 contract
    for 52 howitzers, the firm has delivered all of them")? The order is being carried out: delivered. A transfer
    only bound to ("a contract to supply") or to come ("will deliver") tells no delivery, nor does a coordinated
    clause of its own ("signed for 250 tanks in 2022 and took delivery of the first last month": a delivery told
    apart; the order stays signed)."""
    signing = rules.trigger_class("signing")
    roots = [r for s in view.systems if (r := view.root(s)) is not None]
    nouns = {t.i for t, r in view.deal_triggers if t.pos_ == "NOUN"}
    for t, r in view.deal_triggers:
        if t.pos_ != "VERB" or r.attrs["status"] != "delivered" or t.tag_ not in ("VBD", "VBN") or t.dep_ in ("acl", "amod", "conj"):
            continue
        # goods of its own: a system under the verb, not under a deal noun there ("Since the 2017 contract for 52 K9s")
        own = [x for x in roots if t in x.ancestors and not any(a.i in nouns for a in _between(x, t))]
        if own or promised(view, t, rules, set()):
            continue
        if status_of(view, t, r, None, signing) == "delivered":
            return True
    return False


def _between(tok: Token, top: Token) -> list[Token]:
    """The words from a token's head up to (not including) an ancestor of it."""
    out, t = [], tok.head
    while t.i != top.i and t.head.i != t.i:
        out.append(t)
        t = t.head
    return out
