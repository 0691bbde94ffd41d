"""Deal parties: which country in a clause supplies, which buys, read from the parse.

The subject of "sell" is the supplier, the object of "to" the buyer, the possessor of
"purchase" the buyer (rules/roles.yaml); the subject of "sign" and the object of "with"
are settled by the system's origin, by which party is a company, by the kind of trigger
and last by the document's usual supplier (supplier_buyer.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from pipeline.records import SystemMention
from pipeline.rules import Rules
from pipeline.stages.deals import terms as deal_terms
from pipeline.stages.views import SentenceView


@dataclass
class Party:
    code: str
    start: int
    end: int
    company: bool
    token: Token | None
    role: str | None = None
    of_system: str | None = None  # "Hyundai Rotem's K2": supplier of that system only
    why: str | None = None  # what set the role: a rule's file:line, or a step's id (deals.roles.*)


def _plays(party: Party, role: str | None, why: str) -> None:
    party.role, party.why = role, why


def parties(view: SentenceView, tokens: set[int] | None = None, branches: frozenset[str] = frozenset()) -> list[Party]:
    """Countries and companies of the clause (``tokens``: its token indices; None: the sentence). A
    country that only says where a company's branch is ("the Australian subsidiary of Hanwha", one of
    ``branches``) is no party: the company is."""
    out: list[Party] = []
    for org in view.orgs:
        root = view.root(org)
        if org.country and (tokens is None or (root is not None and root.i in tokens)) and not _owns_the_maker(view, root):
            out.append(Party(org.country, org.start, org.end, org.kind == "company", root))
    for c in view.countries:
        root = view.root(c)
        if tokens is not None and (root is None or root.i not in tokens):
            continue
        if any(p.start <= c.start and c.end <= p.end for p in out):
            continue
        if c.kind in ("city",) and (root is None or root.dep_ not in ("nsubj", "poss")):
            continue  # a city is a place, not a government ("in Gdynia"); a capital may be either
        if root is not None and _places_a_branch(root, branches):
            continue
        maker = _home_of_a_company(view, root) if root is not None else None
        home = maker is not None
        if home and any(p.company and p.code == c.code and p.token is not None and p.token.i == maker for p in out):
            continue  # "South Korea's Hyundai Rotem": the company's home, on the company's side
        out.append(Party(c.code, c.start, c.end, home, root))  # "Germany's KNDS": the home speaks for the company
    return sorted(out, key=lambda p: p.start)


def _owns_the_maker(view: SentenceView, tok: Token | None) -> bool:
    """Is the organisation only the owner of the company that is named ("Lockheed Martin company's PZL Mielec
    has delivered ...": the Polish maker delivers, its American owner is no party)?"""
    others = {r.i for o in view.orgs if (r := view.root(o)) is not None and o.kind == "company"}
    possessed = False
    for _ in range(3):
        if tok is None or tok.dep_ not in ("compound", "poss") or tok.head.i == tok.i:
            return False
        possessed = possessed or tok.dep_ == "poss"
        tok = tok.head
        if possessed and tok.i in others:
            return True
    return False


def _home_of_a_company(view: SentenceView, tok: Token) -> int | None:
    """The company the country word is the possessor or modifier of ("Germany's KNDS", "the French Naval Group"),
    at once or through the nouns that tell what it is ("US defence contractor Raytheon", "the French shipbuilder
    Naval Group"): the token of the company it names the home of, on the company's side; left free, it may be
    taken for a buyer ("with Germany's KNDS or South Korea's Hyundai Rotem the two candidates")."""
    if tok.dep_ not in ("poss", "compound", "amod") or tok.head.i == tok.i:
        return None
    companies = {r.i for o in view.orgs if o.kind == "company" and (r := view.root(o)) is not None}
    head = tok.head
    for _ in range(3):
        if head.i in companies:
            return head.i
        if head.pos_ != "NOUN" or head.dep_ != "compound" or head.head.i == head.i:
            return None
        head = head.head
    return None


def _places_a_branch(tok: Token, branches: frozenset[str]) -> bool:
    """Does the country word modify a branch that is "of" a company ("the Australian subsidiary of ...",
    "Hanwha's Australian arm")?"""
    head = tok.head
    if tok.dep_ not in ("amod", "compound", "poss", "nmod") or head.lemma_.lower() not in branches:
        return False
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children) or any(c.dep_ == "poss" and c.i != tok.i for c in head.children)


