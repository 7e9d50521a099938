"""Streaming ingest: read -> hash check -> analyse -> write in bounded batches, so memory stays flat however
many articles are read. Analysis runs in this process (``analysed``) or on Ray workers (``annals.scale``);
writing is always here, one transaction per batch, in input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

from sqlalchemy import Engine

from .errors import AnnalsError, InputError
from .models import Analysis, Article
from .store.duplicates import Duplicates
from .store.write import content_hash, settle_countries, stored_hashes, write_analysis

T = TypeVar("T")
BATCH = 32   # articles per hash check, per Ray task and per write transaction
Progress = Callable[[int], None] | None
Result = Analysis | str   # an article's analysis, or the error that stopped it


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


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to ``size`` consecutive items."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def failure(article: Article, exc: BaseException, stage: str = "analysis") -> str:
    """An error message naming the article's file (and id) and what went wrong."""
    if isinstance(exc, AnnalsError):
        return f"{article.path or article.id}: {exc}"
    return f"{article.path or article.id} (id {article.id}): {stage} failed: {type(exc).__name__}: {exc}"


def fresh_batches(engine: Engine, items: Iterable[Article | InputError], report: IngestReport,
                  progress: Progress = None, size: int = BATCH, dupes: Duplicates | None = None
                  ) -> Iterator[list[Article]]:
    """Batches of the articles that need analysis: bad inputs go to the report, articles stored with
    the same text are counted unchanged (one hash query per batch), and with ``dupes`` near-copies of
    stored or earlier articles are recorded as their sources; none of these is analysed."""
    for chunk in batched(items, size):
        articles = []
        for item in chunk:
            if isinstance(item, InputError):
                report.file(item.path).errors.append(str(item))
            else:
                report.file(item.path)
                articles.append(item)
        with engine.connect() as conn:
            stored = stored_hashes(conn, [a.id for a in articles])
        fresh = []
        for a in articles:
            if stored.get(a.id) == content_hash(a):
                report.file(a.path).unchanged += 1
            else:
                fresh.append(a)
        if dupes is not None and fresh:
            for a, outcome in dupes.sift(fresh):
                rep = report.file(a.path)
                rep.duplicates += outcome == "duplicate"
                rep.unchanged += outcome == "unchanged"
            fresh = dupes.originals
        if progress and len(fresh) < len(chunk):
            progress(len(chunk) - len(fresh))
        if fresh:
            yield fresh


def analyse_one(article: Article, doc, lex) -> Result:
    """``analyse`` for one parsed article; an exception becomes its error message."""
    from .analyse.extract import analyse

    try:
        if isinstance(doc, Exception):
            raise doc
        return analyse(article, doc, lex)
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
        return failure(article, exc)


def analyse_batch(nlp, lex, articles: list[Article], batch_size: int = 16) -> list[Result]:
    """Parse (``nlp.pipe``) and analyse a batch in this process; one result per article, in order."""
    from .analyse.pipeline import parse

    return [analyse_one(a, doc, lex) for a, doc in parse(nlp, articles, batch_size)]


def analysed(nlp, lex, batches: Iterable[list[Article]], batch_size: int = 16, processes: int = 1,
             size: int = BATCH) -> Iterator[tuple[list[Article], list[Result]]]:
    """Batches with their results, parsed by one ``nlp.pipe`` stream (spread over ``processes``)."""
    from .analyse.pipeline import parse

    stream = (a for batch in batches for a in batch)
    for chunk in batched(parse(nlp, stream, batch_size, processes), size):
        yield [a for a, _ in chunk], [analyse_one(a, doc, lex) for a, doc in chunk]


def stored(analyses: list[Analysis], outcomes: list[str]) -> list[str]:
    """Ids of the articles whose write added or replaced them."""
    return [a.article.id for a, o in zip(analyses, outcomes, strict=True) if o in ("added", "replaced")]


class Writer:
    """Stores analysed batches, one transaction each; if a write fails the batch is rolled back and its
    articles stored one by one, so only the article at fault is lost and none is half-stored."""

    def __init__(self, engine: Engine, report: IngestReport, progress: Progress = None,
                 dupes: Duplicates | None = None):
        self.engine, self.report, self.progress, self.dupes = engine, report, progress, dupes

    def _store(self, conn, analysis: Analysis) -> str:
        outcome = write_analysis(conn, analysis)
        if self.dupes is not None and outcome in ("added", "replaced"):
            self.dupes.stored(conn, analysis.article)   # its fingerprint, and its copies found so far
        return outcome

    def write(self, articles: list[Article], results: list[Result]) -> None:
        good = []
        for article, result in zip(articles, results, strict=True):
            if isinstance(result, str):
                self.report.file(article.path).errors.append(result)
            else:
                good.append(result)
        try:
            with self.engine.begin() as conn:
                outcomes = [self._store(conn, a) for a in good]
                settle_countries(conn, stored(good, outcomes))
        except Exception:  # noqa: BLE001 - rolled back: store the articles one at a time
            outcomes = [self._write_alone(a) for a in good]
            with self.engine.begin() as conn:
                settle_countries(conn, stored(good, outcomes))
        for analysis, outcome in zip(good, outcomes, strict=True):
            self._count(analysis, outcome)
        if self.progress:
            self.progress(len(articles))

    def _write_alone(self, analysis: Analysis) -> str:
        try:
            with self.engine.begin() as conn:
                return self._store(conn, analysis)
        except Exception as exc:  # noqa: BLE001 - reported below, the rest goes on
            return failure(analysis.article, exc, "storing")

    def _count(self, analysis: Analysis, outcome: str) -> None:
        rep = self.report.file(analysis.article.path)
        if outcome == "unchanged":
            rep.unchanged += 1
        elif outcome in ("added", "replaced"):
            rep.articles += 1
            rep.contacts += len(analysis.contacts)
            rep.offices += len(analysis.offices)
            rep.quotes += len(analysis.quotes)
        else:
            rep.errors.append(outcome)
