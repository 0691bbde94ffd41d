"""The grouping rule on events of our own making: which reports are one deal, which are apart."""

from __future__ import annotations

from dataclasses import replace

from pipeline.groups.deal_groups import group_deals
from pipeline.groups.meeting_groups import group_meetings, meeting_block, parties
from pipeline.groups.names import person_id, person_key
from pipeline.groups.records import DealEvent, MeetingEvent, Told

_n = iter(range(1, 10_000))


def deal(status: str, date: str | None, qty: int | None = None, usd: float | None = None, *, supplier: str | None = "KOR",
         published: str = "2025-01-01", family: str = "K9 Thunder") -> DealEvent:
    n = next(_n)
    day = date and (date + "-01-01"[len(date) - 4:] if len(date) < 10 else date)
    end = date and (date[:4] + "-12-31" if len(date) == 4 else date)
    return DealEvent(Told(n, n, f"sha{n}", f"d{n}.txt", published, f"sentence {n}"), supplier, "ROU", (family,), (family,),
                     status, (qty, qty) if qty else None, (usd, usd, "USD") if usd else None, (usd, usd) if usd else None,
                     date, day, end)


def groups_of(events):
    return sorted((g.status, g.order_date, tuple(sorted(e.told.event_id for e in g.members)))
                  for g in group_deals("ROU", events, lambda s: None))


def test_a_delivery_joins_the_latest_order_signed_by_then_that_is_big_enough():
    first, second = deal("signed", "2022-08-26", 180), deal("signed", "2024-05-02", 40)
    early, late = deal("delivered", "2023-03", 60), deal("delivered", "2025-02", 20)
    groups = groups_of([first, second, early, late])
    ids = lambda *es: tuple(sorted(e.told.event_id for e in es))
    assert groups == [("delivered", "2022-08-26", ids(first, early)), ("delivered", "2024-05-02", ids(second, late))]


def test_a_plan_told_after_the_last_order_is_a_deal_still_to_come():
    order, plan = deal("signed", "2022-08", 212), deal("planned", "2025-03", 150)
    assert [g[0] for g in groups_of([order, plan])] == ["planned", "signed"]


def test_an_undated_retelling_joins_the_order_its_count_fits():
    old, new = deal("signed", "2022", 212), deal("signed", "2024", 152)
    retold = deal("signed", None, 152, published="2025-06-01")
    groups = groups_of([old, new, retold])
    assert any(retold.told.event_id in g[2] and new.told.event_id in g[2] for g in groups)


def test_a_misread_value_does_not_split_an_order_whose_count_both_tell():
    one, other = deal("signed", "2022-08", 180, 3.4e9), deal("signed", "2022", 180, 1.4e9)
    assert len(groups_of([one, other])) == 1
    assert len(groups_of([deal("signed", "2022-08", None, 3.4e9), deal("signed", "2022", None, 1.4e9)])) == 2


def test_another_supplier_stays_apart_and_a_report_without_one_joins_the_only_one():
    ours, theirs = deal("signed", "2023", 54), deal("signed", "2023", 54, supplier="DEU")
    assert len(groups_of([ours, theirs])) == 2
    bare = deal("signed", "2023", 54, supplier=None)
    grouped = group_deals("ROU", [ours, bare], lambda s: None)
    assert len(grouped) == 1 and grouped[0].supplier == "KOR"


def test_aid_packages_of_different_years_are_apart_and_a_lost_bid_is_one():
    assert len(groups_of([deal("aid", "2022", 10), deal("aid", "2023", 10)])) == 2
    assert len(groups_of([deal("lost", "2022"), deal("lost", "2023")])) == 1


def test_group_ids_are_derived_from_content_not_the_order_given():
    events = [deal("signed", "2022-08", 180), deal("delivered", "2023", 10), deal("planned", "2025", 50)]
    ids = lambda es: sorted(g.group_id for g in group_deals("ROU", es, lambda s: None))
    assert ids(events) == ids(events[::-1])


def meeting(date: str | None, published: str, people=("anttikorhonen", "larsekberg")) -> MeetingEvent:
    n = next(_n)
    return MeetingEvent(Told(n, n, f"sha{n}", f"m{n}.txt", published, f"sentence {n}"), ("FIN", "SWE"), tuple(people),
                        tuple(people), date, "day" if date else None, date, date, None, None, "held")


def test_an_undated_report_published_days_after_a_meeting_is_that_meeting():
    dated, undated = meeting("2024-04-16", "2024-04-16"), meeting(None, "2024-04-19")
    assert len(group_meetings("FIN+SWE", [dated, undated])) == 1
    assert len(group_meetings("FIN+SWE", [dated, meeting(None, "2024-06-30")])) == 2


