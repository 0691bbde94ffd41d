"""Command line: parses arguments, calls one library function, maps errors to exit codes.

Exit status: 0 success, 1 some documents failed (the rest are stored), 2 a usage or
configuration error (bad path, unreadable database, broken rules, bad option).
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import signal
import sys
from contextlib import contextmanager
from typing import Iterator, Sequence

from pipeline import __version__
from pipeline.errors import PipelineError, RuleFileError
from pipeline.executors import EXECUTORS
from pipeline.report.export import FORMATS as EXPORT_FORMATS
from pipeline.ingest import DEFAULT_MAX_BYTES
from pipeline.nlp import DEFAULT_MODEL
from pipeline.run import DEFAULT_CORPUS, DEFAULT_DB
from pipeline.store import VIEW_NAMES

EPILOGS = {
    "run": "example:\n  armsledger run corpus/ --db output/armsledger.db\n  armsledger run news/2025 news/2026 --workers 2 --rules my_rules/"
           "\n  armsledger run news/ --executor dask --scheduler tcp://10.0.0.5:8786 --db postgresql+psycopg://u:p@db/ledger",
    "query": "example:\n  armsledger query deals --format csv > deals.csv\n  armsledger query meetings --db output/armsledger.db --format json",
    "evaluate": "example:\n  armsledger evaluate ../shared/gold/seeds.json --db output/seeds.db --diff",
    "rules check": "example:\n  armsledger rules check\n  armsledger rules check my_rules/",
    "rules test": "example:\n  armsledger rules test 'Poland signed a $1.6 billion deal for 54 K9 howitzers on Monday.'\n"
                  "  armsledger rules test article.txt --format json",
    "info": "example:\n  armsledger info --db output/armsledger.db",
    "forget": "example:\n  armsledger forget /data/news-2024 --db output/armsledger.db",
    "bench": "example:\n  armsledger bench --docs 2000 --workers 2 --repeat 3",
}
VIEWS = VIEW_NAMES  # every view of the contract, the groups across documents, the register and people among them


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line message, as every other usage error does."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"armsledger: {message} (see: {self.prog} --help)\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {value}")
    return value


_VERBOSITY = argparse.ArgumentParser(add_help=False)
_VERBOSITY.add_argument("-v", "--verbose", action="count", default=0,
                        help="say more on stderr: each file's decision, yield and analysis time, each batch's time (-vv: more still)")
_VERBOSITY.add_argument("-q", "--quiet", action="store_true", help="say only errors on stderr, and show no progress bar")


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="armsledger", description="Arms-export deals and defence-diplomacy meetings from news articles into SQL.",
                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"armsledger {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, epilog=EPILOGS.get(name),
                              formatter_class=argparse.RawDescriptionHelpFormatter, parents=[_VERBOSITY])

    run = command("run", "ingest every article under the folders into the database and print a summary")
    run.add_argument("corpus", nargs="*", default=[DEFAULT_CORPUS], metavar="CORPUS_DIR", help=f"article folders (default: {DEFAULT_CORPUS}/)")
    run.add_argument("--db", default=DEFAULT_DB, help=f"SQLite path or SQLAlchemy URL (default: {DEFAULT_DB})")
    run.add_argument("--rules", action="append", default=[], metavar="DIR", help="extra rule folder on top of the built-in one (repeatable)")
    run.add_argument("--workers", type=_positive, default=1,
                     help="processes analysing documents; with --executor dask and no --scheduler, the local "
                          "cluster's worker processes (default: 1)")
    run.add_argument("--executor", choices=EXECUTORS, default="local",
                     help="local: this machine's processes; dask: the workers of a Dask cluster (default: local)")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="the Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: start a local cluster)")
    run.add_argument("--force", action="store_true", help="redo every document, changed or not")
    run.add_argument("--prune", action="store_true", help="remove documents whose files are gone from the corpus")
    run.add_argument("--max-bytes", type=_positive, default=DEFAULT_MAX_BYTES, help=f"refuse larger files (default: {DEFAULT_MAX_BYTES:,})")
    run.add_argument("--batch-size", type=_positive, default=32, help="documents per batch (default: 32)")
    run.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy model package (default: {DEFAULT_MODEL})")
    run.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                     help="progress bar on stderr (default: only on a terminal)")
    run.add_argument("--format", choices=("text", "json"), default="text",
                     help="the summary as text or as one JSON object, for schedulers (default: text)")

    ev = command("evaluate", "score the database against a gold file (../shared/gold/FORMAT.md): precision, recall, F1")
    ev.add_argument("gold", metavar="GOLD_JSON", help="gold annotations of the documents")
    ev.add_argument("--db", default=DEFAULT_DB, help=f"SQLite path or SQLAlchemy URL (default: {DEFAULT_DB})")
    ev.add_argument("--diff", action="store_true", help="list every missed, false and wrong item with its document and sentence")
    ev.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    rules = sub.add_parser("rules", help="check rule files, or see what they find in a text",
                           description="check rule files, or see what they find in a text")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True, parser_class=_Parser)
    check = rules_sub.add_parser("check", help="validate every rule file; every problem as file:line: message", parents=[_VERBOSITY],
                                 description="validate the built-in rules and each folder given on top of them; every "
                                             "problem is reported as file:line: message (exit 2 if any)",
                                 epilog=EPILOGS["rules check"], formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("dirs", nargs="*", metavar="DIR", help="rule folders on top of the built-in one")
    rtest = rules_sub.add_parser("test", help="show what the rules and extractors find in one text, with the rule of each",
                                 parents=[_VERBOSITY],
                                 description="show every entity, amount, date, deal and meeting found in one text or file, "
                                             "each with the rule (file:line) or extractor that made it",
                                 epilog=EPILOGS["rules test"], formatter_class=argparse.RawDescriptionHelpFormatter)
    rtest.add_argument("text", metavar="TEXT_OR_FILE", help="the text itself, or an article file")
    rtest.add_argument("--rules", action="append", default=[], metavar="DIR", help="extra rule folder (repeatable)")
    rtest.add_argument("--published", metavar="YYYY-MM-DD", help="the article's date, for relative dates")
    rtest.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    rtest.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy model package (default: {DEFAULT_MODEL})")

    bench = command("bench", "time raw spaCy and armsledger on the same synthetic corpus, and a re-run that changes nothing")
    bench.add_argument("--docs", type=_positive, default=2000, help="synthetic documents (default: 2000)")
    bench.add_argument("--workers", type=_positive, default=1, help="processes, for spaCy and armsledger alike (default: 1)")
    bench.add_argument("--source", default=DEFAULT_CORPUS, help=f"articles to recombine (default: {DEFAULT_CORPUS}/)")
    bench.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy model package (default: {DEFAULT_MODEL})")
    bench.add_argument("--repeat", type=_positive, default=1,
                       help="alternate the raw and full runs this many times and count the fastest of each (default: 1)")
    bench.add_argument("--keep", metavar="DIR", help="keep the synthetic corpus and database in DIR")

    query = command("query", "print a database view")
    query.add_argument("view", choices=VIEWS, metavar="VIEW", help="one of: " + ", ".join(VIEWS))
    query.add_argument("--db", default=DEFAULT_DB, help=f"SQLite path or SQLAlchemy URL (default: {DEFAULT_DB})")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)")
    query.add_argument("--limit", type=_positive, default=None, help="at most this many rows")
    query.add_argument("--excel", action="store_true",
                       help="with --format csv: begin with a byte-order mark, so that spreadsheet programs read UTF-8")

    info = command("info", "print the versions, the rule-set fingerprint and the model that made the database, and what it holds")
    info.add_argument("--db", default=DEFAULT_DB, help=f"SQLite path or SQLAlchemy URL (default: {DEFAULT_DB})")

    forget = command("forget", "remove from the database every document stored from a corpus folder (gone or not)")
    forget.add_argument("root", metavar="ROOT", help="the corpus folder, as `armsledger info` lists it")
    forget.add_argument("--db", default=DEFAULT_DB, help=f"SQLite path or SQLAlchemy URL (default: {DEFAULT_DB})")

    show = command("show", "one deal or meeting whole: its row, every sentence that tells it with the entities marked, "
                           "the rules that set it and its group across documents")
    show.epilog = ("example:\n  armsledger show 7014586481019008515 --db output/armsledger.db\n"
                   "  armsledger show 7014586481019008515 --format json | jq .mentions")
    show.add_argument("event_id", type=int, metavar="EVENT_ID", help="the event_id of a row of deals or meetings")
    show.add_argument("--db", default=DEFAULT_DB, help=f"SQLite path or SQLAlchemy URL (default: {DEFAULT_DB})")
    show.add_argument("--format", choices=("text", "json"), default="text",
                      help="text, entities marked [like this]{kind} (in colour on a terminal), or one JSON object "
                           "with each span's kind, text, start, end and rule (default: text)")

    export = command("export", "write a database view to a CSV, JSON lines or Parquet file, a chunk of rows at a time")
    export.epilog = ("example:\n  armsledger export deals --format parquet -o deals.parquet\n"
                     "  armsledger export register --db output/armsledger.db --format jsonl -o - | head")
    export.add_argument("view", choices=VIEWS, metavar="VIEW", help="one of: " + ", ".join(VIEWS))
    export.add_argument("--db", default=DEFAULT_DB, help=f"SQLite path or SQLAlchemy URL (default: {DEFAULT_DB})")
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True,
                        help="csv (a header row, NULL empty), jsonl (an object a line) or parquet (needs the "
                             "[parquet] extra)")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write; - for standard output (csv, jsonl)")
    report = command("report", "write the database as one self-contained HTML page: summary, charts, the deal and meeting "
                               "groups with their evidence, failed documents")
    report.epilog = ("example:\n  armsledger report --db output/armsledger.db -o output/report.html\n"
                     "  armsledger report   # the default database; report.html beside it")
    report.add_argument("--db", default=DEFAULT_DB, help=f"SQLite path or SQLAlchemy URL (default: {DEFAULT_DB})")
    report.add_argument("-o", "--output", metavar="FILE",
                        help="the HTML file to write; - for standard output (default: report.html beside a SQLite "
                             "database, else in the current folder)")
    serve = command("serve", "browse the SQLite database in datasette, its views and columns described (needs armsledger[serve])")
    serve.epilog = ("example:\n  armsledger serve --db output/armsledger.db\n"
                    "  armsledger serve --port 8080   # then open http://127.0.0.1:8080/")
    serve.add_argument("--db", default=DEFAULT_DB, help=f"SQLite path (default: {DEFAULT_DB}); a PostgreSQL URL is refused")
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=_positive, default=8001, help="the port to listen on (default: 8001)")
    return p


def _utf(out) -> bool:
    """Can ``out`` take any character? (Not so where PYTHONIOENCODING or the locale says ASCII.)"""
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("_", "-")
    return encoding in ("utf-8", "utf8", "utf-16", "utf-32", "utf-8-sig")


def print_rows(columns: list[str], rows: list[tuple], fmt: str, out=None) -> None:
    """Rows as JSON lines, CSV or a table (whole cells on a pipe, fitted to a terminal or to COLUMNS:
    pipeline.report.tables). On an output that cannot take every character, JSON escapes
    them (still valid JSON), and CSV and tables write them as backslash escapes rather than failing."""
    out = out or sys.stdout
    utf = _utf(out)
    if not utf and hasattr(out, "reconfigure"):
        out.reconfigure(errors="backslashreplace")
    if fmt == "json":
        for r in rows:
            out.write(json.dumps(dict(zip(columns, r)), ensure_ascii=not utf, default=str) + "\n")
    elif fmt == "csv":
        w = csv.writer(out)
        w.writerow(columns)
        w.writerows(rows)
    else:
        from pipeline.report.tables import table_lines, table_width

        for line in table_lines(columns, rows, width=table_width(out), more="…" if utf else "..."):
            out.write(line + "\n")


def _run(args) -> int:
    from pipeline.run import run_corpus

    if args.scheduler and args.executor != "dask":
        raise PipelineError("--scheduler is for --executor dask")
    summary = run_corpus(args.corpus, db=args.db, rules_dirs=args.rules, workers=args.workers,
                         executor=args.executor, scheduler=args.scheduler, force=args.force,
                         batch_size=args.batch_size, max_bytes=args.max_bytes, prune=args.prune, model=args.model,
                         progress=args.progress)
    print(json.dumps(summary.as_dict(), ensure_ascii=False) if args.format == "json" else summary.render())
    return 1 if summary.failed else 0


def _query(args) -> int:
    from pipeline import store

    engine = store.connect(args.db, create=False)
    try:
        columns, rows = store.view_rows(engine, args.view, limit=args.limit)
    finally:
        engine.dispose()
    if args.excel:
        if args.format != "csv":
            raise PipelineError("--excel is for --format csv")
        sys.stdout.write("\ufeff")  # UTF-8's byte-order mark: Excel reads the file as UTF-8, not the locale's code page
    print_rows(columns, rows, args.format)
    return 0


def _info(args) -> int:
    from pipeline import store
    from pipeline.filenames import fs_name
    from pipeline.fingerprint import package_version

    engine = store.connect(args.db, create=False)
    try:
        recorded, counts, roots = store.database_info(engine)
    finally:
        engine.dispose()
    print(f"database: {store.masked(args.db)} (schema {recorded.get('views', '?')})")
    print(f"armsledger {__version__} here; spaCy {package_version('spacy')}")
    labels = (("armsledger_version", "last run: armsledger"), ("spacy_version", "last run: spaCy"),
              ("model", "last run: model"), ("model_version", "last run: model version"),
              ("rules_dirs", "last run: rule folders"), ("rules_fingerprint", "last run: rules fingerprint"),
              ("fingerprint", "last run: fingerprint"), ("html_extractor", "last run: HTML text extractor"))
    for key, label in labels:
        print(f"{label}: {recorded.get(key, '(no run yet)')}")
    print(f"documents: {counts['documents']} ({counts['ok']} ok, {counts['failed']} failed); "
          f"{counts['deals']} deals, {counts['meetings']} meetings")
    for root, n in roots:
        print(f"root: {root} ({n} documents){'' if os.path.isdir(fs_name(root)) else ' (gone from the disk)'}")
    return 0


def _forget(args) -> int:
    from pipeline.run import forget

    root, n = forget(args.root, db=args.db)
    print(f"armsledger: forgot {n} documents stored from {root}")
    return 0


def _evaluate(args) -> int:
    from pipeline.evaluate import evaluate

    report = evaluate(args.gold, args.db)
    if args.format == "json":  # one JSON object, the diff's items as fields inside it
        print(json.dumps({**report.as_dict(), **({"diff": report.diff_items()} if args.diff else {})}, sort_keys=True,
                         ensure_ascii=False))
    else:
        print(report.render(diff=args.diff))
    return 0


def _rules(args) -> int:
    from pipeline.rules import FILES, check_rules, load_rules

    if args.rules_command == "check":
        rules, problems = check_rules(args.dirs)
        if problems:
            for problem in problems:
                print(problem, file=sys.stderr)
            print(f"armsledger: {len(problems)} problem(s) in the rule files", file=sys.stderr)
            return 2
        counts = {kind: len(getattr(rules, attr)) for kind, attr in (
            ("systems", "systems"), ("organizations", "organizations"), ("places", "places"), ("countries", "countries"),
            ("titles", "titles"), ("deal triggers", "deal_triggers"), ("meeting triggers", "meeting_triggers"),
            ("cues", "cues"), ("words", "words"), ("zone rules", "zones"), ("offices", "offices"),
            ("office holders", "holders"))}
        print(f"rules ok ({', '.join(rules.dirs)}): " + ", ".join(f"{n} {k}" for k, n in counts.items()))
        return 0
    from pipeline.nlp import Toolkit
    from pipeline.ruletest import test_text

    if args.published and not __import__("re").fullmatch(r"\d{4}-\d{2}-\d{2}", args.published):
        raise PipelineError(f"--published must be YYYY-MM-DD (got {args.published!r})")
    kit = Toolkit(load_rules(args.rules), args.model).warm()
    found = test_text(args.text, kit, published=args.published)
    if args.format == "json":
        print(json.dumps([f.as_dict() for f in found], ensure_ascii=False, indent=1))
    else:
        columns = ["kind", "text", "found", "at", "rule"]
        rows = [(f.kind, f.text, f.found, f"{f.start}-{f.end}", f.rule) for f in found if f.kind != "suggestion"]
        print_rows(columns, rows, "table")
        suggested = [f.found for f in found if f.kind == "suggestion"]
        if suggested:  # whole lines, to paste: a table cell would cut them
            print("\nsuggested rules/offices.yaml entries (officials with a title the file has no holder for):")
            print("\n".join(suggested))
    return 0


def _bench(args) -> int:
    from pipeline.bench import bench, render

    print(render(bench(args.docs, args.workers, source=args.source, model=args.model, keep=args.keep,
                       repeat=args.repeat)))
    return 0


def _show(args) -> int:
    from pipeline import store
    from pipeline.report.show import render, show_event

    engine = store.connect(args.db, create=False)
    try:
        shown = show_event(engine, args.event_id)
    finally:
        engine.dispose()
    if args.format == "json":
        print(json.dumps(shown.as_dict(), ensure_ascii=False, indent=1, default=str))
    else:
        print(render(shown, colour=sys.stdout.isatty() and "NO_COLOR" not in os.environ))
    return 0


def _export(args) -> int:
    from pipeline.report.export import export_view

    print(export_view(args.db, args.view, args.format, args.output).render(), file=sys.stderr)
    return 0


def _report(args) -> int:
    from pipeline.report.html import write_report

    written = write_report(args.db, args.output)
    print(written.render(), file=sys.stderr)
    return 0


def _serve(args) -> int:
    from pipeline.report.serve import serve

    return serve(args.db, host=args.host, port=args.port)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised wherever the main thread is, so that a run stops as it does on Ctrl-C."""


