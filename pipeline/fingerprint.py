"""What made a document's rows: the rule files, the model and armsledger itself, as one fingerprint.

A document stored under another fingerprint is done again, so editing a rule file, adding
``--rules``, installing another model or another armsledger never leaves stale rows behind. An HTML
page's fingerprint also sums up what extracts its text (another trafilatura, other options): that
redoes the HTML pages only, as their text, and every offset into it, may have changed."""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from pipeline import __version__
from pipeline.html_main import extractor_identity
from pipeline.ingest import is_html
from pipeline.rules import SUFFIXES
from pipeline.ruletypes import Rules


def rules_fingerprint(rules: Rules) -> str:
    """A digest of every rule file of the folder stack, in order: names and bytes, not where they lie."""
    h = hashlib.sha256()
    for i, folder in enumerate(rules.dirs):
        for path in sorted(Path(folder).iterdir()):
            if path.suffix in SUFFIXES and path.is_file():
                h.update(f"{i}\0{path.name}\0".encode())
                h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def package_version(name: str) -> str:
    """The installed version of a package (a model is one), without importing or loading it."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def run_settings(rules: Rules, model: str) -> dict[str, str]:
    """Everything that decides what a run finds, and the fingerprint that sums it up."""
    values = {"armsledger_version": __version__, "spacy_version": package_version("spacy"), "model": model,
              "model_version": package_version(model), "rules_fingerprint": rules_fingerprint(rules),
              "rules_dirs": " ".join(rules.dirs)}
    digest = hashlib.sha256(repr([values[k] for k in ("armsledger_version", "spacy_version", "model", "model_version",
                                                      "rules_fingerprint")]).encode())
    values["fingerprint"] = digest.hexdigest()[:32]
    values["html_extractor"] = extractor_identity()
    values["html_fingerprint"] = hashlib.sha256(repr([values["fingerprint"], values["html_extractor"]]).encode()).hexdigest()[:32]
    return values


def document_fingerprint(settings: dict[str, str], path: str) -> str:
    """The fingerprint a document's rows are stored under (``settings`` from run_settings): the run's, and
    for an HTML page the run's with its text extractor's."""
    return settings["html_fingerprint"] if is_html(path) else settings["fingerprint"]