def test_reports_of_one_day_naming_different_people_are_different_meetings():
    assert len(group_meetings("FIN+SWE", [meeting("2024-04-16", "2024-04-16"),
                                          meeting("2024-04-16", "2024-04-16", ("mattivirtanen", "ulfberg"))])) == 2


def test_a_meeting_is_between_its_participants_countries_or_the_place_where_one_is_known():
    assert parties(["POL", "KOR", None], "POL") == ("KOR", "POL")
    assert parties(["POL", None], "KOR") == ("KOR", "POL")


def test_a_meeting_is_grouped_in_its_own_month_else_its_article_s():
    assert meeting_block("2024-04-16", "day", "2024-05-02") == "2024-04"
    assert meeting_block("2024-01-01", "year", "2024-05-02") == meeting_block(None, None, "2024-05-20") == "2024-05"


def test_reports_with_a_country_missing_are_one_meeting_when_they_name_the_same_two():
    full = meeting("2021-12-13", "2021-12-13")
    partial = MeetingEvent(Told(9001, 9001, "s", "p.txt", "2021-12-14", "x"), ("FIN",), ("anttikorhonen", "larsekberg"),
                           ("Antti Korhonen", "Lars Ekberg"), None, None, None, None, None, None, "held")
    assert len(group_meetings("2021-12", [full, partial])) == 1


def test_one_shared_official_on_one_day_is_not_enough_for_one_meeting():
    morning = meeting("2024-04-16", "2024-04-16", ("anttikorhonen", "larsekberg"))
    afternoon = meeting("2024-04-16", "2024-04-16", ("anttikorhonen", "mattivirtanen"))
    assert len(group_meetings("2024-04", [morning, afternoon])) == 2


def test_one_person_under_any_spelling_and_two_countries_kims_apart():
    assert person_key("Seok Jong-gun") == person_key("Seok Jong Gun") == person_key("SEOK Jong-gun")
    assert person_id("Mariusz Błaszczak") == person_id("Mariusz Blaszczak")
    assert person_id("Kim", "KOR") != person_id("Kim", "USA")


def test_talks_of_a_supplier_that_then_lost_the_bid_are_the_bid_not_a_deal_to_come():
    talks, trials, lost = deal("negotiating", "2022-05"), deal("planned", "2022-11"), deal("lost", "2023-02")
    assert groups_of([talks, trials, lost]) == [("lost", None, tuple(sorted(e.told.event_id for e in (talks, trials, lost))))]


def test_a_plan_for_a_programme_joins_the_first_order_it_opens():
    plan, first = deal("planned", "2024-03", 12), deal("signed", "2025-06", 4, published="2025-06-30")
    assert [g[0] for g in groups_of([plan, first])] == ["signed"]


def test_families_spelled_apart_and_a_bare_kind_are_one_deal():
    upper, lower = (deal("signed", "2025-06", 48, family="KAAN", published="2025-08-01"),
                    deal("signed", "2025-07", 48, family="Kaan", published="2025-08-01"))
    kind = deal("signed", "2025", 48, family="fighter aircraft")
    kinds = {"KAAN": "fighter aircraft", "Kaan": "fighter aircraft", "fighter aircraft": "fighter aircraft"}
    groups = group_deals("ROU", [upper, lower, kind], kinds.get)
    assert len(groups) == 1 and groups[0].system == "KAAN" and groups[0].sources == 3


def test_a_signing_dated_after_its_article_is_a_schedule_not_the_order_year():
    retold = deal("signed", "2032", 17, published="2025-11-20")  # "for delivery by 2032"
    signed = deal("signed", "2025-11", 17, published="2025-11-14")
    grouped = group_deals("ROU", [retold, signed], lambda s: None)
    assert len(grouped) == 1 and grouped[0].order_date == "2025-11"


def test_an_undated_unsized_report_with_no_article_date_joins_no_order_of_two():
    first, second = deal("aid", "2022-07", 2), deal("aid", "2024-02", 4)
    vague = deal("aid", None, published=None)
    assert len(groups_of([first, second, vague])) == 3


def test_a_bare_mention_of_a_signing_joins_the_latest_order_by_then_not_a_new_one():
    order = deal("signed", "2022-08", 180, 3.4e9)
    mention = deal("signed", "2023", published="2023-05-02")  # "the contract signed recently", dated by its article
    assert len(groups_of([order, mention])) == 1
    assert len(groups_of([deal("signed", "2024-02", 40), deal("signed", "2019", published="2019-06-01")])) == 2  # before all


