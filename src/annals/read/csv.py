"""CSV (and tab-separated) articles with the stdlib csv module: a header row, then one article a row.

Columns are named as in ``ReadOptions`` (default ``id``, ``url``, ``source``, ``title``, ``published``
or ``date``, ``text``). Missing required columns are one error for the file; a bad row is an error
naming file and line, and the other rows go on. Rows without an id take their url, else ``file:line``.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator

from ..errors import InputError
from ..models import Article
from .checks import text_lines
from .inputs import Source
from .records import ReadOptions, missing_columns, record_article


def read_csv(src: Source, opts: ReadOptions) -> Iterator[Article | InputError]:
    csv.field_size_limit(min(sys.maxsize, opts.max_bytes))
    with src.open() as stream:
        lines = _decoded(text_lines(stream, src), src)
        first = next(lines)
        dialect = csv.excel_tab if src.suffix == ".tsv" or ("\t" in first and "," not in first) else csv.excel
        rows = csv.reader(_chain(first, lines), dialect)
        header = [h.strip() for h in next(rows)]
        missing = missing_columns(header, opts)
        if missing:
            raise InputError(src.name, f"missing column(s) {', '.join(missing)} (header: {', '.join(header)}; "
                             "map columns with --column FIELD=COLUMN)", src.path)
        start = rows.line_num + 1
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:
                raise InputError(f"{src.name}:{start}", f"malformed CSV ({exc})", src.path) from exc
            where, start = f"{src.name}:{start}", rows.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                yield InputError(where, f"row has {len(row)} fields, the header {len(header)}", src.path)
                continue
            rec = dict(zip(header, row, strict=True))
            try:
                yield record_article(rec, opts, where, src.path, fallback_id=_fallback(rec, opts, where, src))
            except InputError as exc:
                yield exc


def _fallback(rec: dict, opts: ReadOptions, where: str, src: Source) -> str:
    url = next((rec[c] for c in opts.names("url") if rec.get(c)), None)
    return url or f"{src.article_id}:{where.rsplit(':', 1)[1]}"


def _decoded(lines: Iterator[bytes], src: Source) -> Iterator[str]:
    for number, raw in enumerate(lines, 1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"{src.name}:{number}", f"not UTF-8 text (invalid byte at offset {exc.start}); "
                             "rows after it are not read", src.path) from exc


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest
