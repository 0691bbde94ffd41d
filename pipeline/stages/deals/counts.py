"""Deal counts: how many of a system a clause sells ("48 FA-50s", "the first 10 of 48", "an option for six more").

A number is a count only where it counts the system: a size ("230 millimeter"), a model number
("Block 70"), a running total or a crew is none; a share of an order is told apart from the order.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.records import Quantity, SystemMention
from pipeline.stages.deals.terms import Terms
from pipeline.stages.sentences import text_of
from pipeline.stages.views import SentenceView

def taken(view: SentenceView) -> set[int]:
    """Tokens of money, dates and system names: none of them is a count ("Leopard 2 tanks")."""
    return {i for m in (*view.money, *view.dates, *(s for s in view.systems if not s.generic)) for i in view.token_range(m)}


def number(tok: Token, numbers: dict[str, int]) -> int | None:
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    return numbers.get(text)


def _written(doc, j: int, numbers: dict[str, int]) -> tuple[int, int] | None:
    """The number ending at token ``j`` and the token it starts at: "54", "twenty-four" (24), "two dozen"
    (24), "three hundred" (300)."""
    n = number(doc[j], numbers)
    if n is None or not doc[j].text.isalpha() or j < 1:
        return None if n is None else (n, j)
    if n < 10 and j >= 2 and doc[j - 1].text == "-" and not doc[j - 2].whitespace_ and doc[j - 2].text.isalpha():
        tens = number(doc[j - 2], numbers)
        if tens is not None and tens >= 20 and tens % 10 == 0:
            return tens + n, j - 2
    times = number(doc[j - 1], numbers)
    if n in (12, 100) and times is not None and 1 < times < n:
        return times * n, j - 1
    return n, j


_MOST = 5000  # a larger number is a sum or a crew, not a count of weapons, unless they are counted_in_bulk
_MOST_IN_BULK = 10_000_000


def range_at(doc, j: int, numbers: dict[str, int], most: int = _MOST) -> Quantity | None:
    """The count ending at token ``j`` ("54", "25 to 30", "twenty-four"), unless it is a year, a share, part
    of a word or above ``most``."""
    written = _written(doc, j, numbers)
    if written is None:
        return None
    high, first = written
    if high == 0 or high > most or (1900 <= high <= 2100 and doc[j].like_num and len(doc[j]) == 4):
        return None
    if j + 1 < len(doc) and (doc[j + 1].text in ("%", "percent", "per") or (doc[j + 1].text == "-" and not doc[j].whitespace_)):
        return None  # "5 percent", "eight-wheeled", "42-jet"
    low, k = high, first
    if k >= 2 and doc[k - 1].lower_ in ("to", "-", "–", "and", "or") and number(doc[k - 2], numbers) is not None \
            and not (k >= 3 and doc[k - 1].lower_ == "to" and doc[k - 3].lower_ == "from"):  # "cut from 450 to 129": now 129
        low, first = _written(doc, k - 2, numbers)
    if low > high:
        low, high = high, low
    return Quantity(doc[first].idx, doc[j].idx + len(doc[j]), low, high)


_QUOTES = frozenset({'"', "“", "”", "‘", "’", "'"})
_REACH = 7  # words of description a count may stand before the system ("96 new self-propelled tracked K9")


def quantity(view: SentenceView, system: SystemMention, used: set[int], units: frozenset[str], terms_: Terms) -> Quantity | None:
    """A count before the system ("54 K9 howitzers", "25 to 30 K-9 units", "48 of the KAAN", "24 of
    Korea's K9") or of units; not a size ("230 millimeter rockets") nor a designation ("Tranche 4 jets")."""
    doc, numbers, measures = view.doc, terms_.numbers, terms_.measures
    span = view.span(system.start, system.end)
    if span is None:
        return None
    j, skipped = _before_possessor(doc, span.start - 1), 0
    if j >= 2 and doc[j].lower_ in ("the", "its") and doc[j - 1].lower_ == "of":
        j -= 2  # "48 of the KAAN fighters"
    elif j >= 2 and doc[j].lower_ == "of" and doc[j - 1].lower_ in units:
        j -= 1  # "30 units of armored vehicles", "three batteries of BrahMos": the count of the units
    while True:
        while j >= 0 and skipped <= _REACH and number(doc[j], numbers) is None:
            if doc[j].text == "]" and (k := _ticker_start(doc, j)) is not None:
                j = k - 1  # "three more Raytheon [RTN] Patriot systems": a stock ticker is no word of the phrase
                continue
            if doc[j].text in _QUOTES:
                j -= 1  # '64 upgraded "K2PL" variants'
                continue
            if doc[j].lower_ in terms_.times and j >= 1 and number(doc[j - 1], numbers) is not None:
                j -= 1  # "24 x M-346 jets", "2 × C-295 aircraft": the count before the sign
                continue
            if doc[j].tag_ == "POS" and (k := _before_possessor(doc, j)) != j:
                j = k  # "24 of Denmark's ageing F-16 jets": the count before the possessor
                continue
            if doc[j].i in used or not (doc[j].pos_ in ("ADJ", "NOUN", "PROPN") or doc[j].text in ("-", "–") or doc[j].dep_ == "amod"
                                        or doc[j].tag_ in ("VBN", "VBG") or doc[j].lower_ in measures  # "246 tracked infantry fighting vehicles"
                                        or doc[j].pos_ == "ADV" and doc[j + 1].pos_ == "ADJ"  # "two slightly smaller frigates"
                                        or not doc[j].whitespace_ and doc[j + 1].text in ("-", "–")):  # "state-of-the-art"
                break
            j -= 1
            skipped += 1
        if j >= 2 and doc[j].lower_ in ("its", "their") and doc[j - 1].lower_ == "of" and number(doc[j - 2], numbers) is not None:
            j -= 2  # "32 of its retired F-16 jets": the count before the words that describe them
            continue
        back = _naming(doc, j, terms_, view.country_tokens)
        if not back:
            break
        j, skipped = j - back, skipped + back  # "16 new Tranche 4 aircraft", "three 3,000-ton submarines": read on before it
    share, signed = _share(view, span, system, terms_)
    counted = j >= 0 and number(doc[j], numbers) is not None and doc[j].i not in used and (skipped <= 4 or doc[j].head.i >= span.start)
    if counted and optioned(doc[j], terms_):
        return _added_to(view, doc[j], terms_)  # "an option for six more on top of 30": the order is the 30
    if counted and j >= 2 and doc[j - 1].lower_ == "of" and doc[j - 2].lower_ in terms_.running:
        return None  # "the arrival of the jets, the latest of 224 F-16s delivered to Egypt": all delivered so far
    if counted:  # (past more than four words only a number of the system's own phrase: "96 new self-propelled tracked K9")
        q = range_at(doc, j, numbers, _MOST_IN_BULK if system.category in terms_.bulk else _MOST)
        if q:
            return share if share and signed else q  # "a total of 288 ..., with about 200 of them under Friday's contract"
    if j >= 0 and doc[j].lower_ in ("a", "an") and (_one_of_a_counted_list(span, numbers) or system.generic and _one(span, doc[j])):
        return Quantity(doc[j].idx, doc[j].idx + len(doc[j]), 1, 1)  # "two frigates, an offshore patrol vessel and ..."
    if system.generic:
        return None
    if share:  # "... Chunmoo launchers for Poland, 218 of which were ordered in October"
        return share
    for g in view.systems:  # "the Redback for a planned fleet of 246 tracked infantry fighting vehicles"
        if g.generic and g.category == system.category:
            q = quantity(view, g, used, units, terms_)
            if q:
                return q
    return unit_count(view, used, units, terms_)


def _ticker_start(doc, j: int) -> int | None:
    """Where the bracketed stock ticker ending at token ``j`` ("[RTN]", "[LMT]") starts, if it is one."""
    k = next((k for k in range(j - 1, max(j - 4, -1), -1) if doc[k].text == "["), None)
    return k if k is not None and all(t.text.isupper() or t.text in ".:" for t in doc[k + 1:j]) else None


def _one(span, article) -> bool:
    """Is the article the determiner of the kind's own singular noun, the goods of a verb told as done
    ("delivered a 6,000-tonne frigate to Cairo", "a patrol vessel was handed over"): one unit, not a kind
    modifying another noun ("a frigate programme") nor the kind a plan wants ("plans to buy a new fighter jet")?"""
    tok = span.root
    return tok.tag_ == "NN" and article.head.i == tok.i and article.dep_ == "det" and \
        tok.dep_ in ("dobj", "nsubjpass") and tok.head.tag_ in ("VBD", "VBN")


def _one_of_a_counted_list(span, numbers: dict[str, int]) -> bool:
    """Is the system's singular noun (its name's, or the one right after it: "K9 howitzer") a conjunct beside
    counted ones ("two frigates, an offshore patrol vessel and two landing ships")? There "an" counts one."""
    tok = span.root
    while tok.dep_ in ("compound", "amod", "nmod") and tok.head.i != tok.i and tok.head.i <= span.end:
        tok = tok.head
    return tok.tag_ == "NN" and any(c.dep_ == "nummod" and number(c, numbers) for k in tok.conjuncts for c in k.children)


def _share(view: SentenceView, span, system: SystemMention, terms_: Terms) -> tuple[Quantity | None, bool]:
    """The count of a share of the system's total told after it (", with about 200 of them to be delivered
    under Friday's contract", ", 218 of which were ordered in October"), and whether the share's own clause
    signs or orders something: then the share is what the deal is for, the total only its plan. With another
    system named before the share ("180 K2 tanks and 212 K9 howitzers, with 100 of them"), it is nobody's."""
    after = text_of(view.doc)[span.end_char:view.sentence.end]
    m = terms_.share.match(after)
    if m is None:
        return None, False
    if any(not x.generic and x.system != system.system and x.start < span.end_char + m.start(1) for x in view.systems):
        return None, False
    word = m.group(1).lower().replace(",", "")
    n = int(word) if word.isdigit() else terms_.numbers.get(word)
    if not n:
        return None, False
    start = span.end_char + m.end()
    signed = any(t.idx >= start and r.attrs.get("status") == "signed" for t, r in view.deal_triggers)
    return Quantity(span.end_char + m.start(1), span.end_char + m.end(1), n, n), signed


def optioned(tok: Token, terms_: Terms) -> bool:
    """Is the count a phrase of an option not taken up ("with an option for six more", "options on 6 units";
    not "exercised an option for six more", nor a choice: "the option of buying 48 jets")?"""
    below = tok
    for a in list(tok.ancestors)[:4]:
        if a.lemma_.lower() in terms_.options:
            return below.lower_ in ("for", "on") and not (a.head.i != a.i and a.head.lemma_.lower() in terms_.options_taken)
        below = a
    return False


def _added_to(view: SentenceView, tok: Token, terms_: Terms) -> Quantity | None:
    """The count an option comes on top of, told after it ("six more on top of 30")."""
    text = text_of(view.doc)
    m = terms_.added_to.search(text[tok.idx:view.sentence.end])
    if m is None:
        return None
    word = m.group(1).lower().replace(",", "")
    n = int(word) if word.isdigit() else terms_.numbers.get(word)
    return Quantity(tok.idx + m.start(1), tok.idx + m.end(1), n, n) if n else None


def share_before(view: SentenceView, q: Quantity, terms_: Terms) -> Quantity | None:
    """The part told before a total that counts the system ("the first 60 of 250 tanks", "60 of the 250
    K2"): the total is the order's, the part what this clause tells of (a delivery)."""
    doc = view.doc
    first = next((t.i for t in doc if t.idx == q.start), None)
    if first is None:
        return None
    j = first - 1
    if j >= 1 and doc[j].lower_ in ("the", "its"):
        j -= 1
    if j < 1 or doc[j].lower_ != "of" or number(doc[j - 1], terms_.numbers) is None or _naming(doc, j - 1, terms_):
        return None
    return range_at(doc, j - 1, terms_.numbers)


def delivered_of(view: SentenceView, q: Quantity | None, terms_: Terms) -> tuple[Quantity | None, Quantity | None]:
    """The order's count and the delivery's, where a delivery clause tells both ("the first 60 of 250 tanks", "four
    K9s arrived, part of an order for 24"); (None, None) where it tells one."""
    if q is None:
        return None, None
    part = share_before(view, q, terms_)
    if part is not None:
        return q, part
    whole = bare_order(view, terms_)
    return (whole, q) if whole is not None and whole.low > q.high else (None, None)


def bare_order(view: SentenceView, terms_: Terms) -> Quantity | None:
    """The count of an order told as a bare number after its deal noun ("part of an order for 24", "under a 2021
    deal for 30", "a contract of 12"): the system's word left out, the number counts what the clause delivers."""
    doc = view.doc
    for t, r in view.deal_triggers:
        if t.pos_ != "NOUN" or r.attrs.get("status") != "signed":
            continue
        for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ in ("for", "of")):
            n = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NUM" and not any(
                k.dep_ in ("prep", "compound", "amod") for k in c.children)), None)
            if n is not None and (q := range_at(doc, n.i, terms_.numbers)) is not None:
                return q
    return None


