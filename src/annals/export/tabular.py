"""Flat tables as CSV, JSON Lines and Parquet files (Parquet through pyarrow, an optional dependency)."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import TextIO

from ..optional import require
from ..query.tables import DATE, INT, INTS, STRS, Table

LIST_SEPARATOR = "; "


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_csv(table: Table, rows: list[dict], out: TextIO) -> None:
    """A header of column names, then one line per row; lists joined with ``"; "``, dates ISO, None empty."""
    writer = csv.writer(out)
    writer.writerow(table.names)
    for row in rows:
        writer.writerow([_cell(row[n]) for n in table.names])


def write_jsonl(table: Table, rows: list[dict], out: TextIO) -> None:
    """One JSON object per line, columns in the table's order; dates ISO, lists as arrays."""
    for row in rows:
        out.write(json.dumps({n: row[n].isoformat() if isinstance(row[n], date) else row[n] for n in table.names},
                             ensure_ascii=False) + "\n")


def arrow_schema(table: Table):
    pa = require("pyarrow")
    types = {INT: pa.int64(), DATE: pa.date32(), STRS: pa.list_(pa.string()), INTS: pa.list_(pa.int64())}
    return pa.schema([(n, types.get(t, pa.string())) for n, t in table.columns])


def write_parquet(table: Table, rows: list[dict], path: Path) -> None:
    """A typed Parquet file (dates as date32, lists as list columns), the same columns even when empty."""
    pa = require("pyarrow")
    parquet = require("pyarrow.parquet")
    schema = arrow_schema(table)
    parquet.write_table(pa.Table.from_pylist([{n: row[n] for n in table.names} for row in rows], schema=schema),
                        path)
