"""Who takes part in a meeting a sentence tells of, beyond the officials it names.

Tellers ("..., spokesperson Lee said") take no part. An office without a name ("the Australian prime
minister", "the Raksha Mantri") is the named official holding it where the document has named one before.
A pronoun subject ("he met") is the one who led the meeting told just before, else the last official
named. People listed on the lines after a sentence ending with a colon ("attended by:") take part. A full
name with no title that is the other side of a named official's verb ("Modi told Vladimir Putin ... on the
sidelines") is the one met, where the sentence names nobody else.
"""

from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc, Token

from pipeline.lexicon import Lexicon
from pipeline.records import Official, Participant, Sentence
from pipeline.stages.views import SentenceView


def is_teller(view: SentenceView, o: Official, trigger: Token, pronouns: frozenset[str]) -> bool:
    """An official who only tells of the meeting: "..., spokesperson Lee said", "according to Kim"."""
    root = view.root(o)
    if root is None:
        return False
    attribution = {t.i for span in view.effects("attribution") for t in span}
    t = root
    while t.dep_ in ("compound", "appos", "conj", "poss") and t.head.i != t.i:
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lower_ == "according":
        return True
    if t.dep_ in ("nsubj",) and t.head.i in attribution and t.head.i != trigger.i:
        speech = t.head
        if trigger not in speech.subtree:
            return True
        # "Yoon said in a meeting with Duda": the saying happened at the meeting
        path = [trigger, *[a for a in trigger.ancestors if a.i != speech.i and speech in a.ancestors]]
        if not any(a.dep_ in ("ccomp", "xcomp", "conj", "parataxis") for a in path):
            return False
        # "A said he met B", "A said he had talks with B": the pronoun is the teller, who took part
        subj = subject_of(trigger)
        return not (subj is not None and subj.lower_ in pronouns)
    return False


def offices(view: SentenceView, lexicon: Lexicon, named: list[Official]) -> list[tuple[Participant, int]]:
    """Participants given only by office, with their article offset: "the Australian prime minister"."""
    out = []
    doc = view.doc
    named_tokens = {i for o in named for i in view.token_range(o)}
    offices = lexicon.rules.word_class("office")
    words_ok = lexicon.title_words | {w for h in offices for w in h.split()}
    heads = offices | set(lexicon.title_heads)
    spans = [s for c in view.countries if (s := view.span(c.start, c.end)) is not None]
    ends = {s.start: s.end for s in spans}
    starts = {s.end: s.start for s in spans}
    for c in view.countries:
        span = view.span(c.start, c.end)
        if span is None or c.kind not in ("adjective", "name"):
            continue
        if span.start > 0 and doc[span.start - 1].lower_ in ("a", "an", "any", "every"):
            continue  # "the first visit by a South Korean leader in 12 years": anyone holding it, no one met
        j = span.end
        while j + 1 < len(doc) and doc[j].lower_ == "and" and j + 1 in ends:
            j = ends[j + 1]  # "the Belgian and Dutch defence ministers": each country's minister
        if j < len(doc) and doc[j].text in ("'s", "’s"):
            j += 1
        words = []
        while j < len(doc) and len(words) < 4 and (doc[j].lower_ in words_ok or _plural_head(doc[j].lower_, heads)):
            words.append(doc[j].lower_[:-1] if _plural_head(doc[j].lower_, heads) else doc[j].lower_)
            j += 1
        phrase = " ".join(words) or _office_before_of(doc, span.start, starts, words_ok, heads)
        head = next((h for h in sorted(heads, key=len, reverse=True) if phrase.endswith(h)), None)
        if head is None:
            continue
        # "Polish President Andrzej Duda", "his Saudi counterpart, Prince Khalid": the office of a named official
        k = j + 1 if j < len(doc) and doc[j].text == "," else j
        if any(i in named_tokens for i in range(k, min(k + 3, len(doc)))) or (k < len(doc) and doc[k].is_title and doc[k].is_alpha):
            continue
        out.append((Participant(None, phrase, None, c.code), c.start))
    return out


