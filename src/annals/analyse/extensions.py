"""Every Doc/Span/Token extension Annals uses, registered in one place.

Values stay plain (str, dict, list) so they survive ``nlp.pipe`` with several processes.
"""

from __future__ import annotations

from spacy.tokens import Doc


def register() -> None:
    """Register the extensions once; safe to call again."""
    for name, default in (
        ("doc_id", None),       # the article id
        ("published", None),    # ISO publication date (str)
        ("timexes", None),      # list of dicts from annals_timex
        ("lead", 0),            # token index where the story begins, after an opening dateline
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