def test_talks_join_the_one_order_of_their_lane_even_undated():
    order, talks = deal("signed", None, 20, published="2024-06-01"), deal("negotiating", "2023-10", 20)
    assert len(groups_of([order, talks])) == 1


def test_a_plan_told_after_the_order_was_signed_is_the_next_deal():
    order = deal("signed", "2024-03-12", 32, published="2024-03-13")
    more = deal("planned", "2024-09", 16, published="2024-09-20")  # "an additional 16 later"
    assert [g[0] for g in groups_of([order, more])] == ["planned", "signed"]


def test_a_delivery_of_another_variant_or_long_after_is_not_of_the_order():
    order = DealEvent(Told(7001, 7001, "a", "a.txt", "2022-03-01", "x"), "USA", "ROU", ("M1A2 Abrams",), ("M1 Abrams",),
                      "signed", (250, 250), None, None, "2022-01", "2022-01-01", "2022-01-31")
    other = replace(order, told=Told(7002, 7002, "b", "b.txt", "2023-06-01", "y"), systems=("M1A1 Abrams",),
                    status="delivered", quantity=(14, 14), date="2023-06", date_start="2023-06-01", date_end="2023-06-30")
    assert len(group_deals("ROU", [order, other], lambda s: None)) == 2
    same = replace(other, systems=("M1A2 Abrams",))
    assert len(group_deals("ROU", [order, same], lambda s: None)) == 1
    late = replace(same, date="2035", date_start="2035-01-01", date_end="2035-12-31")
    assert len(group_deals("ROU", [order, late], lambda s: None)) == 2


def test_plans_years_apart_are_two_deals_still_to_come():
    assert len(groups_of([deal("planned", "2021", 12), deal("planned", "2025", 12)])) == 2
    assert len(groups_of([deal("planned", "2024", 12), deal("negotiating", "2025", 12)])) == 1


def test_a_bare_kind_takes_the_family_its_own_article_names():
    jets = deal("signed", "2024-05", 12, family="JF-17", published="2024-06-01")
    trainer = deal("signed", "2024-05", 4, family="M-346", published="2024-06-01")
    kind = replace(deal("signed", "2024-05", 4, family="fighter aircraft", published="2024-06-01"),
                   told=Told(7100, trainer.told.document_id, "t", "t.txt", "2024-06-01", "four aircraft"))
    kinds = {"JF-17": "fighter aircraft", "M-346": "fighter aircraft", "fighter aircraft": "fighter aircraft"}
    grouped = group_deals("ROU", [jets, trainer, kind], kinds.get)
    assert sorted((g.system, g.sources) for g in grouped) == [("JF-17", 1), ("M-346", 1)]


def test_two_files_telling_a_deal_in_the_same_words_are_one_source():
    one = deal("signed", "2024-05", 12, published="2024-06-01")
    copy = replace(one, told=replace(one.told, event_id=7200, document_id=7200, sha256="other"))
    other = replace(one, told=replace(one.told, event_id=7201, document_id=7201, sha256="third", sentence="told anew"))
    assert [g.sources for g in group_deals("ROU", [one, copy, other], lambda s: None)] == [2]


def test_a_value_shared_with_other_systems_neither_splits_an_order_nor_stands_as_its_own():
    own = deal("signed", "2024-05", None, 9.4e8, published="2024-06-01")
    shared = replace(deal("signed", "2024", None, 1.0e10, published="2024-08-01"), shared=True)
    (group,) = group_deals("ROU", [own, shared], lambda s: None)
    assert group.usd == (9.4e8, 9.4e8) and not group.value_shared
    (alone,) = group_deals("ROU", [shared], lambda s: None)
    assert alone.value_shared and alone.usd == (1.0e10, 1.0e10)


def test_a_signing_of_an_order_s_very_count_a_year_later_is_the_order_told_again():
    order = deal("signed", "2022-08-26", 48, 3.0e9, published="2022-08-27")
    recap = deal("signed", "2023-05-22", 48, published="2023-05-22")  # "recently signed for 48 jets", the article's day
    assert len(groups_of([order, recap])) == 1
    other = deal("signed", "2025-08-01", 48, 6.5e9, published="2025-08-02")  # three years on, another price
    assert len(groups_of([order, other])) == 2


