"""Articles -> DocResults for one batch: the work each process does, with no database in sight.

The read pass (sentences, NER) covers every document; the parse pass covers only the
sentences that can hold an event. A failure in one document becomes a Failure record for
that document alone.
"""

from __future__ import annotations

import bisect
import re
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator, TypeVar
from urllib.parse import urlsplit

from spacy.tokens import Doc, Token

from pipeline import chapters
from pipeline.labels import MUTE_ZONES
from pipeline.records import (Article, CountryMention, DateMention, DocResult, Failure, Mentions, Money, Official,
                              OrgMention, Sentence, SystemMention, shifted)
from pipeline.nlp import Toolkit
from pipeline.rules import LexicalRule
from pipeline.stages.dates import extract_dates
from pipeline.stages.deals import extract_deals
from pipeline.stages.deals.contracts import assign_contracts
from pipeline.stages.headcase import lower_words, sentence_cased
from pipeline.stages.entities import extract_countries, extract_organizations, extract_systems, without_company_arms
from pipeline.stages.meetings import dateline_place, extract_meetings
from pipeline.stages.money import extract_money, of_the_countries
from pipeline.stages.office_holders import known_as, name_participants, resolve_offices
from pipeline.stages.officials import extract_officials
from pipeline.stages.sentences import keep_text, lists_on, split_sentences, text_of
from pipeline.stages.views import SentenceView
from pipeline.stages.zones import (LineZone, audible, find_zones, same_buyer, same_people, without_echoes,
                                   zone_sentences)
from pipeline.wrapped import unwrapped

_DIGIT = re.compile(r"\d")
# longer texts are read in pieces cut at line breaks: a piece has at most this many tokens (a token is at
# least a character), so no call of the read pass holds more than pipeline.nlp.READ_TOKENS
SEGMENT_CHARS = 20_000
T = TypeVar("T")
W = TypeVar("W", bound=tuple)  # an item of a spaCy pass: (its document's _Work, ...)


def segments(text: str, limit: int = SEGMENT_CHARS) -> list[tuple[int, str]]:
    """``text`` cut into pieces of at most ``limit`` characters, at a line break where there is one.

    >>> [(b, len(t)) for b, t in segments("ab\\ncd\\nef", limit=4)]
    [(0, 3), (3, 3), (6, 2)]
    """
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        out.append((start, text[start:end]))
        start = end
    return out


def _shift(items: Iterable[T], base: int) -> list[T]:
    return [shifted(x, base) for x in items] if base else list(items)


@dataclass
class _Work:
    """One article on its way through the batch."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    countries: list[CountryMention] = field(default_factory=list)
    systems: list[SystemMention] = field(default_factory=list)
    orgs: list[OrgMention] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    candidates: list[Sentence] = field(default_factory=list)  # the sentences worth parsing, at article offsets
    zones: list[LineZone] = field(default_factory=list)  # of the article's lines (rules/zones.yaml)
    error: str | None = None
    seconds: float = 0.0  # its own stages, and its share of the batch's model passes (by the characters it gave them)


@contextmanager
def _timed(work: _Work) -> Iterator[None]:
    """Adds the time of the block to ``work``'s own."""
    started = time.perf_counter()
    try:
        yield
    finally:
        work.seconds += time.perf_counter() - started


def _share(seconds: float, weights: dict[int, tuple[_Work, int]]) -> None:
    """A batched pass's time, less what the documents' own stages took inside it, spread over the documents
    by their weight (the characters each gave the pass)."""
    total = sum(weight for _, weight in weights.values()) or 1
    for work, weight in weights.values():
        work.seconds += max(seconds, 0.0) * weight / total


def _fail(work: _Work, stage: str, exc: BaseException) -> None:
    where = traceback.extract_tb(exc.__traceback__)[-1]
    message = (str(exc).strip().splitlines() or [""])[0]  # one line, whatever the exception says
    work.error = (f"{work.article.path}: internal error in {stage}: {type(exc).__name__}: {message} "
                  f"({where.filename.rsplit('/', 1)[-1]}:{where.lineno})")


def _isolated(items: list[W], run: Callable[[Iterable[W]], Iterator[Doc]], stage: str) -> Iterator[tuple[W, Doc]]:
    """Each item with its Doc from ``run`` over them all. A spaCy pass takes a batch at once, so one
    document that breaks it (a MemoryError, a bug in a component) would take the whole batch down:
    if the batched run raises, the items not yet done are run again one at a time, and an item that
    raises on its own fails its document (an item's first part is its _Work). Items of a document that
    has failed already are not run again."""
    done = 0
    try:
        for item, doc in zip(items, run(items)):
            yield item, doc
            done += 1
    except Exception:
        for item in items[done:]:
            if item[0].error is not None:
                continue
            try:
                doc = next(iter(run([item])))
            except Exception as e:
                _fail(item[0], stage, e)
                continue
            yield item, doc


