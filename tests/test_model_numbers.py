"""A model's number is no count (issue 14 section 3), on sentences of our own."""

from __future__ import annotations


def _counts(r) -> list[tuple]:
    return sorted((d.buyer, d.quantity and d.quantity.low) for d in r.deals)


def test_a_number_after_a_models_name_is_the_model_not_the_count(analyse):
    # "two new Augusta 109 helicopters": two, not 109
    r = analyse("The Nigerian Air Force took delivery of the two new Augusta 109 Westland attack helicopters from "
                "Italy on 15 January.", published="2020-02-07")
    assert _counts(r) == [("NGA", 2)]
    r = analyse("Thailand ordered six Bell 412 helicopters from the US in 2023.", published="2024-05-10")
    assert _counts(r) == [("THA", 6)]


def test_a_count_after_a_countrys_name_is_still_a_count(analyse):
    r = analyse("Hanwha will sell Poland 18 K9 howitzers.", published="2024-05-10")
    assert _counts(r) == [("POL", 18)]
