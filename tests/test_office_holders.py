"""rules/offices.yaml: offices told without a name become the person who held them on the article's day."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from pipeline.records import CountryMention, DateValue, Official, Sentence
from pipeline.rules import check_rules, load_rules
from pipeline.ruletest import office_suggestions
from pipeline.stages.office_holders import holder_at, office_of, resolve_offices

OFFICES = """\
- office: CHE armaments chief
  title: Chief of Armament
  organization: Federal Office for Defence Procurement
  country: CHE
  phrases: [armasuisse chief, head of armasuisse]
  titles: [armaments chief, armaments boss]

- holder: Anna Beispiel
  office: CHE armaments chief
  from: 2024-03-01
  to: 2024-12-31
  source: "tests/x.txt:1"

- holder: Bruno Muster
  office: CHE armaments chief
  from: "2025-01-01"
  source: "tests/y.txt:2"
"""


@pytest.fixture(scope="module")
def swiss(tmp_path_factory):
    folder = tmp_path_factory.mktemp("swiss_rules")
    (folder / "offices.yaml").write_text(OFFICES)
    return load_rules([str(folder)]), str(folder / "offices.yaml")


def _resolve(rules, text: str, published: str | None, countries=(), officials=()):
    sentence = Sentence(0, len(text), text, 0, False, "body", None)
    day = DateValue(published, "day" if published and len(published) == 10 else "month") if published else None
    return resolve_offices(text, rules=rules, published=day, countries=list(countries), officials=list(officials),
                           sentences=[sentence])


@pytest.mark.parametrize("published,name", [
    ("2024-06-03", "Anna Beispiel"),  # inside the first term
    ("2024-12-31", "Anna Beispiel"),  # its last day
    ("2026-03-01", "Bruno Muster"),  # no `to`: still in office
    ("2024-06", "Anna Beispiel"),  # a month all inside one term
    ("2024-02-29", None),  # before every term
    ("2024", None),  # a year only partly inside a term is no one's
    ("2025", "Bruno Muster"),  # a year all inside one
    (None, None),  # no date, no name
])
def test_office_holders_an_office_alone_is_its_holder_on_the_day(swiss, published, name):
    rules, path = swiss
    found = _resolve(rules, "The armasuisse chief said the tender would close soon.", published)
    assert [o.name for o in found] == ([name] if name else [])
    if name:
        o = found[0]
        assert (o.text, o.title, o.organization, o.country) == ("armasuisse chief", "Chief of Armament",
                                                                 "Federal Office for Defence Procurement", "CHE")
        assert o.rule == f"{path}:{8 if name == 'Anna Beispiel' else 14}"  # the holder entry's line


def test_office_holders_a_title_names_the_office_only_after_its_country(swiss):
    rules, _ = swiss
    text = "The Swiss armaments chief met the Austrian armaments chief and an armaments chief of another state."
    countries = [CountryMention(4, 9, "Swiss", "CHE", "adjective", "x"),
                 CountryMention(34, 42, "Austrian", "AUT", "adjective", "x")]
    found = _resolve(rules, text, "2024-05-02", countries)
    assert [(o.text, o.name) for o in found] == [("Swiss armaments chief", "Anna Beispiel")]  # AUT: no such office
    text = "Bern's armaments boss spoke."
    found = _resolve(rules, text, "2024-05-02", [CountryMention(0, 4, "Bern", "CHE", "capital", "x")])
    assert [o.text for o in found] == ["Bern's armaments boss"]


@pytest.mark.parametrize("text", [
    "The former armasuisse chief said so.",  # someone else on that day
    "A deputy head of armasuisse said so.",
    "The armasuisse chief Beispiel said so.",  # a name right after: a named official
    "The armasuisse chief, Carla Nome, said so.",
])
def test_office_holders_an_office_of_someone_else_or_beside_a_name_stays_unnamed(swiss, text):
    rules, _ = swiss
    assert _resolve(rules, text, "2024-06-03") == []


def test_office_holders_an_office_of_a_named_official_is_not_told_twice(swiss):
    rules, _ = swiss
    text = "Carla Nome, the armasuisse chief, said so."
    named = Official(0, 10, "Carla Nome", "Carla Nome", None, None, "CHE", "x")
    assert _resolve(rules, text, "2024-06-03", officials=[named]) == []


def test_office_holders_lookups_by_title_organisation_and_country(swiss):
    rules, _ = swiss
    office = office_of(rules, "Armaments Chief", None, "CHE")
    assert office is not None and office.office == "CHE armaments chief"
    assert office_of(rules, "armaments chief", None, "AUT") is None
    assert office_of(rules, "armasuisse chief", "Federal Office for Defence Procurement", None) is office
    assert office_of(rules, "Deputy Prime Minister and Armaments Chief", None, "CHE") is office  # one of its offices
    assert holder_at(rules, "CHE armaments chief", DateValue("2025-02-03", "day")).holder == "Bruno Muster"


def test_office_holders_resolved_in_an_article_and_in_a_meeting(analyse):
    """The built-in offices: the text's own office mentions and a meeting participant given only by office."""
    result = analyse("The DAPA chief said on Monday that the agency would speed up its exports.", "2025-03-04")
    held = [o for o in result.mentions.officials if o.rule.startswith("rules/offices.yaml:")]
    assert [(o.name, o.text, o.country) for o in held] == [("Seok Jong-gun", "DAPA chief", "KOR")]
    assert not [o for o in analyse("The DAPA chief said exports would grow.", "2019-03-04").mentions.officials]
    result = analyse("The Australian prime minister met South Korean President Moon Jae-in in Canberra on Monday.",
                     "2021-12-13")
    (meeting,) = result.meetings
    people = {p.name: p.rule for p in meeting.participants}
    assert people.keys() == {"Moon Jae-in", "Scott Morrison"}
    assert people["Scott Morrison"].startswith("rules/offices.yaml:") and people["Moon Jae-in"] is None


