"""Across documents: the deal events of every document grouped into real-world deals, meeting events into
meetings, and the officials of every document into people. Pure Python on typed records; the store package
reads the events and writes the groups (pipeline.store.groups)."""
