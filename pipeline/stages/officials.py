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
from dataclasses import dataclass

from spacy.attrs import IS_LOWER, LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from pipeline.lexicon import Lexicon
from pipeline.records import CountryMention, Official, OrgMention



@dataclass
class _Person:
    start: int  # token indices in the doc
    end: int
    name: str
    title: str | None = None
    organization: str | None = None
    country: str | None = None
    rule: str | None = None
    fallback: bool = False  # found after a title, not by the model

    @property
    def words(self) -> list[str]:
        return [w for w in re.split(r"[\s]+", self.name) if w]


def _clean_name(text: str) -> str:
    text = re.sub(r"['’]s?$", "", text.strip())
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s*-\s*", "-", text)
    return text.strip(" ,.;:")


def _name_like(tok: Token) -> bool:
    return tok.is_title or (tok.is_upper and tok.is_alpha and len(tok) > 1 and tok.i > 0)


class _Context:
    """Look-ups over one document shared by the rules below."""

    def __init__(self, doc: Doc, lexicon: Lexicon, countries: list[CountryMention], orgs: list[OrgMention]):
        self.doc = doc
        self.lexicon = lexicon
        self.country_at = {}
        for c in countries:
            for t in doc.char_span(c.start, c.end, alignment_mode="expand") or ():
                self.country_at[t.i] = c
        self.org_at = {}
        for o in orgs:
            for t in doc.char_span(o.start, o.end, alignment_mode="expand") or ():
                self.org_at[t.i] = o
        self.orgs = orgs
        words = lexicon.rules.word_class
        self.determiners, self.copulas = words("determiner"), words("copula")
        self.adjective_titles, self.apposition_end = words("adjective_title"), words("apposition_end")
        self.org_heads = words("org_head")

    def org_head(self, tok: Token | str) -> bool:
        """Is this the last word of an organisation's name ("Office", "Ministry")?"""
        text = tok if isinstance(tok, str) else tok.text
        return text[:1].isupper() and text.lower() in self.org_heads

    def is_title_word(self, tok: Token) -> bool:
        return tok.lower_.rstrip(".") in self.lexicon.title_words or tok.lower_ in self.lexicon.title_words

    def head_in(self, toks: list[Token]) -> str | None:
        """The rule line of the longest title head found among ``toks``, if any."""
        if not toks:
            return None
        joined = " ".join(t.lower_ for t in toks).replace(" - ", "-")
        found = [m.group(0) for m in self.lexicon.title_rx.finditer(joined)]
        if not found:
            return None
        return str(self.lexicon.title_heads[max(found, key=len)])

    def resolve_org(self, toks: list[Token]) -> OrgMention | None:
        for t in toks:
            if t.i in self.org_at:
                return self.org_at[t.i]
        return None

    def country_in(self, toks: list[Token]) -> str | None:
        for t in toks:
            if t.i in self.country_at:
                return self.country_at[t.i].code
        return None

    def previous_org(self, char: int, word: str) -> OrgMention | None:
        """The last organisation before ``char`` whose name contains ``word`` ("the ministry")."""
        for o in reversed(self.orgs):
            if o.end <= char and word in o.name.lower():
                return o
        return None


def _title_text(toks: list[Token], ctx: _Context) -> str | None:
    words = [t.text for t in toks if ctx.is_title_word(t) or t.text in ("-", "of")]
    text = " ".join(words).replace(" - ", "-").strip(" -")
    text = re.sub(r"^(of\s+)+|(\s+of)+$", "", text)
    return text or None


def _country_next(ctx: _Context, i: int) -> bool:
    """Does a country start at token ``i``, after "the" or not ("to Romania", "from the United States")?"""
    if i < len(ctx.doc) and ctx.doc[i].lower_ == "the":
        i += 1
    return i in ctx.country_at


def _left_title(ctx: _Context, end: int, sent_start: int) -> tuple[list[Token], str] | None:
    """A title phrase ending at token ``end`` (exclusive): "former UK Prime Minister"."""
    doc = ctx.doc
    toks: list[Token] = []
    j = end - 1
    while j >= max(sent_start, end - 10):
        t = doc[j]
        if ctx.is_title_word(t) or j in ctx.country_at or j in ctx.org_at or t.text in ("-", "'s", "’s", "of", "and", "&", "for"):
            toks.insert(0, t)
        elif t.lower_ in ("to", "from", "the") and toks and _country_next(ctx, j + 1):
            toks.insert(0, t)  # "Ambassador to Romania Kathleen Kavalec", "his counterpart from the United States,"
        elif _name_like(t) and (ctx.org_head(t) or any(ctx.org_head(x) for x in toks)):
            toks.insert(0, t)
        elif _name_like(t) and toks and ctx.org_head(toks[0]):
            toks.insert(0, t)
        else:
            break
        j -= 1
    while toks and toks[0].text in ("-", "'s", "’s", "of", "and", "&", "for"):
        toks.pop(0)
    if not toks:
        return None
    where = ctx.head_in([t for t in toks if t.i not in ctx.country_at and t.i not in ctx.org_at])
    return (toks, where) if where else None


