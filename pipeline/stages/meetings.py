"""Meetings: officials meeting, talking, phoning or signing together, with a date and a place.

A sentence with a meeting trigger (rules/meeting_triggers.yaml) makes a meeting of the
officials in it, less those who only tell of it ("..., spokesperson Lee said"), plus
offices without a name ("the Australian prime minister") and a pronoun subject ("he met").
"The two ministers" in a later sentence is the same meeting. A meeting needs a named
participant and someone to meet; date and place come from the sentence, else from the
meeting before it in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from pipeline.lexicon import Lexicon
from pipeline.records import DateValue, Meeting, Official, Participant, Sentence
from pipeline.stages.views import SentenceView, main_trigger

_TWO = re.compile(r"\b(?:the|both)\s+(?:two|three|four)\s+(?:ministers|sides|leaders|officials|presidents|chiefs|delegations|"
                  r"heads|men|women|counterparts|secretaries|countries|governments)\b|\bthe\s+(?:ministers|leaders)\b", re.I)
_PRONOUNS = {"he", "she"}
_OFFICE_HEADS = {"president", "prime minister", "minister", "counterpart", "chancellor", "king", "emir", "crown prince",
                 "leader", "officials", "delegation", "premier", "secretary", "ambassador", "defense minister",
                 "defence minister", "foreign minister"}


@dataclass
class _Draft:
    sentence: Sentence
    participants: list[Participant]
    date: DateValue | None
    location: str | None
    location_country: str | None
    rule: str
    names: set[str] = field(default_factory=set)

    def record(self, published: DateValue | None) -> Meeting:
        date = self.date or published or DateValue(None, None)
        return Meeting(self.sentence, tuple(self.participants), date, self.location, self.location_country, self.rule)


def _participant(o: Official) -> Participant:
    return Participant(o.name, o.title, o.organization, o.country)


def _is_teller(view: SentenceView, o: Official, trigger: Token) -> bool:
    """An official who only tells of the meeting: "..., spokesperson Lee said", "according to Kim"."""
    root = view.root(o)
    if root is None:
        return False
    attribution = {t.i for span in view.effects("attribution") for t in span}
    t = root
    while t.dep_ in ("compound", "appos", "conj", "poss") and t.head is not t:
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lower_ == "according":
        return True
    if t.dep_ in ("nsubj",) and t.head.i in attribution and t.head is not trigger:
        speech = t.head
        if trigger not in speech.subtree:
            return True
        # "Yoon said in a meeting with Duda": the saying happened at the meeting
        path = [trigger, *[a for a in trigger.ancestors if a.i != speech.i and speech in a.ancestors]]
        if not any(a.dep_ in ("ccomp", "xcomp", "conj", "parataxis") for a in path):
            return False
        subj = next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return not (subj is not None and subj.lower_ in _PRONOUNS)
    return False


def _offices(view: SentenceView, lexicon: Lexicon, named: list[Official]) -> list[Participant]:
    """Participants given only by office: "the Australian prime minister", "his Polish counterpart"."""
    out = []
    doc = view.doc
    named_tokens = {i for o in named for i in view.token_range(o)}
    words_ok = lexicon.title_words | {w for h in _OFFICE_HEADS for w in h.split()}
    heads = _OFFICE_HEADS | set(lexicon.title_heads)
    for c in view.countries:
        span = view.span(c.start, c.end)
        if span is None or c.kind not in ("adjective", "name"):
            continue
        j = span.end
        if j < len(doc) and doc[j].text in ("'s", "’s"):
            j += 1
        words = []
        while j < len(doc) and len(words) < 4 and doc[j].lower_ in words_ok:
            words.append(doc[j].lower_)
            j += 1
        phrase = " ".join(words)
        head = next((h for h in sorted(heads, key=len, reverse=True) if phrase.endswith(h)), None)
        if head is None or j in named_tokens or (j < len(doc) and doc[j].is_title and doc[j].is_alpha):
            continue  # "Polish President Andrzej Duda": a named official, counted as such
        out.append(Participant(None, phrase, None, c.code))
    return out


def _location(view: SentenceView, participants: list[Participant], visit: bool) -> tuple[str | None, str | None]:
    """A city or capital the meeting took place in; a country only after "in" or a visit."""
    best = None
    for c in view.countries:
        tok = view.root(c)
        if tok is None:
            continue
        head = tok.head
        if tok.dep_ in ("nsubj", "poss") or (tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"):
            continue  # "Seoul said", "Seoul's participation": the government, not the place
        prep = head.lower_ if tok.dep_ == "pobj" else None
        if c.kind in ("capital", "city"):
            rank = 3 if c.kind == "capital" else 2  # "in Yongsan-gu, central Seoul": the city is Seoul
        elif c.kind == "name" and (prep in ("in", "at") or (visit and (prep == "to" or tok.dep_ == "dobj"))):
            rank = 1
        else:
            continue
        if best is None or rank > best[0]:
            best = (rank, c.text, c.code)
    return (best[1], best[2]) if best else (None, None)


def meeting_in_sentence(view: SentenceView, *, lexicon: Lexicon, previous: _Draft | None,
                        speaker: Official | None) -> _Draft | None:
    main = main_trigger(view.meeting_triggers)
    if main is None:
        return None
    trigger, rule = main
    visit = any(r.attrs.get("visit") for _, r in view.meeting_triggers)
    named = [o for o in view.officials if not _is_teller(view, o, trigger)]
    people: list[Participant] = []
    seen: set[str] = set()
    for o in named:
        if o.name.lower() not in seen:
            seen.add(o.name.lower())
            people.append(_participant(o))
    subj = next((c for t, _ in view.meeting_triggers for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ in _PRONOUNS and speaker is not None and speaker.name.lower() not in seen:
        seen.add(speaker.name.lower())
        people.append(_participant(speaker))
    offices = [p for p in _offices(view, lexicon, named) if p.country not in {x.country for x in people}]
    two = _TWO.search(view.sentence.text)
    if two and previous is not None and len(people) <= 1:
        # "the two ministers also discussed ...": the meeting of the sentence before
        return None
    date = next((d.date for d in sorted(view.dates, key=lambda d: abs(d.start - view.base - trigger.idx))
                 if d.date.value and not d.attribution), None)
    location, location_country = _location(view, people + offices, visit)
    everyone = people + offices
    if not people or len(everyone) < 2:
        return None
    return _Draft(view.sentence, everyone, date, location, location_country, rule.id, {p.name.lower() for p in people})


def extract_meetings(views: list[SentenceView], *, lexicon: Lexicon, officials: list[Official],
                     published: DateValue | None) -> list[Meeting]:
    """Every meeting of a document; a meeting said twice is kept once, with what each telling adds."""
    drafts: list[_Draft] = []
    for view in views:
        if not view.meeting_triggers:
            continue
        before = [o for o in officials if o.end <= view.base + view.doc[0].idx + 1]
        speaker = before[-1] if before else None
        previous = drafts[-1] if drafts else None
        d = meeting_in_sentence(view, lexicon=lexicon, previous=previous, speaker=speaker)
        if d is None:
            continue
        same = next((o for o in drafts if len(o.names & d.names) >= min(2, len(d.names), len(o.names))
                     and (o.date is None or d.date is None or o.date == d.date)), None)
        if same is not None and len(d.names) >= 1:
            same.date = same.date or d.date
            if same.location is None:
                same.location, same.location_country = d.location, d.location_country
            for p in d.participants:
                if p.name and p.name.lower() not in same.names:
                    same.participants.append(p)
                    same.names.add(p.name.lower())
            continue
        if previous is not None and (d.date is None or d.date == previous.date):
            # told again without a date or place of its own: the meeting before sets them
            d.date = d.date or previous.date
            if d.location is None:
                d.location, d.location_country = previous.location, previous.location_country
        drafts.append(d)
    return [d.record(published) for d in drafts]
