"""Goods listed with each item's own supplier: the buyer is the country the document is about, told before."""


def _pairs(result):
    return {(d.supplier, d.buyer, d.systems[0]) for d in result.deals}


def test_each_item_from_its_own_supplier(analyse):
    r = analyse("Kuwait has spent some $20 billion on weapons since 2015.\n\n"
                "Its purchases include Apache helicopters from the United States, a Caesar howitzer deal with France "
                "and another for Eurofighter jets from Italy.", published="2024-03-01")
    assert _pairs(r) == {("USA", "KWT", "AH-64 Apache"), ("FRA", "KWT", "Caesar"), ("ITA", "KWT", "Eurofighter Typhoon")}


def test_demonym_adjectives_name_each_items_maker(analyse):
    r = analyse("The Chilean navy said on Monday that it had bought six Spike missiles to guard its ports.\n\n"
                "The navy has also bought four Russian Mi-8 helicopters, as well as two Israeli-upgraded C-130 "
                "transport planes.", published="2024-03-01")
    pairs = _pairs(r)
    assert ("RUS", "CHL", "Mi-17") in pairs and ("ISR", "CHL", "C-130J") in pairs
    assert all(b == "CHL" for _, b, _ in pairs)


def test_bare_force_subject_stands_for_the_document_country(analyse):
    r = analyse("Oman's armed forces are growing fast.\n\nThe army has bought four Turkish Kirpi vehicles and two "
                "American Stryker vehicles.", published="2024-03-01")
    assert {b for _, b, _ in _pairs(r)} == {"OMN"}


def test_adjective_on_other_goods_is_no_buyer(analyse):
    r = analyse("The Peruvian navy is renewing its fleet.\n\nThe navy also signed a contract to upgrade nine Spanish "
                "transport airplanes and buy six Bell 412 helicopters.", published="2024-03-01")
    assert all(d.buyer != "ESP" for d in r.deals)


def test_possessive_pronoun_after_a_company_is_the_company(analyse):
    r = analyse("KAI, which last year made its first deliveries of the FA-50 to Malaysia, is bidding in Peru.",
                published="2024-03-01")
    assert all(d.buyer != "PER" or d.supplier == "KOR" for d in r.deals)


def test_shared_ministry_name_belongs_to_the_document_country(analyse):
    r = analyse("Chile is renewing its helicopter fleet.\n\nThe Ministry of Defence signed a contract with Lockheed "
                "Martin for twelve Black Hawk helicopters on Monday.", published="2024-03-01")
    assert {(d.supplier, d.buyer) for d in r.deals} == {("USA", "CHL")}


def test_systems_passed_over_named_with_their_makers(analyse):
    r = analyse("Colombia's air force has been looking for a new fighter for years.\n\nThe defence ministry has "
                "chosen the Saab Gripen E over the Dassault Rafale and the Lockheed Martin F-16 Block 70.",
                published="2024-03-01")
    status = {d.systems[0]: d.status for d in r.deals}
    assert status == {"Gripen": "planned", "Rafale": "lost", "F-16 Block 70": "lost"}




def test_country_of_a_company_descriptor_is_its_home(kit):
    from pipeline.records import CountryMention, OrgMention
    from pipeline.stages.deals.roles import parties
    from pipeline.stages.views import SentenceView

    text = "Oman signed a memorandum with US defence contractor Raytheon."
    us, ray = text.index("US "), text.index("Raytheon")
    view = SentenceView(None, kit.nlp(text), 0,
                        countries=[CountryMention(0, 4, "Oman", "OMN", "name", "t"), CountryMention(us, us + 2, "US", "USA", "name", "t")],
                        orgs=[OrgMention(ray, ray + 8, "Raytheon", "Raytheon", "USA", "company", "t")])
    assert [(p.code, p.company) for p in parties(view)] == [("OMN", False), ("USA", True)]
