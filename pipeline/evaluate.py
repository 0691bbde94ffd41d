"""Scores a database against a gold file, matching as ../shared/gold/FORMAT.md describes.

Reads only the contract views, so it judges exactly what downstream users see. With
``diff`` it lists every missed and every false item with its document and sentence, and
every matched item whose attributes disagree with the gold.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable

from pipeline import store
from pipeline.goldfile import KINDS, load_gold

def norm(s: str | None) -> str:
    """Lower-case letters and digits only: "K-9 Thunder" -> "k9thunder"."""
    return re.sub(r"[^a-z0-9]", "", (s or "").lower())


# ---- predictions -------------------------------------------------------------------------------


@dataclass
class Predictions:
    """Rows of the contract views, grouped by document file name."""

    documents: dict[str, dict] = field(default_factory=dict)
    deals: dict[int, list[dict]] = field(default_factory=lambda: defaultdict(list))
    meetings: dict[int, list[dict]] = field(default_factory=lambda: defaultdict(list))
    money: dict[int, list[dict]] = field(default_factory=lambda: defaultdict(list))
    officials: dict[int, list[dict]] = field(default_factory=lambda: defaultdict(list))
    systems: dict[int, list[dict]] = field(default_factory=lambda: defaultdict(list))
    countries: dict[int, list[dict]] = field(default_factory=lambda: defaultdict(list))


def _rows(engine, view: str) -> list[dict]:
    cols, rows = store.view_rows(engine, view)
    return [dict(zip(cols, r)) for r in rows]


def load_predictions(engine) -> Predictions:
    pred = Predictions()
    for d in _rows(engine, "documents"):
        pred.documents[(d["path"] or "").replace("\\", "/").rsplit("/", 1)[-1]] = d
    systems_of: dict[int, list[str]] = defaultdict(list)
    for r in _rows(engine, "deal_systems"):
        systems_of[r["event_id"]].append(r["system"])
    people: dict[int, list[dict]] = defaultdict(list)
    for r in _rows(engine, "meeting_participants"):
        people[r["event_id"]].append(r)
    for r in _rows(engine, "deals"):
        r["systems"] = systems_of[r["event_id"]]
        pred.deals[r["document_id"]].append(r)
    for r in _rows(engine, "meetings"):
        r["participants"] = people[r["event_id"]]
        pred.meetings[r["document_id"]].append(r)
    for view, bucket in (("money_mentions", pred.money), ("officials", pred.officials),
                         ("system_mentions", pred.systems), ("country_mentions", pred.countries)):
        for r in _rows(engine, view):
            bucket[r["document_id"]].append(r)
    return pred


# ---- matching --------------------------------------------------------------------------------


def close(a: float | None, b: float | None, tol: float = 0.05) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= tol * max(abs(a), abs(b), 1e-9)


def overlaps(gold: dict | None, lo: float | None, hi: float | None, tol: float = 0.05) -> bool:
    """Do a predicted [lo, hi] and a gold {low, high} agree (ends within ``tol``, or the ranges overlap)."""
    if not gold or lo is None:
        return False
    hi = lo if hi is None else hi
    g_lo = gold.get("low") if gold.get("low") is not None else gold.get("high")
    g_hi = gold.get("high") if gold.get("high") is not None else gold.get("low")
    if g_lo is None:
        return False
    return close(g_lo, lo, tol) or close(g_hi, hi, tol) or (lo <= g_hi * (1 + tol) and g_lo <= hi * (1 + tol) and g_lo != g_hi)


def dates_agree(gold: str | None, pred: str | None) -> bool:
    if not pred:
        return False
    return pred.startswith(gold) or (gold.startswith(pred[: len(gold)]) and len(pred) >= len(gold))


def deal_matches(g: dict, d: dict) -> bool:
    if g["buyer"] and d["buyer"] != g["buyer"]:
        return False
    if g["supplier"] and d["supplier"] and d["supplier"] != g["supplier"]:
        return False
    names = [norm(s) for s in d["systems"]]
    if any(k and any(k in n for n in names) for k in g["system_keys"]):
        return True
    return bool(g.get("value_usd")) and overlaps(g["value_usd"], d["value_usd_low"], d["value_usd_high"])


def meeting_matches(g: dict, m: dict) -> bool:
    gold = [norm(p.get("name")) for p in g["participants"] if p.get("name")]
    if not gold:
        return False
    pred = [norm(p["name"]) for p in m["participants"] if p["name"]]
    found = sum(1 for n in gold if any(n == p or (len(p) > 3 and (n in p or p in n)) for p in pred))
    return found >= min(2, len(gold))


@dataclass
class Tally:
    hits: int = 0  # required gold items found
    required: int = 0
    predicted: int = 0  # predictions that are not duplicates nor optional matches
    predicted_hits: int = 0
    duplicates: int = 0

    def figures(self) -> dict[str, float | int]:
        p = self.predicted_hits / self.predicted if self.predicted else (1.0 if not self.required else 0.0)
        r = self.hits / self.required if self.required else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "hits": self.hits,
                "gold": self.required, "predicted": self.predicted, "duplicates": self.duplicates}


def _assign(golds: list[dict], preds: list[dict], matches: Callable[[dict, dict], bool]):
    """Greedy one-to-one matching in prediction order; a required gold item is preferred."""
    used: set[int] = set()
    pairs, dups, false = [], [], []
    for p in preds:
        cands = [i for i, g in enumerate(golds) if matches(g, p)]
        free = [i for i in cands if i not in used]
        if free:
            i = sorted(free, key=lambda i: not golds[i]["required"])[0]
            used.add(i)
            pairs.append((golds[i], p))
        elif cands:
            dups.append(p)
        else:
            false.append(p)
    missed = [g for i, g in enumerate(golds) if g["required"] and i not in used]
    return pairs, dups, false, missed


_DIFF_LINE = re.compile(r"^\s*(missed|false|wrong)\s+(\S+)\s+(.+?): (.*)$")  # as the lines below write them


@dataclass
class Report:
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    attributes: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    diff: list[str] = field(default_factory=list)
    missing_documents: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: t.figures() for k, t in self.tallies.items()}
        out["attributes"] = {k: {"right": v[1], "of": v[0], "accuracy": round(v[1] / v[0], 3) if v[0] else None}
                             for k, v in sorted(self.attributes.items())}
        out["documents_missing"] = self.missing_documents
        return out

    def diff_items(self) -> list[dict[str, str]]:
        """The diff as fields, for --format json: outcome (missed | false | wrong), kind (deal, meeting, money,
        official, system, country; for a wrong attribute its name, deal.date), document, and the detail."""
        out = []
        for line in self.diff:
            m = _DIFF_LINE.match(line)
            out.append({"outcome": m[1], "kind": m[2], "document": m[3], "detail": m[4]} if m else {"detail": line.strip()})
        return out

    def render(self, *, diff: bool = False) -> str:
        lines = []
        for kind, t in self.tallies.items():
            f = t.figures()
            dup = f" dup={f['duplicates']}" if kind in ("deals", "meetings") else ""
            lines.append(f"{kind:10s} P={f['precision']:.3f} R={f['recall']:.3f} F1={f['f1']:.3f} "
                         f"({f['hits']}/{f['gold']} gold, {f['predicted']} predicted{dup})")
        for k, (n, right) in sorted(self.attributes.items()):
            lines.append(f"  {k:26s} {right}/{n}" + (f" = {right / n:.0%}" if n else ""))
        if self.missing_documents:
            lines.append(f"documents not in the database: {', '.join(self.missing_documents)}")
        if diff and self.diff:
            lines.append("")
            lines += self.diff
        return "\n".join(lines)


def _check(report: Report, name: str, ok: bool, doc: str, what: str, gold: Any, got: Any, sentence: str | None) -> None:
    report.attributes[name][0] += 1
    report.attributes[name][1] += bool(ok)
    if not ok:
        report.diff.append(f"  wrong {name:22s} {doc}: {what}: gold {gold!r}, got {got!r} | {_short(sentence)}")


def _amount(x: float | None) -> str:
    """A gold amount for the diff; the schema lets an end of the range be null."""
    return "?" if x is None else f"{x:g}"


def _short(s: str | None, n: int = 110) -> str:
    s = (s or "").replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


def _events(report: Report, kind: str, golds: list[dict], preds: list[dict], matches) -> tuple[list, list, list]:
    """Pair gold and predicted events and count them; the pairs of required gold, the false, the missed."""
    t = report.tallies[kind]
    pairs, dups, false, missed = _assign(golds, preds, matches)
    req = [(g, p) for g, p in pairs if g["required"]]
    t.hits += len(req)
    t.required += sum(g["required"] for g in golds)
    t.predicted += len(req) + len(false)
    t.predicted_hits += len(req)
    t.duplicates += len(dups)
    return req, false, missed


def _deals(report: Report, name: str, golds: list[dict], preds: list[dict]) -> None:
    pairs, false, missed = _events(report, "deals", golds, preds, deal_matches)
    for g, d in pairs:
        what = f"{g['supplier']}->{g['buyer']} {g['systems']}"
        s = d["sentence"]
        if g["date"]:
            _check(report, "deal.date", dates_agree(g["date"], d["date"]), name, what, g["date"], d["date"], s)
        if g["value_usd"]:
            _check(report, "deal.value_usd", overlaps(g["value_usd"], d["value_usd_low"], d["value_usd_high"], 0.02),
                   name, what, (g["value_usd"].get("low"), g["value_usd"].get("high")), (d["value_usd_low"], d["value_usd_high"]), s)
        if g["value"]:
            ok = d["currency"] == g["value"]["currency"] and overlaps(g["value"], d["value_low"], d["value_high"], 0.02)
            _check(report, "deal.value", ok, name, what, (g["value"]["currency"], g["value"].get("low"), g["value"].get("high")),
                   (d["currency"], d["value_low"], d["value_high"]), s)
        if g["quantity"] is not None:
            q = g["quantity"] if isinstance(g["quantity"], list) else [g["quantity"], g["quantity"]]
            ok = d["quantity_low"] == q[0] and (d["quantity_high"] or d["quantity_low"]) == q[1]
            _check(report, "deal.quantity", ok, name, what, q, [d["quantity_low"], d["quantity_high"]], s)
        if g["supplier"]:
            _check(report, "deal.supplier", d["supplier"] == g["supplier"], name, what, g["supplier"], d["supplier"], s)
        _check(report, "deal.status", d["status"] == g["status"], name, what, g["status"], d["status"], s)
    report.diff += [f"  missed deal   {name}: {g['supplier']}->{g['buyer']} {g['systems']} {g['status']}" for g in missed]
    report.diff += [f"  false deal    {name}: {d['supplier']}->{d['buyer']} {d['systems']} {d['status']} | {_short(d['sentence'])}"
                    for d in false]


def _meetings(report: Report, name: str, golds: list[dict], preds: list[dict]) -> None:
    pairs, false, missed = _events(report, "meetings", golds, preds, meeting_matches)
    for g, m in pairs:
        what = str([p.get("name") for p in g["participants"]])
        if g["date"]:
            _check(report, "meeting.date", dates_agree(g["date"], m["date"]), name, what, g["date"], m["date"], m["sentence"])
        if g["location_country"]:
            _check(report, "meeting.location_country", m["location_country"] == g["location_country"], name, what,
                   g["location_country"], m["location_country"], m["sentence"])
    report.diff += [f"  missed meeting {name}: {[p.get('name') for p in g['participants']]}" for g in missed]
    report.diff += [f"  false meeting  {name}: {[p['name'] for p in m['participants']]} | {_short(m['sentence'])}" for m in false]


def _mentions(report: Report, name: str, gd: dict, doc_id: int | None, pred: Predictions) -> None:
    # money: a multiset of (currency, low, high)
    t = report.tallies["money"]
    left = list(pred.money.get(doc_id, []))
    for g in gd["money"]:
        hit = next((m for m in left if m["currency"] == g["currency"] and close(m["value_low"], g["low"], 0.01)
                    and close(m["value_high"] if m["value_high"] is not None else m["value_low"], g["high"], 0.01)), None)
        if hit is not None:
            left.remove(hit)
            t.hits += 1
            t.predicted_hits += 1
        else:
            report.diff.append(f"  missed money  {name}: {g.get('text')!r} {g['currency']} {_amount(g['low'])}-{_amount(g['high'])}")
    t.required += len(gd["money"])
    t.predicted += len(pred.money.get(doc_id, []))
    report.diff += [f"  false money   {name}: {m['text']!r} {m['currency']} @{m['start_char']}" for m in left]
    # officials, systems, countries: sets of names per document
    names = {norm(o["name"]): o for o in pred.officials.get(doc_id, []) if o["name"]}
    every = [norm(o["name"]) for o in gd["officials"]]
    required = [(norm(o["name"]), o["name"]) for o in gd["officials"] if o.get("required", True)]
    t = report.tallies["officials"]
    found = [n for n, _ in required if any(n == p or n in p for p in names)]
    t.hits += len(found)
    t.required += len(required)
    t.predicted += len(names)
    right = [p for p in names if any(n == p or n in p or (len(p) > 4 and p in n) for n in every)]
    t.predicted_hits += len(right)
    report.diff += [f"  missed official {name}: {orig}" for n, orig in required if n not in found]
    report.diff += [f"  false official  {name}: {names[p]['name']} ({names[p]['title']})" for p in names if p not in right]
    for kind, rows, key, gold in (("systems", pred.systems.get(doc_id, []), "system", [norm(s) for s in gd["systems"]]),):
        t = report.tallies[kind]
        got = {norm(r[key]): r[key] for r in rows}
        hit = [g for g in gold if any(p and (p in g or g in p) for p in got)]
        right = [p for p in got if any(p and (p in g or g in p) for g in gold)]
        t.hits += len(hit)
        t.required += len(gold)
        t.predicted += len(got)
        t.predicted_hits += len(right)
        report.diff += [f"  missed system {name}: {g}" for g in gold if g not in hit]
        report.diff += [f"  false system  {name}: {got[p]}" for p in got if p not in right]
    t = report.tallies["countries"]
    got_c = {r["country"] for r in pred.countries.get(doc_id, [])}
    gold_c = set(gd["countries"])
    t.hits += len(got_c & gold_c)
    t.required += len(gold_c)
    t.predicted += len(got_c)
    t.predicted_hits += len(got_c & gold_c)
    report.diff += [f"  missed country {name}: {c}" for c in sorted(gold_c - got_c)]
    report.diff += [f"  false country  {name}: {c}" for c in sorted(got_c - gold_c)]


def evaluate(gold_path: str, db: str) -> Report:
    """Score the database ``db`` against the gold file ``gold_path``."""
    golds = load_gold(gold_path)
    engine = store.connect(db, create=False)
    try:
        pred = load_predictions(engine)
    finally:
        engine.dispose()
    report = Report()
    for gd in golds:
        name = gd["file"]
        doc = pred.documents.get(name)
        if doc is None:
            report.missing_documents.append(name)
        doc_id = doc["id"] if doc else None
        if gd.get("published") and doc is not None:
            ok = bool(doc.get("published") and doc["published"].startswith(gd["published"]))
            _check(report, "published", ok, name, "publication date", gd["published"], doc.get("published"), None)
        _deals(report, name, gd["deals"], pred.deals.get(doc_id, []))
        _meetings(report, name, gd["meetings"], pred.meetings.get(doc_id, []))
        _mentions(report, name, gd, doc_id, pred)
    return report
