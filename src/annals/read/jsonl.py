"""JSON Lines articles: ``id``, ``date``, ``text`` and optional ``title``, ``url``, ``source``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..models import Article
from .checks import decode, parse_date, read_bytes, require_text


def parse_record(line: str, source: str, path: str | None = None) -> Article:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"malformed JSON ({exc.msg} at column {exc.colno})", path) from exc
    if not isinstance(rec, dict):
        raise InputError(source, "a record must be a JSON object", path)
    doc_id = rec.get("id")
    if doc_id is None or str(doc_id).strip() == "":
        raise InputError(source, "record has no 'id'", path)
    source = f"{source} (id {doc_id})"
    text = rec.get("text")
    try:
        if not isinstance(text, str):
            raise InputError(source, "record has no 'text' string")
        return Article(
            id=str(doc_id), published=parse_date(rec.get("date"), source), text=require_text(text, source),
            title=rec.get("title"), url=rec.get("url"), source=rec.get("source"), path=path,
        )
    except InputError as exc:
        raise InputError(exc.source, exc.problem, path) from None


def read_jsonl_file(path: Path, max_bytes: int) -> Iterator[Article | InputError]:
    """Each good line as an Article, each bad one as an InputError naming file and line."""
    text = decode(read_bytes(path, max_bytes * 100), str(path))
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        if len(line.encode()) > max_bytes:
            yield InputError(where, f"record is too large ({len(line.encode()):,} bytes; limit {max_bytes:,})",
                             str(path))
            continue
        try:
            yield parse_record(line, where, str(path))
        except InputError as exc:
            yield exc
