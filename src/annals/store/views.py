"""Readable SQL views over the store for SQL browsers (Datasette, psql): participants' names beside each
contact, the person's name beside each office mention, the publication day beside each quote.

Built with SQLAlchemy Core and compiled for the engine's dialect, so the same views are created on SQLite
and PostgreSQL. They hold no data; ``create_views`` replaces them.
"""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.sql import Select

from .schema import contact_participants, contact_sources, contacts, documents, entities, offices, quotes

NAME_SEPARATOR = " – "


def _names(contact_id) -> Select:
    """The names of a contact's participants, as one string."""
    return (select(func.aggregate_strings(entities.c.name, NAME_SEPARATOR))
            .join(contact_participants, contact_participants.c.entity_id == entities.c.id)
            .where(contact_participants.c.contact_id == contact_id).scalar_subquery())


def contact_list() -> Select:
    reports = select(func.count()).where(contact_sources.c.contact_id == contacts.c.id).scalar_subquery()
    first = select(func.min(documents.c.published)).join(
        contact_sources, contact_sources.c.doc_id == documents.c.id).where(
        contact_sources.c.contact_id == contacts.c.id).scalar_subquery()
    return select(contacts.c.id.label("contact_id"), contacts.c.kind, contacts.c.date_earliest,
                  contacts.c.date_latest, _names(contacts.c.id).label("participants"),
                  reports.label("sources"), first.label("first_reported"))


def contact_evidence() -> Select:
    return (select(contact_sources.c.contact_id, contacts.c.kind, _names(contacts.c.id).label("participants"),
                   contact_sources.c.date_value.label("date_as_reported"), contact_sources.c.place,
                   contact_sources.c.doc_id, documents.c.published, documents.c.title, documents.c.url,
                   contact_sources.c.start, contact_sources.c.end, contact_sources.c.sentence)
            .join(contacts, contacts.c.id == contact_sources.c.contact_id)
            .join(documents, documents.c.id == contact_sources.c.doc_id))


def office_mentions() -> Select:
    return (select(offices.c.id.label("mention_id"), entities.c.name.label("person"), offices.c.person_id,
                   offices.c.role, offices.c.country, offices.c.status, offices.c.date_value.label("date_as_reported"),
                   offices.c.date_earliest, offices.c.date_latest, offices.c.doc_id, documents.c.published,
                   offices.c.start, offices.c.end, offices.c.sentence)
            .join(entities, entities.c.id == offices.c.person_id)
            .join(documents, documents.c.id == offices.c.doc_id))


def quote_list() -> Select:
    return (select(quotes.c.id.label("quote_id"), quotes.c.speaker, quotes.c.speaker_id, quotes.c.text,
                   quotes.c.doc_id, documents.c.published, quotes.c.start, quotes.c.end, quotes.c.sentence)
            .join(documents, documents.c.id == quotes.c.doc_id))


VIEWS = {"contact_list": contact_list, "contact_evidence": contact_evidence, "office_mentions": office_mentions,
         "quote_list": quote_list}


def create_views(engine: Engine) -> list[str]:
    """(Re)create every view in one transaction; returns their names."""
    with engine.begin() as conn:
        for name, build in VIEWS.items():
            sql = build().compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True})
            conn.exec_driver_sql(f"DROP VIEW IF EXISTS {name}")
            conn.exec_driver_sql(f"CREATE VIEW {name} AS {sql}")
    return list(VIEWS)
