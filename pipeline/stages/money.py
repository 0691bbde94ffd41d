"""Money: every amount, with ranges, scale words, per-unit prices and dollar glosses.

The currency symbols and words, the scale words and the per-unit phrases come from
rules/money.yaml; price-parser reads the digits, money_words the spelled-out numbers
("one-point-three trillion won", "half a billion euros"); scales and ranges are handled here. Amounts are Decimals throughout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from price_parser import Price

from pipeline.records import Money
from pipeline.rules import Rules
from pipeline.stages.money_words import SPELLED, spelled_value
from pipeline.wordrx import word_alternatives

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_QUALIFIED_ALONE = re.compile(r"^\d{4}$")  # a bare year never becomes a range's lower end


@dataclass(frozen=True, slots=True)
class _Amount:
    start: int
    end: int
    low: Decimal
    currency: str | None
    scaled: bool
    symbol_first: bool
    rule: str
    factor: Decimal  # of its scale word: "14 billion" 1e9


class MoneyGrammar:
    """The regular expressions and tables compiled from rules/money.yaml."""

    def __init__(self, rules: Rules):
        self.rules = rules
        symbols: dict[str, str] = {}
        words: dict[str, str] = {}
        self.currency_rule: dict[str, str] = {}
        for cur in rules.currencies.values():
            self.currency_rule[cur.code] = str(cur.where)
            for s in cur.symbols:
                symbols[s.lower()] = cur.code
            for w in cur.words:
                words[w.lower()] = cur.code
        self.symbols, self.words = symbols, words
        self.sites = [(site, cur.code, cur.local) for cur in rules.currencies.values() for site in cur.sites]
        # a bare word that ends a country's name of it: "crowns" (Czech) in "Swedish crowns", "Danish kroner"
        self.qualified = {q: w for w in words if " " not in w for q in words if q.endswith(" " + w)}
        self.qualified_rx = re.compile(rf"\b(?:{word_alternatives(self.qualified)})\b", re.IGNORECASE) if self.qualified else None
        # the currencies a bare word may mean: "kroner" the Norwegian or the Danish ones
        self.shared: dict[str, set[str]] = {}
        for q, w in self.qualified.items():
            self.shared.setdefault(w, {words[w]}).add(words[q])
        self.scales: dict[str, tuple[Decimal, str]] = {}
        for sc in rules.scales.values():
            for w in sc.words:
                self.scales[w.lower()] = (sc.factor, str(sc.where))
        def alt(items, word_like_boundary=False):
            """One trie-shaped alternation; with ``word_like_boundary``, a symbol that is a word ("KRW", "W")
            starts at a word boundary."""
            if not word_like_boundary:
                return f"(?:{word_alternatives(items)})"
            words_, marks = [s for s in items if s[0].isalpha()], [s for s in items if not s[0].isalpha()]
            return rf"(?:\b(?:{word_alternatives(words_)})|{word_alternatives(marks)})"

        sym = alt(symbols, word_like_boundary=True)
        word = alt(words)
        scale_spaced = alt(w for w in self.scales if len(w) > 1)
        scale_attached = alt(self.scales)
        # (spelled first: "12-point-four billion" is not the number 12)
        amount = (rf"(?:(?P<spelled>{SPELLED})[\s-]+(?P<sp2>{scale_spaced})\b"
                  rf"|(?P<num>{_NUMBER})(?:-?(?P<att>{scale_attached})\b|\s*(?P<sp>{scale_spaced})\b"
                  # a one-letter scale stands apart only before a currency: "1.6 B USD"
                  rf"|\s(?P<letter>{alt(w for w in self.scales if len(w) == 1)})(?=\s+{word}\b))?)")
        self.rx = re.compile(
            rf"(?<![\w.,])(?:(?P<sym>{sym})\s?)?{amount}(?:(?:\s+|-)(?P<word>{word})\b)?",  # "a 2-billion-euro order"
            re.IGNORECASE,
        )
        # a currency's name right before the number, glossed by its code or followed by a scale: "Euro 7 billion",
        # "Norwegian kroner (NOK) 4.1 billion"; never "won" ("Hanwha won 1.3 trillion won in orders")
        self.name_before = re.compile(rf"(?<![\w.,])(?!won\b)(?P<pre>{word})(?:\s*\(\s*(?P<code>{sym})\s*\)\s*|\s+)$",
                                      re.IGNORECASE)
        self.range_rx = re.compile(r"^\s*(?:to|-|–|—|and)\s*$", re.IGNORECASE)
        self.per_unit_before = re.compile(
            r"\b(?:" + "|".join(re.escape(p) for p in rules.per_unit) + r")\b[^.;$€£₩\d]{0,30}$", re.IGNORECASE)
        self.per_unit_after = re.compile(
            r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:" + "|".join(re.escape(p) for p in rules.per_unit) + r")\b", re.IGNORECASE)
        self.per_unit_rule = {p: str(w) for p, w in rules.per_unit.items()}
        approx = word_alternatives(rules.word_class("approximator"))
        # between an amount and its restatement: "14 billion won ($9.73 million)", "5.5 billion won, or about $4 million",
        # "1.2 trillion won, about $918 million", "(equivalent to $918 million)", "$5.6bn/£4.4bn"
        lead = rf"(?:{approx}|{word_alternatives(rules.word_class('restatement'))})"
        self.gloss = re.compile(rf"^\s*(?:\(\s*(?:{lead}\s*){{0,2}}|(?:,|\s[—–-])\s*(?:{lead}\s*){{1,2}}|\s*or\s+(?:{approx}\s*)?|\s*/\s*)$",
                                re.IGNORECASE)


    def named_in(self, text: str) -> dict[str, str]:
        """Bare words the text names in full once, in another currency than the word's own: where "Swedish
        crowns" is written, "2.5 billion crowns" are Swedish too (unless "Czech crowns" is written as well)."""
        if self.qualified_rx is None:
            return {}
        named: dict[str, set[str]] = {}
        for m in self.qualified_rx.finditer(text):
            q = " ".join(m.group().lower().split())
            named.setdefault(self.qualified[q], set()).add(self.words[q])
        return {w: codes.pop() for w, codes in named.items() if len(codes) == 1 and self.words[w] not in codes}

    def local_marks(self, site: str | None) -> dict[str, str]:
        """The marks that mean the site's own currency there: "$" on an Australian paper's site is the A$."""
        host = (site or "").lower()
        return {mark: code for suffix, code, marks in self.sites if host.endswith(suffix) for mark in marks}


