"""Input that must be refused with a one-line reason, never a traceback: gold files of the wrong
shape (issue 12, item 22) and rule files with wrong-typed values or dangerous regexes (item 23)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.goldfile import load_gold, schema_validator

ROOT = Path(__file__).resolve().parent.parent

# ---- item 22: gold files ---------------------------------------------------------------------

DEAL = {"supplier": "KOR", "buyer": "POL", "systems": ["K2 Black Panther"], "system_keys": ["k2"], "quantity": 180,
        "value": {"low": 2.6e9, "high": 2.6e9, "currency": "USD", "per_unit": False}, "value_usd": None,
        "date": "2022-08", "status": "signed", "required": True}
MEETING = {"participants": [{"name": "Mariusz Blaszczak", "title": "minister", "organization": None, "country": "POL"},
                            {"name": None, "title": "minister", "organization": None, "country": "KOR"}],
           "date": "2022-08-27", "location": "Warsaw", "location_country": "POL", "required": True}
GOLD = {"documents": [
    {"file": "a00.txt", "published": None, "deals": [], "meetings": [], "money": [], "officials": [], "systems": [],
     "countries": []},
    {"file": "a01.txt", "published": "2022-08-27", "deals": [DEAL], "meetings": [MEETING],
     "money": [{"text": "$2.6 billion", "low": 2.6e9, "high": 2.6e9, "currency": "USD"}],
     "officials": [{"name": "Mariusz Blaszczak", "title": "minister", "organization": None, "country": "POL"}],
     "systems": ["K2 Black Panther"], "countries": ["POL", "KOR"]},
]}


def _set(path: str, value):
    """A change to GOLD: ``documents.1.deals.0.value`` set to ``value`` (``...`` deletes the key)."""
    def change(gold: dict) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        node = gold
        for p in parents:
            node = node[p]
        if value is ...:
            del node[last]
        else:
            node[last] = value
    return change


BAD_GOLD = [  # (what, change, the place and the reason the one line must give)
    ("a value that is a string", _set("documents.1.deals.0.value", "big"),
     "documents[1] a01.txt: deals[0].value: 'big' is not an object {low, high, currency, per_unit} or null"),
    ("a participant that is a string", _set("documents.1.meetings.0.participants.1", "Eom Dong-hwan"),
     "documents[1] a01.txt: meetings[0].participants[1]: 'Eom Dong-hwan' is not an object"),
    ("system_keys null", _set("documents.1.deals.0.system_keys", None),
     "documents[1] a01.txt: deals[0].system_keys: null is not a list of system keys"),
    ("a date that is a number", _set("documents.1.deals.0.date", 2022),
     "documents[1] a01.txt: deals[0].date: 2022 is not an ISO 8601 date"),
    ('required: "no"', _set("documents.1.deals.0.required", "no"),
     "documents[1] a01.txt: deals[0].required: 'no' is not true or false"),
    ('quantity: "many"', _set("documents.1.deals.0.quantity", "many"),
     "documents[1] a01.txt: deals[0].quantity: 'many' is not a whole number, a [low, high] range or null"),
    ("a document listed twice", lambda g: g["documents"].append(copy.deepcopy(g["documents"][1])),
     "documents[2] a01.txt: listed twice (first as documents[1])"),
    ("a published date that is a number", _set("documents.1.published", 20220827),
     "documents[1] a01.txt: published: 20220827 is not an ISO 8601 date"),
    ("a status not in FORMAT.md", _set("documents.1.deals.0.status", "done"),
     "deals[0].status: 'done' is not one of signed, negotiating"),
    ("a country that is a name", _set("documents.1.countries.0", "Poland"),
     "countries[0]: 'Poland' is not an ISO 3166-1 alpha-3 code"),
    ("a one-number range", _set("documents.1.deals.0.quantity", [180]), "deals[0].quantity: [180] is not"),
    ("a value without its currency", _set("documents.1.deals.0.value.currency", ...), "deals[0].value lacks currency"),
    ("a money amount that is a string", _set("documents.1.money.0.low", "2.6bn"), "money[0].low: '2.6bn' is not a number"),
    ("an official without a name", _set("documents.1.officials.0.name", None), "officials[0].name: null is not"),
    ("a list of meetings that is an object", _set("documents.0.meetings", {}), "documents[0] a00.txt: meetings: {} is not"),
    ("a document that is a string", _set("documents.0", "a00.txt"), "documents[0]: 'a00.txt' is not an object"),
    ("keys missing at once", lambda g: [g["documents"][1]["deals"][0].pop(k) for k in ("buyer", "status")],
     "documents[1] a01.txt: deals[0] lacks buyer, status"),
]


def _write(tmp_path: Path, gold) -> Path:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold))
    return path


@pytest.mark.parametrize("what,change,reason", BAD_GOLD, ids=[b[0] for b in BAD_GOLD])
def test_evaluate_refuses_a_gold_file_of_the_wrong_shape(tmp_path, capsys, what, change, reason):
    gold = copy.deepcopy(GOLD)
    change(gold)
    path = _write(tmp_path, gold)
    assert main(["evaluate", str(path), "--db", str(tmp_path / "none.db")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"armsledger: {path}: ") and reason in err, err


@pytest.mark.parametrize("gold", ["tests/dev/gold.json", "tests/data/corpus_gold.json", "/work/shared/gold/seeds.json",
                                  "rules/README.md example"])
def test_every_gold_file_we_have_fits_the_schema(tmp_path, gold):
    if gold.endswith("example"):  # the gold of rules/README.md's worked example
        text = (ROOT / "rules" / "README.md").read_text()
        block = text.split("and this gold as `gold.json`:\n```json\n", 1)[1].split("```", 1)[0]
        path = _write(tmp_path, json.loads(block))
    else:
        path = ROOT / gold if not gold.startswith("/") else Path(gold)
        if not path.exists():
            pytest.skip(f"{gold} is not on this machine")
    assert load_gold(str(path))


def test_gold_defaults_are_filled_for_the_scorer(tmp_path):
    deal = {"supplier": None, "buyer": "POL", "system_keys": [], "status": "planned", "value": {}}
    gold = {"documents": [{"file": "a.txt", "deals": [deal], "meetings": [{"participants": [{"name": "A"}]}],
                           "money": [{"low": None, "high": 5.0, "currency": "EUR"}]}]}
    doc = load_gold(str(_write(tmp_path, gold)))[0]
    assert doc["deals"][0]["required"] is True and doc["deals"][0]["systems"] == [] and doc["countries"] == []
    assert doc["meetings"][0]["location_country"] is None and doc["meetings"][0]["required"] is True


def test_gold_schema_is_valid_and_published_beside_format(tmp_path):
    schema_validator().check_schema(schema_validator().schema)
    published = ROOT / "gold" / "gold.schema.json"
    assert json.loads(published.read_text()) == schema_validator().schema
    assert (ROOT / "gold" / "FORMAT.md").read_text().startswith("# Gold annotation format")
    assert "gold.schema.json" in (ROOT / "setup.cfg").read_text()


def test_gold_json_that_cannot_be_read_is_one_line(tmp_path, capsys):
    for text in ("[" * 100_000, '{"documents": [{"file": "a.txt", "money": [{"low": ' + "9" * 5000 + "}]}]}"):
        path = tmp_path / "deep.json"
        path.write_text(text)
        assert main(["evaluate", str(path), "--db", str(tmp_path / "none.db")]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(path) in err


# ---- item 23: rule files ---------------------------------------------------------------------

from pipeline.regexrisk import backtracking_risk  # noqa: E402
from pipeline.rulefiles import Entry, Problems  # noqa: E402
from pipeline.rulekinds import PARSERS  # noqa: E402
from pipeline.records import SourceLine  # noqa: E402
from pipeline.ruletypes import Rules  # noqa: E402


def _check(tmp_path, capsys, files: dict[str, str]) -> tuple[int, list[str]]:
    """``rules check`` on a folder of ``files``: the exit status and the problem lines."""
    folder = tmp_path / "my_rules"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    status = main(["rules", "check", str(folder)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, [line for line in captured.err.splitlines() if not line.startswith("armsledger:")]


def test_rules_check_reports_a_nested_mapping_as_a_problem(tmp_path, capsys):
    status, problems = _check(tmp_path, capsys, {"systems.yaml": "- {name: {nested: 1}}\n"})
    assert status == 2 and problems and all(p.startswith(str(tmp_path / "my_rules" / "systems.yaml") + ":1: ") for p in problems)
    assert any("'name' must be a non-empty string" in p for p in problems)


@pytest.mark.parametrize("file,text,problem", [
    ("systems.yaml", "- {name: Tigon, category: tank, origin: NO}\n",
     'systems.yaml:1: origin: NO was read as the boolean false; quote it: "NO"'),
    ("words.yaml", "- {word: on, class: preposition}\n", 'words.yaml:1: word: on was read as the boolean true; quote it: "on"'),
    ("deal_triggers.yaml", "- lemma: no\n  status: signed\n", 'deal_triggers.yaml:1: lemma: no was read as the boolean false'),
    ("units.yaml", "- unit: Yes\n", 'units.yaml:1: unit: Yes was read as the boolean true; quote it: "Yes"'),
    ("systems.yaml", "- name: Tigon\n  category: tank\n  aliases: [Tigon 6x6, off]\n",
     'systems.yaml:3: \'aliases\' must be a list of non-empty strings: aliases: off was read as the boolean false'),
    ("meeting_triggers.yaml", "- {pattern: [{LOWER: {IN: [on, board]}}, {IS_TITLE: yes}]}\n",
     "meeting_triggers.yaml:1: 'pattern' has a true/false where a word was meant: LOWER: on was read as the boolean true"),
])
def test_rules_check_explains_a_yaml_boolean(tmp_path, capsys, file, text, problem):
    status, problems = _check(tmp_path, capsys, {"categories.yaml": "- {category: tank, terms: [tank]}\n", file: text})
    assert status == 2 and any(p.endswith(problem) or problem in p for p in problems), problems


def test_rules_check_takes_y_and_n_and_quoted_words_as_words(tmp_path, capsys):
    status, problems = _check(tmp_path, capsys, {"units.yaml": "- unit: y\n- unit: n\n- unit: 'on'\n- unit: \"NO\"\n"})
    assert (status, problems) == (0, [])


@pytest.mark.parametrize("regex", [r"(a+)+$", r"(x|xx)+y", r"(\w+\s?)*x", r"(a*)*$", r"^(\w+)*@", r"(a|a)*$",
                                   r"(?:\d+)*\.", r"(a{1,5})+$", r"(?=(a+)+$)"])
def test_a_catastrophic_regex_is_refused(regex):
    assert backtracking_risk(regex)


@pytest.mark.parametrize("regex", [r"(?:\w+\s)*\d", r"a+b+c", r"(?:,\s*\w+)*", r"[a-z]+(?:-[a-z]+)*", r"(?>a+)+$",
                                   r"(a++)+$", r"(?:ab)+", r"(?:a|ab)*c", r"^\s*(?P<date>\d{4}-\d{2}-\d{2})\b"])
def test_an_unambiguous_regex_is_accepted(regex):
    assert backtracking_risk(regex) is None


@pytest.mark.parametrize("file,text", [
    ("datelines.yaml", "- regex: '^(?P<date>(\\d+)+)$'\n"),
    ("anaphora.yaml", "- {use: continues, regex: '^(x|xx)+y'}\n"),
    ("cues.yaml", "- {pattern: [{LOWER: {REGEX: '(a+)+$'}}], effect: negation}\n"),
])
def test_rules_check_refuses_a_catastrophic_regex_at_its_line(tmp_path, capsys, file, text):
    status, problems = _check(tmp_path, capsys, {file: text})
    assert status == 2 and len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'my_rules' / file}:1: ") and "backtrack catastrophically" in problems[0]


def test_builtin_rules_pass_the_checks(capsys):
    assert main(["rules", "check"]) == 0
    assert capsys.readouterr().out.startswith("rules ok")


# Values of every type, in the places a rule file could put them.
ODD_VALUES = [{"nested": 1}, {"IN": 5}, {"REGEX": {"a": 1}}, [], [{"nested": 1}], [[1]], [None], ["x", 3], 0, -1, 1.5,
              float("inf"), float("nan"), 10**30, True, False, None, "", " ", "x", "(a+)+$", [{1: 2}],
              [{"LOWER": {"IN": 5}}], [{"LOWER": {"REGEX": "(a+)+$"}}], [{"LOWER": {"REGEX": 3}}], [{"LOWER": True}]]
TEMPLATES = {  # one valid entry of each form of each kind
    "countries": [{"code": "KOR", "names": ["ROK"], "adjectives": ["Korean"]}],
    "places": [{"name": "Seoul", "aliases": ["Seul"], "country": "KOR", "capital": True, "ambiguous": False},
               {"name": "Seoul", "aliases": ["Sŏul"]}],
    "categories": [{"category": "tank", "terms": ["tank"]}],
    "systems": [{"name": "K2", "aliases": ["K2 Black Panther"], "category": "tank", "origin": "KOR", "maker": "Hyundai",
                 "partners": ["POL"]}, {"name": "K2", "aliases": ["Black Panther"]}],
    "organizations": [{"name": "DAPA", "aliases": ["Defense Acquisition"], "country": "KOR", "kind": "government"},
                      {"name": "DAPA", "aliases": ["D.A.P.A."]}],
    "titles": [{"title": "minister", "kind": "government"}, {"modifier": "deputy"}, {"honorific": "Mr"}],
    "money": [{"currency": "KRW", "symbols": ["₩"], "words": ["won"], "countries": ["KOR"]},
              {"scale": ["billion", "bn"], "factor": 1e9}, {"per_unit": "apiece"}],
    "fx_rates": [{"currency": "KRW", "year": 2024, "per_usd": 1364.0}],
    "fiscal_years": [{"country": "IND", "start_month": 4, "named_by": "end"}],
    "deal_triggers": [{"lemma": "buy", "pos": "VERB", "status": "signed", "subject": "buyer", "class": "signing",
                       "forms": ["buys"]}, {"pattern": [{"LOWER": "sign"}], "status": "signed"}],
    "meeting_triggers": [{"lemma": "meet", "visit": False}, {"pattern": [{"LOWER": "met"}]}],
    "cues": [{"lemma": "will", "effect": "planned"}, {"pattern": [{"LOWER": "not"}], "effect": "negation"}],
    "roles": [{"preposition": "to", "after": ["sell"], "role": "buyer"}, {"possessive": "order", "role": "buyer"}],
    "datelines": [{"regex": r"^(?P<date>\d{4}-\d{2}-\d{2})"}],
    "units": [{"unit": "batteries"}],
    "words": [{"word": "dozen", "class": "number", "value": 12}],
    "anaphora": [{"regex": r"^The deal\b", "use": "continues"}],
    "zones": [{"id": "a", "zone": "caption", "line": r"\(AP\)$", "min_words": 2, "max_words": 60, "where": "top"},
              {"id": "b", "zone": "related", "after": "^Related$", "max_words": 25},
              {"id": "c", "zone": "navigation", "only": ["share", "tweet"]},
              {"id": "d", "zone": "related", "shape": "end-list", "min_lines": 2, "where": "last"}],
    "system_shapes": [{"id": "a", "regex": r"(?P<name>[A-Z]\d+)", "kind_after": True, "with_kind": False, "name_only": True},
                      {"id": "b", "regex": r"(?P<name>\d+mm rounds)", "category": "tank"}],
    "offices": [{"office": "KOR defense minister", "title": "Minister of National Defense", "country": "KOR",
                 "organization": "Ministry of National Defense", "phrases": ["Korean defense chief"],
                 "titles": ["defense minister"]},
                {"holder": "Kim", "office": "KOR defense minister", "from": "2024-01-01", "to": "2024-12-31",
                 "source": "a.txt:1", "aliases": ["Kim Y."]}],
}


def _parse(kind: str, data: dict) -> list[str]:
    """The problems one entry gets from its kind's parser, with the built-ins' state around it."""
    rules, problems = Rules(), Problems()
    entry = Entry(SourceLine(f"{kind}.yaml", 1), data, {str(k): 1 for k in data})
    known = {"categories": {"tank"}}
    for template in TEMPLATES[kind][:1]:  # an existing entry, for the entries that extend one
        PARSERS[kind]([Entry(SourceLine("base.yaml", 1), template, {})], rules, Problems(), known)
    PARSERS[kind]([entry], rules, problems, known)
    return problems.items


def test_every_field_of_every_kind_takes_any_value_without_crashing():
    assert set(TEMPLATES) == set(PARSERS)
    checked = 0
    for kind, templates in TEMPLATES.items():
        for template in templates:
            assert _parse(kind, dict(template)) == [], (kind, template)
            for key in [*template, "unknown", 7]:
                for value in ODD_VALUES:
                    problems = _parse(kind, {**template, key: value})
                    assert all(p.startswith(f"{kind}.yaml:1: ") for p in problems), problems
                    checked += 1
    assert checked > 1000


from hypothesis import given, settings, strategies as st  # noqa: E402

_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6) | st.integers(),
                                                                                    inner, max_size=3), max_leaves=8)


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(sorted(TEMPLATES)), data=st.dictionaries(
    st.sampled_from(sorted({k for ts in TEMPLATES.values() for t in ts for k in t}) + ["IN", "REGEX"]), _VALUES, max_size=5))
def test_random_entries_give_problems_not_crashes(kind, data):
    assert all(p.startswith(f"{kind}.yaml:1: ") for p in _parse(kind, data))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab()|*+?{}[]^$\\.:=!<>,0123456789wsdP-", max_size=16))
def test_the_regex_check_never_raises(pattern):
    assert backtracking_risk(pattern) is None or "catastrophically" in backtracking_risk(pattern)
