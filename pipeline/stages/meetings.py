"""Meetings: officials meeting, talking, phoning or signing together, with a date and a place.

A sentence with a meeting trigger (rules/meeting_triggers.yaml) makes a meeting of the
officials in it, less those who only tell of it ("..., spokesperson Lee said"), plus
offices without a name ("the Australian prime minister"), which become the named official
holding that office when the document has named one, and a pronoun subject ("he met").
"The two ministers" in a later sentence is the meeting before, unless the sentence gives
another date or adds someone. A meeting needs a named participant and someone to meet;
date and place come from the sentence, else from the meeting before it in the document.
Each such sentence is a meeting mention; meeting_events merges a document's mentions into
one meeting per encounter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Sequence

from spacy.tokens import Span, Token

from pipeline.lexicon import Lexicon
from pipeline.records import CountryMention, DateMention, DateValue, Meeting, Official, Participant, Sentence
from pipeline.stages.meeting_days import after, weekday_to_come, wholly_after, wholly_before
from pipeline.stages.meeting_events import merge_meetings
from pipeline.stages.meeting_people import (holder, is_teller, lead_of, listed_after, named_after_offices, named_next,
                                           offices, subject_of, titled_offices, untitled_partner)
from pipeline.stages.meeting_pairs import pair_groups, separately
from pipeline.stages.meeting_visits import Visit, during_visit, premises, visit_told_back, visited_org, visitors
from pipeline.stages.views import SentenceView, deadline_pattern, governs, main_trigger

_RECENT_DAYS = 7


@dataclass
class _Draft:
    sentence: Sentence
    participants: list[Participant]
    date: DateValue | None
    location: str | None
    location_country: str | None
    rule: str
    names: set[str] = field(default_factory=set)
    place_precision: str | None = None  # city | country where the place is the sentence's own
    named: list[Official] = field(default_factory=list)  # the sentence's officials who take part
    status: str = "held"
    lead: Official | None = None  # the official who is the meeting's subject ("A met B"): whom a later "he" is

    def add(self, p: Participant) -> None:
        if p.name is None or p.name.lower() not in self.names:
            self.participants.append(p)
            if p.name:
                self.names.add(p.name.lower())

    def record(self, fallback: DateValue | None) -> Meeting:
        date = self.date or fallback or DateValue(None, None)
        return Meeting(self.sentence, tuple(self.participants), date, self.location, self.location_country, self.rule,
                       self.date is not None, self.place_precision, status=self.status)




def _participant(o: Official) -> Participant:
    return Participant(o.name, o.title, o.organization, o.country)


def _location(view: SentenceView, visit: bool) -> tuple[str | None, str | None, str | None]:
    """A city or capital the meeting took place in; a country only after "in", a visit, or as "a Singapore hotel";
    with its precision (city | country)."""
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
        elif c.kind == "name" and tok.dep_ in ("compound", "nmod", "appos") and head.dep_ == "pobj" and (
                head.head.lower_ in ("in", "at") or (visit and head.head.lower_ == "to")):
            rank = 1  # "in a Singapore hotel"; "in Qingdao, China"; "a visit to the Fiji Navy Headquarters"
        elif c.kind == "adjective" and head.lower_ == "capital" and head.dep_ == "pobj" and head.head.lower_ in ("in", "to"):
            rank, prep = 3, head.head.lower_  # "in the Polish capital": the capital city, told by its country
        else:
            continue
        # of two cities, the one the meeting is in or goes to, not a dateline's ("BERLIN (AP) — ... a visit to Kyiv")
        rank = (rank, prep in ("in", "at", "to"))
        if best is None or rank > best[0]:
            best = (rank, f"{c.text} capital" if c.kind == "adjective" else c.text, c.code)
    return (best[1], best[2], "city" if best[0][0] > 1 else "country") if best else (None, None, None)


def _head_of(view: SentenceView, o: Official) -> Token | None:
    """The head of the noun phrase an official's name stands in ("his counterpart, Shin" -> "counterpart")."""
    tok = view.root(o)
    while tok is not None and tok.dep_ in ("compound", "appos", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _host_country(view: SentenceView, named: list[Official]) -> str | None:
    """The country of the official a host trigger names as host ("Aydin hosted ...", "was welcomed by Aydin"):
    where the meeting was, when the sentence names no place."""
    hosts = [t for t, r in view.meeting_triggers if r.attrs.get("host")]
    for o in named:
        tok = _head_of(view, o)
        if tok is None or not o.country:
            continue
        if (tok.dep_ == "nsubj" and tok.head in hosts) or (
                tok.dep_ == "pobj" and tok.head.dep_ == "agent" and tok.head.head in hosts):
            return o.country
    return None


def _visited_country(view: SentenceView, named: list[Official]) -> str | None:
    """The country a visitor came to, when the sentence names no place: that of the others, all of one
    country, where one official is a visit verb's subject ("talks with Shin, who is visiting the country")."""
    visits = [t for t, r in view.meeting_triggers if r.attrs.get("visit") and t.pos_ == "VERB"]
    for v in visits:
        subj = subject_of(v)
        if subj is not None and subj.tag_ == "WP" and v.dep_ == "relcl":
            subj = v.head  # "Shin, who is visiting": the visitor is the noun the clause is about
        visitor = lead_of(view, named, [subj]) if subj is not None else None
        if visitor is None:
            continue
        others = {o.country for o in named if o is not visitor}
        if len(others) == 1 and None not in others and others != {visitor.country}:
            return others.pop()
    return None


def _recent_day(view: SentenceView, dates: list[DateMention], published: DateValue | None) -> DateValue | None:
    """The latest day named before this sentence within a week of the article's date (the story's day)."""
    if not published or published.precision != "day" or not published.value:
        return None
    pub = dt.date.fromisoformat(published.value)
    for d in reversed([d for d in dates if d.end <= view.sentence.start and d.date.precision == "day" and d.date.value]):
        day = dt.date.fromisoformat(d.date.value)
        if 0 <= (pub - day).days <= _RECENT_DAYS and not d.attribution:
            return d.date
    return None


def _nearest_date(view: SentenceView, dates: list[DateMention], trigger: Token,
                  deadline: re.Pattern | None = None, *, face_to_face: bool = False) -> DateValue | None:
    """The sentence's date nearest the trigger, of those that date the telling of nothing else and are
    no deadline ("to double production by 2027": ``deadline``, views.deadline_pattern). A date inside the
    meeting noun's own phrase ("reported on the 5 October meeting") dates the meeting, not the telling; so does
    the date of a telling ``face_to_face`` ("A told B on Monday that ...")."""
    own = lambda x: (t := view.root(x)) is not None and t.head.i == trigger.i and t.dep_ in ("compound", "nummod", "npadvmod", "poss")
    return next((x.date for x in sorted(dates, key=lambda x: abs(x.start - view.base - trigger.idx))
                 if x.date.value and (own(x) or face_to_face or not x.attribution) and not _of_another_meeting(view, x, trigger)
                 and not (deadline and view.behind_deadline(x, deadline))), None)


def _of_another_meeting(view: SentenceView, x: DateMention, trigger: Token) -> bool:
    """Does the date stand in a clause that describes another meeting noun inside this meeting's phrase ("met B
    during his visit for talks, slated for Wednesday"): the day of those talks, not of this meeting? A visit's
    day is not another meeting's ("during his visit that began Thursday, he met B"), nor that of a noun this
    meeting is not told of ("During the talks, which took place on Friday, they agreed to meet again")."""
    nouns = {t.i for t, r in view.meeting_triggers if t.pos_ in ("NOUN", "PROPN") and t.i != trigger.i
             and not r.attrs.get("visit") and trigger in t.ancestors}
    tok = view.root(x)
    while tok is not None and tok.i != trigger.i and tok.head.i != tok.i:
        if tok.dep_ in ("acl", "relcl") and tok.head.i in nouns:
            return True
        tok = tok.head
    return False


def split_pairs(view: SentenceView, d: _Draft, lexicon: Lexicon) -> list[_Draft]:
    """``d`` as one meeting per encounter where the sentence tells of several (meeting_pairs); a clause's own
    date and place go to its meeting."""
    groups = pair_groups(view, d.named, lexicon)
    people, offices = [p for p in d.participants if p.name], [p for p in d.participants if not p.name]
    if not groups and len(people) == 1 and len(offices) >= 2 and separately(view, lexicon):
        # "A met separately with his Norwegian and Danish counterparts": one meeting with each office
        out = [_Draft(d.sentence, [], d.date, d.location, d.location_country, d.rule, lead=d.lead,
                      place_precision=d.place_precision, status=d.status, named=d.named) for _ in offices]
        for part, o in zip(out, offices):
            part.add(people[0])
            part.add(o)
        return out
    if not groups:
        return [d]
    out = []
    for g in groups:
        part = _Draft(d.sentence, [], d.date, d.location, d.location_country, d.rule, place_precision=d.place_precision,
                      status=d.status)
        for p in d.participants:
            if p.name is None or p.name.lower() in g.partners:
                part.add(p)
        if d.lead is not None and not any(d.lead.name.lower() in o.partners for o in groups):
            part.add(_participant(d.lead))  # "He held meetings with A and B": he is in each
        inside = lambda m: (t := view.root(m)) is not None and t.i in g.clause
        own_dates = [x for x in view.dates if inside(x)]
        trigger = next((t for t, _ in view.meeting_triggers if t.i in g.clause), None)
        if own_dates and trigger is not None:
            part.date = _nearest_date(view, own_dates, trigger, deadline_pattern(lexicon.rules)) or part.date
        own_places = [c for c in view.countries if inside(c)]
        visit = any(r.attrs.get("visit") for _, r in view.meeting_triggers)
        where = _location(replace(view, countries=own_places), visit) if own_places else (None, None, None)
        if where[1] is not None:
            part.location, part.location_country, part.place_precision = where
        elif any(c.text == d.location and (t := view.root(c)) is not None and any(t.i in o.clause for o in groups if o is not g)
                 for c in view.countries):
            part.location, part.location_country, part.place_precision = None, None, None  # another clause's own place
        part.named = [o for o in d.named if o.name.lower() in g.partners]
        out.append(part)
    return out


def dateline_place(countries: list[CountryMention], dateline_end: int) -> tuple[str, str] | None:
    """The city a dateline names ("SEOUL, Oct. 16 (Yonhap) --", "BERLIN (AP) —"): where the story was filed."""
    first = next((c for c in countries if c.start < 40 and c.kind in ("capital", "city")), None)
    if first is None or (dateline_end and first.start > dateline_end):
        return None
    return first.text, first.code








def _quoted(sentence: Sentence, o: Official) -> bool:
    """Is the official named inside a quotation (""under Buhari's administration ...""), spoken of, not present?"""
    before = sentence.text[:max(0, o.start - sentence.start)]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _told_at(cue: Span, trigger: Token) -> bool:
    """"At the meeting on Tuesday, Park proposed joint production": a verb the meeting phrase is an adjunct of
    tells what was said there, not that the meeting is still to come (its auxiliary, "will propose", still does)."""
    place = trigger.head
    return (trigger.dep_ == "pobj" and place.dep_ == "prep" and place.head in cue
            and all(c.dep_ not in ("aux", "auxpass") for c in cue))


def meeting_in_sentence(view: SentenceView, *, lexicon: Lexicon, officials: list[Official], previous: _Draft | None,
                        speaker: Official | None, listed: Sequence[Official] = (),
                        published: DateValue | None = None) -> _Draft | None:
    main = main_trigger(view.meeting_triggers)
    if main is None:
        return None
    trigger, rule = main
    visit = any(r.attrs.get("visit") for _, r in view.meeting_triggers)
    pronouns = lexicon.rules.word_class("person_pronoun")
    # "Modi told Vladimir Putin that ...": who tells someone face to face is no mere teller
    # one who tells of one trigger at another ("X and Y have signed ..., A said during a joint press conference
    # with B") is at the one he speaks at
    tellers = [o for o in view.officials if all(is_teller(view, o, t, pronouns) for t, _ in view.meeting_triggers)]
    face_to_face = [o for o in tellers if untitled_partner(view, lexicon, o) is not None]
    named = [o for o in view.officials if o not in tellers or o in face_to_face] + list(listed)
    d = _Draft(view.sentence, [], None, None, None, rule.id, named=named)
    if any(governs(cue, trigger) and not _told_at(cue, trigger) for cue in view.effects("planned")):
        d.status = "planned"  # "will meet", "plans to visit", "the upcoming talks"
    for o in named:
        d.add(_participant(o))
    subjects = [s for t, _ in view.meeting_triggers if (s := subject_of(t)) is not None]
    d.lead = lead_of(view, named, subjects)
    if any(s.lower_ in pronouns for s in subjects[:1]) and speaker is not None:
        d.add(_participant(speaker))  # "he met", "he also held talks with"
        d.lead = d.lead or speaker
    for held, head in titled_offices(view, lexicon, named, officials):
        d.add(_participant(held))  # "the Raksha Mantri called on ..."
        if d.lead is None and any(head.i == s.i for s in subjects):
            d.lead = held
    for office, at in offices(view, lexicon, named):
        held_by = holder(office, at, officials)
        if held_by is not None:
            d.add(_participant(held_by))
        elif office.country not in {p.country for p in d.participants}:
            d.add(office)
    d.date = _nearest_date(view, view.dates, trigger, deadline_pattern(lexicon.rules), face_to_face=bool(face_to_face))
    if d.status == "planned":
        d.date = weekday_to_come(view, d.date, published)
    d.location, d.location_country, d.place_precision = _location(view, visit)
    if d.location_country is None:
        d.location_country = _host_country(view, named) or _visited_country(view, named)
    if d.location_country is None:
        d.location, d.location_country = premises(view, {p.country for p in d.participants})
    if lexicon.rules.refers("people", view.sentence.text) and previous is not None and len(d.participants) < 2:
        # "the two ministers": the people of the meeting before, where the sentence does not name two of its own
        # ("Song met Demir ... the two countries' cooperation"); a new meeting only if another date or someone new
        new_people = [p for p in d.participants if p.name and p.name.lower() not in previous.names]
        if d.status == "held" and wholly_after(d.date, published):
            d.date = None  # "During the talks, they agreed to join an exercise in 2025": the talks told, not the exercise
        if (d.date is None or d.date == previous.date) and not new_people and previous.location_country:
            # a telling of the meeting before: its place too (the merge joins it there), unless it had none
            d.location, d.location_country, d.place_precision = None, None, None
        for p in previous.participants:
            d.add(p)
        if d.date is None:
            d.date = previous.date
    if len(d.participants) == 1 and len(named) == 1 and (partner := untitled_partner(view, lexicon, named[0])):
        d.add(partner)  # "Modi told Vladimir Putin ... on the sidelines": the one met, with no title here
    people = [p for p in d.participants if p.name]
    if not people or len(d.participants) < 2:
        return None
    told = [o for o in named if not _quoted(view.sentence, o)]
    if all(r.attrs.get("two_named") for _, r in view.meeting_triggers) and len({o.country or o.name for o in told}) < 2:
        return None  # a weak trigger alone ("signing ceremony") needs named officials of two countries (or not known)
    return d


def _place_told_after(d: _Draft, placed: list[tuple[SentenceView, tuple[str | None, str | None]]]) -> tuple[str | None, str | None]:
    """The place a later meeting sentence of the same or the next paragraph gives, where it names none but
    this meeting's people ("X met Y on Monday." then "Delighted to meet Y in New Delhi," X wrote)."""
    for view, here in placed:
        names = {o.name.lower() for o in view.officials}
        if view.sentence.start > d.sentence.start and 0 <= view.sentence.paragraph - d.sentence.paragraph <= 1 \
                and names and names <= d.names:
            return here
    return None, None


def extract_meetings(views: list[SentenceView], *, lexicon: Lexicon, officials: list[Official],
                     published: DateValue | None, dates: list[DateMention] = (),
                     filed_at: tuple[str, str] | None = None, sentences: Sequence[Sentence] = ()) -> list[Meeting]:
    """Every meeting of a document; a meeting told in several sentences is one meeting, with what each
    telling adds and each telling in its ``mentions``. A meeting with no place of its own takes the place
    of the meeting or visit told just before it, else of a telling just after it that names none but its
    people, else of a visit of one of its people told before it (meeting_visits), else the city of the
    dateline (``filed_at``)."""
    drafts: list[tuple[_Draft, DateValue | None]] = []
    scene: tuple[str | None, str | None, int] | None = None  # place of the last meeting or visit sentence
    placed: list[tuple[SentenceView, tuple[str | None, str | None]]] = []  # meeting sentences that name a place
    bullets = lexicon.rules.word_class("list_bullet")
    told = frozenset(v.sentence.start for v in views if v.meeting_triggers)
    visits: list[Visit] = []
    told_by_offices: tuple[int, list[Participant]] | None = None  # a meeting sentence before, told by offices alone
    for view in views:
        if not view.meeting_triggers:
            continue
        visit = any(r.attrs.get("visit") for _, r in view.meeting_triggers)
        here = _location(view, visit)[:2]
        if here[1] is not None:
            placed.append((view, here))
        if visit and (who := visitors(view)):
            where = here if here[1] is not None else visited_org(view)
            trip = next(t for t, r in view.meeting_triggers if r.attrs.get("visit"))
            if where[1] is not None:
                visits.append(Visit(who, where[0], where[1], _nearest_date(view, view.dates, trip), view.sentence.start))
        before = [o for o in officials if o.end <= view.base + view.doc[0].idx + 1]
        previous = drafts[-1][0] if drafts else None
        speaker = before[-1] if before else None
        if previous is not None and previous.lead is not None and view.sentence.paragraph - previous.sentence.paragraph <= 1:
            speaker = previous.lead  # "A called on B. He also held talks with C": he is A
        listed = listed_after(view, sentences, officials, bullets)
        d = meeting_in_sentence(view, lexicon=lexicon, officials=officials, previous=previous, speaker=speaker,
                                listed=listed, published=published)
        if d is None and (by_name := named_next(view, sentences, officials, lexicon, told)):
            # told by offices alone, named in the next sentence
            d = meeting_in_sentence(view, lexicon=lexicon, officials=officials, previous=previous, speaker=speaker,
                                    listed=by_name, published=published)
        if d is None and told_by_offices and view.sentence.paragraph - told_by_offices[0] <= 1 and (  # offices, then
                by_name := named_after_offices(view, lexicon, told_by_offices[1])):  # their holders' bare names
            d = meeting_in_sentence(view, lexicon=lexicon, officials=officials, previous=previous, speaker=speaker,
                                    listed=by_name, published=published)
        told_by_offices = (view.sentence.paragraph, [p for p, _ in offices(view, lexicon, [])]) \
            if d is None and not view.officials else None
        if d is None and lexicon.rules.refers("people", view.sentence.text) and (
                back := visit_told_back(visits, view, officials, previous.sentence.end if previous else 0)):
            # "A visited Seoul on Monday. At the meeting, B offered ...": the visitor's meeting with the hosts
            d = meeting_in_sentence(view, lexicon=lexicon, officials=officials, previous=None, speaker=speaker,
                                    listed=back[1], published=published)
            if d is not None:
                d.location, d.location_country, d.date = back[0].place, back[0].country, d.date or back[0].date
        if d is not None and d.location_country is None and scene is not None and view.sentence.paragraph - scene[2] <= 2 \
                and (previous is None or d.date is None or previous.date is None or d.date == previous.date):
            d.location, d.location_country = scene[0], scene[1]
        if here[1] is not None:
            scene = (here[0], here[1], view.sentence.paragraph)
        if d is None:
            continue
        if previous is not None and (d.date is None or d.date == previous.date):
            # told again without a date or place of its own: the meeting before sets them
            d.date = d.date or previous.date
            if d.location is None:
                d.location, d.location_country = previous.location, previous.location_country
        fallback = _recent_day(view, list(dates), published) or published
        parts = [p for p in split_pairs(view, d, lexicon) if len(p.participants) >= 2]
        for part in parts:
            if part.status == "planned":
                part.date = weekday_to_come(view, part.date, published)  # a clause's own weekday (split_pairs)
            if after(part.date, published):
                part.status = "planned"  # a stated day after the article's: still to come
            elif len(parts) > 1 and part.status == "planned" and wholly_before(part.date, published):
                part.status = "held"  # "A will meet B after the summit of C and D in May": that summit was held
            drafts.append((part, fallback))
    for d, _ in drafts:
        if d.location_country is None:
            d.location, d.location_country = _place_told_after(d, placed)
        if d.location_country is None and (trip := during_visit(visits, d.sentence.start, d.names)) is not None:
            d.location, d.location_country = trip.place, trip.country  # met during the visit told before
            d.date = d.date or trip.date
    events = merge_meetings([d.record(fallback) for d, fallback in drafts])
    if filed_at is None:
        return events
    return [e if e.location_country else replace(e, location=filed_at[0], location_country=filed_at[1]) for e in events]