@lru_cache(maxsize=4096)
def _number(text: str) -> Decimal | None:
    """Digits as written, in English notation ("4.177" is four point one seven seven)."""
    price = Price.fromstring(text, decimal_separator=".")
    return Decimal(str(price.amount)) if price.amount is not None else None


def _amounts(text: str, g: MoneyGrammar, local: dict[str, str]) -> list[_Amount]:
    out = []
    for m in g.rx.finditer(text):
        sym, word, start = m.group("sym"), m.group("word"), m.start()
        if m.group("num"):
            value = _number(m.group("num"))
            scale = m.group("att") or m.group("sp") or m.group("letter")
        else:
            value = spelled_value(m.group("spelled"))
            scale = m.group("sp2")
        if value is None or (not sym and _glued(text, start, g)):
            continue
        pre = g.name_before.search(text, max(0, start - 40), start) if not sym and m.group("num") else None
        if pre and (scale or pre.group("code")):
            sym, start = pre.group("code"), pre.start()
        else:
            pre = None
        currency = (local.get(sym.lower()) or g.symbols.get(sym.lower())) if sym else None
        if pre:
            currency = currency or g.words.get(" ".join(pre.group("pre").lower().split()))
        named = (local.get(word.lower()) or g.words.get(" ".join(word.lower().split()))) if word else None
        if word:
            # "$3 billion Canadian dollars": a bare mark is shared by several dollars; the country's name says which
            if sym and len(sym) == 1 and not sym.isalpha() and len(word.split()) > 1 and named:
                currency = named
            currency = currency or named
        factor, rule = Decimal(1), "money.amount"
        if scale:
            factor, rule = g.scales[scale.lower()]
        # "W" and "P" are letters too: a one-letter symbol needs a scale ("W930b");
        # "won" is a verb too: it needs a scale or a large number ("14 billion won", "500,000 won")
        if sym and len(sym) == 1 and sym.isalpha() and not scale:
            currency = None
        if word and word.lower() == "won" and not (sym and currency) and (
                word != "won" or (not scale and not (m.group("num") and "," in m.group("num")) and value < 10000)):
            currency = None
        number_end = max(m.end(k) for k in ("num", "att", "sp", "letter", "spelled", "sp2"))
        end = m.end() if currency and named == currency else number_end
        if currency is None and sym:
            continue  # a letter that only looked like a symbol
        out.append(_Amount(start, end, value * factor, currency, bool(scale), bool(sym or pre), rule, factor))
    return out


