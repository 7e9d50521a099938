"""Batch ingestion on Ray workers stores exactly what the serial path stores; a worker that dies costs one
retry, and an article that kills its worker every time is reported by file and not stored."""

from __future__ import annotations

import json
import os
import pickle
from dataclasses import replace

import pytest
from click.testing import CliRunner

from annals.api import Annals
from annals.examples import example_dir
from annals.ingest import IngestReport, Writer, fresh_batches
from annals.models import Article
from annals.read import read_paths

from .conftest import needs_shared

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'annals[ray]')")


@pytest.fixture(scope="module")
def cluster(nlp):
    """One local two-CPU Ray cluster for the module (starting one takes seconds)."""
    ray.init(num_cpus=2, include_dashboard=False, object_store_memory=100 * 2**20, log_to_driver=False)
    yield
    ray.shutdown()


def samples(copies: int) -> list[Article]:
    """The built-in fictional articles, ``copies`` times over with fresh ids."""
    base = [a for a in read_paths([example_dir()]) if isinstance(a, Article)]
    return [replace(a, id=f"{k}-{a.id}") for k in range(copies) for a in base]


def contents(annals: Annals, tmp_path, name: str) -> dict:
    """Everything a user can see of a store: the gold-shaped export, contacts, offices held, quotes."""
    out = tmp_path / name
    annals.export(out)
    return {"export": {p.name: json.loads(p.read_text()) for p in sorted(out.iterdir())},
            "contacts": annals.contacts(), "tenures": [t.as_dict() for t in annals.tenures()],
            "quotes": annals.quotes(), "stats": annals.stats()}


def test_analyses_pickle_cleanly(nlp):
    from annals.ingest import analyse_batch
    from annals.lexicon import lexicon

    analysis = analyse_batch(nlp, lexicon(), samples(1)[:1])[0]
    assert analysis.contacts and analysis.offices and analysis.quotes
    assert pickle.loads(pickle.dumps(analysis)) == analysis


def test_two_workers_store_what_the_serial_path_stores(cluster, nlp, tmp_path):
    articles = samples(5)
    serial, parallel = Annals(str(tmp_path / "serial.db")), Annals(str(tmp_path / "ray.db"))
    serial._nlp = nlp
    one = serial.ingest_articles(articles, batch=3, dedupe=False)   # (the copies are near-duplicates)
    two = parallel.ingest_articles(articles, workers=2, batch=3, dedupe=False)
    assert one.ok and two.ok and one.totals() == two.totals() and two.totals()["articles"] == 20
    assert contents(parallel, tmp_path, "ray") == contents(serial, tmp_path, "serial")
    again = parallel.ingest_articles(articles, workers=2, batch=3, dedupe=False)
    assert again.totals()["unchanged"] == 20 and again.totals()["articles"] == 0


def test_the_dev_set_on_two_workers_matches_the_serial_store(cluster, nlp, tmp_path):
    dev = needs_shared("data", "dev")
    serial, parallel = Annals(str(tmp_path / "serial.db")), Annals(str(tmp_path / "ray.db"))
    serial._nlp = nlp
    one, two = serial.ingest([dev]), parallel.ingest([dev], workers=2)
    assert one.ok and two.ok and one.totals() == two.totals()
    assert contents(parallel, tmp_path, "ray") == contents(serial, tmp_path, "serial")


def crashing_analyser(marker_dir: str, always: bool):
    """A worker class that kills its own process on a batch holding an article marked CRASH: every time, or
    only the first time (a marker file remembers it across processes)."""
    from annals.scale.ray_ingest import BatchAnalyser

    class Crashing(BatchAnalyser):
        def analyse(self, articles):
            marker = os.path.join(marker_dir, "crashed")
            if any("CRASH" in a.text for a in articles) and (always or not os.path.exists(marker)):
                open(marker, "w").close()
                os._exit(1)
            return super().analyse(articles)

    return Crashing


def ingest_with(analyser, annals: Annals, articles: list[Article]) -> IngestReport:
    from annals.scale.ray_ingest import analysed_on_ray

    report = IngestReport()
    writer = Writer(annals.engine, report)
    batches = fresh_batches(annals.engine, articles, report, size=3)
    for batch, results in analysed_on_ray(batches, 2, annals.config.model, analyser=analyser):
        writer.write(batch, results)
    return report


def crash_article() -> Article:
    base = samples(1)[0]
    return replace(base, id="crash", text=base.text + "\nCRASH", path="/in/crash.txt")


def test_a_worker_that_dies_once_costs_one_retry(cluster, tmp_path):
    articles = samples(2)
    articles.insert(4, crash_article())
    annals = Annals(str(tmp_path / "s.db"))
    report = ingest_with(crashing_analyser(str(tmp_path), always=False), annals, articles)
    assert report.ok and (tmp_path / "crashed").exists()
    assert report.totals()["articles"] == 9 and annals.stats()["documents"] == 9


def test_an_article_that_kills_its_worker_is_reported_alone(cluster, tmp_path):
    articles = samples(2)
    articles.insert(4, crash_article())
    annals = Annals(str(tmp_path / "s.db"))
    report = ingest_with(crashing_analyser(str(tmp_path), always=True), annals, articles)
    assert len(report.errors) == 1
    assert report.errors[0].startswith("/in/crash.txt (id crash): analysis failed on a Ray worker, not stored:")
    assert report.totals()["articles"] == 8
    assert annals.document("crash") is None and annals.document("1-sample-letter") is not None


def test_cli_ingest_on_ray_workers(cluster, tmp_path):
    from annals.cli import cli

    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(cli, ["ingest", str(example_dir()), "--db", db, "--workers", "2", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["totals"] == {"articles": 4, "contacts": 4, "offices": 11, "quotes": 5,
                                                   "unchanged": 0, "duplicates": 0, "errors": 0}


def test_more_workers_than_the_cluster_has_cpus_is_refused(cluster, tmp_path):
    from annals.errors import AnnalsError

    with pytest.raises(AnnalsError, match="the Ray cluster has 2 CPUs"):
        Annals(str(tmp_path / "s.db")).ingest_articles(samples(1), workers=3)
