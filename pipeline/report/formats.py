"""Numbers, amounts and date ranges as a reader of the report wants them: "USD 3.5 bn", "25–30",
"2023-07 – 2024-03". The exact values stay in the page for sorting and in the database."""

from __future__ import annotations

_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def number(value) -> str:
    """'1,234' for 1234; '' for None.

    >>> number(1234), number(None)
    ('1,234', '')
    """
    return "" if value is None else f"{value:,}"


def _short(value: float, scale: float, unit: str) -> str:
    return f"{value / scale:,.2f}".rstrip("0").rstrip(".") + (f" {unit}" if unit else "")


def amount(low, high=None, currency: str | None = None) -> str:
    """An amount or a range in its currency, scaled to its size.

    >>> amount(3.5e9, 3.5e9, "USD"), amount(1.2e12, 1.5e12, "KRW"), amount(None), amount(850000, None, "EUR")
    ('USD 3.5 bn', 'KRW 1.2–1.5 tn', '', 'EUR 850,000')
    """
    if low is None and high is None:
        return ""
    low, high = float(low if low is not None else high), float(high if high is not None else low)
    scale, unit = next(((s, u) for s, u in _SCALES if max(low, high) >= s), (1.0, ""))
    text = _short(low, scale, unit) if low == high else f"{_short(low, scale, '')}–{_short(high, scale, unit)}"
    return f"{currency} {text}" if currency else text


def quantity(low, high=None) -> str:
    """'54', or '25–30' for a range; '' where no count is given.

    >>> quantity(54, 54), quantity(25, 30), quantity(None, None)
    ('54', '25–30', '')
    """
    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        return number(low if low is not None else high)
    return f"{number(low)}–{number(high)}"


def date_range(first: str | None, last: str | None = None) -> str:
    """'2023-07', or '2023-07 – 2024-03' where the reports span more than one date.

    >>> date_range("2023-07", "2024-03"), date_range("2022", "2022"), date_range(None, None)
    ('2023-07 – 2024-03', '2022', '')
    """
    if not first and not last:
        return ""
    if not first or not last or first == last:
        return first or last or ""
    return f"{first} – {last}"
