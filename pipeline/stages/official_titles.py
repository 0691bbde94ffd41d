"""Titles that stand before a name: the title phrase read leftwards from the name ("former UK Prime Minister",
"Minister for International Development Cooperation and Foreign Trade", "the minister responsible for the arms
industry"), its text, and the body and country it names."""

from __future__ import annotations

import re

from spacy.tokens import Token

from pipeline.stages.official_names import Context, name_like


def title_text(toks: list[Token], ctx: Context) -> str | None:
    words = [t.text for t in toks if ctx.is_title_word(t) or name_like(t) or t.lower_ in ("-", "of", "and")
             or (t.is_lower and t.is_alpha and not t.is_stop)]  # "the minister responsible for the arms industry"
    text = " ".join(words).replace(" - ", "-").strip(" -")
    text = re.sub(r"^((of|and)\s+)+|(\s+(of|and))+$", "", text)  # "Deputy Prime Minister and Minister of Defence"
    return text or None


def left_title(ctx: Context, end: int, sent_start: int) -> tuple[list[Token], str] | None:
    """A title phrase ending at token ``end`` (exclusive): "former UK Prime Minister", "Minister of Defence
    of the Republic of Croatia", "Director General (Acquisitions)"."""
    doc = ctx.doc
    toks: list[Token] = []
    j = end - 1
    while j >= max(sent_start, end - 16):
        t = doc[j]
        if t.text == ")":
            opening = next((k for k in range(j - 1, max(sent_start, j - 5) - 1, -1) if doc[k].text == "("), None)
            if opening is None:
                break
            j = opening - 1  # "Director General (Acquisitions)": the parenthesis is left out of the title
            continue
        if t.lower_ == "of" and j > sent_start and _name_of_place(ctx, doc[j - 1]) and toks and toks[0].i in ctx.country_at:
            # "Minister A of Sweden and Minister B": what comes before the "and" is A's, not B's
            toks = toks[next((n + 1 for n, x in enumerate(toks) if x.lower_ == "and"), len(toks)):]
            break
        if ctx.is_title_word(t) or j in ctx.country_at or j in ctx.org_at or j in ctx.place_at or t.lower_ in ctx.title_links:
            toks.insert(0, t)
        elif name_like(t) and (ctx.org_head(t) or any(ctx.org_head(x) for x in toks)):
            toks.insert(0, t)
        elif name_like(t) and toks and ctx.org_head(toks[0]):
            toks.insert(0, t)
        elif (opening := _portfolio_start(ctx, j, sent_start)) is not None:
            toks[:0] = list(doc[opening:j + 1])  # "Minister for [International Development Cooperation]"
            j = opening - 1
            continue
        else:
            break
        j -= 1
    while toks and toks[0].lower_ in ctx.title_links:
        toks.pop(0)
    if not toks:
        return None
    where = ctx.head_in([t for t in toks if t.i not in ctx.country_at and t.i not in ctx.org_at and t.i not in ctx.place_at])
    return (toks, where) if where else None


def _portfolio_start(ctx: Context, j: int, sent_start: int) -> int | None:
    """Where the portfolio that ends at token ``j`` opens, if a title's head stands before it: "Minister for
    International Development Cooperation and Foreign Trade", "President of Congress", "the minister responsible
    for the arms industry". Capitalised words and links make the portfolio; lower-case nouns only after an opener
    of two words or more (rules/words.yaml's ``portfolio`` class), and never a verb that ends a clause ("said")."""
    doc = ctx.doc
    openers = ctx.lexicon.rules.word_class("portfolio")
    lower_seen = False
    for m in range(min(j + 2, len(doc) - 1), max(sent_start, j - 9), -1):
        for n in (3, 2, 1):
            k = m - n + 1  # an opener doc[k..m] before the portfolio, or one the word at j is inside ("in charge of")
            if k - 1 < sent_start or k > j or doc[k:m + 1].text.lower() not in openers or (lower_seen and n == 1):
                continue
            if (m < j or n > 1) and ctx.is_title_word(doc[k - 1]) and not doc[k - 1].like_num:
                return k
        if m > j:
            continue
        t = doc[m]
        if t.ent_type_ == "PERSON":
            return None  # a name before: the title is that person's, not this one's
        if name_like(t) or ctx.is_title_word(t) or t.lower_ in ("and", "&", "the") or m in ctx.country_at:
            continue
        if t.is_lower and t.is_alpha and not t.is_stop and t.lower_ not in ctx.apposition_end and t.lower_ not in ctx.copulas:
            lower_seen = True  # (the model here tags no parts of speech)
            continue
        return None
    return None


def _name_of_place(ctx: Context, t: Token) -> bool:
    """Is ``t`` the last word of a person's name before "of <country>" ("Berg" in "Tomas Berg of Sweden")?"""
    return (name_like(t) and not ctx.is_title_word(t) and t.i not in ctx.country_at and t.i not in ctx.org_at
            and t.i not in ctx.place_at and not ctx.org_head(t))


def org_from(ctx: Context, toks: list[Token]) -> tuple[str | None, str | None]:
    """Organisation and country named among ``toks`` ("at South Korea's Defense Ministry")."""
    org = ctx.resolve_org(toks)
    country = ctx.country_in(toks)
    name = org.name if org else None
    if org is None:
        caps = []
        for t in toks:
            if name_like(t) and t.i not in ctx.country_at and not (t.i == toks[0].i and ctx.is_title_word(t)):
                caps.append(t)
            elif caps and ctx.org_head(caps[-1]):
                break
            elif caps and t.text not in ("of", "for", "and", "-"):
                caps = []
        if caps and ctx.org_head(caps[-1]):
            name = " ".join(c.text for c in caps)
        for t in toks:
            if t.lower_ in ("ministry", "agency", "administration", "department") and t.i > 0 and ctx.doc[t.i - 1].lower_ == "the":
                prior = ctx.previous_org(t.idx, t.lower_)
                if prior:
                    name, country = prior.name, country or prior.country
                break
    if org and not country:
        country = org.country
    return name, country
