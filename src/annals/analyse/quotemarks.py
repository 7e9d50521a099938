"""Where quotations are in a text: quotation marks paired within paragraphs.

A quotation left open at the end of a paragraph ends there (news style opens each
paragraph of a long quotation again with a quotation mark).
"""

from __future__ import annotations

import re

OPEN, CLOSE = "\u201c\u201e", "\u201d"


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted text (without the marks), paragraph-aware."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    prev_end = 0
    for para in re.finditer(r"[^\n]+", text):
        if open_at is not None:   # the previous paragraph left a quotation open: it ends there
            spans.append((open_at, _rstrip(text, open_at, prev_end)))
            open_at = None
        for i in range(para.start(), para.end()):
            c = text[i]
            if open_at is None and (c in OPEN or c == '"'):
                open_at = i + 1
            elif open_at is not None and c in (CLOSE, '"'):
                if i > open_at:
                    spans.append((open_at, i))
                open_at = None
        prev_end = para.end()
    if open_at is not None:
        spans.append((open_at, _rstrip(text, open_at, len(text))))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans if text[s:e].strip()]


def _rstrip(text: str, start: int, end: int) -> int:
    return start + len(text[start:end].rstrip())
