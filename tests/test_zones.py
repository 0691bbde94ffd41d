"""Page zones (rules/zones.yaml, pipeline/stages/zones.py): each kind of line recognised on texts of our
own, what a zone does to mentions and events, the zone columns of the database, and the rule file."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

import pytest

from pipeline import store
from pipeline.cli import main
from pipeline.ingest import find_dateline
from pipeline.rules import check_rules
from pipeline.stages.zones import find_zones

LEAD = "Turkey signed a contract on Tuesday to buy 40 KF-21 fighter jets from South Korea for $2 billion."


def zones_of(text: str, rules) -> dict[str, str]:
    """Each non-empty line of ``text`` -> its zone."""
    dateline = find_dateline(text, rules)
    found = find_zones(text, rules.zones.values(), dateline_end=dateline[1] if dateline else 0)
    return {text[z.start:z.end]: z.zone for z in found}


# (a page of our own, the line looked at, the zone it must get)
LINES = [
    # headline: the first short line with no closing punctuation; a subhead further down is one too
    (f"Ankara to buy 40 jets from Seoul\n{LEAD}", "Ankara to buy 40 jets from Seoul", "headline"),
    (f"{LEAD}\nDeliveries to start next year\nThe first jets will arrive in spring, the ministry said today.",
     "Deliveries to start next year", "headline"),
    # dateline: the line ingest read the date from, a date alone, a place in capitals above the story
    (f"Ankara to buy jets\nWednesday, March 5, 2025\n{LEAD}", "Wednesday, March 5, 2025", "dateline"),
    (f"Ankara to buy jets\n5 March 2025 | 10:42\n{LEAD}", "5 March 2025 | 10:42", "dateline"),
    (f"Ankara to buy jets\nNICOSIA\n{LEAD}", "NICOSIA", "dateline"),
    (f"05-03-2025\nAnkara to buy jets\n{LEAD}", "05-03-2025", "dateline"),  # a date, though it has no letters
    # bylines
    (f"Ankara to buy jets\nBy Maren Holt\n{LEAD}", "By Maren Holt", "byline"),
    (f"Ankara to buy jets\nMaren Holt, Reporter\n{LEAD}", "Maren Holt, Reporter", "byline"),
    (f"Ankara to buy jets\nStaff writer\n{LEAD}", "Staff writer", "byline"),
    (f"{LEAD}\nholt@example-news.com", "holt@example-news.com", "byline"),
    (f"Ankara to buy jets\nPosted by Maren Holt\n{LEAD}", "Posted by Maren Holt", "byline"),
    (f"Ankara to buy jets\nUpdated: 2025-03-05 10:42\n{LEAD}", "Updated: 2025-03-05 10:42", "byline"),
    (f"{LEAD}\nReporting by Maren Holt; Editing by Tom Ash", "Reporting by Maren Holt; Editing by Tom Ash", "byline"),
    # captions: a credit in parentheses, after "Photo", after a slash, in brackets; a repeated line
    (f"A trainer jet lands at an air show on Monday. (Agencia Norte)\n{LEAD}",
     "A trainer jet lands at an air show on Monday. (Agencia Norte)", "caption"),
    (f"A trainer jet lands at an air show. (Photo: Lena Park)\n{LEAD}",
     "A trainer jet lands at an air show. (Photo: Lena Park)", "caption"),
    (f"(Lena Park / Northern Wire)\n{LEAD}", "(Lena Park / Northern Wire)", "caption"),
    (f"A trainer jet lands at an air show / Courtesy of the air force\n{LEAD}",
     "A trainer jet lands at an air show / Courtesy of the air force", "caption"),
    (f"A trainer jet lands at an air show. Photo by Lena Park\n{LEAD}",
     "A trainer jet lands at an air show. Photo by Lena Park", "caption"),
    (f"A trainer jet lands at an air show. [Northern Wire]\n{LEAD}",
     "A trainer jet lands at an air show. [Northern Wire]", "caption"),
    (f"{LEAD}\nThe jets will replace older trainers.\n{LEAD} The ministry gave no more details.", LEAD, "caption"),
    # related-headline lists: after a marker line; or two or more headlines closing the text
    (f"{LEAD}\nRelated articles\nCairo weighs a new frigate order\nLima buys patrol boats",
     "Cairo weighs a new frigate order", "related"),
    (f"{LEAD}\nYou may also like\nLima buys patrol boats", "Lima buys patrol boats", "related"),
    (f"{LEAD}\n- Cairo weighs a new frigate order\n- Lima buys patrol boats", "- Lima buys patrol boats", "related"),
    # navigation and widgets
    (f"A A\n{LEAD}", "A A", "navigation"),
    (f"{LEAD}\nShare / Tweet / Email / Print", "Share / Tweet / Email / Print", "navigation"),
    (f"{LEAD}\nRead next", "Read next", "navigation"),
    (f"{LEAD}\nThis website uses cookies to improve your experience. Accept all cookies to continue.",
     "This website uses cookies to improve your experience. Accept all cookies to continue.", "navigation"),
    (f"Subscribe\nSign in\n{LEAD}", "Sign in", "navigation"),
    (f"{LEAD}\nAdvertisement\nThe jets will replace older trainers, the ministry said.", "Advertisement", "navigation"),
    (f"Skip to content\n{LEAD}", "Skip to content", "navigation"),
    (f"Home\nNation\nWorld Affairs\nBusiness\nAnkara to buy 40 jets from Seoul\n{LEAD}", "World Affairs", "navigation"),
    # body: the lead, a sign-off after the story's last sentence
    (f"Ankara to buy jets\n{LEAD}", LEAD, "body"),
    (f"{LEAD}\nThe jets will replace older trainers, the ministry said on Friday. (Northern Wire)",
     "The jets will replace older trainers, the ministry said on Friday. (Northern Wire)", "body"),
]


@pytest.mark.parametrize("text,line,zone", LINES, ids=[f"{z}-{i}" for i, (_, _, z) in enumerate(LINES)])
def test_zones_each_kind_of_line(rules, text, line, zone):
    assert zones_of(text, rules)[line] == zone


def test_zones_a_paragraph_wrapped_by_hand_is_no_related_list(rules):
    text = (f"{LEAD}\nThe ministry said the first jets would\narrive in the spring and the last ones\nin the autumn")
    assert set(zones_of(text, rules).values()) <= {"body", "headline"}


def test_zones_each_sentence_gets_the_zone_of_its_line(analyse):
    r = analyse(f"Ankara to buy 40 jets from Seoul\nBy Maren Holt\n{LEAD}\nShare / Tweet", published="2025-03-05")
    assert [(s.zone, s.heading) for s in r.mentions.sentences] == [
        ("headline", True), ("byline", True), ("body", False), ("navigation", True)]
    rule = r.mentions.sentences[1].zone_rule
    assert rule.startswith("rules/zones.yaml:") and rule.endswith("(byline-by)")


def test_zones_a_headline_joins_the_body_deal(analyse):
    r = analyse(f"Ankara to buy 40 KF-21 jets from Seoul\n{LEAD}", published="2025-03-05")
    assert len(r.deals) == 1 and r.deals[0].sentence.zone == "body"
    assert sorted(m.sentence.zone for m in r.deals[0].mentions) == ["body", "headline"]


def test_zones_a_caption_repeating_the_lead_yields_no_second_deal(analyse):
    # without zones the caption is a deal of its own, dated by its "in 2024"
    caption = ("Turkish pilots inspect one of the 40 KF-21 jets Turkey agreed to buy from South Korea in 2024. "
               "(Northern Wire)")
    body = f"{LEAD}\nThe jets will replace older trainers, the ministry said."
    alone = analyse(body, published="2025-03-05")
    r = analyse(f"{caption}\n{body}", published="2025-03-05")
    assert r.mentions.sentences[0].zone == "caption"
    assert len(r.deals) == len(alone.deals) == 1
    assert all(m.sentence.zone == "body" for d in r.deals for m in d.mentions)
    # the caption's own mentions stay, with its zone
    assert any(s.system == "KF-21 Boramae" and s.start < len(caption) for s in r.mentions.systems)


def test_zones_a_related_list_names_no_deal_but_keeps_its_mentions(analyse):
    text = (f"{LEAD}\nThe jets will replace older trainers, the ministry said.\nRelated articles\n"
            "Cairo signs $1 billion deal for 12 Rafale jets from Paris\nLima buys four patrol boats")
    r = analyse(text, published="2025-03-05")
    assert [d.buyer for d in r.deals] == ["TUR"]
    related = [s for s in r.mentions.sentences if s.zone == "related"]
    assert len(related) == 3  # the marker and two headlines
    first = related[1]
    assert {c.code for c in r.mentions.countries if first.start <= c.start < first.end} >= {"EGY", "FRA"}
    assert any(s.system == "Rafale" for s in r.mentions.systems if first.start <= s.start < first.end)


def test_zones_navigation_text_yields_no_mention(analyse):
    nav = "Home\nPoland\nUkraine\nDefence\nShare | Tweet | Email"
    r = analyse(f"{nav}\n{LEAD}", published="2025-03-05")
    m = r.mentions
    groups = (m.countries, m.systems, m.organizations, m.officials, m.money, m.dates)
    assert all(x.start >= len(nav) for group in groups for x in group)
    assert {s.zone for s in r.mentions.sentences if s.start < len(nav)} == {"navigation"}
    assert [d.buyer for d in r.deals] == ["TUR"]


def test_zones_a_meeting_only_a_caption_tells_stays_unless_the_body_tells_it(analyse):
    caption = ("Defense Minister Yasar Guler shakes hands with Defense Minister Kim Yong-hyun before their talks in "
               "Ankara on Monday. (Northern Wire)")
    told = analyse(f"{caption}\nThe two ministers discussed training, the ministry said.", published="2025-03-05")
    assert [m.sentence.zone for m in told.meetings] == ["caption"]  # the page's only telling of it
    body = "Defense Minister Yasar Guler met Defense Minister Kim Yong-hyun in Ankara on Monday, the ministry said."
    both = analyse(f"{caption}\n{body}", published="2025-03-05")
    assert [m.sentence.zone for m in both.meetings] == ["body"]


def test_zones_docstring_examples():
    import doctest

    from pipeline.stages import sentences, zones

    for module in (zones, sentences):
        assert doctest.testmod(module).failed == 0


def _stored(analyse, text: str):
    r = analyse(text, published="2025-03-05")
    return replace(r, article=replace(r.article, path="z.txt", root="/corpus", sha256="z" * 64))


def test_zones_reach_the_deals_deal_mentions_and_meetings_views(analyse):
    engine = store.connect("sqlite://", create=True)
    text = (f"Ankara to buy 40 KF-21 jets from Seoul\n{LEAD}\n"
            "Defense Minister Yasar Guler met South Korean Defense Minister Kim Yong-hyun in Ankara on Monday.")
    store.save(engine, _stored(analyse, text))
    cols, deals = store.view_rows(engine, "deals")
    assert [dict(zip(cols, d))["zone"] for d in deals] == ["body"]
    cols, mentions = store.view_rows(engine, "deal_mentions")
    assert sorted(dict(zip(cols, m))["zone"] for m in mentions) == ["body", "headline"]
    cols, meetings = store.view_rows(engine, "meetings")
    assert [dict(zip(cols, m))["zone"] for m in meetings] == ["body"]


def test_zones_an_older_database_gets_its_zone_columns(tmp_path, analyse):
    path = tmp_path / "old.db"
    store.connect(str(path), create=True).dispose()
    con = sqlite3.connect(path)  # back to schema 3: no zone columns, a document done by the old rules
    for view in ("deals", "deal_mentions", "meetings"):
        con.execute(f"DROP VIEW {view}")
    for table in ("ledger_deals", "ledger_deal_mentions", "ledger_meetings"):
        con.execute(f"ALTER TABLE {table} DROP COLUMN zone")
    con.execute("UPDATE ledger_meta SET value = '3' WHERE key = 'views'")
    con.execute("INSERT INTO ledger_documents (corpus, path, full_path, fingerprint, status, ingested_at) "
                "VALUES ('/corpus', 'old.txt', '/corpus/old.txt', 'abc', 'ok', 'then')")
    con.commit()
    con.close()
    engine = store.connect(str(path), create=True)
    store.save(engine, _stored(analyse, LEAD))
    cols, deals = store.view_rows(engine, "deals")
    assert [dict(zip(cols, d))["zone"] for d in deals] == ["body"]
    _, docs = store.view_rows(engine, "documents")
    engine.dispose()
    con = sqlite3.connect(path)
    assert con.execute("SELECT fingerprint FROM ledger_documents WHERE path = 'old.txt'").fetchall() == [(None,)]
    version = con.execute("SELECT value FROM ledger_meta WHERE key = 'views'").fetchall()
    assert version == [(store.schema.SCHEMA_VERSION,)]


@pytest.mark.parametrize("body,line,message", [
    ("- {id: a, zone: margin, shape: headline}\n", 1, "'zone' must be one of"),
    ("- {id: a, zone: caption}\n", 1, "needs exactly one of line, after, only, shape"),
    ("- {id: a, zone: caption, shape: headline}\n- {id: b, zone: caption,\n   line: '(unclosed'}\n", 3,
     "does not compile"),
    ("- {id: a, zone: caption, shape: headline}\n- {id: a, zone: related, shape: end-list}\n", 2, "used twice"),
    ("- {id: a, zone: caption, shape: circle}\n", 1, "'shape' must be one of"),
])
def test_zones_a_rule_file_error_gives_file_and_line(tmp_path, body, line, message):
    (tmp_path / "zones.yaml").write_text(body, encoding="utf-8")
    _, problems = check_rules([str(tmp_path)])
    assert any(p.startswith(f"{tmp_path / 'zones.yaml'}:{line}: ") and message in p for p in problems), problems


def test_zones_a_user_rule_replaces_the_builtin_one_of_its_id(tmp_path, rules):
    from pipeline.rules import load_rules

    (tmp_path / "zones.yaml").write_text("- {id: byline-by, zone: body, line: '^Authored by '}\n", encoding="utf-8")
    mine = load_rules([str(tmp_path)])
    assert list(mine.zones) == list(rules.zones)  # in its place in the order
    assert zones_of(f"Ankara to buy jets\nBy Maren Holt\n{LEAD}", mine)["By Maren Holt"] == "headline"


def test_zones_rules_test_shows_each_sentence_zone_and_rule(capsys):
    assert main(["rules", "test", f"Ankara to buy 40 jets from Seoul\nBy Maren Holt\n{LEAD}\nShare / Tweet",
                 "--format", "json"]) == 0
    rows = [r for r in json.loads(capsys.readouterr().out) if r["kind"] == "sentence"]
    assert [(r["found"], r["rule"].split(" ")[-1]) for r in rows] == [
        ("headline", "(headline)"), ("byline", "(byline-by)"), ("body", "-"), ("navigation", "(nav-widgets)")]
    assert all(r["rule"] == "-" or r["rule"].startswith("rules/zones.yaml:") for r in rows)


def test_zones_a_read_more_line_in_the_story_takes_one_headline_not_the_rest(analyse):
    text = ("Hanwha signed a deal with Estonia for 12 K9 howitzers on Monday.\nRead more:\nKAI wins Polish jet order\n"
            "Vietnam signed a $250 million contract with Hanwha for 20 K9 howitzers on Tuesday.\n"
            "Deliveries begin next year, the company said.")
    r = analyse(text, published="2025-03-06")
    assert [s.zone for s in r.mentions.sentences][2:] == ["related", "body", "body"]
    assert sorted(d.buyer for d in r.deals) == ["EST", "VNM"]
