"""Plain-text articles: ``date YYYY-MM-DD`` then the text, on the same line or the next."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..models import Article
from .checks import decode, parse_date, read_bytes, require_text

DATE_LINE = re.compile(r"\A\s*date[ \t]+(\S+)[ \t]*(?:\r?\n)?")


def parse_text(raw: str, doc_id: str, source: str, path: str | None = None) -> Article:
    """Split the date line from the body; the body keeps its own offsets (the date line is not text)."""
    match = DATE_LINE.match(raw)
    if not match:
        raise InputError(source, "missing date line (the file must begin with 'date YYYY-MM-DD')")
    published = parse_date(match.group(1), source)
    text = require_text(raw[match.end():], source)
    return Article(id=doc_id, published=published, text=text, path=path)


def read_text_file(path: Path, max_bytes: int) -> Article:
    raw = decode(read_bytes(path, max_bytes), str(path))
    return parse_text(raw, doc_id=path.name, source=str(path), path=str(path))