def trigger_subject(tok: Token, view: SentenceView) -> tuple[str | None, str]:
    """The part the subject plays for the triggers at or below ``tok`` ("agreed to send" -> send's supplier), with
    the rule of the trigger that gave it (its ``subject``)."""
    rules = {t.i: r for t, r in view.deal_triggers}
    found, decided = [], []  # a deciding trigger's own part yields to the deal it decides: "approved the purchase"
    frontier = [tok]
    for _ in range(3):
        nxt = []
        for t in frontier:
            if t.i in rules and not _named_for(t, rules[t.i]):
                classes = rules[t.i].attrs.get("class") or ()
                (decided if "deciding" in ([classes] if isinstance(classes, str) else classes) else found).append(
                    (rules[t.i].attrs.get("subject"), f"{rules[t.i].id} (subject)"))
            nxt.extend(c for c in t.children if c.dep_ in ("xcomp", "ccomp", "dobj", "prep", "pobj", "conj", "attr", "acomp"))
        frontier = nxt
    found += decided
    definite = [(r, why) for r, why in found if r in ("supplier", "buyer")]
    return definite[0] if definite else (found[0] if found else (None, "deals.roles.subject"))


def _named_for(t: Token, rule) -> bool:
    """Is the trigger a transfer noun a deal is made for ("signed a contract with Hyundai Rotem for the
    delivery of 180 tanks")? Who delivers is not told by the signing's subject: either side signs."""
    classes = rule.attrs.get("class") or ()
    return t.pos_ == "NOUN" and t.dep_ == "pobj" and "transfer" in ([classes] if isinstance(classes, str) else classes)


_SUBORDINATE = {"advcl", "relcl", "acl", "csubj"}


def _in_side_clause(tok: Token, triggers: set[int], carriers: frozenset[str] = frozenset(),
                    naming: frozenset[str] = frozenset()) -> bool:
    """Is the token inside a subordinate clause that has no deal in it ("since Russia's invasion began"),
    and is no infinitive that carries the deal's items ("a contract to build frigates for the Peruvian navy", "a
    shipment of chassis to be assembled for the Polish army": an infinitive the parser calls a relative clause)
    nor a participle naming the goods that the parser hangs the rest on ("the sale of a launcher called HIMARS
    to Taiwan")?"""
    t, below = tok, None
    while t.head.i != t.i:
        infinitive = t.dep_ != "relcl" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        carries = t.lemma_.lower() in carriers and (infinitive and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
                                                    or t.dep_ == "relcl" and t.head.i in triggers)  # "a sale that will include"
        carries = carries or deal_terms.naming_participle(t, naming) or _maker_participle(t, below, carriers)
        if t.dep_ in _SUBORDINATE and t.pos_ in ("VERB", "AUX") and not carries and not any(x.i in triggers for x in t.subtree):
            return True
        t, below = t.head, t
    return False


def _maker_participle(t: Token, below: Token | None, carriers: frozenset[str]) -> bool:
    """Is ``t`` a participle telling who made the goods ("14 howitzers produced by KMW to Kyiv") that the parser
    hangs the goods' destination on, ``below`` that destination's "to"? The destination is the deal's."""
    return t.dep_ == "acl" and t.tag_ == "VBN" and t.lemma_.lower() in carriers and below is not None \
        and below.dep_ == "prep" and below.lower_ in ("to", "into") and any(c.dep_ == "agent" for c in t.children)


def _names(view: SentenceView, system: SystemMention, noun: Token, party: Party, kinds: frozenset[str] | None) -> bool:
    """Is ``noun`` the system's name, or the noun a named system modifies where that noun is the system: its
    kind after a possessor or an adjective ("China's J-10C fighter jets", "the U.S.-made F-15EX jets"), any
    noun after a company ("nine Embraer C-390
    Millennium aircraft")? Not "sent to Ukraine 20 HIMARS systems" (a country the parser hangs on the noun),
    nor "Australia's frigate programme", "in Australia's howitzer competition" (a kind modifying a programme).
    ``kinds``: the kind nouns (Rules.kind_nouns) where the party is a possessor or an adjective, else None."""
    span = view.token_range(system)
    if noun.i in span:
        return True
    if system.generic or not (party.company or kinds is not None and noun.lemma_.lower() in kinds):
        return False
    # (or on the party's word itself, as the parser may hang "the U.S.-made F-15EX jets"; a name read as a number,
    # "Denmark's F-16 fighter jets", hangs as one)
    return any(_modifies(view.doc[i], noun) or party.token is not None and view.doc[i].head.i == party.token.i for i in span)


