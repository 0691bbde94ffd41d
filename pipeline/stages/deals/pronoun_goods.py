"""Goods a pronoun stands for: "The army showed the Russian Pantsir system at the parade. Serbia had already
acquired this in 2020." A deal verb whose object is a pronoun (rules/words.yaml class goods_pronoun), in a clause
naming no goods, buys or sells what the sentence before named, where no deal told so far has those goods (one
already told: "Poland ordered K2 tanks in 2022. It received them in 2023" goes on about that order)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from pipeline.records import SystemMention
from pipeline.ruletypes import LexicalRule
from pipeline.stages.deals.drafts import Context, DocFacts
from pipeline.stages.views import SentenceView

_PLURAL = ("them", "these", "those")


def pronoun_goods(view: SentenceView, trigger: Token, rule: LexicalRule, tokens: set[int] | None, doc: DocFacts,
                  ctx: Context | None) -> list[SystemMention]:
    """The named systems of the sentence before that the trigger's pronoun object stands for, each placed at the
    pronoun; none where the trigger is a noun, a signing or a talk (their "it" is a contract: "signed it"), or
    the pronoun has no goods to stand for."""
    if trigger.pos_ != "VERB" or rule.attrs.get("subject") not in ("buyer", "supplier"):
        return []
    pronoun = next((c for c in trigger.children if c.dep_ == "dobj" and c.lower_ in doc.rules.word_class("goods_pronoun")
                    and (tokens is None or c.i in tokens)), None)
    before = doc.previous(view.sentence)
    if pronoun is None or before is None or view.sentence.paragraph - before.paragraph > 1:
        return []
    told = {x for d in ctx.drafts for x in d.systems} if ctx is not None else set()
    named = [s for s in doc.referents if not s.generic and before.start <= s.start < before.end]
    if not named or any(s.system in told for s in named):
        return []
    chosen = named if pronoun.lower_ in _PLURAL else named[-1:]
    start = view.base + pronoun.idx
    return [replace(s, start=start, end=start + len(pronoun.text), text=pronoun.text) for s in {s.system: s for s in chosen}.values()]