def test_talks_never_join_a_framework_and_a_delivery_prefers_the_order_under_it():
    framework = deal("signed", "2022-07-27", 1000, published="2022-07-28")
    first = deal("signed", "2022-08-26", 180, 3.4e9, published="2022-08-27")
    talks = deal("negotiating", "2022-07-01", 950, 9.0e9, published="2022-07-02")  # a price no order has
    shipped = deal("delivered", "2022-12-06", 10, published="2022-12-07")
    grouped = {g.quantity: g for g in group_deals("ROU", [framework, first, talks, shipped], lambda s: None)}
    assert {e.told.event_id for e in grouped[(180, 180)].members} == {first.told.event_id, shipped.told.event_id}
    assert [e.told.event_id for e in grouped[(1000, 1000)].members] == [framework.told.event_id]
    assert [e.told.event_id for e in grouped[(950, 950)].members] == [talks.told.event_id]


def test_undated_talks_with_another_price_are_the_next_deal_not_the_old_order():
    order = deal("signed", "2022-08-26", 180, 3.37e9, published="2022-08-27")
    talks = replace(deal("negotiating", None, 180, 6.5e9, published="2025-06-01"))
    assert [g[0] for g in groups_of([order, talks])] == ["negotiating", "signed"]


def test_a_bare_kind_takes_the_family_named_in_its_own_sentence_first():
    frigate = deal("signed", "2024-05", 4, family="MEKO A-200", published="2024-06-01")
    other = deal("signed", "2024-05", 2, family="FREMM", published="2024-06-01")
    kind = replace(deal("signed", "2024-05", 4, family="frigate", published="2024-06-01"),
                   told=replace(frigate.told, event_id=7300))
    kinds = {"MEKO A-200": "frigate", "FREMM": "frigate", "frigate": "frigate"}
    grouped = group_deals("ROU", [frigate, other, kind], kinds.get)
    assert sorted((g.system, len(g.members)) for g in grouped) == [("FREMM", 1), ("MEKO A-200", 2)]


def test_a_delivery_months_before_an_order_was_signed_is_of_an_earlier_order():
    first = deal("signed", "2022-08-26", 180, 3.4e9, published="2022-08-27")
    second = deal("signed", "2025-08-01", 180, 6.5e9, published="2025-08-02")
    early = deal("delivered", "2025-03", 9, published="2025-03-20")  # shipped while the second was still in talks
    grouped = {g.order_date: g for g in group_deals("ROU", [first, second, early], lambda s: None)}
    assert early.told.event_id in {e.told.event_id for e in grouped["2022-08-26"].members}


def test_a_framework_over_an_order_is_marked_so():
    framework, first = deal("signed", "2022-07-27", 672, published="2022-07-28"), deal("signed", "2022-08-26", 212, 2.4e9,
                                                                                         published="2022-08-27")
    marked = {g.quantity: g.framework for g in group_deals("ROU", [framework, first], lambda s: None)}
    assert marked == {(672, 672): True, (212, 212): False}


def test_undated_aid_reports_of_one_size_do_not_join_on_the_count_alone():
    first, again = deal("aid", None, 4, published="2024-03-01"), deal("aid", None, 4, published="2024-09-01")
    assert len(groups_of([first, again])) == 2


def test_an_undated_report_joins_the_order_its_own_article_tells():
    old, new = deal("signed", "2018-05", 20, published="2018-06-01"), deal("signed", "2024-05", 20, published="2024-06-01")
    talks = replace(deal("negotiating", None, 20, published="2024-06-01"), told=replace(old.told, event_id=7400))
    grouped = {g.order_date: g for g in group_deals("ROU", [old, new, talks], lambda s: None)}
    assert talks.told.event_id in {e.told.event_id for e in grouped["2018-05"].members}


def test_priced_talks_that_agree_with_one_order_join_it_whatever_the_count():
    first = deal("signed", "2022-08-26", 180, 3.37e9, published="2022-08-27")
    second = deal("signed", "2025-08-01", 180, 6.5e9, published="2025-08-02")
    talks = deal("negotiating", None, 820, 7.0e9, published="2025-06-01")  # the programme's count, the contract's price
    grouped = {g.order_date: g for g in group_deals("ROU", [first, second, talks], lambda s: None)}
    assert talks.told.event_id in {e.told.event_id for e in grouped["2025-08-01"].members}


def test_an_undated_batch_told_in_the_order_s_article_is_part_of_it():
    order = deal("signed", "2022-02-10", 42, 8.1e9, published="2022-02-11")
    batch = replace(deal("signed", None, 6, published="2022-02-11"), told=replace(order.told, event_id=7500))
    assert len(groups_of([order, batch])) == 1


