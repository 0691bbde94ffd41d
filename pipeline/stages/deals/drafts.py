"""The records the deal stage builds as it reads: a deal being assembled, the deal the document is
talking about, and what the stage needs of the whole document."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property


from pipeline.records import CountryMention, DateMention, DateValue, Deal, Money, Quantity, Sentence, SystemMention
from pipeline.rules import Rules
from pipeline.stages.deals import terms as deal_terms


CONTEXT_PARAGRAPHS = 3


@dataclass
class Draft:
    """A deal being assembled; becomes a Deal record when complete."""

    sentence: Sentence
    supplier: str | None
    buyer: str | None
    systems: list[str]
    quantity: Quantity | None
    value: Money | None
    date: DateValue
    date_explicit: bool
    status: str
    rule: str
    trigger: str = ""
    category: str | None = None  # for a deal known only by a generic word, until a name comes
    apart: bool = False
    contract: int | None = None  # the clause's deal it is a part of (_number_contracts)
    signing: bool = False  # the sentence tells of a signing done ("signed a contract ...")
    names_order: bool = False  # the sentence names the order a delivery before is part of
    part: bool = False  # a delivery of part of an order
    of_order: int | None = None  # the delivery's count with what remains of its order
    support: list[tuple[Sentence, str]] = field(default_factory=list)
    # what set the status, the supplier and the buyer: a rule's file:line, or a step's id (docs/data.md, Rule ids)
    status_rule: str | None = None
    supplier_rule: str | None = None
    buyer_rule: str | None = None

    def told(self, sentence: Sentence, what: str) -> None:
        """A later sentence added ``what`` (its system, count, value or date) to this deal."""
        if sentence.start != self.sentence.start and all(s.start != sentence.start for s, _ in self.support):
            self.support.append((sentence, f"deals.followup-{what}"))

    def for_buyer(self, buyer: str) -> "Draft":
        """The same deal for another buyer named beside this one ("Sweden and Finland ordered ...")."""
        other = Draft(self.sentence, self.supplier, buyer, list(self.systems), self.quantity, self.value, self.date,
                      self.date_explicit, self.status, self.rule, self.trigger, self.category, self.apart)
        other.signing, other.names_order = self.signing, self.names_order
        other.status_rule, other.supplier_rule = self.status_rule, self.supplier_rule
        other.buyer_rule = "deals.roles.buyers-together"
        return other

    def for_supplier(self, supplier: str) -> "Draft":
        """The same deal with another seller named beside this one ("talks with Qatar and Oman on ...")."""
        other = self.for_buyer(self.buyer)
        other.supplier, other.supplier_rule, other.buyer_rule = supplier, "deals.roles.sellers-together", self.buyer_rule
        return other

    def record(self) -> Deal:
        return Deal(self.sentence, self.supplier, self.buyer, tuple(self.systems), self.quantity, self.value,
                    self.date, self.status, self.rule, self.date_explicit, self.apart, contract=self.contract,
                    support=tuple(self.support), signing=self.signing, names_order=self.names_order, part=self.part,
                    of_order=self.of_order, status_rule=self.status_rule, supplier_rule=self.supplier_rule,
                    buyer_rule=self.buyer_rule)


def without_repeats(drafts: list[Draft]) -> list[Draft]:
    """A clause's deals without those that repeat another: a system named twice in one clause ("delivered five
    S-70i helicopters ... the last batch of five S-70i helicopters") makes a deal at each naming, and the one
    with no count or price of its own, and the same date, is the other's, for the same buyer, supplier and stage."""
    def same(a: Draft, b: Draft) -> bool:
        return (a.buyer, a.supplier, a.systems, a.status, a.apart, a.part, a.category) == \
            (b.buyer, b.supplier, b.systems, b.status, b.apart, b.part, b.category)

    def fuller(o: Draft, d: Draft) -> bool:  # o states all d states, and its count
        return d.quantity is None and o.quantity is not None and d.value is None and o.value is None and \
            (not d.date_explicit or d.date == o.date) and d.names_order <= o.names_order

    return [d for d in drafts if not any(o is not d and same(o, d) and fuller(o, d) for o in drafts)]


@dataclass
class Context:
    """The deal the document is talking about, for sentences that do not name its parties again."""

    supplier: str | None
    buyer: str | None
    status: str
    date: DateValue
    date_explicit: bool
    rule: str
    paragraph: int
    drafts: list[Draft] = field(default_factory=list)
    value: Money | None = None  # the price of a scene told before its goods ("signed a $500 million deal with ...")
    # what set its status and sides (as Draft's), for the deals that borrow them
    status_rule: str | None = None
    supplier_rule: str | None = None
    buyer_rule: str | None = None

    def why(self, what: str) -> str:
        """What set this deal's status, supplier or buyer, for a deal that borrows it; the step's id where unknown."""
        found = {"status": self.status_rule, "supplier": self.supplier_rule, "buyer": self.buyer_rule}[what]
        return found or ("deals.status.deal-just-told" if what == "status" else "deals.roles.deal-just-told")

    def lends_date(self, system: str | None, status: str) -> bool:
        """Does a deal that borrows its buyer from this one take its date too? Not talks or a plan of another
        system after a deal done: "India ordered 36 Rafales in 2016. Talks over three more Scorpene
        submarines have reached an advanced stage" leaves the talks undated."""
        ongoing = ("negotiating", "planned")
        return system is None or not self.drafts or any(system in d.systems for d in self.drafts) or \
            status not in ongoing or self.status in ongoing


@dataclass
class DocFacts:
    """What the deal stage needs of the whole document."""

    rules: Rules
    published: DateValue | None
    units: frozenset[str]
    sentences: list[Sentence]
    dates: list[DateMention]
    countries: list[CountryMention]
    systems: list[SystemMention]
    prior: str | None
    dateline_end: int = 0
    passed_over: set[int] = field(default_factory=set)  # starts of systems a buyer passed over or retires, as read so far

    @property
    def referents(self) -> list[SystemMention]:
        """The systems a generic word may stand for: not one passed over ("chose the Gripen over the F-16 ... seeks
        to buy four fighter jets": the jets are Gripens), nor one the goods replace ("as it retires its MiG-21 fleet
        ... The order includes 68 single-seat fighters")."""
        return [s for s in self.systems if s.start not in self.passed_over]

    @cached_property
    def terms(self) -> deal_terms.Terms:
        return deal_terms.terms(self.rules)

    @cached_property
    def starts(self) -> list[int]:
        return [x.start for x in self.sentences]

    def previous(self, sentence: Sentence) -> Sentence | None:
        """The sentence just before ``sentence``."""
        i = bisect.bisect_left(self.starts, sentence.start)
        return self.sentences[i - 1] if i > 0 else None
