"""JSON Lines articles: one object a line, fields named as in ``ReadOptions`` (default ``id``, ``date``,
``text`` and optional ``title``, ``url``, ``source``). Read line by line, so memory stays flat."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import InputError
from ..models import Article
from .checks import text_lines
from .inputs import Source
from .records import ReadOptions, record_article


def parse_record(line: str, source: str, path: str | None = None, opts: ReadOptions | None = None) -> Article:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"malformed JSON ({exc.msg} at column {exc.colno})", path) from exc
    if not isinstance(rec, dict):
        raise InputError(source, "a record must be a JSON object", path)
    return record_article(rec, opts or ReadOptions(), source, path or source)


def read_jsonl(src: Source, opts: ReadOptions) -> Iterator[Article | InputError]:
    """Each good line as an Article, each bad one as an InputError naming file and line."""
    with src.open() as stream:
        for number, raw in enumerate(text_lines(stream, src), 1):
            where = f"{src.name}:{number}"
            if not raw.strip():
                continue
            if len(raw) > opts.max_bytes:
                yield InputError(where, f"record is too large ({len(raw):,} bytes; limit {opts.max_bytes:,})",
                                 src.path)
                continue
            try:
                yield parse_record(raw.decode("utf-8-sig" if number == 1 else "utf-8"), where, src.path, opts)
            except UnicodeDecodeError as exc:
                yield InputError(where, f"not UTF-8 text (invalid byte at offset {exc.start})", src.path)
            except InputError as exc:
                yield exc