def _mentions(work: _Work, doc: Doc, base: int, kit: Toolkit) -> None:
    """Every mention in one segment, shifted to article offsets."""
    lex = kit.lexicon
    art = work.article
    text = text_of(doc)
    sentences = zone_sentences(split_sentences(doc), work.zones, base)
    year = int(art.published.value[:4]) if art.published and art.published.value else None
    money = extract_money(text, grammar=kit.money, fx_year=year, site=urlsplit(art.url).hostname if art.url else None)
    countries = extract_countries(doc, lexicon=lex, blocked=[(m.start, m.end) for m in money])
    money = of_the_countries(text, money, {c.code for c in countries}, kit.money, year)  # "kroner" in a Danish sale
    orgs = extract_organizations(doc, lexicon=lex, countries=countries)
    systems = extract_systems(doc, lexicon=lex, countries=countries, orgs=orgs,
                              sentence_starts=frozenset(s.start for s in sentences))
    countries = without_company_arms(countries, orgs, text)
    blocked = [(s.start, s.end) for s in systems] + [(o.start, o.end) for o in orgs if o.kind != "government"]
    officials = extract_officials(doc, lexicon=lex, countries=countries, orgs=orgs, blocked_chars=blocked)
    dates = extract_dates(text, grammar=kit.dates, published=art.published, attribution_words=kit.attribution_words,
                          dateline_end=art.dateline_end - base, countries=countries)
    # navigation and widget text yields nothing: its mentions go, and it is never parsed for events
    countries, systems, orgs, officials, money, dates = (audible(x, sentences) for x in (countries, systems, orgs,
                                                                                       officials, money, dates))
    work.sentences += _shift(sentences, base)
    work.countries += _shift(countries, base)
    work.systems += _shift(systems, base)
    work.orgs += _shift(orgs, base)
    work.officials += _shift(officials, base)
    work.money += _shift(money, base)
    work.dates += _shift(dates, base)
    # sentences worth parsing: a money amount; a trigger word with something an event needs (a party,
    # a system, a person, a date, a number, a list after it); a sentence right after one of those that adds numbers or
    # systems, and so on down a list that follows it.
    # Never navigation. A caption or a related headline is parsed, for the context it gives (a meeting's
    # place), but tells no event of its own (_result, pipeline.stages.meetings).
    money_at = sorted(m.start for m in money)
    named = sorted([x.start for group in (countries, systems, orgs, officials, dates) for x in group]
                   + [e.start_char for e in doc.ents if e.label_ == "PERSON"])  # a person with no title too
    system_at = sorted(x.start for x in systems)
    previous = False
    for s in (s for s in sentences if s.zone not in MUTE_ZONES):
        has_money = _any_in(money_at, s.start, s.end)
        has_digit = _DIGIT.search(s.text) is not None
        # a trigger sentence that opens a list ("attended by:"): the people are on the lines after it
        opens_list = s.text.endswith(":")
        hit = has_money or (kit.candidate_rx.search(s.text) is not None
                            and (has_digit or opens_list or _any_in(named, s.start, s.end)))
        follow = previous and (has_digit or _any_in(system_at, s.start, s.end))
        if hit or follow:
            # the parse pass tokenizes the sentence again: cheaper than copying it out of the whole Doc
            work.candidates.append(replace(s, start=s.start + base, end=s.end + base))
        previous = hit or previous and lists_on(s.text)


def _any_in(offsets: list[int], start: int, end: int) -> bool:
    """Is any of the sorted ``offsets`` in [start, end)?"""
    i = bisect.bisect_left(offsets, start)
    return i < len(offsets) and offsets[i] < end


def _civil(tok: Token, civil: frozenset[str]) -> bool:
    """Is the aid a kind that arms no one ("financial assistance", "humanitarian aid")?"""
    return any(c.dep_ in ("amod", "compound") and c.lower_ in civil for c in tok.children)


def _inside(items: list[T], start: int, end: int) -> list[T]:
    return [x for x in items if start <= x.start and x.end <= end]