def _modifies(tok: Token, noun: Token) -> bool:
    """Does ``tok`` modify ``noun``, at once or through the nouns between ("Denmark's F-16 fighter jets": the
    F-16 hangs on "fighter", which hangs on "jets"; a designation the parser takes for a number, "F-16 jets")?"""
    for _ in range(4):
        if tok.dep_ not in ("compound", "nmod", "amod", "nummod") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i == noun.i:
            return True
        if tok.pos_ != "NOUN":
            return False  # through a kind noun only, not another name ("the US's Lockheed Martin F-16, ...")
    return False


def _does_the_gerund(tok: Token, view: SentenceView) -> bool:
    """Is the party whom a verb thanks or praises the doer of the deal told in its "for" gerund, which has no
    subject of its own ("thanked Romania for providing Ukraine with a Patriot system", "gratitude to Bucharest
    for sending ...")?"""
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "to" else tok.head if tok.dep_ == "dobj" else None
    if verb is None or verb.pos_ != "VERB":
        return False
    suppliers = {t.i for t, r in view.deal_triggers if r.attrs.get("subject") == "supplier" and t.tag_ == "VBG"}
    return any(c.dep_ == "prep" and c.lower_ == "for" and any(g.i in suppliers and not any(x.dep_ in ("nsubj", "nsubjpass") for x in g.children)
                                                               for g in c.children if g.dep_ == "pcomp")
               for c in verb.children)


def _armed_force(view: SentenceView, party: Party) -> bool:
    """Is the party a government or military body ("the Philippine Navy", "Poland's defence ministry"), which
    has and uses systems, not makes them?"""
    return any(o.start <= party.start < o.end and o.kind in ("military", "government") for o in view.orgs)


def _owns_what_moves(noun: Token, party: Party, system: SystemMention) -> bool:
    """Is the party a country, not the system's maker, whose goods are the clause's subject ("Norway's new K9s
    arrived") or what the sale serves ("parts for Qatar's Patriots")? It has them: it bought them. (As an
    object, "to buy 24 of Denmark's F-16 jets", it sells.)"""
    return not party.company and system.origin is not None and not system.made_by(party.code) \
        and (noun.dep_ in ("nsubj", "nsubjpass") or _served(noun))


