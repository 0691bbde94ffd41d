#!/usr/bin/env python3
"""The field set: real news pages as the measure. Runs armsledger on each split's texts and scores it
with ../shared/tools/score.py (`make field`).

    python tests/field/field.py [tune|check ...] [--diff]

The texts are not in git (the pages are not ours to copy): tests/field/README.md says how to lay them.
Where they are missing this says which, and how to get them, and exits 1.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TEXTS = HERE / "texts"
SCORER = ROOT.parent / "shared" / "tools" / "score.py"
OUT = ROOT / "output" / "field"
SPLITS = ("tune", "check")


def load() -> tuple[list[dict], dict[str, dict]]:
    """The manifest's pages, and the gold documents by file."""
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))["documents"]
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))["documents"]
    return manifest, {d["file"]: d for d in gold}


def missing(manifest: list[dict]) -> list[str]:
    return [p["file"] for p in manifest if not (TEXTS / p["file"]).is_file()]


def run_split(split: str, manifest: list[dict], gold: dict[str, dict], *, diff: bool) -> int:
    """Copy the split's texts into a corpus folder of their own, run armsledger on it, score it."""
    pages = [p for p in manifest if p["split"] == split]
    corpus = OUT / split
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    for page in pages:
        stem = page["file"].rsplit(".", 1)[0]
        shutil.copyfile(TEXTS / page["file"], corpus / page["file"])
        meta = {"url": page["url"], **({"published": page["published"]} if page.get("published") else {})}
        (corpus / f"{stem}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    gold_file = OUT / f"{split}.gold.json"
    gold_file.write_text(json.dumps({"documents": [gold[p["file"]] for p in pages]}, indent=1), encoding="utf-8")
    db = OUT / f"{split}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    armsledger = [sys.executable, "-m", "pipeline"]
    run = subprocess.run([*armsledger, "run", str(corpus), "--db", str(db)], cwd=ROOT)
    if run.returncode == 2:
        return 2
    print(f"== {split}: {len(pages)} pages ==", flush=True)
    score = subprocess.run([sys.executable, str(SCORER), str(gold_file), str(db)], cwd=ROOT)
    if diff:
        subprocess.run([*armsledger, "evaluate", str(gold_file), "--db", str(db), "--diff"], cwd=ROOT)
    return score.returncode


def main(argv: list[str]) -> int:
    splits = [a for a in argv if a in SPLITS] or list(SPLITS)
    if "check" in splits and "--diff" in argv:
        print("field: no --diff on the check split: score it, never read its diff while writing rules", file=sys.stderr)
        return 2
    manifest, gold = load()
    absent = missing(manifest)
    if absent:
        print(f"field: {len(absent)} of {len(manifest)} texts are not laid in {TEXTS} (first: {absent[0]}); "
              f"lay them as tests/field/README.md says, then run make field again", file=sys.stderr)
        return 1
    status = 0
    for split in splits:
        status = max(status, run_split(split, manifest, gold, diff="--diff" in argv))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
