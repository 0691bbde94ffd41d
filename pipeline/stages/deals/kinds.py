"""Kinds of system told beside named ones: a generic word next to a named system mostly describes it or is a
sideline ("the K2 tanks and ammunition"), but a kind counted on its own in the list is an item of its own
("20 Marder vehicles, 30 Leopard 2 tanks and 18 wheeled howitzers")."""

from __future__ import annotations

from pipeline.records import SystemMention
from pipeline.stages.deals import counts as deal_counts, terms as deal_terms
from pipeline.stages.views import SentenceView


def beside_named(view: SentenceView, systems: list[SystemMention], units: frozenset[str], terms_: deal_terms.Terms,
                 munitions: frozenset[str]) -> list[SystemMention]:
    """The named systems, and the generic ones that are items of their own: counted ("six offshore patrol
    vessels"), of a kind none of the named systems is (then "30 K2 tanks and 20 tanks" are one kind told
    twice) and no munition (words.yaml's munition_kind: "and 500 missiles" are the named launchers' rounds).
    Uncounted, a kind beside names describes them or is a sideline."""
    named = [s for s in systems if not s.generic]
    if not named:
        return systems
    kinds = {s.category for s in named} | munitions
    used = deal_counts.taken(view)
    return [s for s in systems if not s.generic or s.category not in kinds
            and deal_counts.quantity(view, s, used, units, terms_) is not None]
