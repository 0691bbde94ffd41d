"""Domestic orders: a country told as the buyer of what its own industry makes.

"A recent order by France for 40 Rafale jets", "the K9 now being delivered to South Korea's army",
"the tanks are to be handed over to the German army": the clause names its buyer, and the buyer makes
the system. It tells a country arming itself, not an export; the buyer of the deal told before
("Ukraine will receive ...") is not this clause's buyer.
"""

from __future__ import annotations

from pipeline.records import SystemMention
from pipeline.stages.deals.roles import Party


def buys_its_own(parties: list[Party], system: SystemMention | None, supplier: str | None) -> bool:
    """Is the supplier a maker of the system, and a country (not a company) the parse makes the clause's
    buyer? (A buyer that does not make the system, "Germany will buy more Patriots", resells or re-arms:
    the deal before may still be told.)"""
    if system is None or supplier is None or not system.made_by(supplier):
        return False
    return any(p.role == "buyer" and p.code == supplier and not p.company for p in parties)