def _without_rates(text: str, amounts: list[_Amount]) -> list[_Amount]:
    """Drop exchange rates: "($1 = 6.32 Swedish crowns)", which news agencies append, prices nothing."""
    rate = {i for i in range(len(amounts) - 1) if text[amounts[i].end:amounts[i + 1].start].strip() == "="}
    return [a for i, a in enumerate(amounts) if i not in rate and i - 1 not in rate]


def _glued(text: str, start: int, g: MoneyGrammar) -> bool:
    """The number at ``start`` is glued by a hyphen to the word before it, so part of it: "KF-21", "seven-25"
    (but "1bn-2bn" is a range)."""
    word = re.search(r"([^\W\d]+)-$", text[max(0, start - 20):start])
    return word is not None and word.group(1).lower() not in g.scales


def _ranges(text: str, amounts: list[_Amount], g: MoneyGrammar) -> list[tuple[_Amount, _Amount | None]]:
    """Pair adjacent amounts joined by "to", "-" or "between ... and" into ranges."""
    pairs: list[tuple[_Amount, _Amount | None]] = []
    i = 0
    while i < len(amounts):
        a = amounts[i]
        b = amounts[i + 1] if i + 1 < len(amounts) else None
        if b is not None and g.range_rx.match(text[a.end:b.start]):
            joiner = text[a.end:b.start].strip().lower()
            before = text[max(0, a.start - 9):a.start].lower()
            between = before.rstrip().endswith("between")
            compatible = (a.currency is None or b.currency is None or a.currency == b.currency) and (a.currency or b.currency)
            from_to = re.search(r"\bfrom\s*$", before) is not None and not re.search(
                r"\b(?:range[sd]?|ranging|var(?:y|ies|ied|ying))\s+from\s*$", text[max(0, a.start - 25):a.start], re.I)
            if compatible and ((joiner == "and" and between) or (joiner != "and" and not from_to)) \
                    and not _QUALIFIED_ALONE.match(text[a.start:a.end]):
                low = a.low
                if not a.scaled and b.scaled:
                    low = a.low * b.factor
                if low <= b.low:
                    start = a.start - len(before) + before.rfind("between") if between else a.start
                    merged_a = replace(a, start=start, currency=a.currency or b.currency, low=low)
                    pairs.append((merged_a, b))
                    i += 2
                    continue
        if a.currency:
            pairs.append((a, None))
        i += 1
    return pairs


def extract_money(text: str, *, grammar: MoneyGrammar, fx_year: int | None, site: str | None = None) -> list[Money]:
    """Every amount of money in ``text``; value_usd from the text's own gloss, else the rate table.
    ``site`` is the host that published it: a bare "$" on a ".au" site is Australian (rules/money.yaml ``sites``)."""
    found: list[Money] = []
    local = grammar.local_marks(site) | grammar.named_in(text)
    for a, b in _ranges(text, _without_rates(text, _amounts(text, grammar, local)), grammar):
        end = b.end if b else a.end
        currency = a.currency or (b.currency if b else None)
        if currency is None:
            continue
        low, high = a.low, b.low if b else a.low
        # the rule is the currency's line in rules/money.yaml: it says what the amount is
        found.append(Money(a.start, end, text[a.start:end], low, high, currency, False, None, None, None,
                           grammar.currency_rule.get(currency, "money.amount")))
    found = _per_unit(text, found, grammar)
    return _dollars(text, found, grammar, fx_year)


