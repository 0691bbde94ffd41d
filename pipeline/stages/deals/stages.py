"""Which stage of a deal a clause tells where its grammar, not a cue word on the trigger, says so: a signing
that is the goal of work still going on ("agreed to speed up work toward concluding a contract"), and a later
sentence that tells only an earlier stage of a deal ("the plan was announced in January"), which does not date it."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.rules import Rules
from pipeline.stages.deals.status import status_of
from pipeline.stages.views import SentenceView, main_trigger


def signing_aimed_at(view: SentenceView, trigger: Token, tokens: set[int] | None, rules: Rules) -> bool:
    """Is the deal the goal of work under way ("work toward concluding a contract", "efforts towards signing
    a deal", "moving towards a deal for 12 jets"): a signing verb, or a deal noun a signing gives, that a goal
    preposition (rules/words.yaml class goal) takes, under the trigger, the trigger itself or above it ("a contract"
    in "toward concluding a contract")? The contract is being negotiated, whatever verb the clause opens with
    ("agreed to ...")."""
    goal, signing = rules.word_class("goal"), rules.trigger_class("signing")
    under = {t.i for t in trigger.subtree}
    for t, r in view.deal_triggers:
        if tokens is not None and t.i not in tokens or t.i not in under and trigger.i not in {x.i for x in t.subtree}:
            continue
        if t.dep_ not in ("pcomp", "pobj") or t.head.lower_ not in goal:
            continue
        if r.lemma in signing or t.pos_ == "NOUN" and r.attrs["status"] == "signed":
            return True
    return False



EARLY_STAGES = frozenset({"planned", "negotiating"})


def dates_the_stage(view: SentenceView, rules: Rules, status: str) -> bool:
    """May a sentence that goes on about a deal give that deal its date? Not where the stage its main trigger
    tells is one before the deal's ("The purchase plan and the start of negotiations were announced on January
    20", "The sale was approved in 2019" after a purchase told done): the plan's or the approval's day is not
    the signing's. A sentence that tells no stage, or the deal's own or a later one, may."""
    main = main_trigger(view.deal_triggers)
    if main is None or status in EARLY_STAGES:
        return True
    told = status_of(view, main[0], main[1], None, rules.trigger_class("signing"))
    return told not in EARLY_STAGES

