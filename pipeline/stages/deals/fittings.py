"""Systems told by their use, not traded: platforms things are fitted to, payloads a platform carries.

"Norwegian missiles to be mounted on its F-35 jets": the jets are the platform of the missiles' story.
"Trucks that can carry six rockets or one ATACMS missile": the missile is what the truck carries. "The
radar will be integrated with the combat system supplied by Hanwha": what Hanwha supplied is the combat
system; the radar is fitted to it. None of these is the goods of the deal the clause tells
(rules/words.yaml: fitting, payload).
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.records import SystemMention
from pipeline.stages.views import SentenceView

_UP = ("conj", "appos", "compound", "nmod", "nummod", "amod", "pobj", "prep", "dobj", "nsubj", "nsubjpass")


def by_use(view: SentenceView, system: SystemMention, fitting: frozenset[str], payload: frozenset[str],
           triggers: set[int]) -> bool:
    """Is the system the platform of a fitting verb ("mounted on X"), the payload of a carrying verb ("can carry X",
    "carry a container with X"),
    or the subject fitted to what a trigger under the fitting verb's phrase tells ("X will be integrated with the
    system supplied by ...")? A system a trigger itself modifies ("HIMARS supplied by the US") is the goods."""
    tok = view.root(system)
    if tok is None or any(c.i in triggers for c in tok.children):
        return False
    for _ in range(8):
        head = tok.head
        if head.i == tok.i or tok.i in triggers or tok.dep_ not in _UP:
            return False
        lemma = head.lemma_.lower()
        if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in fitting | payload \
                and head.head.i not in triggers:
            return True  # "mounted on F-35 jets", "carry a container with six rockets"
        if tok.dep_ == "dobj" and lemma in payload and head.i not in triggers:
            return True
        if tok.dep_ in ("nsubj", "nsubjpass") and lemma in fitting and _tells_the_other(head, triggers):
            return True
        if tok.dep_ in ("dobj", "nsubj", "nsubjpass"):
            return False  # the system is an argument of another verb: its own story, read by the deal rules
        tok = head
    return False


def _tells_the_other(verb: Token, triggers: set[int]) -> bool:
    """Is there a trigger inside one of the fitting verb's prepositional phrases (what it is fitted to)?"""
    return any(t.i in triggers for c in verb.children if c.dep_ == "prep" for t in c.subtree)
