"""Deal quantities as real articles give them (tests/field), each construction on sentences of our own."""

from __future__ import annotations


def _counts(r) -> list[tuple]:
    return [(d.buyer, d.systems, d.quantity.low if d.quantity else None) for d in r.deals]


def test_a_size_is_no_count_and_the_count_before_it_is(analyse):
    r = analyse("Indonesia ordered 1,500-ton KSS-III submarines from South Korea.", published="2025-03-06")
    assert _counts(r) == [("IDN", ("KSS-III",), None)]
    r = analyse("Indonesia ordered three 3,000-ton KSS-III submarines from South Korea.", published="2025-03-06")
    assert _counts(r) == [("IDN", ("KSS-III",), 3)]
    r = analyse("Poland ordered 24 52-calibre K9 howitzers from South Korea.", published="2025-03-06")
    assert _counts(r) == [("POL", ("K9 Thunder",), 24)]
    r = analyse("Poland ordered 24 155mm K9 howitzers from South Korea.", published="2025-03-06")
    assert _counts(r) == [("POL", ("K9 Thunder",), 24)]
    r = analyse("Poland ordered K2 tanks and 120mm tank rounds from South Korea.", published="2025-03-06")
    assert [q for *_, q in _counts(r)] == [None]


def test_a_models_number_is_no_count_of_units(analyse):
    r = analyse("Britain will sell Eurofighter Typhoon jets to Turkey, all of them Tranche 4 aircraft.", published="2025-03-06")
    assert _counts(r) == [("TUR", ("Eurofighter Typhoon",), None)]
    r = analyse("Poland ordered 24 Block 70 F-16 jets from the United States.", published="2025-03-06")
    assert _counts(r) == [("POL", ("F-16",), 24)]
