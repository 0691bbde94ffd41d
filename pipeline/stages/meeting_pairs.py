"""One official meeting several others in one sentence: one meeting per pair.

"A met separately with B, C and D" and "A was joined by B on Monday, and later held talks with C" tell of
several encounters, each of A with one of the others, not of one meeting of everyone. The officials a
sentence's meeting clauses take as their partners (everyone but the clauses' subjects) are grouped by the
clause that governs them; two clauses each with partners of their own, or one clause marked by a word of
class ``separately`` (rules/words.yaml: "separately", "in turn") or a plural meeting noun of class ``one_each``
("held meetings with B, C and D"), make one meeting per group, with the
subjects in each; with no subject, two clauses each with two people of their own ("signed by A and B after
talks between C and D") are two meetings, unless a trigger tells the sides ("sides" in
rules/meeting_triggers.yaml: "the Indian delegation was led by A, the Australian side by B" is one meeting).
A meeting noun in a phrase of its own with two people of its own ("A will meet B after the summit between C and D")
is their meeting alone, without the other clause's subject. A clause's own date and place go to its meeting; where
it has none, the sentence's, unless that place is another clause's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from pipeline.lexicon import Lexicon
from pipeline.records import Official
from pipeline.stages.views import SentenceView

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_CLAUSE_POS = ("VERB", "AUX")


@dataclass(frozen=True)
class PairGroup:
    """The partners of one encounter and the clause that tells of it (token indices of the sentence)."""

    partners: frozenset[str]  # lower-case names
    clause: frozenset[int]


def _climb(tok: Token) -> Token:
    """The head of the noun phrase a name sits in: "Minister Anna Lehto" -> "Lehto", a list item -> the first."""
    while tok.dep_ in ("compound", "appos", "conj", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _clause_of(tok: Token, triggers: frozenset[int] = frozenset()) -> Token:
    """The verb of the clause ``tok`` is in, or the meeting noun nearer to it ("talks between A and B", of
    ``triggers``); the sentence root where there is none."""
    for a in tok.ancestors:
        if a.pos_ in _CLAUSE_POS or a.i in triggers:
            return a
    return tok.sent.root


def _clause_tokens(verb: Token, others: list[Token]) -> frozenset[int]:
    """The clause's own tokens: its subtree less the subtrees of the other clause verbs inside it."""
    inner = {t.i for o in others if o.i != verb.i and verb in o.ancestors for t in o.subtree}
    return frozenset(t.i for t in verb.subtree if t.i not in inner)


def _is_subject(view: SentenceView, o: Official) -> bool:
    root = view.root(o)
    return root is not None and _climb(root).dep_ in _SUBJECTS


def _one_each(view: SentenceView, lexicon: Lexicon) -> bool:
    """Is a meeting told by a plural noun of class ``one_each`` ("held bilateral meetings with A, B and C")?"""
    each = lexicon.rules.word_class("one_each")
    return any(t.lower_ in each for t, _ in view.meeting_triggers)


def separately(view: SentenceView, lexicon: Lexicon) -> bool:
    """Does the sentence say its meetings were one after another ("separately", "in turn"), or tell them by a
    meeting noun in the plural of class ``one_each``?"""
    words = lexicon.rules.word_class("separately")
    text = " " + " ".join(t.lower_ for t in view.doc) + " "
    return any(f" {w} " in text for w in words) or _one_each(view, lexicon)


def _subjects_of(verb: Token, subjects: dict[str, Token]) -> frozenset[str]:
    """The subjects of a clause: its own, else those of the clause it is joined to ("A met B, and later C")."""
    for v in (verb, *verb.ancestors):
        own = frozenset(n for n, head in subjects.items() if head.i == v.i)
        if own:
            return own
    return frozenset(subjects)


def _own_sides(clause: int, names: list[str], triggers: frozenset[int]) -> bool:
    """Is the clause a meeting noun in a phrase of its own with two people or more of its own ("A will meet B as a
    follow-up to the summit between C and D")? Its people are its sides: the other clause's subject was not there."""
    return clause in triggers and len(names) >= 2


def pair_groups(view: SentenceView, named: list[Official], lexicon: Lexicon) -> list[PairGroup]:
    """The encounters a sentence tells of, where it tells of more than one; else []. Each group's
    ``partners`` are the names of everyone in that encounter, its clause's subjects included."""
    if any(r.attrs.get("sides") for _, r in view.meeting_triggers):
        return []  # "A's delegation was led by B, the other side by C": each clause one side of one meeting
    subjects: dict[str, Token] = {}
    partners: dict[str, Token] = {}
    # a meeting noun in a phrase of its own ("after talks between C and D"), not the object of a clause's verb
    triggers = frozenset(t.i for t, _ in view.meeting_triggers if t.pos_ == "NOUN" and t.dep_ == "pobj")
    for o in named:
        root = view.root(o)
        if root is None:
            return []
        head = _climb(root)
        if head.dep_ in _SUBJECTS:
            subjects.setdefault(o.name.lower(), head.head)
        else:
            partners.setdefault(o.name.lower(), _clause_of(head, triggers))
    for n in subjects:
        partners.pop(n, None)
    if len(partners) < 2:
        return []
    trigger_clauses = triggers | {(t if t.pos_ in _CLAUSE_POS else _clause_of(t)).i for t, _ in view.meeting_triggers}
    by_clause: dict[int, list[str]] = {}
    verbs: dict[int, Token] = {}
    for n, verb in partners.items():
        verbs[verb.i] = verb
        by_clause.setdefault(verb.i, []).append(n)
    if not subjects and len(by_clause) == 1 and _one_each(view, lexicon):
        # "He held meetings with A, B and C": one each, with the one the pronoun stands for (meetings.split_pairs)
        return [PairGroup(frozenset([n]), frozenset()) for n in partners]
    if not subjects:
        # "signed by A and B after talks between C and D": each clause an encounter of its own people
        if len(by_clause) >= 2 and all(i in trigger_clauses and len(ns) >= 2 for i, ns in by_clause.items()):
            return [PairGroup(frozenset(ns), _clause_tokens(verbs[i], list(verbs.values()))) for i, ns in by_clause.items()]
        return []
    if len(by_clause) >= 2 and all(i in trigger_clauses for i in by_clause):
        return [PairGroup(frozenset(ns) | (frozenset() if _own_sides(i, ns, triggers) else _subjects_of(verbs[i], subjects)),
                          _clause_tokens(verbs[i], list(verbs.values())))
                for i, ns in by_clause.items()]
    if len(by_clause) == 1 and separately(view, lexicon):
        return [PairGroup(frozenset([n]) | frozenset(subjects), frozenset()) for n in partners]
    return []
