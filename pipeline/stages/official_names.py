"""Names of persons in a document, and the look-ups the officials stage shares: who is named, not what office.

A name is a PERSON entity the model found (repaired where it stops early or takes a title in), or
capitalised words right after a title the model missed ("Minister Anušić"); a bare surname is a name
where the same word ends or starts a full name with an office elsewhere in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import IS_LOWER, LOWER, ORTH
from spacy.tokens import Doc, Token

from pipeline.lexicon import Lexicon
from pipeline.records import CountryMention, OrgMention

@dataclass
class Person:
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


def clean_name(text: str) -> str:
    text = re.sub(r"['’]s?$", "", text.strip())
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s*-\s*", "-", text)
    return text.strip(" ,.;:")


def name_like(tok: Token) -> bool:
    return tok.is_title or (tok.is_upper and tok.is_alpha and len(tok) > 1 and tok.i > 0)


class Context:
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
        self.title_links, self.particles, self.suffixes = words("title_link"), words("name_particle"), words("name_suffix")
        # ranks and commands ("Gen.", "Lt Col"): a title that says no office of a country, which an apposition may add
        self.ranks = frozenset(t.text for t in lexicon.rules.titles.values() if t.head and t.kind == "military")
        self.styles = frozenset(t.text for t in lexicon.rules.titles.values() if t.role == "honorific" and t.kind == "style")
        # "the Federal Republic of Germany": words of a place's long name that the country list does not hold
        self.place_at = {t.i for e in doc.ents if e.label_ in ("GPE", "NORP") for t in e}

    def org_head(self, tok: Token | str) -> bool:
        """Is this the last word of an organisation's name ("Office", "Ministry")?"""
        text = tok if isinstance(tok, str) else tok.text
        return text[:1].isupper() and text.lower() in self.org_heads

    def after_honorifics(self, i: int) -> int:
        """The first token at or after ``i`` past any honorifics ("Tan Sri", "Dato' Seri", "Mr.")."""
        while i < len(self.doc):
            n = next((n for n in (3, 2, 1) if self.doc[i:i + n].text.lower() in self.lexicon.honorifics), 0)
            if not n:
                return i
            i += n
        return i

    def before_honorifics(self, i: int, low: int, *, styles: bool = False) -> int:
        """The first token of the honorifics (only the styles, with ``styles``) that end just before token ``i``,
        not before ``low``."""
        words = self.styles if styles else self.lexicon.honorifics
        while i > low:
            n = next((n for n in (3, 2, 1) if i - n >= low and self.doc[i - n:i].text.lower() in words), 0)
            if not n:
                return i
            i -= n
        return i

    def is_title_word(self, tok: Token) -> bool:
        words = self.lexicon.title_words
        return tok.lower_.rstrip(".") in words or tok.lower_ in words or self.plural_head(tok)

    def plural_head(self, tok: Token) -> bool:
        """A title head in the plural, that a list of names shares ("Defence Ministers X and Y")."""
        return len(tok) > 3 and tok.lower_.endswith("s") and tok.lower_[:-1] in self.lexicon.title_heads

    def head_in(self, toks: list[Token]) -> str | None:
        """The rule line of the longest title head found among ``toks``, if any."""
        if not toks:
            return None
        joined = " ".join(t.lower_[:-1] if self.plural_head(t) else t.lower_ for t in toks).replace(" - ", "-")
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


def headline(doc: Doc, i: int) -> bool:
    """Is token ``i`` on a line set in title case (a headline), where capitals say nothing of names?"""
    start = i
    while start > 0 and "\n" not in doc[start - 1].whitespace_ and "\n" not in doc[start - 1].text:
        start -= 1
    end = i
    while end < len(doc) - 1 and "\n" not in doc[end].whitespace_ and "\n" not in doc[end + 1].text:
        end += 1
    words = [t for t in doc[start:end + 1] if t.is_alpha and len(t) > 3]
    if len(words) > 12 and sum(t.is_lower for t in words) >= 3:
        return False  # a long line with words in lower case is a paragraph full of names and titles
    return len(words) >= 4 and sum(t.is_title for t in words) >= 0.7 * len(words)


def name_word(tok: Token) -> bool:
    """A capitalised word of a name, apostrophes allowed ("Kavalec", "M’tumuke", "O'Neill")."""
    return tok.is_title and tok.is_alpha or bool(re.fullmatch(r"[^\W\d_]['’][^\W\d_]{2,}", tok.text)) and tok.text[0].isupper()


