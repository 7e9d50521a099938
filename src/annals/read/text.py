"""Plain-text articles: ``date YYYY-MM-DD`` then the text, on the same line or the next."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..errors import InputError
from ..models import Article
from .checks import decode, parse_date, require_text
from .inputs import Source
from .records import ReadOptions

DATE_LINE = re.compile(r"\A\s*date[ \t]+(\S+)[ \t]*(?:\r?\n)?")


def parse_text(raw: str, doc_id: str, source: str, path: str | None = None, default: date | None = None) -> Article:
    """Split the date line from the body; the body keeps its own offsets (the date line is not text).
    Without a date line the whole text is the body, dated ``default`` when one is given."""
    match = DATE_LINE.match(raw)
    if not match:
        if default is None:
            raise InputError(source, "missing date line (the file must begin with 'date YYYY-MM-DD')", path)
        return Article(id=doc_id, published=default, text=require_text(raw, source), path=path)
    published = parse_date(match.group(1), source)
    text = require_text(raw[match.end():], source)
    return Article(id=doc_id, published=published, text=text, path=path)


def read_text(src: Source, opts: ReadOptions) -> Iterator[Article]:
    raw = decode(src.read(opts.max_bytes), src.name)
    yield parse_text(raw, doc_id=src.article_id, source=src.name, path=src.path, default=opts.date)
