"""Officials named behind long titles, ranks and honorifics, and the names that are no officials."""

from __future__ import annotations

import pytest


def names(result) -> set[str]:
    return {o.name for o in result.mentions.officials}


def titles(result) -> dict[str, str | None]:
    return {o.name: o.title for o in result.mentions.officials}


# A title that runs over a country's long name, a preposition or a parenthesis, before a comma or the name.
LONG_TITLES = [
    ("The visit was hosted by the Federal President of the Republic of Austria, Anton Kremser, in Vienna.", "Anton Kremser"),
    ("The Second Vice President and Minister of Finance of the Republic of Chile, Lucia Ferrante, spoke first.", "Lucia Ferrante"),
    ("Gomez held talks with his counterpart from the United Kingdom, Harold Penbury.", "Harold Penbury"),
    ("British Ambassador to Norway Clara Whitcombe attended the signing.", "Clara Whitcombe"),
    ("The deal for the helicopters was signed on Friday by the ministry's Director General (Procurement) Rajiv Kumar "
     "Mehta after long talks with the suppliers.", "Rajiv Kumar Mehta"),
]


@pytest.mark.parametrize("text,name", LONG_TITLES)
def test_name_after_a_long_title(analyse, text, name):
    assert name in names(analyse(text))


# Offices that end in words other than "minister": officers, colleagues, leaders, ranks with or without a dot.
OFFICES = [
    ("Veltor's Chief Operating Officer Marco Delvecchio said exports would grow.", "Marco Delvecchio"),
    ("Swedish Minister Ole Brandt met his colleague Ingrid Solheim in Oslo.", "Ingrid Solheim"),
    ("Opposition leader Tomas Veidt criticised the purchase.", "Tomas Veidt"),
    ("Air Chief Marshal Anucha Srisuk inspected the jets.", "Anucha Srisuk"),
    ("Capt. Peter Haldane, the programme's director, said the ships were ready.", "Peter Haldane"),
    ("Adm. Ricardo Ferraz commands the fleet.", "Ricardo Ferraz"),
    ("Gen. Amir Hatami, the army chief, said the drones were ready for export to several countries.", "Amir Hatami"),
    ("Lt. Gen. Shoji Takeda, who leads the programme, said the first jets would arrive in 2027.", "Shoji Takeda"),
    ("The crown prince met Sheikh Hamad bin Khalifa al-Thani at the palace on Sunday.", "Hamad bin Khalifa al-Thani"),
    ("The order was signed on Friday by Zelvex Director General V K Ostrenko after two years of talks.", "V K Ostrenko"),
    ("The contract was signed by Navy Chief of Staff Admiral Tomas Brenner and Varo Marine Director General "
     "V K Ostrenko after talks between President Ana Lemos and Prime Minister Joao Reis.", "V K Ostrenko"),
]


@pytest.mark.parametrize("text,name", OFFICES)
def test_name_after_an_office_or_rank(analyse, text, name):
    assert name in names(analyse(text))


# A courtesy honorific is no part of the name; a style the person is granted stays in it; neither is a name alone.
HONORIFICS = [
    ("Defence Minister Tan Sri Azlan Hamid visited the shipyard.", "Tan Sri Azlan Hamid"),
    ("Army chief Datuk Seri Rahim Osman opened the show.", "Datuk Seri Rahim Osman"),
    ("Deputy Minister Dr. Helena Morais signed the letter.", "Helena Morais"),
    ("He was joined by Dr. Samir Haddad, the head of the procurement agency, at the signing.", "Samir Haddad"),
    ("The talks were led by Tan Sri Azmi Ismail, secretary general of the defence ministry.", "Tan Sri Azmi Ismail"),
]


@pytest.mark.parametrize("text,name", HONORIFICS)
def test_honorifics_before_the_name(analyse, text, name):
    assert name in names(analyse(text))


def test_an_honorific_alone_is_no_official(analyse):
    assert names(analyse("The delegation waited, and later the Minister Datuk arrived at the port.")) == set()


# Names with particles, apostrophes, initials and generational suffixes are one name.
NAME_SHAPES = [
    ("Defence Minister Faisal bin Hamad al-Sabah met the delegation.", "Faisal bin Hamad al-Sabah"),
    ("Minister of Defence Nurul Aina binti Yusof toured the base.", "Nurul Aina binti Yusof"),
    ("He met Mr. Joaquim Tavares da Silva, the Prime Minister of Angola.", "Joaquim Tavares da Silva"),
    ("He held talks with his counterpart Mr. Tomas Elias N’dongo.", "Tomas Elias N’dongo"),
    ("The contract was signed by Zelvex Director General R K Malhotra on Friday.", "R K Malhotra"),
    ("Secretary of Defense Marvin T. Coulter Jr. attended the launch.", "Marvin T. Coulter Jr."),
]


# A line crowded with titles and names (no final stop) is still body text, and a body's name inside a title
# ("of the Armed Forces") is stepped over.
CROWDED_LINE = ("The launch of the new ship was officiated by Marovian Secretary of National Defense Ernesto L. Vidal Jr, "
                "Chief of Staff of the Armed Forces Ramon T. Velasco Jr. and the Flag Officer Tomas Ibarra")