def _particle_at(doc: Doc, ctx: Context, i: int) -> bool:
    """Is token ``i`` a particle inside a name, before its next capitalised part ("bin Salman", "al-Attiyah")?"""
    if i + 1 >= len(doc) or doc[i].lower_ not in ctx.particles or not doc[i].is_lower:
        return False
    nxt = doc[i + 1]
    return name_word(nxt) or (nxt.text == "-" and not doc[i].whitespace_ and i + 2 < len(doc) and name_word(doc[i + 2]))


def _extend_end(doc: Doc, ctx: Context, end: int, in_entity: set[int], blocked: set[int]) -> int:
    """The end of a name the model stopped early: "Seok Jong" + "-gun", "Yoon Suk" + "Yeol", "Carlos Agostinho"
    + "do Rosario", "Khalid bin Mohamed" + "al-Attiyah"."""
    for _ in range(5):
        before = end
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
                and doc[end + 1].is_alpha:
            end += 2
        if end < len(doc) and doc[end].lower_ in ctx.suffixes and doc[end - 1].whitespace_:
            return end + 1  # "Marvin Coulter" + "Jr."
        if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ctx.suffixes and doc[end + 1].text[:1].isupper():
            return end + 2  # "Gilberto C. Teodoro" + ", Jr."
        if end < len(doc) and end not in blocked and _particle_at(doc, ctx, end):
            end += 1
            if doc[end].text == "-":
                continue
            if end not in blocked and end not in ctx.country_at:
                end += 1  # after a particle a capitalised word is the name's, whatever the model made of it
            continue
        # one or two capitalised words the model left out ("José Enrique" + "Jerí Oré"), never the first word of
        # a longer capitalised run that goes on after them
        tail = 0
        while tail < 2 and _name_tail(doc, ctx, end + tail, in_entity, blocked):
            tail += 1
        if tail and (end + tail >= len(doc) or not doc[end + tail].is_title):
            end += tail
        if end == before:
            break
    return end


def hyphened_given_name(doc: Doc, ctx: Context, start: int, blocked: set[int]) -> int:
    """The start of a name whose hyphened given name the model left out before the surname ("Yong-chul" +
    "Lee", whatever the model made of "Yong"): a capitalised part, a hyphen and a lower-case part, glued, where no
    place the gazetteer knows ("Seoul-based") or body stands."""
    k = start - 3
    if (k < 0 or doc[start - 2].text != "-" or not doc[start - 1].is_lower or not doc[start - 1].is_alpha
            or doc[k].whitespace_ or doc[start - 2].whitespace_ or not doc[start - 1].whitespace_ or not name_word(doc[k])):
        return start
    if any(i in blocked or i in ctx.country_at or i in ctx.org_at for i in range(k, start)):  # "Seoul-based"
        return start
    return k


def _stray_entity(doc: Doc, ctx: Context, k: int) -> bool:
    """Is token ``k`` a one-word entity the model took for a body or a place, before a comma, that no gazetteer
    knows: a surname after a name's first part ("Hoon-sik" + "Kang", ...)?"""
    t = doc[k]
    return (t.ent_type_ in ("ORG", "GPE", "NORP") and t.ent_iob_ == "B" and (k + 1 >= len(doc) or doc[k + 1].ent_iob_ != "I")
            and k + 1 < len(doc) and doc[k + 1].text in (",", ";") and k not in ctx.place_at)


def _name_tail(doc: Doc, ctx: Context, k: int, in_entity: set[int], blocked: set[int]) -> bool:
    """Is token ``k`` a capitalised word that may go on a name the model stopped early?"""
    return (k < len(doc) and (name_word(doc[k]) or _capitals_name_word(doc, k)) and (k not in in_entity or _stray_entity(doc, ctx, k)) and k not in blocked
            and k not in ctx.country_at
            and k not in ctx.org_at and not ctx.is_title_word(doc[k]) and not doc[k].is_sent_start
            and not headline(doc, k) and bool(doc[k - 1].whitespace_))


def _capitals_name_word(doc: Doc, k: int) -> bool:
    """A word of a name in a text set in capitals ("MOHAMMED BADARU" + "ABUBAKAR"), after another such word."""
    t = doc[k]
    return t.is_upper and t.is_alpha and len(t) > 1 and not t.is_stop and doc[k - 1].is_upper and doc[k - 1].is_alpha


def _person_spans(doc: Doc, blocked: set[int]) -> list[tuple[int, int]]:
    """The model's PERSON entities, two that touch across one space joined ("María Fernanda" + "Espinosa Garcés",
    "Greta Monika" + "Tučkutė"): the model cuts long Spanish and Baltic names in two."""
    spans: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(t.i in blocked for t in ent):
            continue
        if spans and spans[-1][1] == ent.start and doc[ent.start - 1].whitespace_ == " " and doc[ent.start - 1].is_alpha:
            spans[-1] = (spans[-1][0], ent.end)
        else:
            spans.append((ent.start, ent.end))
    return spans


