"""The days of meetings against the story's day: a meeting still to come, or one told by a weekday alone.

A stated day after the story's is a meeting still to come; a planned meeting told by a weekday the dates stage put
in the week before the story ("is due to meet B ... on Friday", with a past verb elsewhere in the sentence) is that
weekday of the week after.
"""

from __future__ import annotations

import datetime as dt

from pipeline.records import DateValue
from pipeline.stages.views import SentenceView


def after(date: DateValue | None, today: DateValue | None) -> bool:
    """Does a stated day lie after the story's day (a meeting still to come)?"""
    if not (date and today and date.value and today.value and date.precision == today.precision == "day"):
        return False
    return date.value > today.value


def wholly_after(date: DateValue | None, today: DateValue | None) -> bool:
    """Does a date of any precision begin after the story's day ("in 2025" in a story of 2023)?"""
    if not (date and today and date.value and today.value):
        return False
    return date.value > today.value[:len(date.value)]


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekday_to_come(view: SentenceView, date: DateValue | None, today: DateValue | None) -> DateValue | None:
    """A meeting still to come ("is due to meet B ... on Friday") told by a weekday alone that the dates stage put in
    the week before the story (a past verb elsewhere in the sentence): the same weekday of the week after."""
    if not (date and today and date.value and today.value and date.precision == today.precision == "day"):
        return date
    told = next((x for x in view.dates if x.date == date), None)
    day, pub = dt.date.fromisoformat(date.value), dt.date.fromisoformat(today.value)
    if told is None or told.text.strip().lower() not in _WEEKDAYS or not 0 < (pub - day).days < 7:
        return date
    return DateValue((day + dt.timedelta(days=7)).isoformat(), "day")


def wholly_before(date: DateValue | None, today: DateValue | None) -> bool:
    """Does a stated date of any precision end before the story's day ("in May" in a story of 12 June)?"""
    if not (date and today and date.value and today.value):
        return False
    return date.value < today.value[:len(date.value)]
