"""Extraction stages: pure functions from a spaCy Doc (and earlier records) to typed records."""