def _view(work: _Work, sentence: Sentence, doc: Doc, base: int, kit: Toolkit) -> SentenceView:
    end = base + len(sentence.text)
    view = SentenceView(sentence, doc, base, _inside(work.countries, base, end), _inside(work.systems, base, end),
                        _inside(work.orgs, base, end), _inside(work.officials, base, end),
                        _inside(work.money, base, end), _inside(work.dates, base, end))
    for rule_id, s, e in kit.event_matcher.matches(doc):
        kind, rule = kit.rule_kind[rule_id]
        if kind == "deal":
            view.deal_triggers.append((doc[s:e].root, rule))
        elif kind == "meeting":
            view.meeting_triggers.append((doc[s:e].root, rule))
        else:
            view.cues.append((doc[s:e], rule.attrs["effect"]))
            view.cue_rules.setdefault((s, e, rule.attrs["effect"]), rule.id)
    # a word inside a system's or an organisation's name is not a trigger ("Hanwha Ocean", "Patriot Deal"),
    # nor one inside an amount ("19 billion won" is no winning)
    names = {i for m in (*view.systems, *view.orgs, *view.money) if not getattr(m, "generic", False) for i in view.token_range(m)}
    names |= {t.i for span in view.effects("idiom") for t in span}  # "in order to support": no order
    # aid that arms no one ("financial assistance needs", "humanitarian aid") makes no deal aid
    civil = kit.rules.word_class("civil_aid")
    view.cues = [(s, e) for s, e in view.cues if not (e == "aid" and _civil(s.root, civil))]
    view.deal_triggers = [(t, r) for t, r in view.deal_triggers if t.i not in names and
                          not (r.attrs.get("status") == "aid" and _civil(t, civil))]
    view.meeting_triggers = [(t, r) for t, r in view.meeting_triggers if t.i not in names]
    getting = kit.rules.trigger_class("getting")
    view.deal_triggers = [(t, _as_won(r) if r.lemma in getting and _gets_a_contract(t, view.deal_triggers) else r)
                          for t, r in view.deal_triggers]
    return view


def _gets_a_contract(verb: Token, triggers: list[tuple[Token, LexicalRule]]) -> bool:
    """Is a verb of getting told of a contract it gets ("Hanwha received a $300 million order from Thailand", "the
    yard has received the contract for two frigates")? What is got there is the order, not goods."""
    nouns = {t.i for t, r in triggers if t.pos_ == "NOUN" and r.attrs.get("status") == "signed"}
    return verb.pos_ == "VERB" and any(c.dep_ in ("dobj", "nsubjpass") and c.i in nouns for c in verb.children)


def _as_won(rule: LexicalRule) -> LexicalRule:
    """A verb of getting read as one of winning a contract ("won an order"): its subject is the supplier, the deal
    signed."""
    return replace(rule, attrs={**rule.attrs, "status": "signed", "subject": "supplier"})


def analyse(articles: list[Article], kit: Toolkit) -> list[DocResult | Failure]:
    """Process one batch of articles; results in the same order, a Failure for each that failed. An
    article longer than a chapter is analysed on its own, chapter by chapter (pipeline.chapters)."""
    long = {i for i, a in enumerate(articles) if len(a.text) > chapters.CHAPTER_CHARS}
    if not long:
        return _analyse(articles, kit)
    short = iter(_analyse([a for i, a in enumerate(articles) if i not in long], kit))

    def one(chapter: Article) -> DocResult | Failure:
        return _analyse([chapter], kit)[0]

    return [chapters.analyse_in_chapters(a, one, segments) if i in long else next(short) for i, a in enumerate(articles)]


def _as_parsed(w: _Work, s: Sentence, lower: dict[int, frozenset[str]]) -> str:
    """The text the parser reads for sentence ``s``: a title-case heading in sentence case, its names kept."""
    if not s.heading:
        return s.text
    names = [(m.start - s.start, m.end - s.start) for m in (*w.systems, *w.countries, *w.orgs, *w.officials)
             if s.start <= m.start < s.end]
    return sentence_cased(s.text, lower[id(w)], names)


