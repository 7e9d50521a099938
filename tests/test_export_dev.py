"""The dev set exported to every format and read back (csv, JSON Lines, Parquet into pandas, GraphML into
networkx) with the same counts as the store's queries."""

from __future__ import annotations

import csv
import json
from itertools import combinations

import pytest

from .conftest import store_of

TABLES = ("contacts", "contact_sources", "offices", "tenures", "quotes", "entities")


@pytest.fixture(scope="module")
def dev(nlp, tmp_path_factory):
    return store_of(nlp, tmp_path_factory.mktemp("dev") / "dev.db", ("data", "dev"))


def expected(annals, **filters) -> dict[str, int]:
    contacts = annals.contacts(**filters)
    return {"contacts": len(contacts), "contact_sources": sum(len(c.sources) for c in contacts),
            "offices": len(annals.office_mentions(**filters)), "tenures": len(annals.tenures(**filters)),
            "quotes": len(annals.quotes(**filters)), "entities": len(annals.entities(limit=None))}


def test_every_format_reads_back_with_the_queries_counts(dev, tmp_path):
    pandas = pytest.importorskip("pandas")
    want = expected(dev)
    assert want["contacts"] > 20 and want["offices"] > 20 and want["quotes"] > 5
    got = {}
    for fmt in ("csv", "jsonl", "parquet"):
        written = dev.export_tables(str(tmp_path / fmt), fmt, TABLES)
        assert [n for _, n in written] == [want[t] for t in TABLES]
    for t in TABLES:
        with (tmp_path / "csv" / f"{t}.csv").open(newline="") as f:
            got[("csv", t)] = list(csv.DictReader(f))
        got[("jsonl", t)] = [json.loads(line) for line in (tmp_path / "jsonl" / f"{t}.jsonl").read_text().splitlines()]
        got[("parquet", t)] = pandas.read_parquet(tmp_path / "parquet" / f"{t}.parquet")
        assert len(pandas.read_csv(tmp_path / "csv" / f"{t}.csv")) == want[t]
    for (fmt, t), rows in got.items():
        assert len(rows) == want[t], (fmt, t)
    ids = [c.id for c in dev.contacts()]
    assert [int(r["contact_id"]) for r in got[("csv", "contacts")]] == ids
    assert [r["contact_id"] for r in got[("jsonl", "contacts")]] == ids
    assert list(got[("parquet", "contacts")]["contact_id"]) == ids
    assert list(got[("parquet", "quotes")]["sentence"]) == [q.sentence for q in dev.quotes()]


def test_the_contact_network_reads_back_into_networkx(dev, tmp_path):
    nx = pytest.importorskip("networkx")
    path, nodes, edges = dev.export_graph(str(tmp_path / "net.graphml"))
    graph = nx.read_graphml(path)
    contacts = dev.contacts()
    pairs = [frozenset(p) for c in contacts for p in combinations({p.id for p in c.participants}, 2)]
    assert graph.number_of_nodes() == nodes == len({p.id for c in contacts for p in c.participants})
    assert graph.number_of_edges() == edges == len(set(pairs))
    assert sum(d["contacts"] for _, _, d in graph.edges(data=True)) == len(pairs)
    assert {d["kind"] for _, d in graph.nodes(data=True)} <= {"person", "org", "country"}


def test_a_filtered_export_matches_the_filtered_query(dev, tmp_path):
    days = sorted(s.published for c in dev.contacts() for s in c.sources)
    as_of = days[len(days) // 2]
    want = expected(dev, as_of=as_of)
    written = dev.export_tables(str(tmp_path), "csv", TABLES, as_of=as_of)
    assert [n for _, n in written] == [want[t] for t in TABLES]
    assert want["contacts"] < len(dev.contacts())


def test_datasette_finds_the_contacts_between_countries_the_api_finds(dev):
    """The canned query, on every pair of countries whose actors the dev set has in contact, in two ranges."""
    from datetime import date

    from annals.serve.datasette import prepare

    from .test_datasette import get

    prepare(dev.engine)
    name = dev.engine.url.database.rsplit("/", 1)[-1].removesuffix(".db")
    pairs = {tuple(sorted((a, b))) for c in dev.contacts() for p in c.participants for q in c.participants
             if p is not q for a in p.countries for b in q.countries if a != b}
    assert len(pairs) >= 5
    hits = 0
    for since, until in ((date(1900, 1, 1), date(2100, 1, 1)), (date(2024, 1, 1), date(2024, 12, 31))):
        for a, b in sorted(pairs):
            found = get(dev, f"/{name}/contacts_between_countries.json?_shape=array&country_a={a}&country_b={b}"
                             f"&since={since}&until={until}", name)
            assert [r["contact_id"] for r in found] == [c.id for c in dev.contacts(
                countries=(a, b), since=since, until=until)], (a, b, since)
            hits += len(found)
    assert hits >= len(pairs)
