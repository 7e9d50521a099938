"""HTML fragments (feed content, summaries) to plain text with paragraph breaks, using lxml."""

from __future__ import annotations

import html
import re

import lxml.html
from lxml.etree import ParserError

BLOCKS = ("p", "div", "section", "article", "blockquote", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre",
          "figcaption")
DROP = ("script", "style", "noscript", "iframe", "figure", "img", "svg")


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment: a paragraph break after each block, markup and scripts gone."""
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except ParserError:
        return ""
    for el in list(root.iter(*DROP)):
        el.drop_tree()
    for el in root.iter(*BLOCKS):
        el.tail = "\n\n" + (el.tail or "")
    for el in root.iter("br"):
        el.tail = "\n" + (el.tail or "")
    text = re.sub(r"[ \t\r\f\v]+", " ", root.text_content())
    return re.sub(r"\s*\n\s*\n\s*", "\n\n", text).strip()
