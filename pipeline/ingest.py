"""Files -> Article: finding, reading, decoding, metadata and the publication date. Nothing else.

Every problem with one file raises IngestError with a one-line reason; the batch records
it as a failed document and goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import charset_normalizer

from pipeline.errors import IngestError, PipelineError
from pipeline.filenames import escape_name, fs_name
from pipeline.html_main import html_main_text
from pipeline.reading import read_bounded, read_optional
from pipeline.records import Article, DateValue, full_path
from pipeline.rules import Rules
from pipeline.stages.dates import parse_absolute
from pipeline.wrapped import unwrapped

HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = (".txt", ".md", ".markdown", *HTML_SUFFIXES)
DEFAULT_MAX_BYTES = 20_000_000
SIDECAR_MAX_BYTES = 1_000_000  # a sidecar holds four short strings; anything near this is not one
_META_KEYS = {"url": str, "published": str, "title": str, "source": str}
# "published" in a sidecar or a meta tag: an ISO 8601 date of any precision, a time (and zone) only after a
# full date. Nothing relative ("yesterday": read against the clock) or ambiguous ("03/04/2024": which order?).
_ISO_DATE = re.compile(r"""
    (?P<y>\d{4})                                         # 2024
    (?:-(?P<m>\d{2})                                     # 2024-06
       (?:-(?P<d>\d{2})                                  # 2024-06-03
          (?:[T\ ](?:[01]\d|2[0-3]):[0-5]\d              # T09:15 (or a space)
             (?::[0-5]\d(?:[.,]\d+)?)?                   # :00, :00.000
             (?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?   # Z, +07:00, -0500, +07
          )?)?)?
    """, re.X)


@dataclass(frozen=True, slots=True)
class Source:
    """A file found under a corpus folder, before it is read."""

    root: str  # the corpus folder, absolute, as stored (pipeline.filenames: a name not in UTF-8 is escaped)
    path: str  # relative to root, with forward slashes, as stored
    size: int

    @property
    def full(self) -> Path:
        """The file on disk (the stored names turned back into the file system's)."""
        return Path(fs_name(self.root)) / fs_name(self.path)

    @property
    def full_path(self) -> str:
        """The document's identity, as stored (pipeline.records.full_path)."""
        return full_path(self.root, self.path)


def corpus_root(folder: str) -> str:
    """A corpus folder as stored: absolute, links resolved, escaped like every stored path."""
    return escape_name(str(Path(folder).resolve()))


def discover(folders: list[str]) -> Iterator[Source]:
    """Every article file under ``folders`` in a stable order; links to folders are not followed, and
    hidden files and folders (``.git/``, ``.cache/``) are not read. A file given itself is read alone, as a
    document of the folder it is in."""
    for folder in folders:
        root = Path(folder)
        if root.is_file():
            yield article_file(folder)
            continue
        if not root.is_dir():
            raise PipelineError(f"corpus folder or article file not found: {folder}")
        root_abs = str(root.resolve())
        stored_root = escape_name(root_abs)
        for dirpath, dirnames, filenames in os.walk(root_abs, followlinks=False, onerror=None):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if not name.lower().endswith(SUFFIXES) or name.startswith("."):
                    continue
                full = Path(dirpath) / name
                try:
                    size = full.stat().st_size
                except OSError:
                    size = -1  # a broken link or a file that vanished: reported when it is read
                yield Source(stored_root, escape_name(full.relative_to(root_abs).as_posix()), size)


def article_file(path: str) -> Source:
    """One article file given by its path, as a Source under the folder it is in."""
    full = Path(path).resolve()
    if not full.name.lower().endswith(SUFFIXES):
        raise PipelineError(f"not an article file ({', '.join(SUFFIXES)}): {path}")
    return Source(escape_name(str(full.parent)), escape_name(full.name), full.stat().st_size)


def is_html(path: str) -> bool:
    """Whether a file is read as an HTML page (its main text extracted), by its name."""
    return path.lower().endswith(HTML_SUFFIXES)


def decode(data: bytes, name: str) -> str:
    """Bytes -> text: UTF-8 (with or without BOM), UTF-16 with BOM, else a detected encoding.

    Text holding a NUL is refused whatever the path it came by: it is not an article, and PostgreSQL
    cannot store it (one such document stopped every later one on every re-run)."""
    text = _decode(data, name)
    if "\x00" in text:
        raise IngestError(f"{name}: binary file (contains NUL bytes)")
    return text


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise IngestError(f"{name}: broken UTF-16 text ({e.reason})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096] and not _looks_utf16(data):
        raise IngestError(f"{name}: binary file (contains NUL bytes)")
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise IngestError(f"{name}: not text in any encoding we can detect")
    text = data.decode(best.encoding, errors="replace")
    if _control_share(text) > 0.05:
        raise IngestError(f"{name}: binary file (not text in {best.encoding})")
    return text


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    return (even.count(0) > 0.3 * len(even)) != (odd.count(0) > 0.3 * len(odd))


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return bad / len(sample)


def markdown_to_text(md: str) -> str:
    """Markdown with its markup removed: headings, emphasis, links and images become plain text."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", md)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"^\s{0,3}>\s?", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
    text = re.sub(r"^\s*[-*+]\s+", "- ", text, flags=re.M)
    return text


def published_date(value: str) -> DateValue:
    """A "published" value -> its date, of the precision written; ValueError (saying why) unless it is an
    absolute ISO date. The time, and its zone, are dropped: the date is the one the publisher wrote.

    >>> published_date("2024-01-11T09:15:00+07:00"), published_date("2024-06")
    (DateValue(value='2024-01-11', precision='day'), DateValue(value='2024-06', precision='month'))
    """
    m = _ISO_DATE.fullmatch(value.strip())
    if not m:
        raise ValueError("is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD, and an optional time)")
    y, mo, d = m.group("y", "m", "d")
    try:
        dt.date(int(y), int(mo or 1), int(d or 1))
    except ValueError:
        raise ValueError("is an impossible date") from None
    return DateValue("-".join(p for p in (y, mo, d) if p), "day" if d else "month" if mo else "year")


def _meta_published(meta: dict, html_meta: dict[str, str], label: str) -> DateValue | None:
    """The sidecar's "published" (IngestError naming ``label`` if it is not an ISO date), else the page's
    meta tag (left out if it is not: the page's tags are its publisher's, and its text is still worth reading)."""
    if meta.get("published"):
        try:
            return published_date(meta["published"])
        except ValueError as e:
            raise IngestError(f"{label}: 'published' {e}: {meta['published']!r}") from None
    try:
        return published_date(html_meta["published"]) if html_meta.get("published") else None
    except ValueError:
        return None


def _parse_json(text: str, label: str) -> object:
    """JSON text -> value; whatever json.loads refuses (syntax, nesting too deep for its recursion, a number
    too long for int()) is an IngestError naming the file."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise IngestError(f"{label}: invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from None
    except RecursionError:
        raise IngestError(f"{label}: invalid JSON (nested too deeply)") from None
    except ValueError as e:  # "Exceeds the limit (4300 digits) for integer string conversion: ...; use sys..."
        reason = str(e).split(";")[0].splitlines()[0] if str(e).strip() else "a value it cannot read"
        raise IngestError(f"{label}: invalid JSON ({reason})") from None


def read_sidecar(src: Source) -> bytes | None:
    """The bytes of an article's ``.meta.json`` (bounded like every read), None where it has none."""
    return read_optional(sidecar(src.full), _sidecar_label(src), limit=SIDECAR_MAX_BYTES,
                         limit_name=f"{SIDECAR_MAX_BYTES:,} bytes for a sidecar")


def _sidecar_label(src: Source) -> str:
    return sidecar(Path(src.path)).as_posix()  # from the stored path: escaped like it


def read_meta(raw: bytes | None, label: str) -> dict:
    """A sidecar's bytes -> its metadata, checked: known keys with string values; {} if there is none."""
    if raw is None:
        return {}
    meta = _parse_json(decode(raw, label), label)
    if not isinstance(meta, dict):
        raise IngestError(f"{label}: expected a JSON object")
    for key, kind in _META_KEYS.items():
        if key in meta and meta[key] is not None and not isinstance(meta[key], kind):
            raise IngestError(f"{label}: '{key}' must be a string, not {type(meta[key]).__name__}")
        if isinstance(meta.get(key), str) and "\x00" in meta[key]:  # "\u0000" in JSON: no database stores it
            raise IngestError(f"{label}: '{key}' contains a NUL character")
    return meta


# A dateline that gives no year ("ANKARA, Oct 28 -", "BERLIN (AP) —"): it dates nothing, but what it holds is not news.
_BARE_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]{2,40}(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Za-z .]+\))?\s*(?:--|—|–|-)\s")


