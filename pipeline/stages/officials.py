"""Officials: named persons with the title, organisation and country the text gives them.

A person counts as an official when a title from rules/titles.yaml stands before the name
("Polish President Andrzej Duda"), in an apposition after it ("Won Jong-dae, director of
... at South Korea's Defense Ministry"), before it with a comma ("the defense minister,
Shin Won-sik,") or after a copula ("X is a research fellow at"). A later bare mention
("Harry", "President Yoon") is resolved to the full name seen elsewhere in the document.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from pipeline.lexicon import Lexicon
from pipeline.records import CountryMention, Official, OrgMention
from pipeline.stages.official_offices import introduce_by_lead, introduce_by_offices
from pipeline.stages.official_titles import left_title, org_from, title_text
from pipeline.stages.official_names import (Context, Person, clean_name, find_persons, hyphened_given_name, known_surnames,
                                            name_like, name_word)


def _apposition(ctx: Context, p: Person, sent_end: int) -> bool:
    """``NAME (right), director of ... at Org,`` -> title, organisation, country."""
    doc = ctx.doc
    i = p.end
    if i < sent_end and doc[i].text == "(":
        close = next((k for k in range(i, min(i + 12, sent_end)) if doc[k].text == ")"), None)
        if close is None:
            return False
        inner = list(doc[i + 1:close])
        where = ctx.head_in([t for t in inner if t.i not in ctx.country_at and t.i not in ctx.org_at])
        if where is not None and ctx.is_title_word(inner[0]):
            # "Tomas Ekberg (Defence Minister of Sweden)": the parenthesis is the title
            p.title = title_text([t for t in inner if t.i not in ctx.country_at and t.i not in ctx.org_at], ctx)
            p.organization, p.country = org_from(ctx, inner)
            p.rule = where
            return True
        i = close + 1
    copula = False
    if i < sent_end and doc[i].text == ",":
        i += 1
        if i < sent_end and doc[i].lower_ in ctx.apposition_end:
            return False  # "X, and the Federal Chancellor ...": the next item of a list, not X's title
    elif i < sent_end and doc[i].lower_ in ctx.copulas:
        i += 1
        copula = True
        if i < sent_end and doc[i].lower_ in ("as", "been"):
            i += 1
    else:
        return False
    while i < sent_end and doc[i].lower_ in ctx.determiners:
        i += 1
    phrase: list[Token] = []
    k = i
    while k < sent_end and len(phrase) < 25:
        t = doc[k]
        if t.lower_ in ctx.apposition_end and phrase and not (t.lower_ == "and" and k + 1 < sent_end and ctx.is_title_word(doc[k + 1])):
            break
        if t.lower_ in ("said", "says", "told", "who") or t.text in (".", "!", "?", ";") or (t.is_space and "\n\n" in t.text):
            break  # a title never runs on past its sentence or paragraph, even where the parse joined two
        phrase.append(t)
        k += 1
    if not phrase:
        return False
    head_zone = phrase[:8]
    cut = next((n for n, t in enumerate(head_zone) if t.lower_ in ("at", "under", "in", "for") and n > 0), len(head_zone))
    core = [t for t in head_zone[:cut] if t.i not in ctx.country_at and t.i not in ctx.org_at]
    where = ctx.head_in(core)
    if where is None:
        return False
    if copula and not any(ctx.is_title_word(t) for t in phrase[:3]):
        return False
    title_toks = phrase[: next((n for n, t in enumerate(phrase) if t.lower_ in ("at", "under", "in", "who")), len(phrase))]
    head_toks = title_toks[:next((n for n, t in enumerate(title_toks) if t.lower_ in ctx.title_links), len(title_toks))]
    if any(t.ent_type_ == "PERSON" and not ctx.is_title_word(t) for t in head_toks):
        return False  # "Nordic Ammo, Chief Executive Jens Olsen said": the title is the next name's ("an aide of X" is not)
    title = " ".join(t.text for t in title_toks if t.i not in ctx.country_at and t.text not in ("'s", "’s"))
    title = re.sub(r"\s+-\s+", "-", title).strip(" .,;:\n")  # "Ambassador to [Korea].\n": the line's end too
    title = re.sub(r"(\s+(?:of|for|to|the|and))+\s*[.,;:]*$", "", title)  # "Prime Minister of [Mozambique]."
    org, country = org_from(ctx, phrase)
    p.title, p.organization, p.country, p.rule = title or None, org, country, where
    return True


def _sentence_bounds(doc: Doc, lexicon: Lexicon) -> tuple[list[int], list[int]]:
    """The sentences of ``doc``; one the model ended at an honorific's or a rank's dot ("Secretary Hon." +
    "Aden Duale hosted ...", "Lt." + "Omar Said") goes on into the next, whose name the title is."""
    dotted = lexicon.honorifics | {t for t in lexicon.title_heads if t.endswith(".")}
    starts: list[int] = []
    ends: list[int] = []
    for s in doc.sents:
        if ends and any(doc[max(0, s.start - n):s.start].text.lower() in dotted for n in (1, 2, 3)) \
                and doc[s.start - 1].text.endswith(".") and name_word(s[0]):
            ends[-1] = s.end
            continue
        starts.append(s.start)
        ends.append(s.end)
    return starts, ends


def extract_officials(doc: Doc, *, lexicon: Lexicon, countries: list[CountryMention], orgs: list[OrgMention],
                      blocked_chars: list[tuple[int, int]] = ()) -> list[Official]:
    """Every mention of a named official; ``blocked_chars`` are spans that are not names (systems)."""
    ctx = Context(doc, lexicon, countries, orgs)
    blocked = set()
    for s, e in blocked_chars:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            blocked.update(range(span.start, span.end))
    starts, ends = _sentence_bounds(doc, lexicon)

    def bounds(i: int) -> tuple[int, int]:
        k = bisect.bisect_right(starts, i) - 1
        return (starts[k], ends[k]) if k >= 0 else (0, len(doc))

    persons = find_persons(doc, ctx, blocked)
    persons = sorted(persons + _named_before_office(ctx, persons, blocked, bounds), key=lambda p: p.start)
    for p in persons:
        s0, s1 = bounds(p.start)
        lstart = ctx.before_honorifics(p.start, s0)  # "Raksha Mantri Shri Rajnath Singh"
        left = left_title(ctx, lstart, s0)
        if left:
            toks, where = left
            p.title = title_text([t for t in toks if t.i not in ctx.country_at and t.i not in ctx.org_at], ctx)
            p.organization, p.country = org_from(ctx, toks)
            p.rule = where
            _office_after_rank(ctx, p, s1)
            _country_after(ctx, p, s1)
            _delegation_country(ctx, p, toks[0].i if toks else p.start, s0)
            continue
        # "The Prime Minister, X, met the President ...": a title that ends at the comma before the name is the
        # name's, before any phrase after it
        before = ctx.before_honorifics(p.start, s0)
        if before >= 2 and doc[before - 1].text == ",":
            left = left_title(ctx, before - 1, s0)
            if left:
                toks, where = left
                p.title = title_text([t for t in toks if t.i not in ctx.country_at and t.i not in ctx.org_at], ctx)
                p.organization, p.country = org_from(ctx, toks)
                p.rule = where
                continue
        if _apposition(ctx, p, s1):
            continue
        _country_possessive(ctx, p)
        _leader_of_body(ctx, p)
    _share_plural_titles(ctx, persons)
    introduce_by_offices(ctx, persons, starts, ends)
    introduce_by_lead(ctx, persons, starts, ends)
    persons += known_surnames(doc, persons, blocked)
    return _resolve(doc, sorted(persons, key=lambda p: p.start))


def _named_before_office(ctx: Context, persons: list[Person], blocked: set[int], bounds) -> list[Person]:
    """"and Marek Kowal, Poland's defence minister, signed": two to four capitalised words the model took for a
    place or a body, before a comma and a short office of a country, name a person (the office is read later);
    so do such words that open a sentence or an item of a list before a capitalised office ("..., including Ana
    Velde, Director General of NDMA; ...")."""
    doc = ctx.doc
    taken = blocked | {i for p in persons for i in range(p.start, p.end)}
    out = []
    for comma in (t.i for t in doc if t.text == ","):
        start, words = comma, 0
        while start > 0 and words < 4:
            given = hyphened_given_name(doc, ctx, start, taken) if words else start  # "Jae-won" + "Park"
            if given < start and _untagged_name_word(ctx, doc[given], taken):
                start = given
            elif _untagged_name_word(ctx, doc[start - 1], taken):
                start -= 1
            else:
                break
            words += 1
        if words < 2 or (start > 0 and (name_like(doc[start - 1]) or doc[start - 1].text in ("'s", "’s", "-"))):
            continue
        if any(doc[i].is_sent_start for i in range(start + 1, comma)):
            continue
        listed = start == 0 or doc[start].is_sent_start or doc[start - 1].is_punct or doc[start - 1].is_stop \
            or doc[start - 1].lower_ in ctx.lexicon.rules.word_class("list_lead")
        if not _short_office(ctx, comma + 1, bounds(comma)[1]) and not (listed and _titled_office(ctx, comma + 1)):
            continue
        p = Person(start, comma, clean_name(doc[start:comma].text))
        if _apposition(ctx, Person(start, comma, p.name), bounds(comma)[1]):
            out.append(p)
    return out


def _untagged_name_word(ctx: Context, t: Token, taken: set[int]) -> bool:
    return (name_word(t) and not t.is_stop and t.ent_type_ in ("", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART")
            and t.i not in taken
            and t.i not in ctx.country_at and t.i not in ctx.org_at and not ctx.is_title_word(t))


def _short_office(ctx: Context, i: int, sent_end: int) -> bool:
    """From token ``i``: "[the] [Poland's] defence minister" up to a comma or "and", with a country and a title head."""
    doc = ctx.doc
    end = next((k for k in range(i, min(i + 9, sent_end)) if doc[k].text == "," or doc[k].lower_ == "and"), None)
    if end is None:
        return False
    phrase = list(doc[i:end])
    fits = all(ctx.is_title_word(t) or t.i in ctx.country_at or t.i in ctx.org_at or t.lower_ in ctx.determiners
               or t.lower_ in ctx.title_links for t in phrase)
    return fits and any(t.i in ctx.country_at for t in phrase) and ctx.head_in(
        [t for t in phrase if t.i not in ctx.country_at and t.i not in ctx.org_at]) is not None


def _titled_office(ctx: Context, i: int) -> bool:
    """From token ``i``: a capitalised office that a preposition or a stop ends ("Director General of NDMA,",
    "Chief of Staff to the President", "Chargé d’Affaires of the Embassy"), never one a name follows ("Chief
    Executive Jens Olsen": the capitalised words before the comma are a body's, that person's employer)."""
    doc = ctx.doc
    k = i
    while k < len(doc) and k - i < 6 and ctx.is_title_word(doc[k]) and doc[k].lower_ not in ("of", "for") \
            and (doc[k].is_title or doc[k].is_upper or k > i):
        k += 1
    if k == i or k >= len(doc) or doc[k].lower_ not in ("of", "to", "for", "at", "in", ",", ";", "and") \
            or not doc[i].text[:1].isupper():
        return False
    return ctx.head_in(list(doc[i:k])) is not None


def _office_after_rank(ctx: Context, p: Person, sent_end: int) -> None:
    """"Gen. Omar Haddad, the Jordanian army chief,": a rank before the name says no country or body; the
    office told after the comma does, and is the official's."""
    if p.country or p.organization or not p.title or p.title.lower() not in ctx.ranks:
        return
    office = Person(p.start, p.end, p.name)
    if _apposition(ctx, office, sent_end) and (office.country or office.organization):
        p.title, p.organization, p.country, p.rule = office.title, office.organization, office.country, office.rule


def _country_after(ctx: Context, p: Person, sent_end: int) -> None:
    """"Minister Tomas Berg of Sweden", "Rear Adm Piotr Lis of Poland", "Air Commodore James Cole of the Royal
    Australian Air Force": "of" and a country or body right after the name say whose official it is."""
    doc, k = ctx.doc, p.end
    if p.country or k + 1 >= sent_end or doc[k].lower_ != "of":
        return
    k += 2 if doc[k + 1].lower_ == "the" and k + 2 < sent_end else 1
    if k in ctx.country_at or k in ctx.org_at:
        p.organization, p.country = org_from(ctx, list(doc[k:min(k + 6, sent_end)]))


def _delegation_country(ctx: Context, p: Person, title_start: int, sent_start: int) -> None:
    """"A Polish delegation led by Deputy Minister X", "the Indonesian military delegation, headed by Y": the leader
    of one country's delegation, titled with no country of his own, is that country's official."""
    doc, k = ctx.doc, title_start
    words = ctx.lexicon.rules.word_class
    if p.country or k - 3 < sent_start or doc[k - 1].lower_ != "by" or doc[k - 2].lower_ not in words("delegation_lead"):
        return
    noun = doc[k - 4] if doc[k - 3].text == "," and k - 4 >= sent_start else doc[k - 3]  # "the delegation, led by"
    country = ctx.country_at.get(noun.i - 1) or ctx.country_at.get(noun.i - 2)
    if noun.lower_ in words("delegation") and country is not None:
        p.country = country.code


def _share_plural_titles(ctx: Context, persons: list[Person]) -> None:
    """"Defence Ministers X and Y", "Presidents X, Y and Z": the names listed after a plural title share it."""
    doc = ctx.doc
    sharing: Person | None = None  # the first name of the list, right after the plural title
    for p, q in zip(persons, persons[1:]):
        at = ctx.before_honorifics(p.start, 0) - 1
        if at > 0 and doc[at].text == "," and p.rule:
            at -= 1  # "The two ministers, X and Y, met": the plural title in apposition to the list
        if p.rule and p.start > 0 and ctx.plural_head(doc[at]):
            sharing = p
        elif sharing is None or p.rule != sharing.rule:
            sharing = None
        between = [t.text for t in doc[p.end:q.start] if t.i not in ctx.country_at and t.i not in ctx.org_at]
        if between[:1] == ["of"]:
            between = between[2:] if between[1:2] == ["the"] else between[1:]  # "Ministers A of Sweden and B"
        if sharing is not None and not q.rule and between in (["and"], [","], [",", "and"]):
            q.title, q.organization, q.country, q.rule = sharing.title, sharing.organization, sharing.country, sharing.rule
            if doc[q.end:q.end + 1].text == "of":
                q.organization = q.country = None
                _country_after(ctx, q, len(doc))  # "... and B of Finland": B's own
        else:
            sharing = None


def _country_possessive(ctx: Context, p: Person) -> None:
    """"India's Narendra Modi", "Turkey's Hulusi Akar": a full name the text gives a country as its own, with no
    title, speaks for that country; news writes so of leaders and ministers."""
    doc = ctx.doc
    if p.fallback or len(p.words) < 2 or p.start < 2 or doc[p.start - 1].text not in ("'s", "’s"):
        return
    country = ctx.country_at.get(p.start - 2)
    if country is not None:
        p.country, p.rule = country.code, "officials.country_possessive"


def _leader_of_body(ctx: Context, p: Person) -> None:
    """"the Yoon Suk Yeol administration", "the Kaja Lindqvist government": a full name that names a government
    (rules/words.yaml's ``leader_body`` class) is its head's."""
    doc = ctx.doc
    if p.rule or p.fallback or len(p.words) < 2 or p.start < 1 or p.end >= len(doc) or doc[p.start - 1].lower_ != "the":
        return
    if doc[p.end].lower_ in ctx.lexicon.rules.word_class("leader_body"):
        p.rule = "officials.leader_body"


def _resolve(doc: Doc, persons: list[Person]) -> list[Official]:
    """Bare or partial mentions take the full name (and office) of the official they name."""
    full = [p for p in persons if p.rule and len(p.words) >= 2]
    out = []
    for p in persons:
        target = None
        if len(p.words) == 1 or not p.rule:
            target = _best_match(p, full)
        else:
            longer = [f for f in full if len(f.words) > len(p.words) and f.words[:len(p.words)] == p.words]
            target = longer[0] if longer else None
        if target is not None and target is not p:
            name, title = target.name, p.title or target.title
            org, country = p.organization or target.organization, p.country or target.country
            rule = p.rule or "officials.coreference"
        elif p.rule and not (p.fallback and len(p.words) == 1):
            name, title, org, country, rule = p.name, p.title, p.organization, p.country, p.rule
        else:
            continue  # no office, or a lone capitalised word after a title that names nobody known
        span: Span = doc[p.start:p.end]
        out.append(Official(span.start_char, span.end_char, span.text, name, title, org, country, rule))
    return out


def _best_match(p: Person, full: list[Person]) -> Person | None:
    words = {w.lower() for w in p.words}
    cands = []
    for f in full:
        fw = [w.lower() for w in f.words]
        parts = set(fw) | {x for w in fw for x in w.split("-")}
        if words <= parts and (fw[0] in words or fw[-1] in words or len(words) > 1):
            cands.append(f)
    if not cands:
        return None
    before = [f for f in cands if f.start <= p.start]
    return (before[-1] if before else cands[0])
