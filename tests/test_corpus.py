"""Many articles, one picture: the dev set and the seeds ingested together (../shared/data)."""

from __future__ import annotations

import collections
import csv
import json

import pytest

from annals.analyse.actors import name_key

from .conftest import needs_shared, store_of


@pytest.fixture(scope="module")
def corpus(nlp, tmp_path_factory):

    store = store_of(nlp, tmp_path_factory.mktemp("corpus") / "all.db", ("data", "dev"), ("data", "seeds"))
    return store, needs_shared("data", "dev"), needs_shared("data", "seeds")


def gold_people(*folders):
    people: dict[str, set[str]] = collections.defaultdict(set)
    for folder in folders:
        for f in folder.glob("*.gold.json"):
            gold = json.loads(f.read_text())
            names = {o["person"] for o in gold["offices"]} | {p for c in gold["contacts"] for p in c["participants"]}
            for n in names:
                people[n] |= {name_key(x) for x in [n, *gold.get("aliases", {}).get(n, [])]}
    return people


def test_no_gold_person_is_two_entities(corpus):
    annals, dev, seeds = corpus
    stored = annals.entities("", "person", limit=100_000)
    for person, keys in gold_people(dev, seeds).items():
        same = [e for e in stored if {name_key(e.name), *map(name_key, e.aliases)} & keys]
        assert len(same) <= 1, (person, [e.name for e in same])


def test_one_event_reported_by_several_outlets_is_one_contact(corpus):
    """For every interaction that two or more gold articles of one event report (SOURCES.tsv) on days
    that agree, one stored contact carries at least two of those articles as sources."""
    annals, dev, _ = corpus
    events = collections.defaultdict(list)
    with open(dev / "SOURCES.tsv") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            events[row["event"]].append(row["article"] + ".txt")
    contacts = annals.contacts()
    checked = 0
    for docs in events.values():
        reported = collections.defaultdict(set)
        for doc in docs:
            for c in json.loads((dev / doc.replace(".txt", ".gold.json")).read_text())["contacts"]:
                reported[(c["kind"], frozenset(map(name_key, c["participants"])))].add((doc, _days(c["date"])))
        for (kind, _), told in reported.items():
            days = [d for _, d in told if d is not None]
            if len(told) < 2 or (days and max(d[0] for d in days) > min(d[1] for d in days)):
                continue   # one article, or outlets whose own gold days do not meet: not one interaction
            sources = {doc for doc, _ in told}
            checked += 1
            assert any(c.kind == kind and len({s.doc for s in c.sources} & sources) >= 2
                       for c in contacts), (kind, sorted(sources))
    assert checked >= 5


def _days(value) -> tuple[str, str] | None:
    """A gold date as (earliest, latest) ISO strings, None when the article gives none."""
    if value is None:
        return None
    return (value, value) if isinstance(value, str) else (value["earliest"], value["latest"])
