"""The Python API: one ``Annals`` object over one store. The CLI and the HTTP server call only this."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, func, select

from .config import Config
from .errors import AnnalsError, InputError
from .models import Article
from .query import conflicts as conflicts_q
from .query import contacts as contacts_q
from .query import entities as entities_q
from .query import export as export_q
from .query import offices as offices_q
from .query import quotes as quotes_q
from .query.records import Contact, Entity, Office, Quote, Rows
from .read import ReadOptions, read_paths
from .resolve.tenures import Answer, Observation, Tenure
from .store import schema
from .store.duplicates import Duplicates, copies_of, forget_copy
from .store.engine import open_engine
from .store.write import content_hash, delete_document, settle_countries, stored_hashes, write_analysis


@dataclass
class FileReport:
    articles: int = 0
    contacts: int = 0
    offices: int = 0
    quotes: int = 0
    unchanged: int = 0
    duplicates: int = 0   # near-copies of a stored article: recorded as its sources, not analysed
    errors: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    files: dict[str, FileReport] = field(default_factory=dict)

    def file(self, path: str | None) -> FileReport:
        return self.files.setdefault(path or "<input>", FileReport())

    @property
    def errors(self) -> list[str]:
        return [e for f in self.files.values() for e in f.errors]

    @property
    def ok(self) -> bool:
        return not self.errors

    def totals(self) -> dict:
        keys = ("articles", "contacts", "offices", "quotes", "unchanged", "duplicates")
        out = {k: sum(getattr(f, k) for f in self.files.values()) for k in keys}
        out["errors"] = len(self.errors)
        return out


class Annals:
    """A store of dated facts read from news articles.

    >>> annals = Annals(":memory:")            # doctest: +SKIP
    >>> annals.ingest(["articles/"])           # doctest: +SKIP
    >>> annals.who("defense_minister", "ISR", date(2024, 11, 9))  # doctest: +SKIP
    """

    def __init__(self, db: str | None = None, model: str | None = None, config: Config | None = None,
                 processes: int | None = None):
        self.config = config or Config.from_env(db=db, model=model, processes=processes)
        self.engine: Engine = open_engine(self.config.url)
        self._nlp = None

    @property
    def nlp(self):
        """The spaCy pipeline, loaded on first use (queries never need it)."""
        if self._nlp is None:
            from .analyse.pipeline import build

            self._nlp = build(self.config.model)
        return self._nlp

    # -- write --------------------------------------------------------------
    def ingest(self, paths: Iterable[str | Path], progress: Callable[[int], None] | None = None, *,
               format: str | None = None, date: date | None = None,
               columns: Mapping[str, str] | None = None) -> IngestReport:
        """Read, analyse and store every article under ``paths``; bad inputs are reported, not raised.

        ``format`` forces one of ``read.FORMATS`` (else each input's suffix or content decides), ``date``
        dates inputs that give none, ``columns`` maps Annals fields to CSV/JSON Lines columns.
        """
        report = IngestReport()
        good: list[Article] = []
        options = ReadOptions(format=format, date=date, columns=columns or {}, max_bytes=self.config.max_bytes)
        for item in read_paths(paths, options=options):
            if isinstance(item, InputError):
                report.file(item.path).errors.append(str(item))
                if progress:
                    progress(1)
            else:
                report.file(item.path)
                good.append(item)
        self.ingest_articles(good, report, progress)
        return report

    def ingest_articles(self, articles: list[Article], report: IngestReport | None = None,
                        progress: Callable[[int], None] | None = None) -> IngestReport:
        from .analyse.extract import analyse
        from .analyse.pipeline import parse
        from .lexicon import lexicon

        report = report or IngestReport()
        lex = lexicon()
        with self.engine.connect() as conn:
            stored = stored_hashes(conn, [a.id for a in articles])
        fresh = []
        for a in articles:   # an article stored with the same text needs no analysis at all
            if stored.get(a.id) == content_hash(a):
                report.file(a.path).unchanged += 1
                if progress:
                    progress(1)
            else:
                fresh.append(a)
        dupes = Duplicates(self.engine)
        for a, outcome in dupes.sift(fresh):   # near-copies of stored or earlier articles need no analysis
            rep = report.file(a.path)
            rep.duplicates += outcome == "duplicate"
            rep.unchanged += outcome == "unchanged"
            if progress:
                progress(1)
        fresh = dupes.originals
        written: list[str] = []
        for article, doc in parse(self.nlp, fresh, self.config.batch_size, self.config.processes):
            rep = report.file(article.path)
            try:
                if isinstance(doc, Exception):
                    raise doc
                analysis = analyse(article, doc, lex)
                with self.engine.begin() as conn:
                    outcome = write_analysis(conn, analysis)
                    if outcome != "unchanged":
                        dupes.stored(conn, article)
            except AnnalsError as exc:
                rep.errors.append(f"{article.path or article.id}: {exc}")
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
                rep.errors.append(f"{article.path or article.id} (id {article.id}): analysis failed: "
                                  f"{type(exc).__name__}: {exc}")
            else:
                if outcome == "unchanged":
                    rep.unchanged += 1
                else:
                    written.append(article.id)
                    rep.articles += 1
                    rep.contacts += len(analysis.contacts)
                    rep.offices += len(analysis.offices)
                    rep.quotes += len(analysis.quotes)
            if progress:
                progress(1)
        for copy, original in dupes.orphans():
            rep = report.file(copy.path)
            rep.duplicates -= 1
            rep.errors.append(f"{copy.path or copy.id} (id {copy.id}): a copy of {original}, which was not stored")
        with self.engine.begin() as conn:
            settle_countries(conn, written)
        return report

    def forget(self, doc_id: str) -> bool:
        """Remove an article and whatever only it supported."""
        with self.engine.begin() as conn:
            return delete_document(conn, doc_id) or forget_copy(conn, doc_id)

    # -- read -----------------------------------------------------------------
    def who(self, role: str, country: str, on: date, as_of: date | None = None) -> Answer:
        with self.engine.connect() as conn:
            return offices_q.who(conn, role, country.upper(), on, as_of)

    def tenures(self, person: str | None = None, role: str | None = None, country: str | None = None,
                as_of: date | None = None) -> Rows[Tenure]:
        with self.engine.connect() as conn:
            return offices_q.tenures(conn, person=person, role=role, country=country, as_of=as_of)

    def office_mentions(self, **filters) -> Rows[Observation]:
        """Every mention of a person in an office, with its evidence (``person``, ``role``, ``country``,
        ``since``/``until`` on the publication day, ``as_of``)."""
        with self.engine.connect() as conn:
            return offices_q.mentions(conn, **filters)

    def offices(self, country: str | None = None, as_of: date | None = None) -> Rows[Office]:
        """Each office seen (by country, then role) with its holders' names and observation counts."""
        with self.engine.connect() as conn:
            return offices_q.offices_list(conn, country, as_of)

    def conflicts(self, as_of: date | None = None) -> list[dict]:
        """Facts the articles disagree on (office holders, contact dates, a person's country), with sources."""
        with self.engine.connect() as conn:
            return conflicts_q.conflicts(conn, as_of)

    def contacts(self, **filters) -> Rows[Contact]:
        with self.engine.connect() as conn:
            return contacts_q.contacts_query(conn, **filters)

    def quotes(self, **filters) -> Rows[Quote]:
        with self.engine.connect() as conn:
            return quotes_q.quotes_query(conn, **filters)

    def entities(self, text: str = "", kind: str | None = None, limit: int | None = 50,
                 offset: int = 0) -> Rows[Entity]:
        with self.engine.connect() as conn:
            return entities_q.search(conn, text, kind, limit, offset)

    def document(self, doc_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.documents).where(schema.documents.c.id == doc_id)).first()
            found = copies_of(conn, doc_id) if row else []
        if row is None:
            return None
        return {"id": row.id, "published": row.published.isoformat(), "title": row.title, "url": row.url,
                "source": row.source, "text": row.text, "copies": found}

    def stats(self) -> dict:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar()
                    for t in (schema.documents, schema.entities, schema.offices, schema.contacts,
                              schema.contact_sources, schema.quotes, schema.copies)}

    def export(self, out_dir: str | Path) -> int:
        """Write one gold-shaped JSON file per article into ``out_dir``; returns how many."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        with self.engine.connect() as conn:
            records = export_q.gold_records(conn)
        for rec in records:
            name = Path(rec["doc"]).name
            stem = name[:-4] if name.endswith(".txt") else name
            (out / f"{stem}.json").write_text(json.dumps(rec, ensure_ascii=False, indent=1), encoding="utf-8")
        return len(records)

    def export_tables(self, out: str, fmt: str = "csv", what: Iterable[str] = ("contacts",),
                      **filters) -> list[tuple[str, int]]:
        """Write the tables ``what`` (names from ``query.dataset.WHAT``) as csv, jsonl or parquet to ``out`` (a
        directory, one file, or ``-`` for standard output) under the queries' filters; (where, rows) per table."""
        from .export.files import write_tables
        from .query.dataset import Filters, tables

        with self.engine.connect() as conn:
            return write_tables(tables(conn, list(what), Filters(**filters)), fmt, out)

    def export_graph(self, out: str, **filters) -> tuple[str, int, int]:
        """Write the contact network under the filters as GraphML (a ``.graphml`` file, or a directory);
        returns (where, nodes, edges)."""
        from .export.files import write_graph
        from .query.dataset import Filters, results

        with self.engine.connect() as conn:
            return write_graph(results(conn, "contacts", Filters(**filters)), out)
