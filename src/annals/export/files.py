"""Where each exported table goes (a file, a directory of files, or standard output) and writing it there
whole: each file is written beside its target and renamed into place, so a failed export leaves no half file."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ..errors import AnnalsError
from ..query.records import Contact
from ..query.tables import TABLES
from .graph import write_graphml
from .tabular import write_csv, write_jsonl, write_parquet

SUFFIX = {"csv": ".csv", "jsonl": ".jsonl", "parquet": ".parquet", "graphml": ".graphml"}
STREAMABLE = ("csv", "jsonl")


def is_single_file(out: str, fmt: str) -> bool:
    """``out`` names standard output or one file of the format (it ends with the format's suffix)."""
    return out == "-" or (Path(out).suffix == SUFFIX[fmt] and not Path(out).is_dir())


def targets(out: str, fmt: str, names: list[str]) -> dict[str, Path | None]:
    """Each table's file: ``None`` for standard output (``-``), ``out`` itself when it is one file of the
    format, else ``out/<table><suffix>``."""
    if out == "-":
        if fmt not in STREAMABLE:
            raise AnnalsError(f"{fmt} cannot go to standard output: give --out FILE or DIRECTORY")
        if len(names) != 1:
            raise AnnalsError("standard output takes one table: pick it with --what")
        return {names[0]: None}
    if is_single_file(out, fmt):
        if len(names) != 1:
            raise AnnalsError(f"{out} is one file but {len(names)} tables were asked for: give a directory "
                              "or one --what")
        return {names[0]: Path(out)}
    return {n: Path(out) / f"{n}{SUFFIX[fmt]}" for n in names}


def _atomically(path: Path, write: Callable[[Path], None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        write(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def write_tables(tables: dict[str, list[dict]], fmt: str, out: str,
                 stream: TextIO | None = None) -> list[tuple[str, int]]:
    """Write each table in ``fmt`` (csv, jsonl, parquet) under ``out``; returns (where, rows) per table."""
    written = []
    for name, path in targets(out, fmt, list(tables)).items():
        table, rows = TABLES[name], tables[name]
        if path is None:
            (write_csv if fmt == "csv" else write_jsonl)(table, rows, stream or sys.stdout)
            written.append(("-", len(rows)))
            continue
        if fmt == "parquet":
            _atomically(path, lambda p, t=table, r=rows: write_parquet(t, r, p))
        else:
            text_writer = write_csv if fmt == "csv" else write_jsonl

            def write(p: Path, t=table, r=rows, w=text_writer) -> None:
                with p.open("w", encoding="utf-8", newline="") as f:
                    w(t, r, f)

            _atomically(path, write)
        written.append((str(path), len(rows)))
    return written


def write_graph(contacts: list[Contact], out: str) -> tuple[str, int, int]:
    """The contact network as GraphML at ``out`` (a ``.graphml`` file, or ``out/contacts.graphml``);
    returns (where, nodes, edges)."""
    path = targets(out, "graphml", ["contacts"])["contacts"]
    sizes: list[tuple[int, int]] = []
    _atomically(path, lambda p: sizes.append(write_graphml(contacts, p)))
    return str(path), *sizes[0]