def _org_from(ctx: _Context, toks: list[Token]) -> tuple[str | None, str | None]:
    """Organisation and country named among ``toks`` ("at South Korea's Defense Ministry")."""
    org = ctx.resolve_org(toks)
    country = ctx.country_in(toks)
    name = org.name if org else None
    if org is None:
        caps = []
        for t in toks:
            if _name_like(t) and t.i not in ctx.country_at and not (t.i == toks[0].i and ctx.is_title_word(t)):
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


def _apposition(ctx: _Context, p: _Person, sent_end: int) -> bool:
    """``NAME (right), director of ... at Org,`` -> title, organisation, country."""
    doc = ctx.doc
    i = p.end
    if i < sent_end and doc[i].text == "(":
        close = next((k for k in range(i, min(i + 6, sent_end)) if doc[k].text == ")"), None)
        if close is None:
            return False
        i = close + 1
    copula = False
    if i < sent_end and doc[i].text == ",":
        i += 1
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
        if t.lower_ in ("said", "says", "told", "who"):
            break
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
    title = " ".join(t.text for t in title_toks if t.i not in ctx.country_at and t.text not in ("'s", "’s"))
    title = re.sub(r"\s+-\s+", "-", title).strip(" .,;:")
    org, country = _org_from(ctx, phrase)
    p.title, p.organization, p.country, p.rule = title or None, org, country, where
    return True


def _headline(doc: Doc, i: int) -> bool:
    """Is token ``i`` on a line set in title case (a headline), where capitals say nothing of names?"""
    start = i
    while start > 0 and "\n" not in doc[start - 1].whitespace_ and "\n" not in doc[start - 1].text:
        start -= 1
    end = i
    while end < len(doc) - 1 and "\n" not in doc[end].whitespace_ and "\n" not in doc[end + 1].text:
        end += 1
    words = [t for t in doc[start:end + 1] if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.is_title for t in words) >= 0.7 * len(words)


def _persons(doc: Doc, ctx: _Context, blocked: set[int]) -> list[_Person]:
    """PERSON entities (repaired), and names after a title that the model missed."""
    found: list[_Person] = []
    taken: set[int] = set()
    in_entity = {t.i for e in doc.ents for t in e}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(t.i in blocked for t in ent):
            continue
        start, end = ent.start, ent.end
        while start < end and (ctx.is_title_word(doc[start]) or doc[start].lower_ in ctx.lexicon.honorifics):
            start += 1
        # "Władysław" + "Kosiniak-Kamysz": a given name the model left out, after a title or a comma
        if (start == ent.start and start >= 2 and doc[start - 1].is_title and doc[start - 1].is_alpha
                and start - 1 not in in_entity and start - 1 not in blocked and start - 1 not in ctx.country_at
                and not ctx.is_title_word(doc[start - 1]) and (ctx.is_title_word(doc[start - 2]) or doc[start - 2].text == ",")):
            start -= 1
        # "Seok Jong" + "-gun", "Yoon Suk" + "Yeol": the model often stops a name early
        for _ in range(3):
            before = end
            while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
                    and doc[end + 1].is_alpha:
                end += 2
            if (end < len(doc) and doc[end].is_title and doc[end].is_alpha and end not in in_entity and end not in blocked
                    and end not in ctx.country_at and end not in ctx.org_at and not ctx.is_title_word(doc[end])
                    and not doc[end].is_sent_start and not _headline(doc, end) and doc[end - 1].whitespace_
                    and (end + 1 >= len(doc) or not doc[end + 1].is_title)):
                end += 1
            if end == before:
                break
        if start >= end:
            continue
        found.append(_Person(start, end, _clean_name(doc[start:end].text)))
        taken.update(range(start, end))
    for t in doc:
        if t.i in taken or t.i in blocked or not ctx.is_title_word(t) or t.i + 1 >= len(doc):
            continue
        if t.lower_ not in ctx.lexicon.title_heads or t.lower_ in ctx.adjective_titles or _headline(doc, t.i):
            continue
        k = t.i + 1
        # "Minister for Defence Pål Jonson", "Minister of National Defense Shin Won-sik": skip the rest of the title
        skipped = 0
        while k < len(doc) and skipped < 6 and (ctx.is_title_word(doc[k]) or doc[k].lower_ in ("of", "for", "and", "the", "-")
                                               or k in ctx.country_at or (doc[k].lower_ in ("to", "from") and _country_next(ctx, k + 1))):
            k += 1
            skipped += 1
        if k < len(doc) and doc[k].text == "," and k + 1 < len(doc) and doc[k + 1].is_title:
            k += 1  # "Norway's Minister of Defence, Tore O. Sandvik"
        while k < len(doc) and doc[k].lower_ in ctx.lexicon.honorifics:
            k += 1
        start, words = k, 0
        while k < len(doc) and k not in taken and k not in blocked and k not in ctx.country_at and k not in ctx.org_at:
            tok = doc[k]
            if _name_like(tok) and not ctx.is_title_word(tok) and not ctx.org_head(tok) and (
                    tok.is_alpha or re.fullmatch(r"[A-Z]\.", tok.text)):
                words += 1
                k += 1
            elif tok.text == "-" and words and not doc[k - 1].whitespace_ and k + 1 < len(doc) and doc[k + 1].is_alpha:
                k += 2
            else:
                break
            if words >= 4:
                break
        if words and (k >= len(doc) or (doc[k].text != "-" and doc[k].lower_ != "of")):
            found.append(_Person(start, k, _clean_name(doc[start:k].text), fallback=True))
            taken.update(range(start, k))
    return sorted(found, key=lambda p: p.start)