def _before_possessor(doc, j: int) -> int:
    """Token ``j``, or where "of" + a possessor ending at ``j`` starts ("24 of South Korea's K9"): the
    possessor's "of", so that the count before it is read; an "of the" is left to the caller."""
    if j < 2 or doc[j].tag_ != "POS":
        return j
    k = j - 1
    while k >= 0 and doc[k].pos_ == "PROPN":
        k -= 1
    return k - 1 if k < j - 1 and k >= 1 and doc[k].lower_ == "of" else j


def _measured(doc, j: int, measures: frozenset[str]) -> bool:
    """Is the number at ``j`` a size ("230 millimeter", "155mm", "3,000-ton", "52-calibre")?"""
    k = j + 2 if j + 2 < len(doc) and doc[j + 1].text in ("-", "–") and not doc[j].whitespace_ else j + 1
    return k < len(doc) and doc[k].lower_ in measures


def _naming(doc, j: int, terms_: Terms, places: frozenset[int] = frozenset()) -> int:
    """How many tokens to read back over from a number at ``j`` that names a model or a size, not a count:
    2 for "Tranche 4", "Block 70"; 1 for "230 millimeter", "3,000-ton"; 0 for a count (or no number)."""
    if j < 0 or number(doc[j], terms_.numbers) is None:
        return 0
    if j >= 1 and (doc[j - 1].lower_ in terms_.designations or _model_number(doc, j, places)):
        return 2
    return 1 if _measured(doc, j, terms_.measures) else 0


