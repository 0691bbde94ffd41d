"""One event whole, for ``armsledger show``: its row, every sentence that tells it with the entities in
the sentence marked, the rules that set it, and its group across documents (and a deal's systems, a
meeting's participants), so that a wrong row is traced to its sentence and its rule in seconds."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from pipeline import store
from pipeline.errors import PipelineError

# kind of span -> the view it comes from and the column that names what was found
ENTITY_VIEWS = (("system", "system_mentions", "system"), ("country", "country_mentions", "country"),
                ("money", "money_mentions", "text"), ("date", "date_mentions", "value"),
                ("official", "officials", "name"))
KINDS = {"deal": ("deals", "deal_mentions", "deal_group_members", "deal_groups"),
         "meeting": ("meetings", "meeting_mentions", "meeting_group_members", "meeting_groups")}
COLOURS = {"system": "36", "country": "32", "money": "33", "date": "35", "official": "34"}  # ANSI foregrounds
_HIDDEN = ("event_id", "document_id", "path", "sentence", "start_char", "end_char", "systems", "rule", "status_rule",
           "supplier_rule", "buyer_rule")  # shown elsewhere
# the rules that set a deal's attributes, as the deals view names them: (what, column)
ATTRIBUTE_RULES = (("trigger", "rule"), ("status", "status_rule"), ("supplier", "supplier_rule"), ("buyer", "buyer_rule"))


class UnknownEvent(PipelineError):
    """No deal and no meeting has this event id."""


@dataclass(frozen=True, slots=True)
class Span:
    kind: str  # system | country | money | date | official
    text: str  # as the sentence writes it
    found: str  # what it was read as: the system's name, the ISO code, the date, the person
    start: int  # char offsets into the mention's sentence
    end: int
    rule: str | None


@dataclass(frozen=True, slots=True)
class Mention:
    sentence: str
    start_char: int  # into the document
    end_char: int
    zone: str | None
    rule: str | None
    spans: list[Span]


@dataclass(slots=True)
class Shown:
    kind: str  # deal | meeting
    event_id: int
    event: dict[str, Any]  # the row of the deals or meetings view
    mentions: list[Mention]
    groups: list[dict[str, Any]]  # the event's group across documents (one, or none before a regrouping)
    systems: list[str] = field(default_factory=list)
    participants: list[dict[str, Any]] = field(default_factory=list)

    def rules(self) -> list[tuple[str, str]]:
        """(what, rule) for every rule that set the event: the trigger, the status, the supplier and the buyer
        (a deal's), then each mention's."""
        found = attribute_rules(self.event) + [(f"mention {i}", m.rule) for i, m in enumerate(self.mentions, 1)]
        return [(what, rule) for what, rule in found if rule]

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "event_id": self.event_id, "event": self.event,
                "rules": [{"what": w, "rule": r} for w, r in self.rules()],
                "mentions": [asdict(m) for m in self.mentions], "groups": self.groups,
                **({"systems": self.systems} if self.kind == "deal" else {"participants": self.participants})}


def attribute_rules(event: dict[str, Any]) -> list[tuple[str, str]]:
    """(what, rule) for each attribute of an event row a rule set: its trigger, and a deal's status and sides."""
    return [(what, event[column]) for what, column in ATTRIBUTE_RULES if event.get(column)]


def show_event(engine, event_id: int) -> Shown:
    """The deal or meeting with this id, with its mentions, spans, rules and group; UnknownEvent if none."""
    for kind, (events, mentions, members, groups) in KINDS.items():
        rows = store.view_where(engine, events, event_id=event_id)
        if rows:
            break
    else:
        raise UnknownEvent(f"no deal or meeting has event id {event_id} (see: armsledger query deals)")
    event = rows[0]
    entities = _entities(engine, event["document_id"])
    told = [mention_with_spans(m, entities) for m in store.view_where(engine, mentions, event_id=event_id)]
    group_ids = [m["group_id"] for m in store.view_where(engine, members, event_id=event_id)]
    shown = Shown(kind, event_id, event, told, [g for gid in group_ids for g in store.view_where(engine, groups, group_id=gid)])
    if kind == "deal":
        shown.systems = [r["system"] for r in store.view_where(engine, "deal_systems", event_id=event_id)]
    else:
        shown.participants = store.view_where(engine, "meeting_participants", event_id=event_id)
    return shown


def _entities(engine, document_id: int) -> list[tuple[str, dict[str, Any]]]:
    """(kind, row) of every entity stored for one document."""
    return [(kind, dict(row, found=row[column])) for kind, view, column in ENTITY_VIEWS
            for row in store.view_where(engine, view, document_id=document_id)]


def mention_with_spans(row: dict[str, Any], entities: list[tuple[str, dict[str, Any]]]) -> Mention:
    """A mention with the entities whose offsets fall inside its sentence, offsets made the sentence's."""
    base, sentence = row["start_char"], row["sentence"] or ""
    spans = []
    for kind, e in entities:
        if e["start_char"] is None or not (base <= e["start_char"] < e["end_char"] <= row["end_char"]):
            continue
        start, end = e["start_char"] - base, e["end_char"] - base
        spans.append(Span(kind, sentence[start:end], str(e["found"]), start, end, e.get("rule")))
    spans.sort(key=lambda s: (s.start, -s.end, s.kind))
    return Mention(sentence, base, row["end_char"], row["zone"], row["rule"], spans)


def outermost(spans: list[Span]) -> list[Span]:
    """Spans (sorted by start, longest first) that do not overlap: where some do, the first and longest."""
    kept, at = [], 0
    for s in spans:
        if s.start >= at:
            kept.append(s)
            at = s.end
    return kept


def marked(mention: Mention, *, colour: bool = False) -> str:
    """The sentence with its spans marked, ``[K9 Thunder]{system}`` (or in colour on a terminal); where
    spans overlap, the first and longest is marked (the JSON output keeps them all).

    >>> marked(Mention("Poland buys K2 tanks", 0, 20, "body", None, [Span("system", "K2", "K2", 12, 14, None)]))
    'Poland buys [K2]{system} tanks'
    """
    out, at = [], 0
    for s in outermost(mention.spans):
        out.append(mention.sentence[at:s.start])
        out.append(f"\033[1;{COLOURS.get(s.kind, '1')}m{s.text}\033[0m" if colour else f"[{s.text}]{{{s.kind}}}")
        at = s.end
    return "".join(out) + mention.sentence[at:]


def render(shown: Shown, *, colour: bool = False) -> str:
    """``shown`` as text for a reader."""
    e = shown.event
    lines = [f"{shown.kind} {shown.event_id} in {e.get('path')} (document {e.get('document_id')})"]
    lines += [f"  {k}: {v}" for k, v in e.items() if v is not None and k not in _HIDDEN]
    if shown.kind == "deal":
        lines.append(f"  systems: {'; '.join(shown.systems) or '(none)'}")
    else:
        lines.append("participants:")
        lines += [f"  {p['name'] or '(no name)'}" + "".join(f", {p[k]}" for k in ("title", "organization", "country") if p[k])
                  + (f" (person {p['person_id']})" if p.get("person_id") else "")
                  + (f" [{p['rule']}]" if p.get("rule") else "") for p in shown.participants] or ["  (none)"]
    lines.append("rules:")
    lines += [f"  {what}: {rule}" for what, rule in shown.rules()]
    lines.append("group:" if len(shown.groups) < 2 else "groups:")
    lines += [f"  {g['group_id']}: {g.get('status')}, {g.get('sources')} source(s)"
              + _group_line(g) for g in shown.groups] or ["  (none: not grouped yet)"]
    lines.append(f"mentions ({len(shown.mentions)}):")
    for i, m in enumerate(shown.mentions, 1):
        lines.append(f"  {i}. {m.zone or '?'}, chars {m.start_char}-{m.end_char}, {m.rule or 'no rule'}")
        lines.append(f"     {marked(m, colour=colour)}")
    return "\n".join(lines)


def _group_line(group: dict[str, Any]) -> str:
    """A group's who and what: supplier -> buyer and system, or the countries and place of a meeting."""
    if "buyer" in group:
        return f"; {group.get('supplier') or '?'} -> {group.get('buyer') or '?'}, {group.get('system') or '?'}"
    return f"; {group.get('countries') or '?'} at {group.get('location') or '?'}, {group.get('date') or '?'}"