def _sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    starts, ends = [], []
    for s in doc.sents:
        starts.append(s.start)
        ends.append(s.end)
    return starts, ends


def extract_officials(doc: Doc, *, lexicon: Lexicon, countries: list[CountryMention], orgs: list[OrgMention],
                      blocked_chars: list[tuple[int, int]] = ()) -> list[Official]:
    """Every mention of a named official; ``blocked_chars`` are spans that are not names (systems)."""
    ctx = _Context(doc, lexicon, countries, orgs)
    blocked = set()
    for s, e in blocked_chars:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            blocked.update(range(span.start, span.end))
    starts, ends = _sentence_bounds(doc)

    def bounds(i: int) -> tuple[int, int]:
        k = bisect.bisect_right(starts, i) - 1
        return (starts[k], ends[k]) if k >= 0 else (0, len(doc))

    persons = _persons(doc, ctx, blocked)
    for p in persons:
        s0, s1 = bounds(p.start)
        lstart = p.start
        while lstart > s0 and doc[lstart - 1].lower_ in ctx.lexicon.honorifics:
            lstart -= 1  # "Raksha Mantri Shri Rajnath Singh"
        left = _left_title(ctx, lstart, s0)
        if left:
            toks, where = left
            p.title = _title_text([t for t in toks if t.i not in ctx.country_at and t.i not in ctx.org_at], ctx)
            p.organization, p.country = _org_from(ctx, toks)
            p.rule = where
            continue
        if _apposition(ctx, p, s1):
            continue
        before = p.start
        while before > s0 and doc[before - 1].lower_ in ctx.lexicon.honorifics:
            before -= 1
        if before >= 2 and doc[before - 1].text == ",":
            left = _left_title(ctx, before - 1, s0)
            if left:
                toks, where = left
                p.title = _title_text([t for t in toks if t.i not in ctx.country_at and t.i not in ctx.org_at], ctx)
                p.organization, p.country = _org_from(ctx, toks)
                p.rule = where
    persons += _known_surnames(doc, persons, blocked)
    return _resolve(doc, sorted(persons, key=lambda p: p.start))


def _known_surnames(doc: Doc, persons: list[_Person], blocked: set[int]) -> list[_Person]:
    """Bare mentions of officials named in full elsewhere ("Pistorius held talks ..."), where the model
    tagged them as something else or nothing; a word also written in lower case ("won") is no name."""
    names = {w for p in persons if p.rule and len(p.words) >= 2 for w in (p.words[-1], p.words[0]) if len(w) > 2 and w[0].isupper()}
    if not names:
        return []
    taken = {i for p in persons for i in range(p.start, p.end)}
    table = doc.to_array([ORTH, LOWER, IS_LOWER])  # (hashes: no Token is made for the words that are no names)
    lower_words = set(table[table[:, 2] == 1, 1].tolist())
    strings = doc.vocab.strings
    keys = {w for w in names if strings[w.lower()] not in lower_words}
    wanted = {strings[w] for w in keys}
    out = []
    for i in (i for i, orth in enumerate(table[:, 0].tolist()) if orth in wanted):
        if i in taken or i in blocked:
            continue
        t, nxt = doc[i], doc[i + 1] if i + 1 < len(doc) else None
        if nxt is not None and nxt.is_title and (nxt.is_alpha or t.is_sent_start):
            continue  # part of a longer name, or a sentence's first word before a capital
        if t.is_sent_start and nxt is None:
            continue
        out.append(_Person(i, i + 1, t.text))
        taken.add(i)
    return out


def _resolve(doc: Doc, persons: list[_Person]) -> list[Official]:
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


def _best_match(p: _Person, full: list[_Person]) -> _Person | None:
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
