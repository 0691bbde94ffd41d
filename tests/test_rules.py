"""Rule files: every problem reported as file:line, user folders that extend and override, rule ids."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from pipeline.analyse import analyse_text
from pipeline.cli import main
from pipeline.errors import RuleFileError
from pipeline.nlp import Toolkit
from pipeline.rules import check_rules, load_rules
from pipeline.run import run_corpus


def folder(tmp_path: Path, files: dict[str, str]) -> str:
    d = tmp_path / "my_rules"
    d.mkdir(exist_ok=True)
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")
    return str(d)


# one file per kind of problem, and the exact message it must give
BROKEN = [
    ("bad YAML", {"systems.yaml": "- {name: X, aliases: [a, b}\n"}, "systems.yaml:1: bad YAML:"),
    ("unknown key", {"systems.yaml": "- name: Hwasong\n  alias: [HS]\n  category: missile\n"},
     "systems.yaml:2: unknown key 'alias' (expected one of: name, aliases, category, origin, maker, partners, family, kind_after)"),
    ("missing field", {"organizations.yaml": "\n- {name: Acme Arms, country: USA}\n"}, "organizations.yaml:2: missing field 'kind'"),
    ("alias claimed twice", {"systems.yaml": "- {name: Alpha Gun, aliases: [AG-1], category: tank}\n"
                                             "- {name: Beta Gun, aliases: [AG 1], category: tank}\n"},
     "systems.yaml:2: alias 'AG 1' is claimed by both 'Alpha Gun' and 'Beta Gun' (systems)"),
    ("pattern spaCy rejects", {"deal_triggers.yaml": "- {pattern: [{FOO: bar}], status: signed}\n"},
     "deal_triggers.yaml:1: pattern rejected by spaCy: - [pattern -> 0 -> FOO] Extra inputs are not permitted"),
    ("regex that does not compile", {"datelines.yaml": "- regex: '(?P<date>\\d+'\n"},
     "datelines.yaml:1: 'regex' does not compile: missing ), unterminated subpattern at position 0"),
    ("address date without its groups", {"datelines.yaml": "- url: '/(\\d{4})/(\\d\\d)/'\n"},
     "datelines.yaml:1: needs named groups (?P<y>...) and (?P<m>...), and (?P<d>...) for a day"),
    ("dateline rule of both kinds", {"datelines.yaml": "- {regex: '(?P<date>x)', url: '(?P<y>1)(?P<m>2)'}\n"},
     "datelines.yaml:1: needs exactly one of regex, url"),
    ("system shape without its name group", {"system_shapes.yaml": "- {id: x, regex: '[A-Z]\\d+', kind_after: true}\n"},
     "system_shapes.yaml:1: needs a named group (?P<name>...) around the system's name"),
    ("system shape without a kind", {"system_shapes.yaml": "- {id: x, regex: '(?P<name>[A-Z]\\d+)'}\n"},
     "system_shapes.yaml:1: needs kind_after: true or a category: a system found by shape needs its kind"),
    ("unknown country code", {"places.yaml": "- {name: Atlantis City, country: ATL}\n"},
     "places.yaml:1: 'country' must be an ISO 3166-1 alpha-3 country code (got 'ATL')"),
    ("unknown partner country", {"systems.yaml": "- {name: Sky Bow, category: tank, origin: DEU, partners: [FRA, XXX]}\n"},
     "systems.yaml:1: 'partners' has codes that are not ISO 3166-1 alpha-3: XXX"),
    ("unknown currency code", {"fx_rates.yaml": "- {currency: XYZ, year: 2024, per_usd: 3.5}\n"},
     "fx_rates.yaml:1: 'currency' must be an ISO 4217 currency code (got 'XYZ')"),
    ("a word YAML reads as true/false", {"meeting_triggers.yaml": "- {pattern: [{LOWER: on}, {LOWER: board}]}\n"},
     "meeting_triggers.yaml:1: 'pattern' has a true/false where a word was meant"),
    ("unknown category", {"systems.yaml": "- {name: Sky Sword, category: laser}\n"},
     "systems.yaml:1: unknown category 'laser' (not in categories.yaml)"),
    ("unknown rule file", {"weapons.yaml": "- {name: X}\n"}, "weapons.yaml:1: unknown rule file"),
    ("bad JSON", {"units.json": '[{"unit": "pods"}, {"unit": '}, "units.json:2: bad YAML: did not find expected node content"),
]


@pytest.mark.parametrize("what,files,message", BROKEN, ids=[b[0] for b in BROKEN])
def test_each_problem_is_reported_at_its_line(tmp_path, what, files, message):
    d = folder(tmp_path, files)
    _, problems = check_rules([d])
    assert any(p.startswith(str(Path(d) / message.split(":")[0])) and message.split(":", 1)[1] in p for p in problems), problems


def test_every_problem_is_reported_at_once(tmp_path):
    d = folder(tmp_path, {"systems.yaml": "- {name: A1, category: laser}\n- {name: B1, category: tank, origin: ZZZ}\n",
                          "places.yaml": "- {name: Nowhere}\n"})
    with pytest.raises(RuleFileError) as e:
        load_rules([d])
    assert len(e.value.problems) == 3
    assert [p.rsplit("/", 1)[-1].split(":")[:2] for p in e.value.problems] == [
        ["places.yaml", "1"], ["systems.yaml", "1"], ["systems.yaml", "2"]]


def test_builtin_rules_are_clean():
    _, problems = check_rules()
    assert problems == []


def test_rules_check_command(tmp_path, capsys):
    assert main(["rules", "check"]) == 0
    assert capsys.readouterr().out.startswith("rules ok")
    d = folder(tmp_path, {"places.yaml": "- {name: Atlantis City, country: ATL}\n"})
    assert main(["rules", "check", d]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{Path(d) / 'places.yaml'}:1: 'country' must be an ISO 3166-1 alpha-3 country code (got 'ATL')"
    assert err[-1] == "armsledger: 1 problem(s) in the rule files"


def test_run_refuses_broken_rules_with_the_same_message(tmp_path, capsys):
    d = folder(tmp_path, {"places.yaml": "- {name: Atlantis City, country: ATL}\n"})
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Poland bought tanks.")
    assert main(["run", str(corpus), "--db", str(tmp_path / "x.db"), "--rules", d]) == 2
    assert "places.yaml:1: 'country' must be an ISO 3166-1 alpha-3" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()


TEXT = "Vietnam signed a contract on Monday to buy 20 Thunderbolt guns from South Korea."


def test_user_folder_adds_an_alias(tmp_path):
    plain = Toolkit(load_rules()).warm()
    assert analyse_text(TEXT, plain, published="2025-01-21").deals == ()
    d = folder(tmp_path, {"systems.yaml": "# Thunderbolt is what the Vietnamese press calls the K9\n"
                                          "- {name: K9 Thunder, aliases: [Thunderbolt gun]}\n"})
    extended = Toolkit(load_rules([d])).warm()
    (deal,) = analyse_text(TEXT, extended, published="2025-01-21").deals
    assert (deal.supplier, deal.buyer, deal.systems, deal.quantity.low) == ("KOR", "VNM", ("K9 Thunder",), 20)
    k9 = extended.rules.systems["K9 Thunder"]
    assert "K9A1" in k9.aliases and "Thunderbolt gun" in k9.aliases and k9.origin == "KOR"


def test_user_entry_overrides_the_builtin_one(tmp_path):
    d = folder(tmp_path, {"systems.yaml": "- {name: K9 Thunder, aliases: [Thunderbolt gun], category: tank, origin: POL}\n"})
    rules = load_rules([d])
    k9 = rules.systems["K9 Thunder"]
    assert (k9.category, k9.origin, k9.aliases) == ("tank", "POL", ("Thunderbolt gun",))
    assert str(k9.where).endswith("my_rules/systems.yaml:1")


def test_user_trigger_is_a_new_phrasing(tmp_path):
    text = "Hanwha will kit out the Estonian army with 12 K9 howitzers."
    plain = Toolkit(load_rules()).warm()
    assert analyse_text(text, plain).deals == ()
    d = folder(tmp_path, {"deal_triggers.yaml": "- {pattern: [{LEMMA: kit}, {LOWER: out}], status: signed, subject: supplier,"
                                                " forms: [kit]}\n"})
    (deal,) = analyse_text(text, Toolkit(load_rules([d])).warm()).deals
    assert (deal.buyer, deal.status, deal.rule) == ("EST", "planned", f"{Path(d) / 'deal_triggers.yaml'}:1")


def test_rule_ids_reach_the_database(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Poland signed a $2.6 billion contract on Monday for 180 K2 tanks from South Korea.\n")
    db = tmp_path / "r.db"
    run_corpus([str(corpus)], db=str(db), progress=False)
    con = sqlite3.connect(db)
    rules = {view: {r[0] for r in con.execute(f"SELECT rule FROM {view}")} for view in
             ("deals", "money_mentions", "system_mentions", "country_mentions", "date_mentions")}
    assert rules["deals"] == {line_of("deal_triggers.yaml", "- {lemma: sign, pos: VERB")}
    assert rules["system_mentions"] == {line_of("systems.yaml", "- {name: K2 Black Panther,")}
    assert rules["money_mentions"] == {line_of("money.yaml", "- {currency: USD,")}
    assert all(r.startswith(("rules/", "dates.", "pycountry")) for rs in rules.values() for r in rs)
    for rule in rules["deals"] | rules["system_mentions"] | rules["money_mentions"]:
        path, line = rule.rsplit(":", 1)
        assert (Path(__file__).resolve().parent.parent / path).read_text().splitlines()[int(line) - 1].startswith("- {")


def line_of(name: str, prefix: str) -> str:
    """The rule id (rules/NAME:LINE) of the entry that starts with ``prefix``."""
    lines = (Path(__file__).resolve().parent.parent / "rules" / name).read_text().splitlines()
    return f"rules/{name}:{next(i for i, line in enumerate(lines, 1) if line.startswith(prefix))}"


def test_rules_test_command(capsys):
    assert main(["rules", "test", "Poland signed a $2.6 billion contract for 180 K2 tanks from South Korea on Monday.",
                 "--published", "2022-08-27"]) == 0
    out = capsys.readouterr().out
    assert line_of("systems.yaml", "- {name: K2 Black Panther,") in out and "KOR -> POL K2 Black Panther x180" in out and "rows)" in out
    assert main(["rules", "test", "Seoul sold W930b of K9 guns to Canberra.", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"kind": "money", "text": "W930b"}.items() <= next(r for r in rows if r["kind"] == "money").items()
    assert all({"kind", "text", "found", "start", "end", "rule", "fields"} == set(r) for r in rows)


def test_rules_test_json_gives_fields(capsys):
    """--format json gives each finding's values as fields, not only the table's prose."""
    assert main(["rules", "test", "Peru signed a $1.2 billion deal for 4 frigates and 20 K2 tanks from South Korea on "
                 "Friday, Defence Minister Walter Astudillo said.", "--published", "2025-05-04", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    of = lambda kind: [r["fields"] for r in rows if r["kind"] == kind]
    assert of("sentence") == [{"zone": "body"}]
    assert {"country": "PER", "how": "name"} in of("country")
    assert {"system": "K2 Black Panther", "named": True, "category": "tank", "origin": "KOR"} in of("system")
    assert {"name": "Walter Astudillo", "title": "Defence Minister"}.items() <= of("official")[0].items()
    assert of("money") == [{"currency": "USD", "low": 1_200_000_000, "high": 1_200_000_000, "per_unit": False,
                            "usd_low": 1_200_000_000, "usd_high": 1_200_000_000, "usd_source": "text"}]
    assert {"date": "2025-05-02", "date_precision": "day", "told": False} in of("date")
    deals = {tuple(d["systems"]): d for d in of("deal")}  # a deal per item, the contract's value on each
    assert sorted(deals) == [("K2 Black Panther",), ("frigate",)]
    assert deals["frigate",]["named_systems"] == [] and deals["K2 Black Panther",]["named_systems"] == ["K2 Black Panther"]
    assert {"supplier": "KOR", "buyer": "PER", "date": "2025-05-02", "status": "signed", "quantity_low": 20,
            "quantity_high": 20}.items() <= deals["K2 Black Panther",].items()
    assert deals["frigate",]["value"]["usd_low"] == 1_200_000_000


def test_rules_test_reads_a_file_with_its_metadata(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Poland signed for 48 FA-50 jets on Monday.")
    (tmp_path / "a.meta.json").write_text('{"published": "2022-09-21"}')
    assert main(["rules", "test", str(tmp_path / "a.txt"), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert next(r for r in rows if r["kind"] == "date")["found"] == "2022-09-19 (day)"


@pytest.mark.parametrize("argv", [["rules", "check", "--help"], ["rules", "test", "--help"]])
def test_rules_commands_have_help_with_an_example(argv, capsys):
    with pytest.raises(SystemExit):
        main(argv)
    out = capsys.readouterr().out
    assert "example:" in out and "armsledger rules" in out