def _office_before_of(doc: Doc, start: int, starts: dict[int, int], words_ok: set[str], heads: set[str]) -> str:
    """The office told before "of" and a list of countries ("the defence ministers of Estonia and Latvia",
    "the army chiefs of Poland, Latvia and Lithuania"), in the singular; "" where there is none."""
    j = start
    while j >= 2 and doc[j - 1].lower_ in ("and", ",") and j - 1 in starts:
        j = starts[j - 1]  # back over "Estonia and" to the list's first country
    if j < 2 or doc[j - 1].lower_ != "of":
        return ""
    k, words = j - 2, []
    while k >= 0 and len(words) < 4 and (doc[k].lower_ in words_ok or _plural_head(doc[k].lower_, heads)):
        words.insert(0, doc[k].lower_[:-1] if _plural_head(doc[k].lower_, heads) else doc[k].lower_)
        k -= 1
    # told with "the": an office someone holds; "the first visit of Defence Minister of India" is anyone's
    return " ".join(words) if k >= 0 and doc[k].lower_ == "the" else ""


def _plural_head(word: str, heads: set[str]) -> bool:
    """An office in the plural that two countries share ("ministers" in "the Belgian and Dutch defence ministers")."""
    return len(word) > 3 and word.endswith("s") and word[:-1] in heads


def holder(office: Participant, at: int, officials: list[Official]) -> Official | None:
    """The named official an office refers to: "the Polish minister" after "Polish ... Minister Kosiniak-Kamysz",
    else the first one named after it with the whole office ("the Belgian and Dutch defence ministers signed ..."
    and, paragraphs on, "Belgian Defence Minister X said ..."): an article names the holder of an office it
    tells once, before or after. Not "his Polish counterpart": the one met may be named nowhere, and the next
    Polish official named is then someone else."""
    head = (office.title or "").split()[-1:] or [""]
    for o in reversed([o for o in officials if o.end <= at]):
        if o.country == office.country and head[0] in (o.title or "").lower():
            return o
    if head[0] == "counterpart" or not office.title:
        return None
    # the whole office, not its head alone: "defence minister", not "Prime Minister"
    return next((o for o in officials if o.start > at and o.country == office.country
                 and office.title.lower() in (o.title or "").lower()), None)


def listed_after(view: SentenceView, sentences: Sequence[Sentence], officials: list[Official],
                 bullets: frozenset[str]) -> list[Official]:
    """The officials of the list lines right after a sentence that ends with a colon ("a ceremony attended by:"
    then "- A, minister;" and "- B, ambassador." on lines of their own, each opening with a ``list_bullet``)."""
    if not view.sentence.text.rstrip().endswith(":"):
        return []
    lines = []
    for s in (s for s in sentences if s.start >= view.sentence.end):
        if s.text.lstrip()[:1] not in bullets:
            break
        lines.append(s)
    return [o for o in officials if any(s.start <= o.start and o.end <= s.end for s in lines)]


def named_next(view: SentenceView, sentences: Sequence[Sentence], officials: list[Official],
               lexicon: Lexicon, told: frozenset[int]) -> list[Official]:
    """The officials of the next sentence, where this one tells a meeting by offices alone ("The defence chiefs
    of Korea and Australia held talks in Melbourne." then "Shin and Marles agreed ..."): officials of two or
    more of the countries this sentence names (or one official of one of two), and a title word here. A next sentence that tells a meeting
    itself (its start in ``told``) names its own."""
    heads = lexicon.title_heads
    if view.officials or not any(t.lower_ in heads or (t.lower_.endswith("s") and t.lower_[:-1] in heads) for t in view.doc):
        return []
    nxt = next((s for s in sentences if s.start >= view.sentence.end), None)
    if nxt is None or nxt.paragraph - view.sentence.paragraph > 1 or nxt.start in told:
        return []
    told = {c.code for c in view.countries}
    named = [o for o in officials if nxt.start <= o.start and o.end <= nxt.end]
    of = {o.country for o in named}
    # "the Belgian and Dutch defence ministers signed ..." then "Belgian Defence Minister X said ...": X, and the
    # Dutch minister stays an office (one official of one country only: two of one country are not its sides)
    return named if of <= told and (len(of) >= 2 or (len(named) == 1 and len(told) >= 2 and None not in of)) else []


