"""The web application: the JSON API under /api and the HTML pages, over one ``Annals`` object."""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ..api import Annals
from . import api, pages

HERE = Path(__file__).parent


def create_app(annals: Annals, token: str | None = None) -> FastAPI:
    """Serve ``annals`` read-only; with a ``token``, also accept articles at POST /api/articles."""
    app = FastAPI(title="Annals", version="0.1.0", summary="Contacts, offices and quotations read from dated "
                  "news articles, each with its evidence.")
    app.state.annals = annals
    app.state.token = token
    app.state.ingest_lock = threading.Lock()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