@pytest.mark.parametrize("name", ["Ernesto L. Vidal Jr", "Ramon T. Velasco Jr"])
def test_names_on_a_line_crowded_with_titles(analyse, name):
    assert name in names(analyse(CROWDED_LINE))


@pytest.mark.parametrize("text,name", NAME_SHAPES)
def test_name_shapes(analyse, text, name):
    assert name.rstrip(".") in names(analyse(text))


def test_title_before_a_country_ends_at_the_country(analyse):
    r = analyse("He met Mr. Joaquim Tavares da Silva, the Prime Minister of Angola.")
    assert titles(r)["Joaquim Tavares da Silva"] == "Prime Minister"


# Never an official: a handle, initials alone, an honorific alone, a ship named after an admiral.
NOT_NAMES = [
    ("Defence Minister @DefMinNorland said the jets had arrived.", "@DefMinNorland"),
    ("Follow the minister at @DefenceMinTH for updates on the purchase of the new tanks.", "@DefenceMinTH"),
    ("Minister J.K. signed the note.", "J.K."),
    ("Delays hit the refit of the Admiral Kuznetsov aircraft carrier.", "Kuznetsov"),
    ("The photos were posted on the ministry's Official Flickr Account on Monday after the visit.", "Flickr"),
]


@pytest.mark.parametrize("text,bad", NOT_NAMES)
def test_no_official(analyse, text, bad):
    assert not any(bad.strip("@.") in n for n in names(analyse(text)))


def test_a_full_name_a_country_owns_is_its_official(analyse):
    r = analyse("Chile's Gabriela Montenegro told Ricardo Salas on Monday that the two countries stood together.")
    assert {(o.name, o.country) for o in r.mentions.officials} >= {("Gabriela Montenegro", "CHL")}
    assert names(analyse("South Korea's Hanwha Aerospace signed the contract on Monday.")) == set()


def test_a_name_needs_a_capitalised_word(analyse):
    found = names(analyse("The launch was attended by Flag Officer-in-Command Toribio Adaci Jr and other guests from the navy."))
    assert all(any(w[:1].isupper() for w in n.split("-")) for n in found)


def test_gen_without_a_dot_is_a_given_name(analyse):
    r = analyse("Japanese Defense Minister Gen Takamura said on Friday that the frigate talks would go on.")
    assert any(n.startswith("Gen Takamura") for n in names(r))


def test_a_list_after_a_name_is_not_its_title(analyse):
    r = analyse("He was received by the Prime Minister of the Republic of Austria, Anton Kremser, and the Federal "
                "Chancellor of the Federal Republic of Germany, Lena Vogt, in Vienna.")
    assert titles(r) == {"Anton Kremser": "Prime Minister", "Lena Vogt": "Federal Chancellor"}


def test_a_title_of_two_offices_keeps_its_and(analyse):
    r = analyse("On Monday the Deputy Prime Minister and Minister of Defence of the Republic of Chile, Lucia Ferrante, "
                "signed the contract.")
    assert titles(r)["Lucia Ferrante"] == "Deputy Prime Minister and Minister of Defence"


def test_a_title_in_brackets_after_the_name(analyse):
    r = analyse("The agreement was signed by Tomas Ekberg (Defence Minister of Sweden) and Lise Berg on Monday in Oslo.")
    assert {(o.name, o.title, o.country) for o in r.mentions.officials} == {("Tomas Ekberg", "Defence Minister", "SWE")}


@pytest.mark.parametrize("text,expected", [
    ("Present were Defence Ministers Tomas Ekberg and Lise Berg, who signed the agreement on Monday.",
     {"Tomas Ekberg", "Lise Berg"}),
    ("The summit brought together Presidents Tomas Ekberg, Lise Berg and Ana Lemos in Oslo on Monday.",
     {"Tomas Ekberg", "Lise Berg", "Ana Lemos"}),
    ("Defence Minister Tomas Ekberg and Lise Berg, a reporter, talked on Monday.", {"Tomas Ekberg"}),
])
def test_names_listed_after_a_plural_title_share_it(analyse, text, expected):
    assert names(analyse(text)) == expected


def test_a_title_in_apposition_never_runs_on_into_the_next_paragraph(analyse):
    r = analyse('"Our crews learned the K2 in months," said Lieutenant Colonel Jan Wrona, the battalion\'s commander.\n\n'
                "Poland has been modernising its armoured forces since Russia's full-scale invasion of Ukraine, the ministry said.")
    (wrona,) = [o for o in r.mentions.officials if o.name == "Jan Wrona"]
    assert "modernising" not in (wrona.title or "") and "." not in (wrona.title or "")


def test_a_signature_s_title_on_the_line_after_the_name_is_still_its_title(analyse):
    r = analyse("The notice takes effect on Monday.\n    Dated: March 3, 2014.\nJane Korver,\n"
                "Deputy Federal Register Liaison Officer, Department of Defense.\n")
    assert [(o.name, o.title) for o in r.mentions.officials] == [("Jane Korver", "Deputy Federal Register Liaison Officer")]