_SUBJECTS = ("nsubj", "nsubjpass")


def subject_of(trigger: Token) -> Token | None:
    """The subject of a trigger, or of the verb whose object a trigger noun is ("he held talks", "she had a
    meeting", "they paid a visit")."""
    for t in (trigger, trigger.head) if trigger.dep_ == "dobj" else (trigger,):
        subj = next((c for c in t.children if c.dep_ in _SUBJECTS), None)
        if subj is not None:
            return subj
    return None


def _climb(tok: Token) -> Token:
    """The head of the noun phrase a word sits in: "Minister Anna Lehto" -> "Lehto"."""
    while tok.dep_ in ("compound", "appos", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def lead_of(view: SentenceView, named: Sequence[Official], subjects: Sequence[Token]) -> Official | None:
    """The named official who is a trigger's subject: the one who met, held talks, visited."""
    at = {t.i for t in subjects}
    return next((o for o in named if (r := view.root(o)) is not None and _climb(r).i in at), None)


def titled_offices(view: SentenceView, lexicon: Lexicon, named: Sequence[Official],
                   officials: Sequence[Official]) -> list[tuple[Official, Token]]:
    """Offices told by their title alone after "the" ("the Raksha Mantri called on ...", "met the prime
    minister") or capitalised as a name after a comma or at the sentence's start ("Earlier, Raksha Mantri held
    talks"), as the named official holding that title told before, with the office's head token; never a
    title beside a name ("the Prime Minister, Ana Lopes"; "Ana Lopes, the Prime Minister of X")."""
    doc = view.doc
    heads = set(lexicon.title_heads)
    named_tokens = {i for o in named for i in view.token_range(o)}
    countries = {i for c in view.countries for i in view.token_range(c)}
    out = []
    for t in doc:
        # "Earlier, Raksha Mantri held ..."; a sentence's first "The" opens an office after it, as any "the" does
        bare = t.lower_ != "the" and t.is_title and (t.i == 0 or doc[t.i - 1].text == ",")
        if not (t.lower_ == "the" or bare) or t.i + 1 in countries:
            continue
        j, words = (t.i if bare else t.i + 1), []
        while j < len(doc) and len(words) < 4 and doc[j].lower_ in lexicon.title_words:
            words.append(doc[j].lower_)
            j += 1
        phrase = " ".join(words)
        if phrase not in heads or (bare and not all(x.is_title for x in doc[t.i:j])):
            continue
        k = j + 1 if j < len(doc) and doc[j].text == "," else j
        beside = (t.i >= 1 and doc[t.i - 1].text == "," and t.i - 2 in named_tokens) or \
            (k < len(doc) and (k in named_tokens or doc[k].is_title))
        if beside:
            continue
        held = next((o for o in reversed(officials) if o.end <= view.base + doc[t.i].idx
                     and (o.title or "").lower() == phrase), None)
        if held is not None and held.name.lower() not in {o.name.lower() for o in named}:
            out.append((held, doc[j - 1]))
    return out


_PARTNER_DEPS = ("dobj", "dative", "conj")


def untitled_partner(view: SentenceView, lexicon: Lexicon, lead: Official) -> Participant | None:
    """A full name with no title beside it as the other side of ``lead``'s verb: its object ("Modi told Vladimir
    Putin"), the object of its "with" ("spoke with Vladimir Putin") or the name joined to it ("Modi and Vladimir
    Putin"); a PROPN run of two or more capitalised words that is no country, organisation, system or title,
    or one such word the model tags a person ("Scholz met Macron")."""
    root = view.root(lead)
    if root is None:
        return None
    head = _climb(root)
    verb = head.head if head.dep_ == "nsubj" else None
    cands = [c for c in head.children if c.dep_ == "conj"]
    if verb is not None:
        cands += [c for c in verb.children if c.dep_ in _PARTNER_DEPS]
        heads = [verb] + [c for c in verb.children if c.dep_ == "dobj" and any(c.i == t.i for t, _ in view.meeting_triggers)]
        cands += [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
                  for g in c.children if g.dep_ == "pobj"]  # "spoke with X", "held talks with X"
    taken = {i for group in (view.countries, view.orgs, view.systems, view.officials, view.dates) for m in group
             for i in view.token_range(m)}
    bodies = lexicon.rules.word_class("org_head") | lexicon.rules.word_class("outlet_head")
    for c in cands:
        j = c.i
        while j > 0 and c.doc[j - 1].dep_ in ("compound", "flat") and c.doc[j - 1].head.i == c.i:
            j -= 1  # "Vladimir" + "Putin"
        words = list(c.doc[j:c.i + 1])
        if (j > 0 and c.doc[j - 1].pos_ == "DET") or c.lower_ in bodies:
            continue  # "told the Financial Times", "told Baltic News Agency": a paper or a body, not a person
        # one word where the verb is a meeting's ("Scholz met Macron", "talks with Putin"): a surname known by itself
        person = len(words) == 1 and len(c) > 3 and any(t.i == c.i or t.i == c.head.head.i or t.i == c.head.i
                                                        for t, _ in view.meeting_triggers)
        if (len(words) >= 2 or person) and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha and t.i not in taken
                                               and t.lower_ not in lexicon.title_words for t in words):
            return Participant(" ".join(t.text for t in words), None, None, None)
    return None