def test_reports_no_order_took_group_only_by_variant_and_count():
    plan = DealEvent(Told(7601, 7601, "a", "a.txt", "2024-06-01", "x"), "DEU", "ROU", ("Leopard 2A8",), ("Leopard 2",),
                     "planned", (14, 14), None, None, "2024-06", "2024-06-01", "2024-06-30")
    old = replace(plan, told=Told(7602, 7602, "b", "b.txt", "2023-05-01", "y"), systems=("Leopard 2A4",),
                  status="delivered", quantity=(14, 14))
    assert len(group_deals("ROU", [plan, old], lambda s: None)) == 2
    fewer = replace(old, systems=("Leopard 2A8",), quantity=(3, 3))
    assert len(group_deals("ROU", [plan, fewer], lambda s: None)) == 2
    both = replace(fewer, quantity=(14, 14))
    assert len(group_deals("ROU", [plan, both], lambda s: None)) == 1


def test_no_framework_without_a_later_priced_order_under_it():
    order = deal("signed", "2017-12-20", 24, published="2017-12-21")
    follow_on = deal("signed", "2017", 4, published="2022-11-01")  # a later order misdated to the first one's year
    assert not any(g.framework for g in group_deals("ROU", [order, follow_on], lambda s: None))


def test_a_bare_signing_years_after_every_order_opens_its_own():
    old = deal("signed", "2014-03", 24, 1.1e9, published="2014-03-02")
    bare = deal("signed", "2019", published="2019-06-01")  # a price dispute over "the contract", five years on
    assert len(groups_of([old, bare])) == 2


def test_talks_of_the_order_s_own_article_with_another_price_are_the_next_deal():
    order = deal("signed", "2022-08-26", 180, 3.37e9, published="2025-06-01")
    talks = replace(deal("negotiating", None, 180, 6.5e9, published="2025-06-01"), told=replace(order.told, event_id=7700))
    assert [g[0] for g in groups_of([order, talks])] == ["negotiating", "signed"]


def test_two_reports_of_one_contract_a_count_apart_are_one_order():
    one, other = deal("signed", "2025-06-11", 48, published="2025-06-12"), deal("signed", "2025-07-26", 50, published="2025-07-27")
    assert len(groups_of([one, other])) == 1
    assert len(groups_of([deal("signed", "2022-03", 180), deal("signed", "2022-11", 96)])) == 2


def test_a_signing_dated_after_every_article_of_its_buyer_is_read_undated():
    signed = deal("signed", "2025-11", 17, 3.6e9, published="2025-11-14")
    schedule = replace(deal("signed", "2032", 17, published=None), told=replace(signed.told, event_id=7800, published=None,
                                                                               document_id=7800))
    (group,) = group_deals("ROU", [signed, schedule], lambda s: None)
    assert group.order_date == "2025-11" and group.last_date == "2025-11"


def test_a_price_one_report_misread_is_no_end_of_the_group_s_range():
    reports = [deal("signed", "2022-08-26", 180, usd, published="2022-08-27") for usd in (3.3e9, 3.37e9, 3.3e9, 4.5e10)]
    (group,) = group_deals("ROU", reports, lambda s: None)
    assert group.usd == (3.3e9, 3.37e9)


def test_a_misread_price_among_an_order_s_reports_lets_no_price_agree_with_it():
    reports = [deal("signed", "2022-08-26", 180, usd, published="2022-08-27") for usd in (3.3e9, 3.37e9, 4.5e10)]
    talks = replace(deal("negotiating", None, 180, 6.5e9, published="2025-06-01"), told=replace(reports[0].told, event_id=7900))
    assert sorted(g[0] for g in groups_of([*reports, talks])) == ["negotiating", "signed"]


def test_a_plan_never_joins_an_order_of_an_earlier_year_told_by_its_year_alone():
    old = deal("signed", "2019", 24, 1.0e9, published="2019-12-01")
    plan_ = deal("planned", "2023-05", 24, published="2023-05-02")
    assert [g[0] for g in groups_of([old, plan_])] == ["planned", "signed"]


def test_a_bare_signing_dated_long_before_its_article_is_read_undated():
    debut = deal("signed", "1979", published="2024-06-01")  # "the Leopard 2, in service since 1979"
    (group,) = group_deals("ROU", [debut], lambda s: None)
    assert group.order_date is None and group.first_date is None


def test_a_deal_with_no_system_is_grouped_with_no_error():
    bare = replace(deal("signed", "2024-05", 4, 1.0e8, published="2024-06-01"), systems=(), families=())
    grouped = group_deals("ROU", [bare, deal("signed", "2024-05", 12, published="2024-06-01")], lambda s: s)
    assert sorted((g.system or "", g.quantity) for g in grouped) == [("", (4, 4)), ("K9 Thunder", (12, 12))]