def of_the_countries(text: str, money: list[Money], codes: set[str], grammar: MoneyGrammar,
                     fx_year: int | None) -> list[Money]:
    """A bare word several currencies share ("2.1 billion kroner": Norwegian or Danish) means the currency of
    the one country among ``codes`` (those the text names) that uses one of them; where none or several do, it
    keeps its own (rules/money.yaml lists the bare word under one currency). A dollar figure the text gives
    stays; one from the rate table is taken again at the new currency's rate."""
    homes = {home_currency(grammar.rules, c) for c in codes} - {None}
    out = []
    for m in money:
        words = text[m.start:m.end].lower().split()
        shared = grammar.shared.get(words[-1], set()) if words else set()
        if len(words) >= 2 and " ".join(words[-2:]) in grammar.qualified:
            shared = set()  # "Danish kroner": it says whose
        mine = shared & homes
        if words and m.currency == grammar.words.get(words[-1]) and len(mine) == 1 and mine != {m.currency}:
            currency = mine.pop()
            m = replace(m, currency=currency, rule=grammar.currency_rule.get(currency, m.rule))
            if m.usd_source != "text":
                m = _at_rate(replace(m, usd_low=None, usd_high=None, usd_source=None), grammar.rules, fx_year)
        out.append(m)
    return out


def _per_unit(text: str, found: list[Money], g: MoneyGrammar) -> list[Money]:
    out = []
    for m in found:
        before = text[max(0, m.start - 60):m.start]
        before = before[before.rfind(".") + 1:] if "." in before else before
        if g.per_unit_before.search(before) or g.per_unit_after.match(text[m.end:m.end + 40]):
            m = replace(m, per_unit=True)
        out.append(m)
    # an amount glossed in brackets shares the per-unit reading of the amount it glosses
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if _glosses(text, a, b, g) and a.per_unit != b.per_unit:
            out[i] = replace(a, per_unit=True)
            out[i + 1] = replace(b, per_unit=True)
    return out


def _glosses(text: str, a: Money, b: Money, g: MoneyGrammar) -> bool:
    """``b`` restates ``a`` in another currency: "14 billion won ($9.73 million)", ", or about $4 million"."""
    return a.currency != b.currency and bool(g.gloss.match(text[a.end:b.start]))


def _dollars(text: str, found: list[Money], g: MoneyGrammar, fx_year: int | None) -> list[Money]:
    out = list(found)
    for i, m in enumerate(out):
        if m.currency == "USD":
            out[i] = replace(m, usd_low=m.low, usd_high=m.high, usd_source="text")
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if _glosses(text, a, b, g):
            if b.currency == "USD" and a.currency != "USD":
                out[i] = replace(a, usd_low=b.low, usd_high=b.high, usd_source="text")
            elif a.currency == "USD" and b.currency != "USD":
                out[i + 1] = replace(b, usd_low=a.low, usd_high=a.high, usd_source="text")
    return [_at_rate(m, g.rules, fx_year) if m.usd_source is None else m for m in out]


def _at_rate(m: Money, rules: Rules, fx_year: int | None) -> Money:
    """The amount with its dollar value from the rate table, where the table knows its currency."""
    rate = fx_rate(rules, m.currency, fx_year)
    return m if rate is None else replace(m, usd_low=(m.low / rate).quantize(Decimal("0.01")),
                                          usd_high=(m.high / rate).quantize(Decimal("0.01")), usd_source="fx")


def home_currency(rules: Rules, country: str | None) -> str | None:
    """The currency a country uses: its code begins with the country's alpha-2 code, or it lists the country."""
    if not country:
        return None
    key = ("home_currency", country)
    if key not in rules._cache:
        import pycountry

        found = pycountry.countries.get(alpha_3=country)
        two = found.alpha_2 if found else None
        rules._cache[key] = next((cur.code for cur in rules.currencies.values()
                                  if country in cur.countries or (two and cur.code.startswith(two))), None)
    return rules._cache[key]


def fx_rate(rules: Rules, currency: str, year: int | None) -> Decimal | None:
    """Units of ``currency`` per US dollar in ``year``: the nearest year the table knows."""
    years = sorted(y for c, y in rules.fx if c == currency)
    if not years:
        return None
    if year is None:
        year = years[-1]
    best = min(years, key=lambda y: (abs(y - year), -y))
    return rules.fx[(currency, best)].per_usd
