"""The annals command: verbs over a store built from the built-in sample articles."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annals.cli import cli
from annals.examples import example_dir


@pytest.fixture(scope="module")
def db(module_store_db, nlp):
    path = module_store_db
    result = CliRunner().invoke(cli, ["ingest", str(example_dir()), "--db", path, "--json"])
    assert result.exit_code == 0, result.output
    totals = json.loads(result.output)["totals"]
    assert totals["articles"] == 4 and totals["errors"] == 0
    return path


def run(*args):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_contacts_in_date_order_with_sources(db):
    items = json.loads(run("contacts", "--db", db, "--json"))
    assert [(c["kind"], c["date"]["earliest"]) for c in items] == [
        ("call", "2024-03-08"), ("meeting", "2024-03-11"), ("meeting", "2024-04-01"), ("letter", "2024-04-03")]
    assert {p["name"] for p in items[0]["participants"]} == {"Ingrid Halvorsen", "Mikko Laine"}
    assert items[0]["sources"][0]["doc"] == "01_oslo_handover.txt"


def test_contacts_between_two_countries_and_by_kind(db):
    items = json.loads(run("contacts", "--db", db, "--country", "NOR", "--country", "SWE", "--json"))
    assert [c["kind"] for c in items] == ["meeting"]
    letters = json.loads(run("contacts", "--db", db, "--kind", "letter", "--json"))
    assert [sorted(p["name"] for p in c["participants"]) for c in letters] == [["Johan Ek", "Mikko Laine"]]


def test_planned_meetings_are_not_contacts(db):
    items = json.loads(run("contacts", "--db", db, "--person", "Karin Lind", "--json"))
    assert len(items) == 1 and items[0]["date"]["earliest"] == "2024-03-11"


def test_who_and_tenures_follow_the_handover(db):
    out = json.loads(run("who", "defense_minister", "--country", "NOR", "--on", "2024-03-20", "--db", db, "--json"))
    assert out["status"] == "certain" and [h["person"] for h in out["holders"]] == ["Ingrid Halvorsen"]
    none = json.loads(run("who", "defense_minister", "--country", "BRA", "--on", "2024-03-20", "--db", db, "--json"))
    assert none["status"] == "unknown"
    assert "Nothing known" in run("who", "defense_minister", "--country", "BRA", "--on", "2024-03-20", "--db", db)
    tenures = json.loads(run("tenures", "Halvorsen", "--db", db, "--json"))
    assert tenures[0]["start"] == {"earliest": "2024-03-07", "latest": "2024-03-07"}


def test_as_of_hides_later_articles(db):
    early = json.loads(run("contacts", "--db", db, "--as-of", "2024-03-10", "--json"))
    assert len(early) == 1


def test_quotes_by_speaker(db):
    items = json.loads(run("quotes", "--speaker", "Halvorsen", "--db", db, "--json"))
    assert [q["text"][:14] for q in items] == ["We agreed that", "Finland is a c"]


def test_export_writes_one_file_per_article(db, tmp_path):
    run("export", "--out", str(tmp_path), "--db", db)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["01_oslo_handover.json", "02_helsinki_talks.json", "sample-letter.json",
                     "sample-stockholm-visit.json"]
    rec = json.loads((tmp_path / "01_oslo_handover.json").read_text())
    assert {"doc", "published", "contacts", "offices", "quotes"} <= rec.keys()
    assert any(o["person"] == "Ingrid Halvorsen" and o["status"] == "starts" for o in rec["offices"])


def test_bad_inputs_fail_clearly_and_good_ones_are_stored(tmp_path, nlp):
    (tmp_path / "ok.txt").write_text("date 2024-05-02 Foreign Minister Ana Ruiz of Chile met Peruvian "
                                     "Foreign Minister Luis Vega in Lima on Tuesday.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.txt").write_text("no date here")
    db = str(tmp_path / "x.db")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", db])
    assert result.exit_code == 1
    assert f"{tmp_path}/empty.txt: file is empty" in result.output
    assert f"{tmp_path}/bad.txt: missing date line" in result.output
    assert "Luis Vega" in run("contacts", "--db", db)


def test_forget_removes_what_only_that_article_supported(tmp_path, nlp):
    db = str(tmp_path / "f.db")
    run("ingest", str(example_dir()), "--db", db)
    run("forget", "sample-letter", "--db", db)
    assert json.loads(run("contacts", "--db", db, "--kind", "letter", "--json")) == []
    result = CliRunner().invoke(cli, ["forget", "no-such-doc", "--db", db])
    assert result.exit_code == 1 and "no stored article" in result.output


def test_an_article_that_crashes_the_pipeline_fails_alone(tmp_path):
    import spacy
    from spacy.language import Language

    from annals.analyse.extensions import register
    from annals.api import Annals

    @Language.component("boom_on_marker")
    def boom(doc):
        if "BOOM" in doc.text:
            raise ValueError("component failed")
        return doc

    register()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("boom_on_marker")
    (tmp_path / "a.txt").write_text("date 2024-01-02 A quiet day.")
    (tmp_path / "b.txt").write_text("date 2024-01-02 BOOM goes the parser.")
    (tmp_path / "c.txt").write_text("date 2024-01-03 Another quiet day.")
    annals = Annals(str(tmp_path / "s.db"))
    annals._nlp = nlp
    report = annals.ingest([tmp_path])
    assert report.totals()["articles"] == 2
    assert report.errors == [f"{tmp_path}/b.txt (id b.txt): analysis failed: ValueError: component failed"]
    assert annals.stats()["documents"] == 2
    again = annals.ingest([tmp_path / "a.txt"])
    assert again.totals()["unchanged"] == 1


def test_two_worker_processes_store_the_same_facts(db, tmp_path):
    other = str(tmp_path / "mp.db")
    result = CliRunner().invoke(cli, ["ingest", str(example_dir()), "--db", other, "--processes", "2", "--json"])
    assert result.exit_code == 0, result.output

    def facts(path):
        return [(c["kind"], c["date"], sorted(p["name"] for p in c["participants"]))
                for c in json.loads(run("contacts", "--db", path, "--json"))]

    assert facts(other) == facts(db) and len(facts(db)) == 4