def _no_name(doc: Doc, ctx: Context, start: int, end: int) -> bool:
    """Words that look like a name after a title but name no person: initials alone ("J.K."), a handle
    ("@DefenceMin"), a ship named after someone ("the Admiral Kuznetsov aircraft carrier")."""
    text = doc[start:end].text
    if not any(name_word(t) or name_like(t) for t in doc[start:end]):
        return True  # "- in -" left of the model's "Flag Officer-in-" once its titles are taken off
    if re.fullmatch(r"(?:[A-Z](?:\.|[\s-]|$)[\s-]*)+|[A-Z]{2,3}", text) or "@" in text or (start > 0 and doc[start - 1].text in ("@", "#")):
        return True
    after = doc[end:end + 4].text if end < len(doc) else ""
    hit = next(iter(ctx.lexicon.categories.finditer(after)), None)
    return hit is not None and hit.start == 0 and hit.text[:1].islower()


def _past_org_name(doc: Doc, ctx: Context, k: int) -> int:
    """Past the name of a body inside a title ("Chief of Staff of the Armed Forces X"): from token ``k`` after
    "of the", up to three capitalised words ending in an organisation's head; after "for" or "of", a body or
    portfolio the model tags as one ("Minister for Trade and Industry Relations X"); else ``k``."""
    if k < len(doc) and k >= 1 and doc[k - 1].lower_ in ("for", "of") and doc[k].ent_iob_ == "B" and doc[k].ent_type_ == "ORG" \
            and name_like(doc[k]):
        end = next((n for n in range(k + 1, len(doc)) if doc[n].ent_iob_ != "I"), len(doc))
        # up to the portfolio's last word, not over a name the model took in ("... Foreign Trade" + "Ola Brekke")
        last = next((n for n in range(min(end, k + 8) - 1, k - 1, -1) if ctx.is_title_word(doc[n]) or ctx.org_head(doc[n])), None)
        return last + 1 if last is not None else k
    if k < 2 or doc[k - 1].lower_ != "the":
        return k
    for n in range(k, min(k + 3, len(doc))):
        if not name_like(doc[n]):
            return k
        if ctx.org_head(doc[n]):
            return n + 1
    return k


