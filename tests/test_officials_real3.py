"""Officials as real pages name them: long portfolios, honorifics of address, names the model cuts in two,
names before their office in lists of guests, and offices told a sentence before the name."""

from __future__ import annotations

import pytest


def names(result) -> set[str]:
    return {o.name for o in result.mentions.officials}


# A portfolio of capitalised words (or, after "responsible for" / "in charge of", lower-case ones) between the
# title's head and the name.
PORTFOLIOS = [
    ("Danish Minister for Nordic Cooperation and Rural Development Henrik Mols praised the order.", "Henrik Mols"),
    ("Canadian Minister of Public Services and Procurement Jean Tremblay announced the purchase.", "Jean Tremblay"),
    ("Guests included the Speaker of Parliament, Ilona Varga; and the Minister of Finance, Odd Rønning.", "Ilona Varga"),
    ("He also met the minister responsible for the shipbuilding sector Park Min-soo in Busan.", "Park Min-soo"),
    ("The deputy minister in charge of defence procurement Anna Berg visited the yard.", "Anna Berg"),
]


@pytest.mark.parametrize("text,name", PORTFOLIOS)
def test_name_after_a_long_portfolio(analyse, text, name):
    assert name in names(analyse(text))


def test_a_portfolio_never_runs_over_an_earlier_name(analyse):
    text = ("The Minister for Rural Affairs Tomas Lindqvist and the deputy minister in charge of exports Anna Berg "
            "visited the yard.")
    titles = {o.name: o.title for o in analyse(text).mentions.officials}
    assert "Lindqvist" not in (titles.get("Anna Berg") or "")
    assert "Tomas Lindqvist" in titles


# Honorifics of address between a title and a name, and offices of the Commonwealth and of diplomacy.
ADDRESSED = [
    ("The Cabinet Secretary for Interior Hon. Wanjiru Kamau opened the new depot near the border on Monday.", "Wanjiru Kamau"),
    ("The Cabinet Secretary for Trade, Hon. Otieno Mwangi, received the delegation.", "Otieno Mwangi"),
    ("The Ghanaian High Commissioner to Nigeria Her Excellency Ms Abena Owusu attended the handover of the boats at the naval base.", "Abena Owusu"),
    ("Aldo Ferri, Chargé d’Affaires of the Italian Embassy in Rabat, attended the handover.", "Aldo Ferri"),
    ("Chilean Defence Minister Rosa Vidal and her Peruvian peer Luis Cárdenas signed the accord.", "Luis Cárdenas"),
]


@pytest.mark.parametrize("text,name", ADDRESSED)
def test_name_behind_an_honorific_of_address(analyse, text, name):
    assert name in names(analyse(text))


def test_an_honorific_alone_is_no_official(analyse):
    found = names(analyse("The Ghanaian High Commissioner to Nigeria Her Excellency Ms Abena Owusu attended the handover of the boats at the naval base."))
    assert not any(n.lower().startswith(("her excellency", "ms")) for n in found)


# Long Spanish, Portuguese and Baltic names the model cuts in two or ends early.
LONG_NAMES = [
    ("The deal was signed before Chilean President María Fernanda Espinoza Garcés at the air base near the capital on a rainy day.",
     "María Fernanda Espinoza Garcés"),
    ("According to Deputy Minister of National Defence Rūta Monika Vaitkutė, the radars have worked well since they were bought and will be kept in service.",
     "Rūta Monika Vaitkutė"),
    ("The talks were led by Peruvian President Juan Carlos Ríos Oré on Monday.", "Juan Carlos Ríos Oré"),
]


@pytest.mark.parametrize("text,name", LONG_NAMES)
def test_long_names_stay_whole(analyse, text, name):
    assert name in names(analyse(text))


# Names before a comma and their office, in lists of guests and signatories, where the model tags the name as
# nothing, a body or a product, or cuts a hyphened given name off.
LISTED = [
    ("Ana Velde, Director General of the procurement agency, and the firm's chief signed the contract in Oslo.",
     "Ana Velde"),
    ("The contract was signed by Marta Kowalczyk, Head of the Armament Agency, and by a representative of the firm.",
     "Marta Kowalczyk"),
    ("The guests, including Lars Ødegård, State Secretary of Norway, and others, watched the signing.", "Lars Ødegård"),
    ("Among the guests were Jae-won Park, Chief of Staff to the President; Tae-hoon Choi, Ambassador of the "
     "Republic of Korea to Chile; and Min-seok Han, Minister of the procurement agency.", "Tae-hoon Choi"),
    ("Among the guests were Jae-won Park, Chief of Staff to the President; Tae-hoon Choi, Ambassador of the "
     "Republic of Korea to Chile; and Min-seok Han, Minister of the procurement agency.", "Jae-won Park"),
]


