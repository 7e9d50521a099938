"""Annals: dated news articles to a time-aware record of contacts, offices and quotations.

>>> from annals import Annals          # doctest: +SKIP
>>> Annals("annals.db").ingest(["articles/"])   # doctest: +SKIP
"""

from .api import Annals, IngestReport

__all__ = ["Annals", "IngestReport"]
