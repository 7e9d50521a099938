"""The spaCy pipeline Annals runs: the configured model plus Annals' own components."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from ..errors import ModelNotFound
from ..ingest import batched
from ..lexicon import Lexicon, lexicon
from ..models import Article
from . import extensions, timex  # noqa: F401  (timex registers the annals_timex factory)
from .dateline import reference_date

# A dateline opening a paragraph: "WASHINGTON (Agency - 13th May, 2022) ", "KYIV, Ukraine — ",
# "Friday, August 18, 2023 – ", "Beijing, Oct. 4 (Agency)--". What follows it is a sentence of its own.
DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3}(?:, [A-Z][A-Za-z.' ]{1,30})?\s*"
    r"(?:\([^)\n]{0,80}\)\s*[-\u2013\u2014:]?|[-\u2013\u2014:])"
    r"|(?:[A-Z][a-z]+day, )?[A-Z][a-z]+ \d{1,2}, \d{4}\s*[-\u2013\u2014]"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?, [A-Z][a-z]{2,8}\.? \d{1,2} \([^)\n]{1,40}\)\s*(?:--|[-\u2013\u2014]))"
    r"\s*(?=[A-Z\u201c\"])")


@Language.component("annals_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """A line break starts a new sentence: news paragraphs never share one; nor does a dateline."""
    for tok in doc[:-1]:
        if "\n" in tok.text_with_ws:
            doc[tok.i + 1].is_sent_start = True
    text = doc.text
    for start in [0] + [m.end() for m in re.finditer(r"\n\s*", text)]:
        match = DATELINE.match(text, start)
        if match and match.end() > start + 2:
            rest = doc.char_span(match.end(), len(text), alignment_mode="contract")   # its first whole token
            if rest is not None and len(rest) and rest.start > 0:
                doc[rest.start].is_sent_start = True
                if start == 0:
                    doc._.lead = rest.start
    return doc


def ruler_patterns(lex: Lexicon) -> list[dict]:
    """Office titles as TITLE and organisation aliases as ORG, for the entity ruler before NER."""
    patterns = [{"label": "TITLE", "pattern": form} for form in lex.title_forms]
    patterns += [{"label": "ORG", "pattern": alias} for alias in lex.org_forms]
    return patterns


def build(model: str) -> Language:
    """Load ``model`` and add the title ruler (before NER, which then respects it) and the time tagger."""
    extensions.register()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotFound(model) from exc
    infixes = [*nlp.Defaults.infixes, r"--"]   # "(Agency)--Chinese President": a dash, not one word
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("annals_paragraphs", before="parser")
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {"last": True}
    ruler = nlp.add_pipe("entity_ruler", name="annals_titles", config={"phrase_matcher_attr": "LOWER"}, **where)
    ruler.add_patterns(ruler_patterns(lexicon()))
    nlp.add_pipe("annals_timex", last=True)
    return nlp


def make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.doc_id = article.id
    doc._.published = reference_date(article.text, article.published).isoformat()
    return doc


def parse(nlp: Language, articles: Iterable[Article], batch_size: int = 16, processes: int = 1
          ) -> Iterator[tuple[Article, Doc | Exception]]:
    """Run the pipeline over a stream of articles in batches (``nlp.pipe``), keeping each with its Doc; only
    a batch's worth is held at a time. A batch that fails is run again one article at a time, so only the
    article at fault gets its exception. With ``processes`` > 1 the stream is spread over that many worker
    processes; if a worker fails, the articles not yet returned go through the one-process path."""
    articles = iter(articles)
    if processes > 1:
        sent: deque[Article] = deque()   # handed to the workers, not yet returned
        upstream: list[Exception] = []

        def items() -> Iterator[tuple[Doc, Article]]:
            try:
                for a in articles:
                    sent.append(a)
                    yield make_doc(nlp, a), a
            except Exception as exc:
                upstream.append(exc)
                raise

        try:
            for doc, article in nlp.pipe(items(), as_tuples=True, batch_size=batch_size, n_process=processes):
                sent.popleft()
                yield article, doc
            return
        except Exception:  # noqa: BLE001 - fall back below, article by article where needed
            if upstream:   # the input failed, not a worker
                raise upstream[0] from None
        articles = chain(list(sent), articles)
    for batch in batched(articles, batch_size):
        yield from _parse_batch(nlp, batch)


def _parse_batch(nlp: Language, batch: list[Article]) -> list[tuple[Article, Doc | Exception]]:
    try:
        items = ((make_doc(nlp, a), a) for a in batch)
        return [(a, d) for d, a in nlp.pipe(items, as_tuples=True, batch_size=len(batch))]
    except Exception:  # noqa: BLE001 - find the article at fault
        out: list[tuple[Article, Doc | Exception]] = []
        for a in batch:
            try:
                out.append((a, nlp(make_doc(nlp, a))))
            except Exception as exc:  # noqa: BLE001
                out.append((a, exc))
        return out
