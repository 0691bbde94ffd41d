"""Names with no title beside them that offices told just before introduce: "Turkey's defense minister and his
Qatari counterpart met in Istanbul. ... Hulusi Akar and Khalid al-Attiyah discussed ...", "The defence chiefs
of Korea and Australia held talks. Shin Won-sik and Richard Marles ...".

A list of two or more names none of which has an office is matched, in order, to as many offices told
without a name in its sentence before it or in the sentence before (an office word of rules/words.yaml's
``office`` class after a country: "Turkey's defense minister", "his Qatari counterpart"; a plural title
before "of" and countries: "the defence chiefs of A and B"). Each name takes its office's title and
country; a counterpart takes the title of the office it is the counterpart of.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from pipeline.stages.official_names import Context, Person, name_like

_LIST_GLUE = (["and"], [","], [",", "and"])


@dataclass(frozen=True)
class _Office:
    title: str
    country: str
    rule: str


def introduce_by_offices(ctx: Context, persons: list[Person], starts: list[int], ends: list[int]) -> None:
    """Give the names of an untitled list the offices told just before it (see the module's docstring)."""
    for run in _untitled_lists(ctx, persons, ends):
        k = next(n for n, s in enumerate(starts) if s <= run[0].start < ends[n])
        low = starts[k - 1] if k > 0 else starts[k]
        found = _offices(ctx, low, run[0].start)
        if len(found) != len(run):
            continue
        first = found[0]
        for p, office in zip(run, found):
            if office.title.lower() == "counterpart":
                office = _Office(first.title, office.country, first.rule)  # "his Qatari counterpart": a minister too
            p.title, p.country, p.rule = office.title, office.country, office.rule


def introduce_by_lead(ctx: Context, persons: list[Person], starts: list[int], ends: list[int]) -> None:
    """"Poland's defence minister said on Tuesday ... . Marek Kowal wrote on X that ...": a full name with no office
    that opens the sentence right after one telling a single office of a country with no name is that office's
    holder, as news introduces the speaker of its lead."""
    lone = {"counterpart", "officials", "delegation"}
    for p in persons:
        if p.rule or p.fallback or len(p.words) < 2 or p.start == 0:
            continue
        lead = _lead_before(ctx, p.start, starts)
        if lead is None:
            continue
        found = _offices(ctx, *lead)
        if len(found) == 1 and found[0].title.split()[-1].lower() not in lone:
            p.title, p.country, p.rule = found[0].title, found[0].country, found[0].rule


def _lead_before(ctx: Context, i: int, starts: list[int]) -> tuple[int, int] | None:
    """The tokens of the sentence or line just before token ``i``, if ``i`` opens a sentence or a line."""
    doc = ctx.doc
    if i in starts:
        k = starts.index(i)
        return (starts[k - 1], i) if k > 0 else None
    if "\n" not in doc[i - 1].text and "\n" not in doc[i - 1].whitespace_:
        return None
    high = i
    while high > 0 and doc[high - 1].is_space:
        high -= 1
    low = high - 1
    while low > 0 and low not in starts and "\n" not in doc[low - 1].text and "\n" not in doc[low - 1].whitespace_:
        low -= 1
    return (low, high) if low < high else None


def _untitled_lists(ctx: Context, persons: list[Person], ends: list[int]) -> list[list[Person]]:
    """Runs of two or more full names the model found with no office, joined by "and" or commas in one sentence."""
    runs: list[list[Person]] = []
    run: list[Person] = []
    for p in persons:
        untitled = not p.rule and not p.fallback and len(p.words) >= 2
        if untitled and run and [t.text for t in ctx.doc[run[-1].end:p.start]] in _LIST_GLUE \
                and not any(run[-1].start < e <= p.start for e in ends):
            run.append(p)
            continue
        if len(run) >= 2:
            runs.append(run)
        run = [p] if untitled else []
    if len(run) >= 2:
        runs.append(run)
    return runs


def _offices(ctx: Context, low: int, high: int) -> list[_Office]:
    """Offices told without a name between tokens ``low`` and ``high``, in the order told."""
    doc, out = ctx.doc, []
    offices = ctx.lexicon.rules.word_class("office")
    i = low
    while i < high:
        c = ctx.country_at.get(i)
        if c is not None and c.kind in ("adjective", "name") and (i + 1 >= high or i + 1 not in ctx.country_at):
            j = i + 2 if i + 1 < high and doc[i + 1].text in ("'s", "’s") else i + 1
            words = _title_words(ctx, j, high)
            phrase = " ".join(t.lower_ for t in words)
            if words and any(phrase.endswith(o) for o in offices) and not _named_after(ctx, words[-1].i + 1):
                rule = ctx.head_in(words)
                if rule:
                    out.append(_Office(" ".join(t.text for t in words), c.code, rule))
                i = words[-1].i + 1
                continue
        if ctx.plural_head(doc[i]) and i + 1 < high and doc[i + 1].lower_ == "of":
            out += _plural_office(ctx, i, high)
        i += 1
    return out


def _title_words(ctx: Context, j: int, high: int) -> list[Token]:
    words: list[Token] = []
    while j < high and len(words) < 4 and ctx.is_title_word(ctx.doc[j]) and not ctx.plural_head(ctx.doc[j]):
        words.append(ctx.doc[j])
        j += 1
    return words


def _named_after(ctx: Context, k: int) -> bool:
    """Is an office followed by a name ("Turkish Defense Minister Hulusi Akar", "his counterpart, Khalid")?"""
    doc = ctx.doc
    if k < len(doc) and doc[k].text == ",":
        k += 1
    return k < len(doc) and name_like(doc[k]) and k not in ctx.country_at


def _plural_office(ctx: Context, i: int, high: int) -> list[_Office]:
    """"the defence chiefs of South Korea and Australia": one office for each country listed after "of"."""
    doc = ctx.doc
    start = i
    while start - 1 >= 0 and ctx.is_title_word(doc[start - 1]) and not ctx.plural_head(doc[start - 1]):
        start -= 1
    words = [*doc[start:i], doc[i]]
    title = " ".join([t.text for t in words[:-1]] + [doc[i].text[:-1]])
    rule = ctx.head_in(words)
    codes: list[str] = []
    j = i + 2
    while j < high and (j in ctx.country_at or doc[j].lower_ in ("and", ",", "the")):
        c = ctx.country_at.get(j)
        if c is not None and c.code not in codes:
            codes.append(c.code)
        j += 1
    return [_Office(title, code, rule) for code in codes] if rule and len(codes) >= 2 else []
