"""Exports to CSV, JSON Lines, Parquet and GraphML, and the Python API's dataclasses and DataFrames, on a
small store of hand-made facts (fictional people)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import sys
from datetime import date

import pytest
from click.testing import CliRunner

import annals
from annals.cli import cli
from annals.models import Evidence, QuoteObservation
from annals.optional import MissingExtra

from .facts import article, contact, day, office, store


def quoted(analysis, speaker: str, words: str):
    """``analysis`` with one more sentence: ``speaker`` saying ``words``."""
    art = analysis.article
    sentence = f"“{words}” {speaker} said."
    ev = Evidence(art.id, len(art.text) + 1, len(art.text) + 1 + len(sentence), sentence)
    return dataclasses.replace(analysis, article=dataclasses.replace(art, text=f"{art.text} {sentence}"),
                               quotes=(*analysis.quotes, QuoteObservation(words, speaker, ev)))


ARTICLES = (
    article("a", "2024-03-01", office("Ana Ruiz", country="CHL"), office("Luis Vega", "foreign_minister", "PER"),
            contact("Ana Ruiz", "Luis Vega", day("2024-02-29"))),
    quoted(article("b", "2024-03-02", office("Ana Ruiz", country="CHL"),
                   contact("Luis Vega", "Ana Ruiz", day("2024-02-29"))), "Ana Ruiz", "We spoke at length."),
    article("c", "2024-05-10", office("Erik Dahl", country="SWE"), office("Luis Vega", "foreign_minister", "PER"),
            contact("Erik Dahl", "Luis Vega", day("2024-05-09"), kind="meeting"),
            contact("Erik Dahl", "Ana Ruiz", None, kind="letter")),
)


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "small.db")
    store(*ARTICLES, db=path)
    return path


def run(*args) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def fails(*args) -> str:
    """What a failing verb said: its usage error, or the AnnalsError that ``annals.cli.main`` prints."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code != 0
    return result.output + str(result.exception or "")


def test_queries_return_dataclasses_with_evidence_and_the_same_json(db):
    store_ = annals.open(db)
    call, meeting, letter = store_.contacts()
    assert isinstance(call, annals.Contact) and call.kind == "call"
    assert call.date == annals.DateRange(date(2024, 2, 29), date(2024, 2, 29))
    assert [p.name for p in call.participants] == ["Ana Ruiz", "Luis Vega"]
    assert [(s.doc, s.published, s.sentence) for s in call.sources] == [
        ("a", date(2024, 3, 1), "Ana Ruiz and Luis Vega held a call."),
        ("b", date(2024, 3, 2), "Luis Vega and Ana Ruiz held a call.")]
    assert letter.date is None
    as_json = call.to_dict()
    assert as_json["date"] == {"earliest": "2024-02-29", "latest": "2024-02-29"}
    assert as_json["participants"][0] == {"id": call.participants[0].id, "name": "Ana Ruiz", "kind": "person",
                                          "countries": ["CHL"]}
    src = call.sources[0]
    assert store_.document("a")["text"][src.start:src.end] == src.sentence
    assert as_json["sources"][0] == {"doc": "a", "published": "2024-03-01", "start": src.start, "end": src.end,
                                     "sentence": "Ana Ruiz and Luis Vega held a call.", "date": "2024-02-29",
                                     "place": None, "title": None, "url": None}
    cli_json = json.loads(run("contacts", "--db", db, "--json"))
    assert cli_json == store_.contacts().to_dicts()
    [q] = store_.quotes()
    assert (q.speaker, q.text, q.doc) == ("Ana Ruiz", "We spoke at length.", "b")
    assert store_.document("b")["text"][q.start:q.end] == q.sentence