def _model_number(doc, j: int, places: frozenset[int]) -> bool:
    """Is the number at ``j`` a model's, written in digits right after a maker's or a model's name ("the two new
    Augusta 109 helicopters", "six Bell 412 helicopters", "a Saab 340 radar plane")? Not after a country's name
    ("will sell Poland 18 K9s": ``places``, the tokens of the sentence's countries), nor a number with a thousands
    comma."""
    before, t = doc[j - 1], doc[j]
    return t.text.isdigit() and before.pos_ == "PROPN" and before.is_alpha and before.text[:1].isupper() \
        and before.i not in places and before.ent_type_ not in ("GPE", "NORP", "LOC") and not before.is_sent_start


def unit_count(view: SentenceView, used: set[int], units: frozenset[str], terms_: Terms,
               tokens: set[int] | None = None) -> Quantity | None:
    """A count of units that names no system ("the delivery of 180 units", "12 sets"), in the clause
    ``tokens`` where given; not a model's number ("Tranche 4 aircraft")."""
    doc, numbers = view.doc, terms_.numbers
    for t in doc:
        if tokens is not None and t.i not in tokens:
            continue
        if t.lower_ in units and t.i > 0 and number(doc[t.i - 1], numbers) is not None and t.i - 1 not in used \
                and not _naming(doc, t.i - 1, terms_) and not optioned(doc[t.i - 1], terms_):
            q = range_at(doc, t.i - 1, numbers)
            if q:
                return q
        q = _compound_count(doc, t, units, numbers)
        if q is not None and t.i - 2 not in used:
            return q
    return None


def _compound_count(doc, t: Token, units: frozenset[str], numbers: dict[str, int]) -> Quantity | None:
    """A count joined to its unit by a hyphen, as a modifier: "a 48-jet deal", "an 18-unit order"."""
    if t.i < 2 or doc[t.i - 1].text != "-" or doc[t.i - 2].whitespace_ or doc[t.i - 1].whitespace_:
        return None
    if t.lower_ not in units and f"{t.lower_}s" not in units:
        return None
    n = number(doc[t.i - 2], numbers)
    return Quantity(doc[t.i - 2].idx, doc[t.i - 2].idx + len(doc[t.i - 2]), n, n) if n and n <= 5000 else None
