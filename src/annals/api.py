"""The Python API: one ``Annals`` object over one store. The CLI and the HTTP server call only this."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, func, select

from .config import Config
from .errors import InputError
from .ingest import BATCH, IngestReport, Writer, analysed, fresh_batches
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
from .store.write import delete_document


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
               format: str | None = None, date: date | None = None, columns: Mapping[str, str] | None = None,
               workers: int = 0, ray_address: str | None = None, dedupe: bool = True) -> IngestReport:
        """Read, analyse and store every article under ``paths``; bad inputs are reported, not raised.
        Files are read as a stream, so memory stays flat however many there are.

        ``format`` forces one of ``read.FORMATS`` (else each input's suffix or content decides), ``date``
        dates inputs that give none, ``columns`` maps Annals fields to CSV/JSON Lines columns. With
        ``workers`` the analysis runs on that many Ray workers (a local cluster, or the one at ``ray_address``).
        ``dedupe=False`` analyses near-copies too instead of recording them as sources of the first.
        """
        options = ReadOptions(format=format, date=date, columns=columns or {}, max_bytes=self.config.max_bytes)
        return self.ingest_articles(read_paths(paths, options=options), progress=progress,
                                    workers=workers, ray_address=ray_address, dedupe=dedupe)

    def ingest_articles(self, articles: Iterable[Article | InputError], report: IngestReport | None = None,
                        progress: Callable[[int], None] | None = None, workers: int = 0,
                        ray_address: str | None = None, batch: int = BATCH, dedupe: bool = True) -> IngestReport:
        """Analyse and store a stream of articles (input errors in it are reported) in batches of ``batch``:
        one hash query and one write transaction per batch; articles stored with the same text are skipped."""
        report = report or IngestReport()
        dupes = Duplicates(self.engine) if dedupe else None   # near-copies of stored or earlier articles
        #                                                        are recorded as their sources, not analysed
        batches = fresh_batches(self.engine, articles, report, progress, batch, dupes)
        writer = Writer(self.engine, report, progress, dupes)
        if workers:
            from .scale.ray_ingest import analysed_on_ray

            results = analysed_on_ray(batches, workers, self.config.model, ray_address, self.config.batch_size)
        else:
            from .lexicon import lexicon

            results = analysed(self.nlp, lexicon(), batches, self.config.batch_size, self.config.processes, batch)
        for batch, outcome in results:
            writer.write(batch, outcome)
        for copy, original in dupes.orphans() if dupes else ():
            rep = report.file(copy.path)
            rep.duplicates -= 1
            rep.errors.append(f"{copy.path or copy.id} (id {copy.id}): a copy of {original}, which was not stored")
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
