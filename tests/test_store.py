"""The store: idempotent writes, contacts merged across articles, entities across name forms, forget."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from annals.models import (
    Analysis,
    Article,
    ContactObservation,
    EntityRecord,
    Evidence,
    OfficeObservation,
    QuoteObservation,
    TimeValue,
)
from annals.query.contacts import contacts_query
from annals.store.engine import open_engine
from annals.store.schema import contacts, entities
from annals.store.write import delete_document, write_analysis


def day(s: str) -> TimeValue:
    d = date.fromisoformat(s)
    return TimeValue(s, "DATE", d, d, "day")


def analysis(doc_id: str, published: str, people: list[str], contact_date: TimeValue | None = None,
             kind: str = "call", text: str = "Some text.") -> Analysis:
    ev = Evidence(doc_id, 0, 4, "Some text.")
    art = Article(doc_id, date.fromisoformat(published), text)
    return Analysis(
        art, tuple(EntityRecord(p, "person", (p,)) for p in people),
        (OfficeObservation(people[0], "foreign_minister", "RUS", "holding", ev),),
        (ContactObservation(kind, tuple(people[:2]), ev, contact_date),) if len(people) > 1 else (),
        (QuoteObservation("We spoke.", people[0], ev),))


@pytest.fixture
def engine(store_db):
    """A fresh store on each backend."""
    engine = open_engine(store_db)
    yield engine
    engine.dispose()


def write(engine, an):
    with engine.begin() as conn:
        return write_analysis(conn, an)


def count(engine, table):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def names(engine):
    with engine.connect() as conn:
        return sorted(conn.execute(select(entities.c.name).where(entities.c.kind == "person")).scalars())


def test_same_article_twice_changes_nothing_and_new_text_replaces(engine):
    a = analysis("a", "2025-05-17", ["Sergey Lavrov", "Marco Rubio"], day("2025-05-17"))
    assert write(engine, a) == "added"
    assert write(engine, a) == "unchanged"
    assert count(engine, contacts) == 1
    b = analysis("a", "2025-05-17", ["Sergey Lavrov", "Marco Rubio"], day("2025-05-17"), text="Edited.")
    assert write(engine, b) == "replaced"
    assert count(engine, contacts) == 1


def test_one_call_reported_by_two_outlets_is_one_contact_with_two_sources(engine):
    write(engine, analysis("a", "2025-05-17", ["Sergey Lavrov", "Marco Rubio"], day("2025-05-17")))
    write(engine, analysis("b", "2025-05-18", ["Sergei Lavrov", "Marco Rubio"], None))
    write(engine, analysis("c", "2025-05-20", ["Marco Rubio", "Sergey Lavrov"], day("2025-05-19")))
    with engine.connect() as conn:
        found = contacts_query(conn).to_dicts()
    assert [len(c["sources"]) for c in found] == [2, 1]
    assert found[0]["date"] == {"earliest": "2025-05-17", "latest": "2025-05-17"}
    assert names(engine) == ["Marco Rubio", "Sergey Lavrov"]


def test_surname_alone_joins_the_one_person_of_that_name_but_not_one_of_two(engine):
    write(engine, analysis("a", "2024-01-01", ["Biden", "Emmanuel Macron"]))
    write(engine, analysis("b", "2024-01-02", ["Joe Biden", "Olaf Scholz"]))
    assert names(engine) == ["Emmanuel Macron", "Joe Biden", "Olaf Scholz"]
    write(engine, analysis("c", "2024-01-03", ["Israel Katz", "Lloyd Austin"]))
    write(engine, analysis("d", "2024-01-04", ["Yossi Katz", "Lloyd Austin"]))
    write(engine, analysis("e", "2024-01-05", ["Katz", "Lloyd Austin"]))
    assert names(engine).count("Katz") == 1   # ambiguous: kept apart from both Katzes


def test_forget_removes_only_what_that_article_supported(engine):
    write(engine, analysis("a", "2025-05-17", ["Sergey Lavrov", "Marco Rubio"], day("2025-05-17")))
    write(engine, analysis("b", "2025-05-18", ["Sergey Lavrov", "Marco Rubio"], day("2025-05-17")))
    write(engine, analysis("c", "2025-05-18", ["Antony Blinken", "Dmytro Kuleba"], day("2025-05-10")))
    with engine.begin() as conn:
        assert delete_document(conn, "c")
        assert not delete_document(conn, "c")
        assert delete_document(conn, "a")
    with engine.connect() as conn:
        found = contacts_query(conn).to_dicts()
    assert len(found) == 1 and [s["doc"] for s in found[0]["sources"]] == ["b"]
    assert names(engine) == ["Marco Rubio", "Sergey Lavrov"]


def test_failed_write_leaves_nothing_half_stored(engine):
    good = analysis("a", "2025-05-17", ["Sergey Lavrov", "Marco Rubio"], day("2025-05-17"))
    bad = Analysis(good.article, good.entities, good.offices,
                   (ContactObservation("call", ("Nobody Known", "Marco Rubio"), good.contacts[0].evidence),))
    with pytest.raises(KeyError), engine.begin() as conn:
        write_analysis(conn, bad)
    assert count(engine, entities) == 0 and count(engine, contacts) == 0


def test_a_guessed_country_yields_to_the_one_other_articles_state(engine):
    from annals.store.schema import offices
    from annals.store.write import settle_countries

    ev = Evidence("x", 0, 4, "Some text.")
    stated = Analysis(Article("x", date(2024, 1, 1), "t"), (EntityRecord("Joe Biden", "person", (), "USA"),),
                      (OfficeObservation("Joe Biden", "head_of_state", "USA", "holding", ev),))
    guessed = Analysis(Article("y", date(2024, 1, 2), "t"), (EntityRecord("Joe Biden", "person", ()),),
                       (OfficeObservation("Joe Biden", "head_of_state", "ISR", "holding", ev, None, True),))
    write(engine, guessed)
    write(engine, stated)
    with engine.begin() as conn:
        assert settle_countries(conn, ["x"]) == 1
        assert sorted(conn.execute(select(offices.c.country)).scalars()) == ["USA", "USA"]


def test_one_office_row_when_an_article_names_a_person_two_ways(engine):
    from annals.store.schema import offices

    ev = Evidence("x", 0, 4, "Some text.")
    an = Analysis(Article("x", date(2024, 1, 1), "t"),
                  (EntityRecord("Sergei Petrov", "person", ()), EntityRecord("Sergey Petrov", "person", ())),
                  (OfficeObservation("Sergei Petrov", "foreign_minister", "RUS", "holding", ev),
                   OfficeObservation("Sergey Petrov", "foreign_minister", "RUS", "starts", ev, day("2024-01-01"))))
    write(engine, an)
    with engine.connect() as conn:
        assert conn.execute(select(offices.c.status)).scalars().all() == ["starts"]
    assert names(engine) == ["Sergei Petrov"]


def test_a_guessed_country_the_article_also_states_leaves_one_row(engine):
    from annals.store.schema import offices
    from annals.store.write import settle_countries

    ev = Evidence("x", 0, 4, "Some text.")
    other = Analysis(Article("w", date(2024, 1, 1), "t"), (EntityRecord("Ana Ruiz", "person", (), "CHL"),),
                     (OfficeObservation("Ana Ruiz", "head_of_state", "CHL", "holding", ev),))
    stated = Analysis(Article("x", date(2024, 1, 1), "t"), (EntityRecord("Joe Biden", "person", (), "USA"),),
                      (OfficeObservation("Joe Biden", "head_of_state", "USA", "holding", ev),))
    both = Analysis(Article("y", date(2024, 1, 2), "t"), (EntityRecord("Joe Biden", "person", ()),),
                    (OfficeObservation("Joe Biden", "head_of_state", "USA", "holding", ev),
                     OfficeObservation("Joe Biden", "head_of_state", "ISR", "holding", ev, None, True)))
    for an in (other, stated, both):
        write(engine, an)
    with engine.begin() as conn:
        assert settle_countries(conn, ["y"]) == 1   # the guess is dropped, not turned into a second USA row
        rows = conn.execute(select(offices.c.doc_id, offices.c.country).order_by(offices.c.id)).all()
    assert [tuple(r) for r in rows] == [("w", "CHL"), ("x", "USA"), ("y", "USA")]