def named_after_offices(view: SentenceView, lexicon: Lexicon, told: Sequence[Participant]) -> list[Official]:
    """The holders of the offices the sentence before told a meeting by ("The Turkish and French defence ministers
    spoke by phone on Friday."), where this sentence names them without a title as its meeting's subjects
    ("Hulusi Akar and Florence Parly discussed ...", "Turkey's A and France's B also agreed ..."): one full name
    (two capitalised words or more, no country, organisation or title) per office of another country, each with
    its office's title and the country of a possessive before it ("Turkey's A"), else none."""
    subjects = [s for t, _ in view.meeting_triggers if (s := subject_of(t)) is not None]
    if len(told) < 2 or len({p.country for p in told}) < len(told) or not subjects:
        return []
    first = _climb(subjects[0])
    taken = {i for group in (view.countries, view.orgs, view.systems, view.officials, view.dates) for m in group
             for i in view.token_range(m)}
    owners = {r.i: c.code for c in view.countries if (r := view.root(c)) is not None}
    out = []
    for h in (first, *first.conjuncts):
        j = h.i
        while j > 0 and h.doc[j - 1].dep_ in ("compound", "flat") and h.doc[j - 1].head.i == h.i:
            j -= 1  # "Hulusi" + "Akar"
        words = list(h.doc[j:h.i + 1])
        if len(words) < 2 or not all(t.pos_ == "PROPN" and t.is_title and t.is_alpha and t.i not in taken
                                     and t.lower_ not in lexicon.title_words for t in words):
            return []
        country = next((owners[c.i] for c in h.children if c.dep_ == "poss" and c.i in owners), None)
        name = " ".join(t.text for t in words)
        out.append(Official(view.base + words[0].idx, view.base + words[-1].idx + len(words[-1]), name, name,
                            told[0].title, None, country, "meeting_people:named_after_offices"))
    return out if len(out) == len(told) else []
