"""Every table, in SQLAlchemy Core, portable to SQLite and PostgreSQL.

Facts point at the document they were read from (offsets and sentence), so
removing a document removes exactly what only it supported.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

metadata = MetaData()

def doc_fk() -> ForeignKey:
    return ForeignKey("documents.id", ondelete="CASCADE")


def entity_fk() -> ForeignKey:
    return ForeignKey("entities.id", ondelete="CASCADE")

documents = Table(
    "documents", metadata,
    Column("id", String(255), primary_key=True),
    Column("published", Date, nullable=False, index=True),
    Column("title", Text),
    Column("url", Text),
    Column("source", Text),
    Column("path", Text),
    Column("text", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("ingested_at", DateTime, nullable=False),
)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),          # person | org | country
    Column("name", Text, nullable=False),                # display name
    Column("key", String(255), nullable=False),          # normalised full name
    Column("sound", String(255)),                        # spelling-tolerant key of a surname, for lookups
    Column("country", String(16)),
    UniqueConstraint("kind", "key", name="uq_entity_kind_key"),
    Index("ix_entities_sound", "sound"),
    Index("ix_entities_key", "key"),           # a name looked up whatever its kind
    Index("ix_entities_country", "country"),   # the people of a country
)

aliases = Table(
    "aliases", metadata,
    Column("entity_id", Integer, entity_fk(), nullable=False),
    Column("doc_id", String(255), doc_fk(), nullable=False),
    Column("alias", Text, nullable=False),
    Column("key", String(255), nullable=False, index=True),
    UniqueConstraint("entity_id", "doc_id", "key", name="uq_alias"),
    Index("ix_aliases_doc", "doc_id"),         # forgetting an article
)

offices = Table(
    "offices", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(255), doc_fk(), nullable=False, index=True),
    Column("person_id", Integer, entity_fk(), nullable=False),
    Column("role", String(32), nullable=False),
    Column("country", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("date_value", String(32)),
    Column("date_earliest", Date),
    Column("date_latest", Date),
    Column("country_inferred", Boolean, nullable=False, default=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
    Index("ix_offices_country_role_person", "country", "role", "person_id"),   # who; the people of a country
    Index("ix_offices_person_country", "person_id", "country"),                # a person's offices and countries
)

contacts = Table(
    "contacts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("participants_key", String(512), nullable=False, index=True),  # sorted entity ids
    Column("date_earliest", Date, index=True),
    Column("date_latest", Date),
    Index("ix_contacts_spans", "date_latest", "date_earliest",   # contacts of several days, by their last day
          sqlite_where=text("date_latest > date_earliest"), postgresql_where=text("date_latest > date_earliest")),
)

contact_participants = Table(
    "contact_participants", metadata,
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", Integer, entity_fk(), primary_key=True),
    Index("ix_contact_participants_entity", "entity_id", "contact_id"),   # a person's contacts, from the index
)

contact_sources = Table(
    "contact_sources", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("doc_id", String(255), doc_fk(), nullable=False, index=True),
    Column("date_value", String(32)),
    Column("date_earliest", Date),
    Column("date_latest", Date),
    Column("place", Text),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(255), doc_fk(), nullable=False, index=True),
    Column("speaker_id", Integer, entity_fk(), index=True),
    Column("speaker", Text),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
)

# Near-duplicate detection (read/duplicates.py, store/duplicates.py): each stored document's MinHash
# signature and LSH band hashes; an article found to repeat a stored one is not analysed but kept in
# ``copies`` (its outlet, url and date) under the document it repeats.
doc_signatures = Table(
    "doc_signatures", metadata,
    Column("doc_id", String(255), doc_fk(), primary_key=True),
    Column("minhash", LargeBinary, nullable=False),
)

doc_bands = Table(
    "doc_bands", metadata,
    Column("doc_id", String(255), doc_fk(), primary_key=True),
    Column("band", SmallInteger, primary_key=True, autoincrement=False),
    Column("hash", BigInteger, nullable=False),
    Index("ix_doc_bands_hash", "hash"),
)

copies = Table(
    "copies", metadata,
    Column("id", String(255), primary_key=True),                       # the copy's own article id
    Column("doc_id", String(255), doc_fk(), nullable=False, index=True),  # the stored document it repeats
    Column("published", Date, nullable=False),
    Column("title", Text),
    Column("url", Text),
    Column("source", Text),
    Column("path", Text),
    Column("similarity", Float, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("ingested_at", DateTime, nullable=False),
)
