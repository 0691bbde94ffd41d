"""Date intervals: the first and last day a date stands for, where year, month or day cannot hold it.

The date stage resolves each date's value at the precision the text gives ("late 2024" is 2024);
this module adds the interval the words say ("late 2024": 2024-09-01..2024-12-31, "by 2027": no
start, 2027-12-31; "fiscal 2025" in India: 2024-04-01..2025-03-31). The value is never changed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from typing import Mapping, Sequence

from pipeline.records import CountryMention, DateValue
from pipeline.ruletypes import FiscalYear
from pipeline.wordrx import word_alternatives

# The months of a year each part names; the longest part named in the date's words wins.
YEAR_PARTS = {"beginning": (1, 1), "start": (1, 1), "early": (1, 4), "middle": (5, 8), "mid": (5, 8),
              "end": (10, 12), "late": (9, 12), "first half": (1, 6), "second half": (7, 12), "latter half": (7, 12),
              "last half": (7, 12), "first quarter": (1, 3), "second quarter": (4, 6), "third quarter": (7, 9),
              "fourth quarter": (10, 12), "final quarter": (10, 12), "last quarter": (10, 12), "q1": (1, 3),
              "q2": (4, 6), "q3": (7, 9), "q4": (10, 12)}
# The days of a month each part names ("early June": the first ten days); 31 stands for the month's last.
MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_YEAR_PART = re.compile(rf"\b(?:{'|'.join(sorted(YEAR_PARTS, key=len, reverse=True))})\b|\bmid(?=-?\d)", re.I)
_MONTH_PART = re.compile(r"^(early|late|mid)\b", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")
# the dates whose words may name a part of a year or of a month (pipeline.stages.dates kinds)
_PART_YEAR_KINDS = ("part_year", "part_rel")
_PART_MONTH_KINDS = ("month_year", "month_rel", "month")


class IntervalGrammar:
    """The words that open a date's start ("by") and make a year fiscal ("FY", "fiscal year"), from
    rules/words.yaml, and the fiscal years of rules/fiscal_years.yaml."""

    def __init__(self, rules=None) -> None:
        words = rules.word_class if rules is not None else (lambda cls: frozenset())
        self.fiscal_years: Mapping[str, FiscalYear] = rules.fiscal_years if rules is not None else {}
        self.open_start = re.compile(rf"\b(?:{word_alternatives(words('open_start'))})\s+(?:the\s+)?$", re.I)
        fiscal = word_alternatives(words("fiscal_year"))
        # "the fiscal year 2025", "FY2025", "FY 2024-25" before the year; "2025 fiscal year", "2024-25 financial year" after
        self.fiscal_before = re.compile(rf"\b(?:{fiscal})\s*(?:of\s+)?$", re.I)
        self.fiscal_after = re.compile(rf"^(?P<second>[-/–](?:\d\d)?\d\d\b)?\s*(?:{fiscal})\b", re.I)
        self.second_year = re.compile(r"^[-/–](?P<y>(?:\d\d)?\d\d)\b")


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _months(y: int, first: int, last: int) -> tuple[str, str]:
    return dt.date(y, first, 1).isoformat(), dt.date(y, last, _last_day(y, last)).isoformat()


def part_bounds(kind: str, phrase: str, value: DateValue) -> tuple[str, str] | None:
    """The interval of a part of a year or a month ("the first quarter of 2025", "late June 2024") of a
    resolved ``value``; None where the words name no part.

    >>> part_bounds("part_year", "the first quarter of 2025", DateValue("2025", "year"))
    ('2025-01-01', '2025-03-31')
    >>> part_bounds("month_year", "late June 2024", DateValue("2024-06", "month"))
    ('2024-06-21', '2024-06-30')
    """
    if not value.value:
        return None
    y = int(value.value[:4])
    if kind in _PART_YEAR_KINDS and value.precision == "year":
        m = _YEAR_PART.search(phrase)
        if m is None:
            return None
        key = m.group(0).lower()
        return _months(y, *YEAR_PARTS[key if key in YEAR_PARTS else "mid"])
    if kind in _PART_MONTH_KINDS and value.precision == "month":
        m = _MONTH_PART.match(phrase.strip())
        if m is None:
            return None
        month = int(value.value[5:7])
        first, last = MONTH_PARTS[m.group(1).lower()]
        return dt.date(y, month, first).isoformat(), dt.date(y, month, min(last, _last_day(y, month))).isoformat()
    return None


def fiscal_bounds(year: int, second: int | None, fiscal: FiscalYear) -> tuple[str, str]:
    """The first and last day of the fiscal year named ``year`` (``second``: the other year of a two-year
    name, "2024-25") in a country whose fiscal year is ``fiscal``.

    >>> from pipeline.records import SourceLine
    >>> fiscal_bounds(2025, None, FiscalYear("IND", 4, "end", SourceLine("t", 1)))
    ('2024-04-01', '2025-03-31')
    >>> fiscal_bounds(2025, 2026, FiscalYear("GBR", 4, "start", SourceLine("t", 1)))
    ('2025-04-01', '2026-03-31')
    """
    if fiscal.start_month == 1:
        return _months(year, 1, 12)
    start_year = year if second is not None or fiscal.named_by == "start" else year - 1
    first = dt.date(start_year, fiscal.start_month, 1)
    last = dt.date(start_year + 1, fiscal.start_month, 1) - dt.timedelta(days=1)
    return first.isoformat(), last.isoformat()


def _second_year(year: int, digits: str) -> int | None:
    """"2024-25" -> 2025, "2024/2025" -> 2025; None where it is not the year after (a range of years)."""
    second = int(digits) if len(digits) == 4 else year // 100 * 100 + int(digits)
    return second if second == year + 1 else None


def _sentence_country(countries: Sequence[CountryMention], start: int, end: int, sentence: tuple[int, int]) -> str | None:
    """The country whose fiscal year a date in [start, end) is: the nearest named before it in its
    ``sentence`` ("India's fiscal 2025 budget"), else the first after it. (The date stage's sentence runs
    from the start of the line: "U.S. fiscal 2026" would otherwise be cut at "U.S.".)"""
    inside = [c for c in countries if sentence[0] <= c.start and c.end <= sentence[1]]
    before = [c for c in inside if c.end <= start]
    if before:
        return before[-1].code
    after = [c for c in inside if c.start >= end]
    return after[0].code if after else None


def with_interval(value: DateValue, *, kind: str, phrase: str, before: str, after: str, grammar: IntervalGrammar,
                  countries: Sequence[CountryMention] = (), at: tuple[int, int] = (0, 0),
                  sentence: tuple[int, int] = (0, 0)) -> DateValue:
    """``value`` with the interval its words give: a part of a year or month, a fiscal year (where the
    sentence names a country whose fiscal year rules/fiscal_years.yaml knows; an unknown interval
    otherwise), an open start ("by 2027"). ``before`` and ``after``: the sentence's text around the
    date; ``at``: the date's offsets; ``sentence``: where countries are looked for. An unresolved value
    stays without one."""
    if not value.value and value.bounds is None:
        return value
    bounds = part_bounds(kind, phrase, value) or value.bounds
    if kind == "year":
        bounds = _fiscal(int(phrase), before, after, grammar, countries, at, sentence) or bounds
    if grammar.open_start.search(before):
        bounds = (None, (bounds or value.interval)[1])
    return replace(value, bounds=bounds) if bounds is not None else value


def _fiscal(year: int, before: str, after: str, grammar: IntervalGrammar, countries: Sequence[CountryMention],
            at: tuple[int, int], sentence: tuple[int, int]) -> tuple[str | None, str | None] | None:
    """The interval of a year the words make fiscal; (None, None) where the country's fiscal year is not
    known; None where the year is no fiscal year."""
    later = grammar.fiscal_after.match(after)
    if later is None and grammar.fiscal_before.search(before) is None:
        return None
    two = later.group("second") if later is not None else None
    if two is None:
        m = grammar.second_year.match(after)
        two = m.group(0) if m else None
    second = _second_year(year, two[1:]) if two else None
    country = _sentence_country(countries, *at, sentence)
    fiscal = grammar.fiscal_years.get(country) if country else None
    return fiscal_bounds(year, second, fiscal) if fiscal is not None else (None, None)