def test_to_pandas_gives_flat_typed_columns(db):
    frame = annals.open(db).contacts().to_pandas()
    assert list(frame["kind"]) == ["call", "meeting", "letter"]
    assert str(frame["date_earliest"].dtype).startswith("datetime64")
    assert frame["date_earliest"].isna().tolist() == [False, False, True]
    assert frame.loc[0, "participants"] == ["Ana Ruiz", "Luis Vega"]
    assert frame.loc[0, "sources"] == 2 and frame.loc[0, "documents"] == ["a", "b"]
    tenures = annals.open(db).tenures(role="defense_minister").to_pandas()
    assert sorted(tenures["person"]) == ["Ana Ruiz", "Erik Dahl"]
    assert list(annals.open(db).offices().to_pandas().columns) == ["country", "role", "holders", "observations"]
    mentions = annals.open(db).office_mentions(person="Luis Vega").to_pandas()
    assert list(mentions["doc_id"]) == ["a", "c"] and set(mentions["role"]) == {"foreign_minister"}
    entities = annals.open(db).entities().to_pandas()
    assert list(entities["name"]) == ["Ana Ruiz", "Erik Dahl", "Luis Vega"] and list(entities["documents"]) == [3, 1, 3]


def test_csv_to_stdout_with_the_queries_filters(db):
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--out", "-", "--db", db,
                                               "--country", "SWE", "--country", "PER"))))
    assert [(r["kind"], sorted(r["participants"].split("; ")), r["date_earliest"], r["doc_id"]) for r in rows] == [
        ("meeting", ["Erik Dahl", "Luis Vega"], "2024-05-09", "c")]
    assert rows[0]["sentence"] == "Erik Dahl and Luis Vega held a meeting."
    since = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--out", "-", "--db", db,
                                                "--since", "2024-03-01", "--kind", "meeting"))))
    assert [r["contact_id"] for r in since] == [rows[0]["contact_id"]]
    early = run("export", "--format", "csv", "--out", "-", "--db", db, "--as-of", "2024-03-01")
    assert len(list(csv.DictReader(io.StringIO(early)))) == 1


def test_every_table_to_a_directory_and_back(db, tmp_path):
    out = tmp_path / "tables"
    printed = run("export", "--format", "jsonl", "--out", str(out), "--db", db)
    assert sorted(p.name for p in out.iterdir()) == [
        "contact_sources.jsonl", "contacts.jsonl", "entities.jsonl", "offices.jsonl", "quotes.jsonl",
        "tenures.jsonl"]
    assert f"wrote 4 rows to {out}/contact_sources.jsonl" in printed
    sources = [json.loads(line) for line in (out / "contact_sources.jsonl").read_text().splitlines()]
    assert [(s["doc_id"], s["date_value"]) for s in sources] == [("a", "2024-02-29"), ("b", "2024-02-29"),
                                                                 ("c", "2024-05-09"), ("c", None)]
    offices = [json.loads(line) for line in (out / "offices.jsonl").read_text().splitlines()]
    assert [(o["person"], o["role"], o["country"], o["doc_id"]) for o in offices][:2] == [
        ("Ana Ruiz", "defense_minister", "CHL", "a"), ("Luis Vega", "foreign_minister", "PER", "a")]
    tenures = [json.loads(line) for line in (out / "tenures.jsonl").read_text().splitlines()]
    vega = next(t for t in tenures if t["person"] == "Luis Vega")
    assert (vega["start_latest"], vega["end_earliest"], vega["documents"]) == ("2024-03-01", "2024-05-10", ["a", "c"])
    entities = [json.loads(line) for line in (out / "entities.jsonl").read_text().splitlines()]
    assert [e["name"] for e in entities] == ["Ana Ruiz", "Erik Dahl", "Luis Vega"]


def test_filters_reach_offices_tenures_and_quotes(db, tmp_path):
    run("export", "--format", "csv", "--out", str(tmp_path), "--db", db, "--person", "Luis Vega",
        "--what", "offices", "--what", "tenures", "--what", "quotes")
    offices = list(csv.DictReader((tmp_path / "offices.csv").open()))
    assert {r["person"] for r in offices} == {"Luis Vega"} and len(offices) == 2
    assert [r["person"] for r in csv.DictReader((tmp_path / "tenures.csv").open())] == ["Luis Vega"]
    assert list(csv.DictReader((tmp_path / "quotes.csv").open())) == []
    run("export", "--format", "csv", "--out", str(tmp_path / "q.csv"), "--db", db, "--what", "quotes",
        "--speaker", "Ruiz")
    assert [r["text"] for r in csv.DictReader((tmp_path / "q.csv").open())] == ["We spoke at length."]
    run("export", "--format", "csv", "--out", str(tmp_path / "o.csv"), "--db", db, "--what", "offices",
        "--since", "2024-05-01", "--country", "swe")
    assert [r["person"] for r in csv.DictReader((tmp_path / "o.csv").open())] == ["Erik Dahl"]
    run("export", "--format", "csv", "--out", str(tmp_path / "t.csv"), "--db", db, "--what", "tenures",
        "--since", "2024-05-01")   # Ana Ruiz is last reported in office on 2024-03-02
    assert sorted(r["person"] for r in csv.DictReader((tmp_path / "t.csv").open())) == ["Erik Dahl", "Luis Vega"]