def _analyse(articles: list[Article], kit: Toolkit) -> list[DocResult | Failure]:
    works = [_Work(a) for a in articles]
    pieces = [(w, base, text) for w in works for base, text in segments(w.article.text)]
    read = _isolated(pieces, lambda some: kit.read(t for _, _, t in some), "read")
    for w in works:
        try:
            with _timed(w):
                w.zones = find_zones(w.article.text, kit.rules.zones.values(), dateline_end=w.article.dateline_end)
        except Exception as e:
            _fail(w, "zones", e)
    started, own = time.perf_counter(), sum(w.seconds for w in works)
    for (w, base, text), doc in read:
        if w.error:
            continue
        keep_text(doc, text)
        try:
            with _timed(w):
                _mentions(w, doc, base, kit)
        except Exception as e:  # one document's bug must not stop the batch; it is reported with its file
            _fail(w, "mentions", e)
    _share(time.perf_counter() - started - (sum(w.seconds for w in works) - own),
           {id(w): (w, len(w.article.text)) for w in works})
    queue = [(w, s) for w in works if not w.error for s in w.candidates]
    views: dict[int, list[SentenceView]] = {}
    lower = {id(w): lower_words(w.article.text) for w in works if any(s.heading for s in w.candidates)}
    # a title-case heading is parsed as a sentence is written ("Vietnam Orders 12 ... Jets From Russia")
    parse = _isolated(queue, lambda some: kit.parse(_as_parsed(w, s, lower) for w, s in some), "parse")
    started, own = time.perf_counter(), sum(w.seconds for w in works)
    for (w, s), parsed in parse:
        if w.error:
            continue
        keep_text(parsed, s.text)
        try:
            with _timed(w):
                views.setdefault(id(w), []).append(_view(w, s, parsed, s.start, kit))
        except Exception as e:
            _fail(w, "parse", e)
    weights: dict[int, tuple[_Work, int]] = {}
    for w, s in queue:
        weights[id(w)] = (w, weights.get(id(w), (w, 0))[1] + s.end - s.start)
    _share(time.perf_counter() - started - (sum(w.seconds for w in works) - own), weights)
    out: list[DocResult | Failure] = []
    units = frozenset(kit.rules.units)
    for w in works:
        if w.error is None:
            try:
                with _timed(w):
                    result = _result(w, views.get(id(w), []), kit, units)
                out.append(replace(result, seconds=w.seconds))
                continue
            except Exception as e:
                _fail(w, "events", e)
        out.append(Failure(w.article.path, w.article.root, w.article.sha256, w.error))
    return out


def _result(w: _Work, views: list[SentenceView], kit: Toolkit, units: frozenset[str]) -> DocResult:
    art = w.article
    deals = extract_deals(views, rules=kit.rules, published=art.published, units=units, dates=w.dates,
                          sentences=w.sentences, systems=w.systems, countries=w.countries, dateline_end=art.dateline_end)
    meetings = extract_meetings(views, lexicon=kit.lexicon, officials=w.officials, published=art.published, dates=w.dates,
                                filed_at=dateline_place(w.countries, art.dateline_end), sentences=w.sentences)
    # offices told without a name, named after their holder that day (rules/offices.yaml); after the meetings, which
    # read only the officials the text names
    meetings = name_participants(meetings, rules=kit.rules, published=art.published)
    held = resolve_offices(art.text, rules=kit.rules, published=art.published, countries=w.countries,
                           officials=w.officials, sentences=w.sentences)
    officials = known_as(kit.rules, sorted([*w.officials, *held], key=lambda o: o.start) if held else w.officials)
    meetings = [replace(m, participants=tuple(known_as(kit.rules, m.participants))) for m in meetings]
    mentions = Mentions(tuple(w.sentences), tuple(w.countries), tuple(w.systems), tuple(w.orgs), tuple(officials),
                        tuple(w.money), tuple(w.dates))
    # a caption repeats the lead, a related list names other stories: neither tells an event of its own
    # contracts once echoes are gone: a caption's row of a contract would share its value
    deals, meetings = assign_contracts(without_echoes(deals, same_buyer)), without_echoes(meetings, same_people)
    families = kit.rules.families()  # what grouping across documents keys deals on (pipeline.groups)
    kinds = kit.rules.categories  # a deal that names no system is stored with its kind: "frigate"
    deals = [replace(d, families=tuple(sorted({families.get(s, s) for s in d.systems})),
                     named=tuple(s not in kinds for s in d.systems)) for d in deals]
    return DocResult(art, mentions, tuple(deals), tuple(meetings))


def analyse_text(text: str, kit: Toolkit, *, published: str | None = None, path: str = "<text>",
                 url: str | None = None) -> DocResult:
    """One text analysed as an article (``published`` as ISO 8601 of any precision: "2024-06-03", or "2024-06"
    as a page's address gives it; ``url`` where it was published): for tests and ``rules test``."""
    from pipeline.ingest import find_dateline, published_date

    text = unwrapped(text)  # as ingest reads a plain-text file
    dateline = find_dateline(text, kit.rules)
    pub = published_date(published) if published else (dateline[0] if dateline else None)
    article = Article(path=path, root="", text=text, sha256="", url=url, published=pub,
                      published_source=("meta" if published else "text") if pub else None,
                      dateline_end=dateline[1] if dateline else 0)
    result = analyse([article], kit)[0]
    if isinstance(result, Failure):
        raise RuntimeError(result.error)
    return result