def _served(noun: Token) -> bool:
    """Are the goods named as what a sale serves ("spare parts for Qatar's Patriot systems", "support for
    the kingdom's F-15s")? The country that has them buys the parts or the support."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.pos_ == "NOUN"


def assign_role(party: Party, view: SentenceView, rules: Rules, systems: list[SystemMention]) -> None:
    """Set ``party.role`` (and ``of_system``) from where the party stands in the parse."""
    t = party.token
    if t is None:
        return
    if _in_side_clause(t, {x.i for x, _ in view.deal_triggers}, rules.word_class("carrier"), rules.word_class("naming")):
        _plays(party, "scenery", "deals.roles.side-clause")
        return
    for _ in range(6):
        if t.dep_ == "poss" or (t.dep_ in ("amod", "compound", "nmod") and t.head.pos_ in ("NOUN", "PROPN")):
            head = t.head
            kinds = rules.kind_nouns() if t.dep_ in ("poss", "amod") else None
            owned = next((s for s in systems if _names(view, s, head, party, kinds)), None)
            if owned is not None and (_armed_force(view, party) or _owns_what_moves(head, party, owned)):
                _plays(party, "buyer", "deals.roles.force-that-has")  # "the Philippine Navy's two frigates": not their maker
                return
            if owned is not None:
                _plays(party, "supplier", "deals.roles.maker-of")
                party.of_system = owned.system
                return
            rule = rules.roles.get("poss:" + head.lemma_.lower())
            if rule is not None:
                sends = _force_that_sends(head, view)
                _plays(party, sends or rule.role, "deals.roles.force-that-sends" if sends else str(rule.where))
                return
            t = head
            continue
        if t.dep_ in ("appos", "conj") and t.head.i != t.i:
            t = t.head
            continue
        break
    if t.dep_ in ("dobj", "pobj") and _does_the_gerund(t, view):
        _plays(party, "supplier", "deals.roles.thanked-for")  # "thanked Romania for providing ...", "... for sending ..."
        return
    if t.dep_ == "pobj":
        prep = t.head
        noun = _priced_thing(view, prep.head)
        after = noun.lemma_.lower() if noun.pos_ in ("NOUN", "PROPN") else ""  # "an order from Poland", not "ordered from"
        rule = rules.roles.get(f"prep:{prep.lower_}:{after}") or rules.roles.get("prep:" + prep.lower_)
        awarded = prep.lower_ == "to" and any(tok.i == prep.head.i and r.lemma == "award" for tok, r in view.deal_triggers)
        if any(c.start <= prep.head.i < c.end for c in view.effects("attribution")):
            _plays(party, "scenery", "deals.roles.teller")  # "according to US officials": who tells of the deal, not a side
        elif awarded:
            _plays(party, "supplier", "deals.roles.awardee")  # "a contract awarded to the Polish company"
        elif rule is not None:
            _plays(party, rule.role, str(rule.where))
        elif prep.lower_ in rules.word_class("locative"):
            _plays(party, "location", "deals.roles.place")
        elif prep.lower_ in rules.word_class("scenery"):  # "since Russia's invasion": scenery, not a party
            _plays(party, "scenery", "deals.roles.scenery")
        return
    if t.dep_ in ("nsubj", "csubj"):
        if _tells(t, view):
            _plays(party, "scenery", "deals.roles.teller")  # "..., said the US agency": who tells of the deal, not a side of it
            return
        role, why = trigger_subject(t.head, view)
        _plays(party, role or ("either" if t.head.lemma_ == "be" else None), why)
        return
    trigger = next((r for tok, r in view.deal_triggers if tok.i == t.head.i), None)
    if t.dep_ == "nsubjpass":
        if trigger is not None and trigger.lemma == "award":
            _plays(party, "supplier", f"{trigger.id} (passive)")
        elif trigger is not None and trigger.attrs.get("subject") == "supplier" and trigger.lemma in ("supply", "sell", "deliver"):
            _plays(party, "buyer", f"{trigger.id} (passive)")  # "Qatar was supplied by BAE"
        return
    if t.dep_ == "dative":
        _plays(party, "supplier" if trigger is not None and trigger.lemma == "award" else "buyer",
               f"{trigger.id} (dative)" if trigger is not None else "deals.roles.dative")
        return
    if t.dep_ == "dobj" and trigger is not None:
        if trigger.lemma == "award":
            _plays(party, "supplier", f"{trigger.id} (object)")
        elif trigger.attrs.get("subject") == "supplier" and trigger.lemma in ("sell", "supply", "offer", "send", "provide"):
            _plays(party, "buyer", f"{trigger.id} (object)")  # "Germany will send Ukraine four IRIS-T"



def _force_that_sends(head: Token, view: SentenceView) -> str | None:
    """"supplier" where the noun a country owns ("the Polish army", "the Dutch navy"; no deal noun: "Poland's
    purchase sent shockwaves") is the subject of a verb whose subject supplies ("The Polish army sent 14 tanks
    to Ukraine"): the force gives the goods, whatever it owns elsewhere; None otherwise."""
    if head.dep_ != "nsubj" or any(t.i == head.i for t, _ in view.deal_triggers):
        return None
    return "supplier" if trigger_subject(head.head, view)[0] == "supplier" else None


def _tells(subject: Token, view: SentenceView) -> bool:
    """Is the subject that of a verb of telling (rules/cues.yaml: attribution) told after it ("..., said the US
    agency") or whose clause holds no deal word ("the sale was notified, the agency said")? "Berlin announced an
    aid package", "Poland said it would buy ..." keep their subject a side."""
    verb = subject.head
    if not any(c.start <= verb.i < c.end for c in view.effects("attribution")):
        return False
    return subject.i > verb.i or not any(tok.i in {x.i for x in verb.subtree} for tok, _ in view.deal_triggers)


def _priced_thing(view: SentenceView, tok: Token) -> Token:
    """What a preposition's head stands for: the noun a price phrase describes ("a contract worth $300 million
    from Poland", "an order valued at 500 million euros from Hungary": the contract's, the order's "from"), or
    the object of a verb that wins or takes one ("has won a contract ... from Malaysia"); else the head itself."""
    money = {i for m in view.money for i in view.token_range(m)}
    for _ in range(5):
        phrase = tok.i in money or tok.dep_ in ("amod", "acl", "prep") and (tok.pos_ in ("ADJ", "ADP") or tok.tag_ == "VBN")
        if not phrase or tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.pos_ == "VERB":
        return next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), tok)
    return tok
