"""Annals: dated news articles to a time-aware record of contacts, offices and quotations.

>>> import annals                                   # doctest: +SKIP
>>> store = annals.open("annals.db")                # doctest: +SKIP
>>> store.contacts(countries=("NOR", "FIN")).to_pandas()   # doctest: +SKIP
"""

from .api import Annals, IngestReport
from .query.records import Contact, ContactSource, DateRange, Entity, Holder, Office, Participant, Quote, Rows
from .resolve.tenures import Answer, Observation, Tenure


def open(db: str | None = None, **options) -> Annals:
    """The store at ``db`` (an SQLite path or an SQLAlchemy URL; default ``$ANNALS_DB`` or ``annals.db``).
    Its queries return dataclasses in a list with ``.to_pandas()``. Called as ``annals.open``; left out of
    ``__all__`` so that ``from annals import *`` keeps the builtin ``open``."""
    return Annals(db, **options)


__all__ = ["Annals", "Answer", "Contact", "ContactSource", "DateRange", "Entity", "Holder", "IngestReport",
           "Observation", "Office", "Participant", "Quote", "Rows", "Tenure"]