def test_parquet_reads_back_into_pandas_with_types(db, tmp_path):
    pandas = pytest.importorskip("pandas")
    run("export", "--format", "parquet", "--out", str(tmp_path), "--db", db)
    frame = pandas.read_parquet(tmp_path / "contacts.parquet")
    assert len(frame) == 3 and list(frame["kind"]) == ["call", "meeting", "letter"]
    assert list(frame.loc[0, "participants"]) == ["Ana Ruiz", "Luis Vega"]
    assert frame.loc[0, "date_earliest"] in (date(2024, 2, 29), pandas.Timestamp("2024-02-29"))
    empty = tmp_path / "none.parquet"
    run("export", "--format", "parquet", "--out", str(empty), "--db", db, "--kind", "letter", "--since",
        "2030-01-01", "--until", "2030-12-31")
    assert len(pandas.read_parquet(empty)) == 0 and "participants" in pandas.read_parquet(empty).columns


def test_graphml_holds_the_contact_network(db, tmp_path):
    nx = pytest.importorskip("networkx")
    path = tmp_path / "net.graphml"
    assert "wrote 3 nodes and 3 edges" in run("export", "--format", "graphml", "--out", str(path), "--db", db)
    graph = nx.read_graphml(path)
    names = {n: d["name"] for n, d in graph.nodes(data=True)}
    assert sorted(names.values()) == ["Ana Ruiz", "Erik Dahl", "Luis Vega"]
    assert {d["kind"] for _, d in graph.nodes(data=True)} == {"person"}
    by_pair = {frozenset((names[a], names[b])): d for a, b, d in graph.edges(data=True)}
    call = by_pair[frozenset(("Ana Ruiz", "Luis Vega"))]
    assert (call["kind"], call["contacts"], call["date_start"], call["date_end"], call["documents"]) == (
        "call", 1, "2024-02-29", "2024-02-29", "a; b")
    assert by_pair[frozenset(("Ana Ruiz", "Erik Dahl"))]["date_start"] == ""


def test_bad_targets_fail_clearly_and_write_nothing(db, tmp_path):
    assert "parquet cannot go to standard output" in fails("export", "--format", "parquet", "--out", "-",
                                                           "--db", db)
    assert "2 tables were asked for" in fails("export", "--format", "csv", "--out", str(tmp_path / "x.csv"),
                                              "--what", "contacts", "--what", "quotes", "--db", db)
    assert "filters and --what are for the other formats" in fails("export", "--out", str(tmp_path), "--db", db,
                                                                   "--person", "Ana Ruiz")
    assert "contact network" in fails("export", "--format", "graphml", "--out", str(tmp_path), "--what",
                                      "quotes", "--db", db)
    assert list(tmp_path.glob("*.csv")) == [] and list(tmp_path.glob("*.graphml")) == []


def test_a_missing_optional_dependency_names_its_extra(db, tmp_path, monkeypatch):
    for module in ("pyarrow", "pandas", "networkx"):
        monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(MissingExtra, match=r"pip install 'annals\[analysis\]'"):
        annals.open(db).contacts().to_pandas()
    result = CliRunner().invoke(cli, ["export", "--format", "parquet", "--out", str(tmp_path), "--db", db])
    assert isinstance(result.exception, MissingExtra) and not list(tmp_path.glob("*.parquet"))
    with pytest.raises(MissingExtra, match="needs networkx"):
        annals.open(db).export_graph(str(tmp_path / "n.graphml"))
    assert not (tmp_path / "n.graphml").exists()
    assert run("export", "--format", "csv", "--out", "-", "--db", db).startswith("contact_id,kind,")