BAD = """\
- office: CHE armaments chief
  title: Chief of Armament
  country: CHE
  phrases: [armasuisse chief]
- office: CHE armaments chief
  title: Chief of Armament
  country: CHE
- office: CHE army chief
  title: Chief
  country: CH
  colour: red
- holder: Anna Beispiel
  office: CHE army chief
  from: 2024-01-01
  source: x
- holder: Anna Beispiel
  office: CHE armaments chief
  from: 2024-13-01
  source: x
- holder: Anna Beispiel
  office: CHE armaments chief
  from: 2024-06-01
  to: 2024-01-01
  source: x
- holder: Anna Beispiel
  office: CHE armaments chief
  from: 2024-01-01
  to: 2024-12-31
  source: x
- holder: Bruno Muster
  office: CHE armaments chief
  from: 2024-12-01
  source: x
"""


def test_office_holders_bad_entries_are_reported_at_their_line(tmp_path):
    (tmp_path / "offices.yaml").write_text(BAD)
    _, problems = check_rules([str(tmp_path)])
    where = str(tmp_path / "offices.yaml")
    got = sorted((int(p[len(where) + 1:].split(":")[0]), p.split(": ", 1)[1]) for p in problems if p.startswith(where))
    assert [line for line, _ in got] == [5, 10, 11, 13, 18, 23, 32]
    messages = dict(got)
    assert "defined twice in this file (first at " in messages[5]
    assert "ISO 3166-1 alpha-3" in messages[10]
    assert "unknown key 'colour'" in messages[11]
    assert "unknown office 'CHE army chief'" in messages[13]
    assert "month must be in 1..12" in messages[18]
    assert "before 'from'" in messages[23]
    assert "overlaps that of Anna Beispiel" in messages[32]


def test_office_holders_rules_test_suggests_entries(analyse, rules):
    result = analyse("Swiss Defence Minister Carla Nome met DAPA Minister Seok Jong-gun in Seoul on Monday.", "2025-03-04")
    found = office_suggestions(result, rules, "notes/talks.txt")
    lines = [f.found for f in found]
    # CHE has no such office: the office and its holder; Seok Jong-gun is a listed holder: nothing
    assert lines == ['- {office: "CHE defence minister", title: "Defence Minister", country: "CHE", '
                     'titles: ["defence minister"]}',
                     '- {holder: "Carla Nome", office: "CHE defence minister", from: 2025-03-04, to: 2025-03-04, '
                     'source: "notes/talks.txt:1"}']
    assert all(f.kind == "suggestion" and f.rule == "rules/offices.yaml" for f in found)


def test_office_holders_rules_test_json_stays_one_list(capsys):
    status = main(["rules", "test", "Swiss Defence Minister Carla Nome visited Seoul on Monday.", "--published",
                   "2025-03-04", "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert status == 0 and [r["text"] for r in rows if r["kind"] == "suggestion"] == ["Carla Nome"] * 2


def test_office_holders_rules_test_table_ends_with_the_whole_entries(capsys):
    status = main(["rules", "test", "Swiss Defence Minister Carla Nome visited Seoul on Monday.", "--published",
                   "2025-03-04"])
    out = capsys.readouterr().out
    table, _, after = out.partition("suggested rules/offices.yaml entries")
    assert status == 0 and "suggestion" not in table
    assert '- {holder: "Carla Nome", office: "CHE defence minister", from: 2025-03-04, to: 2025-03-04, source: "<text>:1"}' in after
