"""Built-in sample articles (fictional people, written for Annals) for ``annals example`` and the tests."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def example_dir() -> Path:
    """The folder holding the sample articles (text files and a JSON Lines file)."""
    return Path(str(resources.files(__package__)))
