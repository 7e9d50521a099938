"""Records with named fields (JSON Lines, CSV) -> Article, with configurable column names."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ..config import MAX_ARTICLE_BYTES
from ..errors import InputError
from ..models import Article
from .checks import parse_date, require_text, short_id

FIELDS = ("id", "url", "source", "title", "published", "text")
FORMAT_NAMES = ("text", "jsonl", "json", "csv", "html", "feed", "warc")   # the readers of read/__init__.py FORMATS
DEFAULT_COLUMNS = {"id": ("id",), "url": ("url",), "source": ("source",), "title": ("title",),
                   "published": ("published", "date"), "text": ("text",)}


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: a forced format, a date for inputs that give none, column names, a size limit."""

    format: str | None = None
    date: date | None = None
    columns: Mapping[str, str] = field(default_factory=dict)   # Annals field -> input column
    max_bytes: int = MAX_ARTICLE_BYTES

    def __post_init__(self):
        if self.format is not None and self.format not in FORMAT_NAMES:
            raise ValueError(f"unknown format {self.format!r}; one of {', '.join(FORMAT_NAMES)}")
        unknown = sorted(set(self.columns) - set(FIELDS))
        if unknown:
            raise ValueError(f"unknown article field(s) {', '.join(unknown)}; columns map one of "
                             f"{', '.join(FIELDS)} to an input column")

    def names(self, name: str) -> tuple[str, ...]:
        """The input columns an Annals field is read from, in order of preference: the one mapped, then the
        default names (so one mapping serves a batch mixing differently named files)."""
        mapped = (self.columns[name],) if name in self.columns else ()
        return mapped + tuple(c for c in DEFAULT_COLUMNS[name] if c not in mapped)


def missing_columns(header: list[str], opts: ReadOptions) -> list[str]:
    """Required columns (text, a date unless one is given, id where asked) absent from ``header``."""
    needed = ["text"] + ([] if opts.date else ["published"])
    return [" or ".join(repr(c) for c in opts.names(f)) for f in needed
            if not any(c in header for c in opts.names(f))]


def published(value: object, opts: ReadOptions, where: str) -> date:
    """The record's date, else the date given for inputs without one."""
    if (value is None or value == "") and opts.date:
        return opts.date
    return parse_date(value, where)


def record_article(rec: Mapping, opts: ReadOptions, where: str, path: str, fallback_id: str | None = None) -> Article:
    """An Article from a record's fields; a bad record raises an InputError naming ``where``."""
    def get(name: str):
        return next((v for v in (_field(rec, c) for c in opts.names(name)) if v not in (None, "")), None)

    doc_id = get("id")
    if doc_id is None and fallback_id is None:
        raise InputError(where, f"record has no {opts.names('id')[0]!r}", path)
    doc_id = short_id(str(doc_id if doc_id is not None else fallback_id))
    where = f"{where} (id {doc_id})"
    text = get("text")
    if not isinstance(text, str):
        raise InputError(where, f"record has no {opts.names('text')[0]!r} string", path)
    try:
        return Article(id=doc_id, published=published(get("published"), opts, where),
                       text=require_text(text, where, "record has empty text"), title=_str(get("title")),
                       url=_str(get("url")), source=_str(get("source")), path=path)
    except InputError as exc:
        raise InputError(exc.source, exc.problem, path) from None


def _field(rec: Mapping, column: str):
    """A record's field; ``a.b`` reaches into nested objects (``source.name`` in a news API's JSON)."""
    if column in rec:
        return rec[column]
    value = rec
    for part in column.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _str(value) -> str | None:
    """A field as text; an object with a ``name`` (a news API's ``source``) by that name."""
    if isinstance(value, Mapping):
        value = value.get("name")
    return None if value is None else str(value)