def find_dateline(text: str, rules: Rules) -> tuple[DateValue | None, int] | None:
    """The article's date written near the top of its text ("Monday, June 3, 2024", "29-07-2025"),
    and the offset where the dateline ends; (None, end) for a dateline that gives no year."""
    offset, seen = 0, 0
    for line in text[:1500].split("\n"):
        if line.strip():
            seen += 1
            for rule in rules.datelines.values():
                m = rule.regex.search(line)
                if m:
                    value = parse_absolute(m.group("date"))
                    if value is not None and value.precision == "day":
                        return value, offset + m.end("date")
            bare = _BARE_DATELINE.match(line)
            if bare:
                return None, offset + bare.end()
            if seen >= 8:
                break
        offset += len(line) + 1
    return None


def url_date(url: str, rules: Rules) -> DateValue | None:
    """The article's date written in its address (rules/datelines.yaml ``url``), to the day or the month.

    >>> from pipeline.rules import load_rules
    >>> url_date("https://example.com/news/2024/06/slug.html", load_rules())
    DateValue(value='2024-06', precision='month')
    """
    refused: list[tuple[int, int]] = []  # "/2024/02/30/" is no date, nor is its "/2024/02/"
    for rule in rules.url_dates.values():
        for m in rule.regex.finditer(url):
            if any(a < m.end() and m.start() < b for a, b in refused):
                continue
            y, mo, d = int(m.group("y")), int(m.group("m")), m.groupdict().get("d")
            if d is None:
                return DateValue(f"{y:04d}-{mo:02d}", "month")
            day = parse_absolute(f"{y:04d}-{mo:02d}-{int(d):02d}")  # None for no such day
            if day is not None:
                return day
            refused.append(m.span())
    return None


