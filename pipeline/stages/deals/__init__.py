"""The deal stage: mentions (what each sentence says of a deal), events (a document's mentions merged
into one deal per transaction), contracts, and the rules they use: roles (who), terms (what, how many, for
how much), variants (counts of one system's variants added up), status (how far along, when), clauses,
followups."""

from pipeline.stages.deals.document import extract_deals

__all__ = ["extract_deals"]