@pytest.mark.parametrize("text,name", LISTED)
def test_name_before_its_office_in_a_list(analyse, text, name):
    assert name in names(analyse(text))


NOT_LISTED = [
    # a body before a comma and the title of the next name
    ("Nordic Ammo, Chief Executive Jens Olsen said the plant would grow next year and hire more staff.", "Nordic Ammo"),
    # a city before a comma and a titled name
    ("In Seoul, Defence Minister Kim Yong-hyun said the tanks would be delivered next year.", "Seoul"),
]


@pytest.mark.parametrize("text,wrong", NOT_LISTED)
def test_no_official_from_a_body_or_a_place_before_a_comma(analyse, text, wrong):
    assert not any(wrong in n for n in names(analyse(text)))


def test_a_place_before_a_hyphen_is_no_given_name(analyse):
    found = names(analyse("The Seoul-based Kim Do-yoon, the defence chief, said the tanks would be delivered soon."))
    assert not any("Seoul" in n for n in found)


# An office told in the lead without a name, and the bare full name opening the next sentence or paragraph.
LEADS = [
    ("Norway has received the first two tanks, Norway's defence minister announced on Tuesday.\n\n"
     "Erik Haugland wrote on X that the rest would follow before the summer.", "Erik Haugland"),
    ("Sweden will buy more trucks, the Swedish defence minister said on Friday. Pål Nordin told reporters that the "
     "deal would be signed soon.", "Pål Nordin"),
]


@pytest.mark.parametrize("text,name", LEADS)
def test_name_after_a_lead_that_tells_the_office(analyse, text, name):
    assert name in names(analyse(text))


def test_no_office_from_a_lead_that_names_its_holder(analyse):
    text = ("Danish Defence Minister Troels Lund said on Monday the ships were ready. Anders Vestergaard wrote on "
            "his blog that the yard had done well.")
    assert "Anders Vestergaard" not in names(analyse(text))


def test_a_title_the_model_tags_as_a_name_still_titles_the_name_before_it(analyse):
    text = ("The delegation was led by General Omar Haddad, Commander of the Southern Command, and Lucia Bertin, "
            "Chargé d’Affaires of the French Embassy in Rabat.")
    assert "Lucia Bertin" in names(analyse(text))


def test_a_portfolio_the_model_tags_as_a_body(analyse):
    text = ("“This order shows the strength of our industry,” says Norwegian Minister for International Development "
            "Cooperation and Foreign Trade Ola Brekke.")
    assert "Ola Brekke" in names(analyse(text))


def test_a_body_the_model_runs_into_the_name_leaves_the_name(analyse):
    text = "He met Secretary of National Defense Ramon Dizon and the army chief in Manila on Monday to discuss the jets."
    assert "Ramon Dizon" in names(analyse(text))


# A text set all in capitals, as ministries print their photo news: the capitals are no initials, and the stop
# words in capitals are no part of a name.
def test_a_name_in_a_text_set_in_capitals(analyse):
    text = ("PHOTO NEWS: THE HONOURABLE MINISTER OF DEFENCE, H.E. KWAME ASANTE BOATENG, RECEIVED A DELEGATION OF "
            "AMBASSADORS ON MONDAY AT THE MINISTRY IN ACCRA. THE MEETING WAS CENTERED ON BILATERAL RELATIONS.")
    found = names(analyse(text))
    assert any("KWAME ASANTE BOATENG" in n for n in found)
    assert not any(n.endswith((" ON", " AND", " THE")) for n in found)


def test_initials_alone_are_still_no_name(analyse):
    assert not names(analyse("Director General J.K. said the plant would open in March after long talks with the firm."))


def test_a_government_named_after_its_head(analyse):
    assert "Joe Biden" in names(analyse("The Joe Biden administration approved the sale of the jets to the kingdom."))


def test_a_firm_named_after_a_person_is_no_government(analyse):
    found = names(analyse("The Arvid Holm Foundation and the Per Berg company said nothing about the radar deal."))
    assert not found