def sidecar(full: Path) -> Path:
    name = full.name
    stem = name[: -len(full.suffix)] if full.suffix else name
    return full.with_name(stem + ".meta.json")


def load_bytes(src: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, refused above ``max_bytes`` or if it is not a regular file; IngestError with a
    one-line reason."""
    return read_bounded(src.full, src.path, limit=max_bytes, limit_name=f"--max-bytes {max_bytes:,}")


def to_article(src: Source, data: bytes, *, rules: Rules, meta_raw: bytes | None = None) -> Article:
    """Bytes of one file and of its sidecar (``read_sidecar``) -> Article; IngestError with a one-line
    reason when they cannot be. The sidecar's sha256 goes with the article: a re-run compares it, so
    that a corrected date or title reaches the stored rows."""
    label = src.path
    full = src.full
    sha = hashlib.sha256(data).hexdigest()
    text = decode(data, label).replace("\r\n", "\n").replace("\r", "\n")
    html_meta: dict[str, str] = {}
    extractor = None
    if is_html(src.path):
        page = html_main_text(text)
        text, html_meta, extractor = page.text, page.meta, page.extractor
    elif full.suffix.lower() in (".md", ".markdown"):
        text = markdown_to_text(text)
    else:
        text = unwrapped(text)  # wire copy broken at a fixed width
    if not text.strip():
        raise IngestError(f"{label}: empty file (no text)")
    meta_label = _sidecar_label(src)
    meta = read_meta(meta_raw, meta_label)
    published = _meta_published(meta, html_meta, meta_label)
    source_kind = "meta" if published else None
    dateline = find_dateline(text, rules)
    if published is None and dateline is not None and dateline[0] is not None:
        published, source_kind = dateline[0], "text"
    url = meta.get("url") or html_meta.get("url")
    if published is None and url:
        published = url_date(url, rules)
        source_kind = "inferred" if published else None
    return Article(
        path=src.path, root=src.root, text=text, sha256=sha, url=url,
        title=meta.get("title") or html_meta.get("title"), source=meta.get("source"),
        published=published, published_source=source_kind, dateline_end=dateline[1] if dateline else 0,
        meta_sha256=None if meta_raw is None else hashlib.sha256(meta_raw).hexdigest(), text_extractor=extractor,
    )


def read_article(src: Source, *, rules: Rules, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one file into an Article; IngestError with a one-line reason when it cannot be."""
    return to_article(src, load_bytes(src, max_bytes=max_bytes), rules=rules, meta_raw=read_sidecar(src))
