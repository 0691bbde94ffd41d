"""Dates: every date with its precision, relative ones anchored to the article's own date.

Absolute spans ("June 3, 2024") are read by dateparser; partial and relative ones
("September 2023", "Monday", "last year", "the end of 2025", "the second half of the
year") by the small grammar below, which never invents precision: a span that covers
several days or months is given at the finest precision all of it shares.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
import dateparser

from pipeline.records import CountryMention, DateMention, DateValue
from pipeline.stages.date_intervals import IntervalGrammar, with_interval
from pipeline.wordrx import word_alternatives

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}

_MON = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WD = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_MONTH_FIRST = re.compile(rf"(?P<m>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR})", re.I)
_DAY_FIRST = re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MON}),?\s+(?P<y>{_YEAR})", re.I)
_PARTS = r"(?:beginning|start|middle|end|first half|second half|latter half|last half|first quarter|second quarter|third quarter|fourth quarter|final quarter|last quarter)"
_RELYEAR = r"(?:this year|the year|next year|last year|the current year|the same year|the following year|the previous year)"


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    kind: str
    match: re.Match


def _date(y: int, m: int = 1, d: int = 1) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def span_value(first: dt.date, last: dt.date) -> DateValue:
    """The finest precision at which ``first`` and ``last`` agree, with ``first``..``last`` as its interval.

    >>> span_value(dt.date(2025, 1, 13), dt.date(2025, 1, 19))
    DateValue(value='2025-01', precision='month', bounds=('2025-01-13', '2025-01-19'))
    """
    bounds = (first.isoformat(), last.isoformat())
    if first == last:
        return DateValue(first.isoformat(), "day")
    if (first.year, first.month) == (last.year, last.month):
        return DateValue(f"{first.year:04d}-{first.month:02d}", "month", bounds)
    if first.year == last.year:
        return DateValue(f"{first.year:04d}", "year", bounds)
    return DateValue(None, "year", bounds)  # a week across New Year: no one year holds it, its days are known


def _month_value(y: int, m: int) -> DateValue:
    return DateValue(f"{y:04d}-{m:02d}", "month")


def _year_value(y: int) -> DateValue:
    return DateValue(f"{y:04d}", "year")


def _relative_year(phrase: str, base: dt.date | None) -> int | None:
    if base is None:
        return None
    phrase = phrase.lower()
    if "next" in phrase or "following" in phrase:
        return base.year + 1
    if "last" in phrase or "previous" in phrase:
        return base.year - 1
    return base.year


def _nearest_month(month: int, base: dt.date, future: bool, past: bool) -> int:
    """The year of the named month closest to ``base`` (or the next/last one when the text says so)."""
    candidates = [base.year - 1, base.year, base.year + 1]
    if future:
        return next(y for y in candidates if (y, month) >= (base.year, base.month))
    if past:
        return max(y for y in candidates if (y, month) <= (base.year, base.month))
    return min(candidates, key=lambda y: abs((y - base.year) * 12 + month - base.month))


@lru_cache(maxsize=1)
def _date_parser() -> dateparser.date.DateDataParser:
    """One parser per process: building one costs more than parsing with it."""
    return dateparser.date.DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})


@lru_cache(maxsize=4096)
def parse_absolute(text: str) -> DateValue | None:
    """A date written in full ("June 3, 2024", "3 June 2024", "2024-06-03", "29-07-2025") with its precision.

    >>> parse_absolute("29-07-2025")
    DateValue(value='2025-07-29', precision='day')
    >>> parse_absolute("Dec 13, 2021")
    DateValue(value='2021-12-13', precision='day')
    """
    text = text.strip()
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        day_first = a > 12 or (b <= 12 and "/" not in text)
        d, mo = (a, b) if day_first else (b, a)
        date = _date(y, mo, d)
        return DateValue(date.isoformat(), "day") if date else None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        date = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return DateValue(date.isoformat(), "day") if date else None
    # the common written forms without dateparser, which costs milliseconds a call
    m = _MONTH_FIRST.fullmatch(text) or _DAY_FIRST.fullmatch(text)
    if m:
        date = _date(int(m.group("y")), MONTHS[m.group("m").rstrip(".").lower()], int(m.group("d")))
        return DateValue(date.isoformat(), "day") if date else None
    data = _date_parser().get_date_data(text)
    if data.date_obj is None or data.period not in ("day", "month", "year"):
        return None
    d = data.date_obj.date()
    if data.period == "day":
        return DateValue(d.isoformat(), "day")
    if data.period == "month":
        return _month_value(d.year, d.month)
    return _year_value(d.year)


def _cue_regex(words, extra: str = "", suffix: str = "") -> re.Pattern:
    return re.compile(rf"\b(?:{word_alternatives(words)}{extra})\b{suffix}", re.I)


class DateGrammar:
    """The patterns of the date grammar, each with the function that resolves it; the words that
    put a month or a weekday in the past or the future come from rules/words.yaml."""

    def __init__(self, rules=None) -> None:
        words = rules.word_class if rules is not None else (lambda cls: frozenset())
        self.future = _cue_regex(words("future"))
        self.past = _cue_regex(words("past"), r"|\w{3,}ed")
        # "The summit came (just) a day after ...": the link verb, perhaps hedged, right before the count
        hedge = word_alternatives(words("approximator"))
        self.event_link = _cue_regex(words("event_link"), suffix=rf"(?:\s+(?:{hedge}))?\s*$")
        self.event_noun = _cue_regex(words("event_noun"))
        self.numbers = {"a": 1, "an": 1, **(rules.numbers() if rules is not None else {})}  # the articles count one
        count = rf"(?:(?<![\d,.])\d{{1,4}}(?![\d,])|{word_alternatives(self.numbers)})"
        unit, towards = r"(?:year|month|week|day)s?", r"(?:after|before|later|earlier)"
        P: list[tuple[str, str]] = [
            ("full", rf"(?=[A-Z\d])\b(?:{_WD},?\s+)?(?:{_MON}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR})\b"),
            ("iso", rf"(?=\d)\b{_YEAR}-[01]\d-[0-3]\d\b"),
            ("numeric", rf"(?=\d)\b\d{{1,2}}[-/.]\d{{1,2}}[-/.]{_YEAR}\b"),
            ("part_year", rf"(?=[tbsmeflqTBSMEFLQ])\b(?i:(?:the\s+)?{_PARTS}\s+of\s+(?:{_YEAR}|{_RELYEAR})|(?:early|late|mid-?)\s*{_YEAR}|[Qq][1-4]\s+{_YEAR})\b"),
            ("part_rel", rf"(?=[tbsmefltqTBSMEFLTQ])\b(?i:the\s+)?(?:{_PARTS})(?=\s*[,.;)]|\s+(?:and|or|when|as|with|to|at|for|but|in)\b)"),
            ("month_year", rf"(?=[A-Zelm])\b(?:(?:early|late|mid-?)\s*)?{_MON},?\s+(?:of\s+)?{_YEAR}\b"),
            ("month_rel", rf"(?=[A-ZelmELM])\b(?:(?i:early|late|mid-?)\s*)?{_MON},?\s+(?i:of\s+)?(?i:last|this|next|the\s+previous|the\s+following)\s+(?i:year)\b"),
            ("same_day", r"(?=[tT])\b(?i:the\s+same\s+day|that\s+day)\b"),
            ("month_day", rf"(?=[A-Z\d])\b(?:{_WD},?\s+)?(?:{_MON}\s+{_DAY}|{_DAY}\s+(?:of\s+)?{_MON})\b(?!,?\s*\d)"),
            ("month", rf"\b(?i:in|since|by|until|till|from|of|last|next|this|through|during|before|after|as early as|as late as|and|to|or|around)\s+(?P<core>(?:(?i:early|late|mid-?)\s*)?{_MON})\b(?!\s*\d)"),
            ("month", rf"(?=[elmELM])\b(?i:early|late|mid-)\s*{_MON}\b(?!\s*\d)"),
            ("relative", r"(?=[eltnELTN])\b(?i:(?:earlier|later)\s+this|the\s+(?:previous|past|following|coming)|last|this|next|the\s+same)\s+(?i:year|month|week)\b"),
            ("relday", r"(?=[YyTt])\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow)\b"),
            ("ago", rf"\b(?i:{count}\s+{unit}\s+ago)\b"),
            ("offset", rf"\b(?i:{count}\s+{unit}\s+{towards})\b(?!\s+than\b)"),
            # "on the 10th" (Korean and Japanese outlets): a day of the story's month
            ("nth_day", rf"(?=[oO])\b(?i:on)\s+the\s+(?P<core>[1-3]?\d(?:st|nd|rd|th))\b(?!\s+(?:of\s+)?(?:{_MON}|century|anniversary|parallel|floor|day|time|round|session|meeting|edition|\w+-)|\s*[-\w])"),
            ("weekday", rf"(?=[lntoLNTOMWFS])\b(?:(?i:last|next|this|this coming|on)\s+)?(?P<core>{_WD})\b(?!['’]s\s+(?:edition|paper|newspaper))"),
            ("year", rf"(?=[12])(?<![\d,.$€£₩\-/])(?<!No\.\s){_YEAR}(?![\d%]|s\b|\s*(?:units|tanks|jets|troops|soldiers|km|kilometers|miles)\b|-[a-z])"),
        ]
        self.patterns = [(kind, re.compile(rx)) for kind, rx in P]
        # (each pattern starts with a look-ahead at its possible first characters: the regex engine then
        # skips other positions at once; the counted patterns only run where their unit words are)
        self._gates = {"ago": re.compile(r"(?i)\bago\b"), "offset": re.compile(rf"(?i){unit}\s+{towards}\b")}
        self.intervals = IntervalGrammar(rules)

    def find(self, text: str) -> list[_Span]:
        spans: list[_Span] = []
        for kind, rx in self.patterns:
            gate = self._gates.get(kind)
            if gate is not None and gate.search(text) is None:
                continue
            for m in rx.finditer(text):
                core = "core" in rx.groupindex and m.group("core") is not None
                spans.append(_Span(m.start("core") if core else m.start(), m.end("core") if core else m.end(), kind, m))
        spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
        chosen: list[_Span] = []
        for s in spans:
            if chosen and s.start < chosen[-1].end:
                continue
            chosen.append(s)
        return chosen


def _resolve(span: _Span, text: str, base: dt.date | None, context: str, grammar: DateGrammar) -> DateValue | None:
    """The value of one span; None when it is not a date after all."""
    t = text[span.start:span.end]
    low = span.match.group(0).lower()  # with the words before the core: "last", "next", "in"
    before, _, after = context.partition("\x00")
    # "said ... on Monday that the jets would be delivered": a future word past "that" or a comma is another clause's
    near = before[-60:] + " " + re.split(r"\b(?:that|which|who)\b|[,;]", after[:20], maxsplit=1)[0]
    just_before = before[-40:]
    if grammar.past.search(just_before) and not grammar.future.search(just_before):
        future, past = False, True  # "arrived Tuesday", "signed ... on Monday"
    else:
        future = bool(grammar.future.search(near)) or low.startswith(("next", "this coming"))
        past = low.startswith("last") or (not future and bool(grammar.past.search(before + " " + after)))
    if span.kind in ("full", "iso", "numeric"):
        return parse_absolute(re.sub(rf"^{_WD},?\s+", "", t))
    if span.kind == "month_year":
        m = re.search(_MON, t)
        y = re.search(_YEAR, t)
        return _month_value(int(y.group(0)), MONTHS[m.group(0).rstrip(".").lower()])
    if span.kind == "month_rel":
        month = MONTHS[re.search(_MON, t).group(0).rstrip(".").lower()]
        year = _relative_year(t.lower().replace("previous", "last").replace("following", "next"), base)
        return _month_value(year, month) if year else DateValue(None, "month")
    if span.kind == "part_year":
        y = re.search(_YEAR, t)
        year = int(y.group(0)) if y else _relative_year(t, base)
        return _year_value(year) if year else DateValue(None, "year")
    if span.kind == "part_rel":
        return _year_value(base.year) if base else DateValue(None, "year")
    if span.kind in ("month", "month_day"):
        m = re.search(_MON, t)
        month = MONTHS[m.group(0).rstrip(".").lower()]
        day_m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", t)
        if base is None:
            return DateValue(None, "day" if day_m else "month")
        year = _nearest_month(month, base, future, past)
        if day_m:
            date = _date(year, month, int(day_m.group(1)))
            return DateValue(date.isoformat(), "day") if date else None
        return _month_value(year, month)
    if span.kind == "relative":
        unit = low.split()[-1]
        if base is None:
            return DateValue(None, unit if unit != "week" else "month")
        step = 1 if re.search(r"next|following|coming", low) else -1 if re.search(r"last|previous|past", low) else 0
        if unit != "week":
            return _moved(base, step, unit)
        monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=step)
        return span_value(monday, monday + dt.timedelta(days=6))
    if span.kind == "relday":
        if base is None:
            return DateValue(None, "day")
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[low]
        return DateValue((base + dt.timedelta(days=shift)).isoformat(), "day")
    if span.kind == "ago":
        n, unit, _ = _counted(low, grammar)
        if base is None:
            return DateValue(None, unit if unit in ("year", "month", "day") else "month")
        moved = _moved(base, -n, unit)
        if unit != "week" or moved is None:
            return moved
        d = dt.date.fromisoformat(moved.value)  # "two weeks ago": that whole week
        return span_value(d - dt.timedelta(days=d.weekday()), d + dt.timedelta(days=6 - d.weekday()))
    if span.kind == "nth_day":
        return _nth_day(int(re.match(r"\d+", t).group(0)), base, future)
    if span.kind == "weekday":
        wd = WEEKDAYS[re.search(_WD, t).group(0).lower()]
        if base is None:
            return DateValue(None, "day")
        if future and not low.startswith("last"):
            delta = (wd - base.weekday()) % 7
            if low.startswith("next") and delta == 0:
                delta = 7
            return DateValue((base + dt.timedelta(days=delta)).isoformat(), "day")
        delta = (base.weekday() - wd) % 7
        if low.startswith("last") and delta == 0:
            delta = 7
        return DateValue((base - dt.timedelta(days=delta)).isoformat(), "day")
    if span.kind == "year":
        return _year_value(int(t))
    return None


def _nth_day(day: int, base: dt.date | None, future: bool) -> DateValue | None:
    """"on the 10th": that day of the story's month; of the month before where it is still to come and nothing
    says the future, of the month after where it is past and the sentence speaks of the future."""
    if base is None:
        return DateValue(None, "day")
    month = base.month + (-1 if day > base.day and not future else 1 if day < base.day and future else 0)
    year, month = base.year + (month - 1) // 12, (month - 1) % 12 + 1
    date = _date(year, month, day)
    return DateValue(date.isoformat(), "day") if date else None


_ORDER = {"year": 1, "month": 2, "day": 3}


def _needs_the_day(kind: str, phrase: str) -> bool:
    """A relative date read against the article's day: "yesterday", "Friday", "last week", "two days ago"
    ("last month" and "two years ago" need only its month)."""
    return kind in ("relday", "weekday", "nth_day") or kind in ("relative", "ago") and bool(re.search(r"(?i)\b(?:week|day)s?\b", phrase))


def _counted(phrase: str, grammar: DateGrammar) -> tuple[int, str, str]:
    """"two weeks ago" -> (2, "week", "ago"); the count may be a number word of several words."""
    count, unit, direction = re.fullmatch(r"(.+?)\s+(year|month|week|day)s?\s+(\w+)", phrase.lower()).groups()
    return (int(count) if count.isdigit() else grammar.numbers[" ".join(count.split())]), unit, direction


def _moved(anchor: dt.date, n: int, unit: str) -> DateValue | None:
    """``anchor`` moved by ``n`` years, months, weeks or days (back where negative), at the unit's
    precision (a day for weeks); None outside the calendar."""
    try:
        if unit == "year":
            return _year_value(dt.date(anchor.year + n, 1, 1).year)
        if unit == "month":
            y, mo = divmod(anchor.year * 12 + anchor.month - 1 + n, 12)
            return _month_value(dt.date(y, mo + 1, 1).year, mo + 1)
        return DateValue((anchor + dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat(), "day")
    except (OverflowError, ValueError):
        return None


def _offset(phrase: str, earlier: list[DateMention], before: str, after: str, dated_after: bool,
            grammar: DateGrammar) -> DateValue | None:
    """"Two days later": counted from the last event date named (``earlier``: the mentions so far).
    "A day after ..." counts only after a link verb (rules/words.yaml: event_link): "The first tanks came
    four months after the signing" counts on from the signing. Where an event noun comes before the verb
    and a clause after "after" ("The summit came a day after Hanwha signed ..."), the count dates that
    clause: the signing was the day before the summit. Elsewhere ("arrived Tuesday, four months after
    ...", "On Tuesday, a day before the ceremony") it is no date of its own: None."""
    n, unit, direction = _counted(phrase, grammar)
    step = 1 if direction in ("after", "later") else -1
    if direction in ("after", "before"):
        link = grammar.event_link.search(before)
        if link is None:
            return None
        clause = after.split(",")[0]
        # a clause follows ("after Austin sat down", "after the company signed"), not a noun phrase ("after the signing")
        if grammar.event_noun.search(before[:link.start()]) and grammar.past.search(clause):
            if dated_after:
                return None  # "... three months after Yoon welcomed Iohannis in April": that clause has its date
            step = -step
    need = "day" if unit == "week" else unit
    anchor = next((d.date for d in reversed(earlier) if d.date.value and not d.attribution), None)
    if anchor is None or _ORDER[anchor.precision] < _ORDER[need]:
        return DateValue(None, need)  # nothing to count from, or "in 2022 ... two weeks later": no day known
    return _moved(dt.date.fromisoformat(_padded(anchor.value)), step * n, unit)


_STORY_STEP = re.compile(r"^(?:the\s+)?(following|next|previous)\s+(year|month)$", re.I)


def _in_the_story(phrase: str, context: str, earlier: list[DateMention], base: dt.date | None) -> DateValue | None:
    """"In July 2022 ... The following month, it signed": "the following/next/previous month or year" counts
    from the last date the story named before the article's own, not from the article's date ("next year"
    with no article stays the article's)."""
    m = _STORY_STEP.match(phrase.strip())
    if m is None or not (phrase.lower().startswith("the") or re.search(r"\bthe\s*$", context.lower())):
        return None
    unit = m.group(2).lower()
    anchor = next((d.date for d in reversed(earlier) if d.date.value and not d.attribution), None)
    if anchor is None or _ORDER[anchor.precision] < _ORDER[unit] or (base and anchor.year > base.year):
        return None
    step = -1 if m.group(1).lower() == "previous" else 1
    return _moved(dt.date.fromisoformat(_padded(anchor.value)), step, unit)


def _padded(value: str) -> str:
    """"2024" -> "2024-01-01", "2024-06" -> "2024-06-01"."""
    return value + "-01" * (2 - value.count("-"))


def extract_dates(text: str, *, grammar: DateGrammar, published: DateValue | None,
                  attribution_words: frozenset[str], dateline_end: int = 0,
                  countries: list[CountryMention] | tuple[CountryMention, ...] = ()) -> list[DateMention]:
    """Every date in ``text``; relative ones resolved against ``published`` (None: value NULL), each with
    its interval (pipeline.stages.date_intervals; ``countries``: the text's, for whose fiscal year).
    A date inside the dateline (before ``dateline_end``) is the article's date, not an event's:
    it is marked like a date of telling."""
    base = None
    if published and published.value and published.precision in ("day", "month"):
        base = dt.date.fromisoformat(_padded(published.value))
    coarse = base is not None and published.precision == "month"  # known to the month, as from a page's address
    out: list[DateMention] = []
    spans = grammar.find(text)
    for n, span in enumerate(spans):
        sent_start = max(text.rfind(". ", 0, span.start), text.rfind("\n", 0, span.start)) + 1
        ends = [i for i in (text.find(". ", span.end), text.find("\n", span.end)) if i >= 0]
        sent_end = min(ends) if ends else len(text)
        context = text[sent_start:span.start]
        if span.kind == "same_day":  # "on the same day": the last day named before
            last = next((d.date for d in reversed(out) if d.date.precision == "day"), None)
            value = last if last is not None else DateValue(None, "day")
        elif span.kind == "offset":
            dated_after = n + 1 < len(spans) and spans[n + 1].start < sent_end  # a date later in the sentence
            value = _offset(span.match.group(0).lower(), out, context, text[span.end:sent_end], dated_after, grammar)
        else:
            value = _in_the_story(span.match.group(0), context, out, base) if span.kind == "relative" else None
            value = value or _resolve(span, text, base, context + "\x00" + text[span.end:sent_end], grammar)
        if value is None:
            continue
        if coarse and value.value and _needs_the_day(span.kind, span.match.group(0)):  # "Friday" in an article of "2024-06"
            value = DateValue(None, value.precision)
        value = with_interval(value, kind=span.kind, phrase=text[span.start:span.end], before=context,
                              after=text[span.end:sent_end], grammar=grammar.intervals, countries=countries,
                              at=(span.start, span.end), sentence=(text.rfind("\n", 0, span.start) + 1, sent_end))
        words = re.findall(r"[a-z]+", context.lower())[-6:]
        attribution = bool(attribution_words.intersection(words)) and not re.match(r"['’]s\b", text[span.end:span.end + 3])
        # the dateline's own date; lines above a dateline found lines down (a byline under the lead) tell of events
        attribution = attribution or (span.end <= dateline_end and "\n" not in text[span.end:dateline_end])
        out.append(DateMention(span.start, span.end, text[span.start:span.end], value, attribution, f"dates.{span.kind}"))
    return out
