"""One person under any spelling of the name: "Seok Jong-gun", "Seok Jong Gun" and "SEOK Jong-gun" are one
key; "Mariusz Błaszczak" and "Mariusz Blaszczak" too (transliterated by anyascii)."""

from __future__ import annotations

import re

from anyascii import anyascii

from pipeline.groups.records import stable_id

_NOT_LETTERS = re.compile(r"[^a-z0-9]+")


def _words(text: str) -> list[str]:
    return [w for w in _NOT_LETTERS.split(anyascii(text).lower()) if w]


def letters(text: str) -> str:
    """A name compared in ASCII letters and digits alone, lower case, whatever its case, spaces, hyphens and
    accents: "Seok Jong-gun" is "Seok Jong Gun", "Erdoğan" is "Erdogan", "KAAN" is "Kaan"."""
    return "".join(_words(text))


def person_key(name: str, country: str | None = None) -> str:
    """The name as ``letters``; a one-word name ("Kim") keeps its country, so that two countries' Kims stay
    two people."""
    words = _words(name)
    key = "".join(words)
    return key if len(words) > 1 or not country else f"{key}@{country}"


def person_id(name: str | None, country: str | None = None) -> int | None:
    """The id of the person a name stands for (None for no name): the same under every spelling, in every
    database."""
    if not name or not name.strip():
        return None
    return stable_id(("person", person_key(name, country)))
