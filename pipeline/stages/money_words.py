"""Numbers spelled in words before a scale: "two and a half billion", "a quarter of a billion".

The money grammar puts SPELLED before a scale word; ``spelled_value`` reads what it matched.
Broadcasters' mixed forms ("three-point-55", "12-point-four") are read here too.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_WORD_VALUE = {w: i for i, w in enumerate(UNITS)} | TENS | {"a": 1, "an": 1, "hundred": 100}
# a fraction of one scale unit: "half a billion", "a quarter of a billion", "three quarters of a billion"
_FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25"), "quarters": Decimal("0.75")}
_FRACTION = r"half[\s-]+an?|(?:a|one)[\s-]+quarter[\s-]+of[\s-]+an?|three[\s-]+quarters[\s-]+of[\s-]+an?"
_AND_A_HALF = r"[\s-]+and[\s-]+a[\s-]+half"  # "two and a half billion", "one-and-a-half billion"
_DIGITS = "|".join(UNITS[:10])
_CARDINAL = ("(?:" + "|".join(sorted(TENS, key=len, reverse=True)) + r")(?:[\s-](?:" + "|".join(UNITS[1:10]) + r"))?|"
             + "|".join(sorted(UNITS, key=len, reverse=True)) + r"|a|an")
SPELLED = (rf"(?:{_FRACTION})"
           rf"|(?:{_CARDINAL})(?:[\s-]point(?:(?:[\s-](?:{_DIGITS}))+|[\s-]\d+))?(?:[\s-]hundred)?(?:{_AND_A_HALF})?"
           # digits on either side of a spelled point, as broadcasters write: "three-point-55", "12-point-four"
           rf"|\d{{1,3}}[\s-]point(?:(?:[\s-](?:{_DIGITS}))+|[\s-]\d+)")


def spelled_value(text: str) -> Decimal | None:
    """The number a SPELLED match says.

    >>> spelled_value("one-point-three"), spelled_value("twenty five")
    (Decimal('1.3'), Decimal('25'))
    >>> spelled_value("three-point-55"), spelled_value("12-point-four")
    (Decimal('3.55'), Decimal('12.4'))
    >>> spelled_value("half a"), spelled_value("a quarter of a"), spelled_value("three quarters of an")
    (Decimal('0.5'), Decimal('0.25'), Decimal('0.75'))
    >>> spelled_value("two and a half"), spelled_value("one-and-a-half")
    (Decimal('2.5'), Decimal('1.5'))
    """
    words = re.split(r"[\s-]+", text.lower().strip())
    fraction = next((_FRACTIONS[w] for w in words if w in _FRACTIONS), None)
    if fraction is not None and "and" not in words:
        return fraction
    if words[-3:] == ["and", "a", "half"]:
        whole = spelled_value(" ".join(words[:-3]))
        return whole + Decimal("0.5") if whole is not None else None
    whole, frac, in_frac = Decimal(0), "", False
    for w in words:
        if w == "point":
            in_frac = True
        elif in_frac:
            frac += w if w.isdigit() else str(UNITS.index(w))
        elif w.isdigit():
            whole += Decimal(w)
        elif w == "hundred":
            whole = (whole or 1) * 100
        elif w in _WORD_VALUE:
            whole += Decimal(_WORD_VALUE[w])
        else:
            return None
    try:
        return whole + (Decimal("0." + frac) if frac else 0)
    except InvalidOperation:
        return None