def find_persons(doc: Doc, ctx: Context, blocked: set[int]) -> list[Person]:
    """PERSON entities (repaired), and names after a title that the model missed."""
    found: list[Person] = []
    taken: set[int] = set()
    in_entity = {t.i for e in doc.ents for t in e}
    for ent_start, ent_end in _person_spans(doc, blocked):
        start, end = ent_start, ent_end
        while start < end and (ctx.is_title_word(doc[start]) or ctx.after_honorifics(start) > start):
            start = max(start + 1, ctx.after_honorifics(start))
        # "Władysław" + "Kosiniak-Kamysz": a given name the model left out, after a title, a comma or the country
        # that ends a title ("Secretary of National Defense of Philippines Gilberto" + "C. Teodoro")
        if (start == ent_start and start >= 2 and doc[start - 1].is_title and doc[start - 1].is_alpha
                and start - 1 not in in_entity and start - 1 not in blocked and start - 1 not in ctx.country_at
                and not ctx.is_title_word(doc[start - 1])
                and (ctx.is_title_word(doc[start - 2]) or doc[start - 2].text == "," or start - 2 in ctx.country_at)):
            start -= 1
        start = hyphened_given_name(doc, ctx, start, blocked)
        end = _extend_end(doc, ctx, end, in_entity, blocked)
        while end - 1 > start and doc[end - 1].is_stop and doc[end - 2].whitespace_ and doc[end - 1].is_lower:
            end -= 1  # "Maj Gen Piotr Lis of" + "Poland": the model's entity ran into the words after the name
        if start >= end or _no_name(doc, ctx, start, end):
            continue
        start = ctx.before_honorifics(start, max(0, ent_start - 3), styles=True)
        found.append(Person(start, end, clean_name(doc[start:end].text)))
        taken.update(range(start, end))
    for t in doc:
        if t.i in taken or t.i in blocked or not ctx.is_title_word(t) or t.i + 1 >= len(doc):
            continue
        if t.lower_ not in ctx.lexicon.title_heads or headline(doc, t.i):
            continue
        k = t.i + 1
        # "Minister for Defence Pål Jonson", "Minister of National Defense Shin Won-sik": skip the rest of the title
        skipped = 0
        while k < len(doc) and skipped < 8 and (ctx.is_title_word(doc[k]) or doc[k].lower_ in ctx.title_links
                                               or k in ctx.country_at or k in ctx.place_at):
            k += 1
            skipped += 1
            k = _past_org_name(doc, ctx, k)
        # "Official Flickr Account", "Chief Kim": a head that is also a common word names someone only inside a
        # longer title that ends in a title word ("Director General A P Isaykin", "Secretary of National Defense X")
        if t.lower_ in ctx.adjective_titles and not (skipped and (ctx.is_title_word(doc[k - 1]) or ctx.org_head(doc[k - 1]))):
            continue
        if k < len(doc) and doc[k].text == "," and k + 1 < len(doc) and (
                doc[k + 1].is_title or ctx.after_honorifics(k + 1) > k + 1 or (doc[k + 1].is_upper and doc[k + 1].is_alpha)):
            k += 1  # "Norway's Minister of Defence, Tore O. Sandvik"
        if k < len(doc) and doc[k].text == "(":
            k = next((c + 1 for c in range(k + 1, min(k + 6, len(doc))) if doc[c].text == ")"), k)  # "General (Acquisitions)"
        k = ctx.after_honorifics(k)
        start, words = k, 0
        while k < len(doc) and k not in taken and k not in blocked and k not in ctx.country_at and k not in ctx.org_at:
            tok = doc[k]
            if (name_like(tok) or name_word(tok)) and not ctx.is_title_word(tok) and not ctx.org_head(tok) \
                    and not (tok.is_upper and tok.is_stop and len(tok) > 1) and (  # "... ISOPI AND OTHER"
                    tok.is_alpha or name_word(tok) or re.fullmatch(r"[A-Z]\.", tok.text)):
                words += 1
                k += 1
            elif words and tok.lower_ in ctx.suffixes:
                k += 1  # "Romeo S. Brawner Jr."
                break
            elif words and _particle_at(doc, ctx, k):
                k += 1  # "Nurul Aina binti Yusof": the particle does not count as a word
            elif tok.text == "-" and words and not doc[k - 1].whitespace_ and k + 1 < len(doc) and doc[k + 1].is_alpha:
                k += 2
            else:
                break
            if words >= 4 and not _particle_at(doc, ctx, k) and not (k < len(doc) and doc[k].lower_ in ctx.suffixes):
                break
        of_country = k + 1 < len(doc) and doc[k].lower_ == "of" and k + 1 in ctx.country_at  # "Adm X of Poland"
        if words and (k >= len(doc) or (doc[k].text != "-" and (doc[k].lower_ != "of" or of_country))) \
                and not _no_name(doc, ctx, start, k):
            start = ctx.before_honorifics(start, t.i + 1, styles=True)
            model = next((p for p in found if p.start == k and not p.fallback), None)
            if model is not None and words < 4 and doc[k - 1].whitespace_ == " ":
                # "Deputy Minister Greta Monika" + the model's "Tučkutė": the given names it left out are the name's
                model.start, model.name = start, clean_name(doc[start:model.end].text)
            else:
                found.append(Person(start, k, clean_name(doc[start:k].text), fallback=True))
            taken.update(range(start, k))
    found += _listed_names(doc, ctx, taken | blocked)
    return sorted(found, key=lambda p: p.start)


def _listed_names(doc: Doc, ctx: Context, taken: set[int]) -> list[Person]:
    """Names that open a list line before a comma ("- Piotr Nowak, Polish Ambassador to Korea;"), where the model
    tags none: two to four capitalised words after a ``list_bullet`` at a line's start. Their office comes from
    the apposition after the comma, or they name no official; never a line's opening words ("- In May, ...")."""
    bullets = ctx.lexicon.rules.word_class("list_bullet")
    out = []
    for t in doc:
        if t.text not in bullets or not (t.i == 0 or "\n" in doc[t.i - 1].whitespace_ or "\n" in doc[t.i - 1].text):
            continue
        k, words = t.i + 1, 0
        while k < len(doc) and words < 4 and k not in taken and k not in ctx.country_at and k not in ctx.org_at:
            tok = doc[k]
            if name_word(tok) and not ctx.is_title_word(tok) and not tok.is_stop and tok.ent_type_ in ("", "PERSON"):
                k, words = k + 1, words + 1
            elif words and doc[k].text == "-" and not doc[k - 1].whitespace_ and k + 1 < len(doc) and doc[k + 1].is_alpha:
                k += 2  # "Eom Dong" + "-hwan"
            else:
                break
        if words >= 2 and k < len(doc) and doc[k].text == ",":
            out.append(Person(t.i + 1, k, clean_name(doc[t.i + 1:k].text)))
    return out


def known_surnames(doc: Doc, persons: list[Person], blocked: set[int]) -> list[Person]:
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
        out.append(Person(i, i + 1, t.text))
        taken.add(i)
    return out
