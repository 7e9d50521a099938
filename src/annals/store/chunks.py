"""Long id lists cut into ``IN (...)`` lists every backend accepts."""

from __future__ import annotations

from collections.abc import Iterator

IN_CHUNK = 500   # ids per ``IN (...)`` list, well under every backend's limit on bound parameters


def chunked(ids: list, size: int = IN_CHUNK) -> Iterator[list]:
    """``ids`` in slices of at most ``size``."""
    for i in range(0, len(ids), size):
        yield ids[i:i + size]