def _terminate(signum, frame) -> None:
    raise Terminated


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM raises Terminated while the command runs (only the main thread may set a handler)."""
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: SIGTERM keeps its handler
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _configure(args, argv: list[str]) -> None:
    """Logging as -v / -q ask, and the options of armsledger.toml (or [tool.armsledger]) the command line left out."""
    from pipeline import config

    level = logging.ERROR if args.quiet else (logging.INFO if args.verbose == 1 else logging.DEBUG if args.verbose else logging.WARNING)
    log = logging.getLogger("armsledger")
    log.handlers[:] = [logging.StreamHandler(sys.stderr)]
    log.handlers[0].setFormatter(logging.Formatter("armsledger: %(message)s"))
    log.setLevel(level)
    log.propagate = False
    if args.quiet and getattr(args, "progress", False) is None:
        args.progress = False
    settings = config.find()
    if settings.source is None:
        return
    log.info("options from %s", settings.source)
    if settings.db and hasattr(args, "db") and not config.given(argv, "--db"):
        args.db = settings.db
    if settings.rules and isinstance(getattr(args, "rules", None), list):
        args.rules = [*settings.rules, *args.rules]  # the file's folders first: a --rules given overrides them
    if settings.rules and getattr(args, "rules_command", None) == "check" and not args.dirs:
        args.dirs = list(settings.rules)
    if settings.workers and hasattr(args, "workers") and args.command == "run" and not config.given(argv, "--workers"):
        args.workers = settings.workers


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser().parse_args(argv)
    handlers = {"run": _run, "query": _query, "evaluate": _evaluate, "rules": _rules, "bench": _bench,
                "info": _info, "forget": _forget, "export": _export, "serve": _serve, "report": _report, "show": _show}
    try:
        _configure(args, argv)
        with _sigterm_interrupts():
            return handlers[args.command](args)
    except RuleFileError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        print(f"armsledger: {len(e.problems)} problem(s) in the rule files", file=sys.stderr)
        return 2
    except PipelineError as e:
        print(f"armsledger: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt as e:  # exit 128 + the signal, as a shell reports a process it killed
        print("armsledger: interrupted; every document written so far is stored whole", file=sys.stderr)
        return 128 + (signal.SIGTERM if isinstance(e, Terminated) else signal.SIGINT)
