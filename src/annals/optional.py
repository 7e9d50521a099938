"""Optional dependencies, imported on first use; a missing one is an error naming the extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import AnnalsError

EXTRAS = {"pandas": "analysis", "pyarrow": "analysis", "networkx": "analysis", "datasette": "datasette"}


class MissingExtra(AnnalsError):
    def __init__(self, module: str):
        extra = EXTRAS.get(module, module)
        super().__init__(f"this needs {module}, which is not installed: pip install 'annals[{extra}]'")
        self.module = module


def require(module: str) -> ModuleType:
    """Import ``module`` or raise ``MissingExtra`` naming the extra that provides it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtra(module) from exc
