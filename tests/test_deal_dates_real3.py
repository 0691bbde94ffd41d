"""Deal dates on real pages, round 3 (issues 13/14): dates in a deal's clause that belong to another
event (a period the goods come in, a target told the sentence before); each construction on sentences
of our own."""

from __future__ import annotations


def _dated(r) -> list[tuple]:
    return sorted((d.systems, d.quantity.low if d.quantity else None, d.date.value, d.status) for d in r.deals)


def test_a_period_of_years_dates_no_signing_at_either_end(analyse):
    # "to buy ... from fiscal 2025 to fiscal 2027": the years the missiles come in, not when it was signed
    r = analyse("Japan signed an agreement with the United States to buy up to 400 Tomahawk missiles from fiscal "
                "2025 to fiscal 2027.", published="2026-03-13")
    assert _dated(r) == [(("Tomahawk",), 400, "2026-03-13", "signed")]
    r = analyse("Australia agreed with the United States to acquire 200 Tomahawk missiles from FY2024 to FY2026.",
                published="2026-03-13")
    assert _dated(r) == [(("Tomahawk",), 200, "2026-03-13", "signed")]
    r = analyse("Poland signed a contract with South Korea to buy 180 K2 tanks from 2022 to 2025.", published="2026-03-13")
    assert _dated(r) == [(("K2 Black Panther",), 180, "2026-03-13", "signed")]
    # the signing's own year stays; a delivery's period ends when it was done
    r = analyse("In 2019, Poland signed a contract to buy 180 K2 tanks from South Korea for delivery from 2022 to 2025.",
                published="2026-03-13")
    assert _dated(r) == [(("K2 Black Panther",), 180, "2019", "signed")]
    r = analyse("Norway received 24 K9 howitzers from South Korea from 2019 to 2020.", published="2026-03-13")
    assert _dated(r) == [(("K9 Thunder",), 24, "2020", "delivered")]


def test_a_retelling_that_names_a_target_does_not_date_the_deal(analyse):
    # "is expected to be signed next month", "will be finalised in 2023": when it is to be done, not when told
    r = analyse("Romania plans to buy 54 K9 howitzers from South Korea, the ministry said on Friday.\n\n"
                "The agreement is expected to be signed next month.", published="2022-07-22")
    assert _dated(r) == [(("K9 Thunder",), 54, "2022-07-22", "planned")]
    r = analyse("Egypt has agreed to buy 24 Rafale jets from France.\n\nThe deal will be finalised in 2023, officials said.",
                published="2022-07-22")
    assert _dated(r) == [(("Rafale",), 24, "2022-07-22", "signed")]
    r = analyse("Peru is negotiating the purchase of 12 Gripen jets from Sweden.\n\nThe contract could be concluded next "
                "week.", published="2022-07-22")
    assert _dated(r) == [(("Gripen",), 12, "2022-07-22", "negotiating")]
    # a retelling dated before the article's day dates the deal as before
    r = analyse("Peru is negotiating the purchase of 12 Gripen jets from Sweden.\n\nThe talks began in March.",
                published="2022-07-22")
    assert _dated(r) == [(("Gripen",), 12, "2022-03", "negotiating")]


def test_an_added_signing_of_another_agreement_does_not_date_the_deal(analyse):
    # "In March, Hanwha also signed a maintenance agreement": another agreement, beside the deal told
    r = analyse("Hanwha has won a contract to supply 20 K9 howitzers to Vietnam.\n\n"
                "In March, Hanwha also signed a maintenance agreement for the guns it exported.", published="2025-06-05")
    assert _dated(r) == [(("K9 Thunder",), 20, "2025-06-05", "signed")]
    r = analyse("KAI announced the signing of a contract with the Philippines for 12 FA-50 jets, the company said on "
                "Tuesday.\n\nIn December 2024, KAI also signed its first logistics support agreement for exported aircraft.",
                published="2025-06-05")
    assert _dated(r) == [(("FA-50",), 12, "2025-06-03", "signed")]
    # an object that points back is the deal's signing told again, with its day
    r = analyse("Indonesia has agreed to buy 48 KAAN jets from Turkey.\n\n"
                "The two sides also signed the contract on Tuesday in Jakarta.", published="2025-06-05")
    assert _dated(r) == [(("KAAN",), 48, "2025-06-03", "signed")]
    r = analyse("Hanwha has won a contract to supply 20 K9 howitzers to Vietnam.\n\nThe contract was signed in March.",
                published="2025-06-05")
    assert _dated(r) == [(("K9 Thunder",), 20, "2025-03", "signed")]


def test_a_target_in_the_sentence_before_does_not_date_the_next(analyse):
    # "will be signed next week. Planned is the purchase of ...": next week is the signing to come, not the plan's date
    r = analyse("Poland will buy tanks and aircraft from South Korea, the defence minister said on Friday.\n\nHe told "
                "reporters that a contract sealing the deal will be signed next week. Planned is the purchase of South "
                "Korea's K2 tanks and FA-50 aircraft, he said.", published="2022-07-22")
    assert _dated(r) == [(("FA-50",), None, "2022-07-22", "planned"), (("K2 Black Panther",), None, "2022-07-22", "planned")]
    # a deadline with no start of its own ("by 2023") is a target too
    r = analyse("Egypt wants more fighter jets, officials said.\n\nThe contract is due to be signed by 2023. Egypt "
                "ordered 24 Rafale jets from France, the ministry added.", published="2022-07-22")
    assert _dated(r) == [(("Rafale",), 24, "2022-07-22", "signed")]


def test_a_when_clause_is_dated_by_the_date_it_glosses(analyse):
    # "began in December 2017, when it ordered ...": the order is of December 2017, not of the delivery told next
    r = analyse("Norway has bought K9 howitzers from South Korea before.\n\nNorway's K9 story began in December 2017, "
                "when it ordered 24 K9 howitzers and six K10 vehicles. Deliveries were completed by 2020.",
                published="2025-09-05")
    assert [(d.systems, d.date.value) for d in r.deals if d.quantity] == [(("K9 Thunder",), "2017-12"), (("K10",), "2017-12")]
    r = analyse("Egypt's Rafale programme dates from February 2015, when Cairo signed a contract for 24 jets with France.",
                published="2025-09-05")
    assert _dated(r) == [(("Rafale",), 24, "2015-02", "signed")]
    r = analyse("The partnership started in 2021, when Hungary bought 44 Leopard 2A7 tanks from Germany.", published="2025-09-05")
    assert _dated(r) == [(("Leopard 2A7",), 44, "2021", "signed")]


def test_the_event_a_deal_follows_keeps_its_own_date(analyse):
    # "The deal comes after a visit ... in May", "The order follows talks held in March": the visit's, the talks' date
    r = analyse("Egypt has signed a contract to buy 24 Rafale jets from France.\n\n"
                "The deal comes after a visit by President Macron to Cairo in May.", published="2025-09-05")
    assert _dated(r) == [(("Rafale",), 24, "2025-09-05", "signed")]
    r = analyse("Poland has ordered 96 Apache helicopters from the United States.\n\n"
                "The order follows talks held in Warsaw in March.", published="2025-09-05")
    assert _dated(r) == [(("AH-64 Apache",), 96, "2025-09-05", "signed")]
    # the deal's own date told again still dates it
    r = analyse("Poland has ordered 96 Apache helicopters from the United States.\n\n"
                "The order was signed in Warsaw in August.", published="2025-09-05")
    assert _dated(r) == [(("AH-64 Apache",), 96, "2025-08", "signed")]
