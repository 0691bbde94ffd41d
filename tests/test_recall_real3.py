"""Deal and weapon-system recall on constructions real articles use (issue 14 section 1), on sentences of our own."""

from __future__ import annotations

import pytest


def _systems(r) -> list[str]:
    return [s.system for s in r.mentions.systems]


@pytest.mark.parametrize("text,name", [
    ("The navy already flies Israeli Searcher drones and wants more.", "Searcher"),
    ("Hanoi bought two Russian Tarantul corvettes in 2011.", "Tarantul"),
    ("Its Spanish Dragon wheeled vehicles arrived in May.", "Dragon"),
])
def test_a_name_after_a_country_adjective_is_still_found_by_shape(analyse, text, name):
    assert name in _systems(analyse(text, published="2025-03-06"))


@pytest.mark.parametrize("text", [
    "Russian missiles struck Kharkiv overnight.",
    "Hanwha Ocean submarines are on offer to Canada.",
])
def test_a_country_or_company_before_a_kind_alone_names_no_system(analyse, text):
    assert not [s for s in analyse(text, published="2025-03-06").mentions.systems if "system_shapes" in s.rule]


@pytest.mark.parametrize("text", [
    "The coast guard will get four offshore patrol vessels from Japan.",
    "Dhaka ordered two OPVs from a Chinese yard.",
])
def test_an_offshore_patrol_vessel_keeps_its_own_kind(analyse, text):
    assert "offshore patrol vessel" in _systems(analyse(text, published="2025-03-06"))
