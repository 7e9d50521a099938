"""Find time expressions in a parsed Doc and normalise them with ``annals.resolve.dates``.

Candidates are token windows around trigger words (month, weekday, unit,
"yesterday", a year...); the longest window the date grammar accepts wins, and
tags, entities and the parse reject look-alikes ("may", "Theresa May", "2000
vehicles"). Spans follow TimeML: no leading preposition, "in five years" is the
duration "five years". Tense comes from the governing verb. Reading in text
order, anchored forms ("the day after", "a week later") use the last date found,
year-less dates the year given to the same day earlier, to the range they are
joined to ("January to June 2023") or to their sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from annals.analyse import extensions
from annals.models import TimeValue
from annals.resolve.dates import Context, day_value, forms, lexicon, normalise, resolve_in

extensions.register()

WINDOW = 5
NUMERIC = re.compile(
    r"\d{4}s?|'\d\ds?|\d0s|\d{1,2}[:.]\d\d(?:[:.]\d\d)?(?:[ap]\.?m\.?)?|\d{4}-\d\d(?:-\d\d)?|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4}"
    r"|q[1-4]|\d{1,2}(?:st|nd|rd|th)|\d{1,2}(?:[ap]\.?m\.?)|\d{4}-w\d\d|[a-z]+-\d{4}s?|[ap]\.?m\.?", re.I)
YEAR = re.compile(r"\b\d{4}\b")
MODIFIER = ("nummod", "compound", "amod", "poss")
NAMED = ("PERSON", "ORG", "WORK_OF_ART", "EVENT", "LAW", "FAC", "PRODUCT", "NORP", "GPE")


def _words(name: str) -> set[str]:
    return {w for form in lexicon(name) for w in form.split()}


@cache
def trigger_words() -> frozenset[str]:
    """Single words that can carry a time expression."""
    names = ("months", "weekdays", "units", "seasons", "dayparts", "sets")
    found = set().union(*(_words(n) for n in names), forms("cues", "trigger"))
    found |= {w for w in _words("holidays") if len(w) > 3 and w not in forms("cues", "skip")}
    found |= {w + "s" for w in lexicon("weekdays")}
    return frozenset(found)


def is_trigger(token: Token, triggers: frozenset[str]) -> bool:
    low = token.lower_
    if low in triggers:
        return calendar_word_ok(token)
    return bool(NUMERIC.fullmatch(low))


def calendar_word_ok(token: Token) -> bool:
    """Month, weekday and season words must be nouns outside names ("may", "Theresa May", "Good Friday")."""
    low = token.lower_
    season = low in lexicon("seasons")
    named = low in lexicon("months") or low.rstrip("s") in lexicon("months") or low.rstrip("s") in lexicon("weekdays")
    if not (season or named):
        return True
    if token.ent_type_ in NAMED:
        return False
    if part_of_name(token):
        return False
    if season:
        return token.tag_.startswith("NN")
    return token.text[:1].isupper() and token.tag_ not in ("MD", "VB", "VBP", "VBZ", "VBD")


def part_of_name(token: Token) -> bool:
    """ "Good Friday Agreement", "The Sunday Times", "Friday Harbor" (but not "On Monday Lula said")."""
    doc = token.doc
    before = doc[token.i - 1] if token.i else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is None or after.pos_ != "PROPN" or not after.text[:1].isupper() or after.lower_ in trigger_words():
        return False
    if token.head.i != after.i and after.head.i != token.i:
        return False
    return before is None or not (before.like_num or before.pos_ == "ADP")


def can_end(token: Token, triggers: frozenset[str]) -> bool:
    low = token.lower_
    return is_trigger(token, triggers) or token.like_num or low in forms("cues", "end") or low in lexicon("zones")


def can_start(span: Span) -> bool:
    """No leading preposition or punctuation, except in fixed phrases ("at the time")."""
    token = span[0]
    if token.is_punct or token.is_space:
        return False
    return token.lower_ not in forms("cues", "skip") or span.text.lower() in lexicon("refs")


def sentence(token: Token) -> Span:
    """The token's sentence, or the whole Doc when nothing set sentence boundaries."""
    return token.sent if token.doc.has_annotation("SENT_START") else token.doc[:]


def sentence_numbers(doc: Doc) -> list[int]:
    """The sentence number of every token (all 0 when nothing set sentence boundaries)."""
    if not doc.has_annotation("SENT_START"):
        return [0] * len(doc)
    return [n for n, sent in enumerate(doc.sents) for _ in sent]


def candidates(doc: Doc, triggers: frozenset[str]) -> list[tuple[int, int]]:
    """Token windows (start, end) around triggers, within one sentence."""
    spans = set()
    for tok in doc:
        if not is_trigger(tok, triggers):
            continue
        sent = sentence(tok)
        for i in range(max(sent.start, tok.i - WINDOW), tok.i + 1):
            for j in range(tok.i + 1, min(sent.end, tok.i + WINDOW) + 1):
                if can_end(doc[j - 1], triggers):
                    spans.add((i, j))
    return sorted(spans, key=lambda s: (-(doc[s[1] - 1].idx + len(doc[s[1] - 1]) - doc[s[0]].idx), s[0]))


def plausible(span: Span, tv: TimeValue) -> bool:
    """Reject what only looks temporal: numbers, ages, names, "N days after <clause>"."""
    if re.search(r" (?:from now|hence)$", span.text.lower()) or hyphen_compound(span):
        return False
    if span[-1].lower_ == "'s" and tv.precision != "decade":  # "Friday's" ends at Friday
        return False
    signal = [t for t in span[:-1] if t.lower_ in forms("cues", "signal") and t.nbor().lower_ not in
              ("tomorrow", "yesterday") and (t.pos_ in ("ADP", "SCONJ") or t.dep_ == "prep")]
    if signal:
        return False
    if len(span) == 1:
        return lone_word_ok(span[0], tv)
    if tv.type == "DURATION":
        adjectival = span[0].lower_ == "the" and "-" in span.text
        return not adjectival and not re.match(r"-?\s*old\b", span.doc[span.end:span.end + 2].text.lower())
    return True


def lone_word_ok(tok: Token, tv: TimeValue) -> bool:
    """One-word expressions: a year that is not a count, a season that is not a name, no bare "year"."""
    if re.fullmatch(r"\d{4}", tok.text):
        return year_number_ok(tok)
    if tv.precision == "season":
        return not (tok.text[:1].isupper() and tok.i != sentence(tok).start)
    if tv.type == "DURATION":
        return not re.match(r"-?\s*old\b", tok.doc[tok.i + 1:tok.i + 3].text.lower())
    return not (tv.type == "DATE" and tok.lower_ in lexicon("units"))


def year_number_ok(tok: Token) -> bool:
    """ "in 2010", "the 2010 raid" but not "2000 vehicles", "$2010", "2010 percent"."""
    doc = tok.doc
    if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL"):
        return False
    if tok.i > 0 and doc[tok.i - 1].text in ("$", "£", "€", "#", "No.", "no."):
        return False
    if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("%", "percent"):
        return False
    if tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS"):
        return False
    return 1900 <= int(tok.text) <= 2100 or tok.ent_type_ == "DATE"


def hyphen_compound(span: Span) -> bool:
    """ "fall-out", "22-year-old", "May-based": a word glued on by a hyphen that is not temporal."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != "-" or span[-1].whitespace_:
        return False
    glued = doc[span.end + 1]
    return glued.is_alpha and glued.lower_ not in trigger_words()


def governing_verb(span: Span) -> Token | None:
    tok = span.root
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def tense(span: Span) -> str:
    """past, present or future from the verb governing the expression."""
    verb = governing_verb(span)
    return "past" if verb is None else verb_tense(verb)


def verb_tense(verb: Token, depth: int = 0) -> str:
    """Tense of one verb: auxiliaries first, then "plans to"-like heads, then its tag."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    head = verb.head
    if aux & forms("cues", "future_aux"):
        return "future"
    infinitive = verb.tag_ == "VB" and "to" in aux
    if infinitive and verb.dep_ in ("xcomp", "ccomp", "advcl") and head.lemma_.lower() in forms("cues", "future"):
        return "future"
    if aux & forms("cues", "past_aux"):
        return "past"
    if verb.tag_ == "VBG" and aux & forms("cues", "progressive_aux"):
        return "future"
    if infinitive or aux & forms("cues", "present_aux"):
        return "present"
    participle = verb.tag_ in ("VBG", "VBN") and not aux and head.pos_ in ("VERB", "AUX") and head.i != verb.i
    if participle and depth < 3:
        return verb_tense(head, depth + 1)
    if verb.tag_ in ("VBD", "VBN"):
        return "past"
    return "present" if verb.tag_ in ("VBZ", "VBP", "VBG", "VB") else "past"


def _next_expression(chosen: list[tuple[int, int]], k: int, doc: Doc) -> Span | None:
    """The expression a few words after expression k, in the same sentence."""
    if k + 1 >= len(chosen):
        return None
    start, end = chosen[k]
    nxt = chosen[k + 1]
    near = nxt[0] - end <= 4 and sentence(doc[nxt[0]]).start == sentence(doc[start]).start
    return doc[nxt[0]:nxt[1]] if near else None


def anchored(span: Span, ctx: Context, following: Span | None,
             distance: int | None) -> tuple[Span, Context] | None:
    """For "N units after/later": the span and context to resolve, or None if not anchored.

    "a month earlier than usual" and an "after" with no date to hang on keep only
    the duration ("a month"); "two days after <date>" anchors on that date, "a week
    later" on the last date of the text and "two days after <event>" on a date of
    the same or the previous sentence (``distance`` in sentences, None if none).
    """
    signal = span[-1].lower_
    core = span[:-1]
    if signal not in forms("cues", "end") or not len(core) or signal in ("long", "back", "ago", "hence"):
        return None
    core_tv = resolve_in(normalise(core.text), ctx)
    if core_tv is None or core_tv.type != "DURATION":
        return None
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.lower_ == "than":
        return core, ctx
    if following is not None and signal in ("after", "before", "following"):
        inner = resolve_in(normalise(following.text), replace(ctx, tense=tense(following)))
        if inner is not None and inner.earliest and inner.latest:
            return span, replace(ctx, anchor=inner)
    if signal in ("later", "earlier", "afterwards", "afterward"):
        return (span, ctx) if distance is not None else (core, ctx)
    vague_and_long = core_tv.value[1] == "X" and core_tv.value[-1] in "MYE"
    near = distance is not None and distance <= 1 and ctx.anchor.precision in ("day", "week")
    return (span, ctx) if near and not vague_and_long else (core, ctx)


def select(doc: Doc, published: date) -> list[tuple[int, int]]:
    """Longest windows the grammar accepts, without overlaps, in text order."""
    triggers = trigger_words()
    taken = [False] * len(doc)
    chosen = []
    probe = Context(published, "past", day_value(published), {})
    for start, end in candidates(doc, triggers):
        if any(taken[start:end]) or not can_start(doc[start:end]):
            continue
        span = doc[start:end]
        tv = resolve_in(normalise(span.text), probe)
        if tv is None or not plausible(span, tv):
            continue
        chosen.append((start, end))
        taken[start:end] = [True] * (end - start)
    return sorted(chosen + joined_counts(doc, chosen, taken) + second_years(doc, chosen, taken))


def joined_counts(doc: Doc, chosen: list[tuple[int, int]], taken: list[bool]) -> list[tuple[int, int]]:
    """The bare number of "between 12 and 18 months", "from 15 to 19 October" (it borrows the unit)."""
    found = []
    for start, _ in chosen:
        joined = start >= 2 and doc[start - 1].lower_ in forms("cues", "join")
        if joined and doc[start - 2].like_num and not taken[start - 2]:
            found.append((start - 2, start - 1))
    return found


def second_years(doc: Doc, chosen: list[tuple[int, int]], taken: list[bool]) -> list[tuple[int, int]]:
    """The "58" of "1957-58" (it takes the century of the year before it)."""
    found = []
    for start, end in chosen:
        tail = end + 1
        year = end - start == 1 and re.fullmatch(r"\d{4}", doc[start].text) and tail < len(doc)
        if year and doc[end].text in ("-", "–", "/") and re.fullmatch(r"\d\d", doc[tail].text) and not taken[tail]:
            found.append((tail, tail + 1))
    return found


POST_SIGNATURE = re.compile(r"\(@\w+\)\s+((?:January|February|March|April|May|June|July|August|September|"
                            r"October|November|December) \d{1,2}, \d{4})\s*$")


def embedded_posts(text: str, published: date) -> list[tuple[int, int, date]]:
    """Paragraphs quoting a social-media post, signed "— Name (@handle) January 1, 2023": their "today"
    is the day of the post (character start, end of the paragraph and that day)."""
    out, start = [], 0
    for para in text.split("\n"):
        match = POST_SIGNATURE.search(para)
        if match:
            day = resolve_in(normalise(match.group(1)), Context(published))
            if day is not None and day.earliest == day.latest:
                out.append((start, start + match.start(), day.earliest))
        start += len(para) + 1
    return out


def find_timexes(doc: Doc, published: date) -> list[dict]:
    """Every time expression of a parsed Doc, resolved against ``published``, in text order."""
    reader = Reader(doc, published, select(doc, published))
    return [found for k in range(len(reader.chosen)) if (found := reader.read(k)) is not None]


@dataclass
class Reader:
    """Resolves the chosen expressions in text order, remembering what the article said so far."""

    doc: Doc
    published: date
    chosen: list[tuple[int, int]]
    anchor: TimeValue = field(init=False)                          # the last date read
    anchor_sentence: int | None = field(init=False, default=None)  # None: the publication day
    known: dict = field(init=False, default_factory=dict)           # (month, day) -> year seen with it
    years: dict[int, str] = field(init=False, default_factory=dict)  # sentence -> year it named

    def __post_init__(self):
        self.sentence_of = sentence_numbers(self.doc)
        self.anchor = day_value(self.published)
        self.posts = embedded_posts(self.doc.text, self.published)

    def read(self, k: int) -> dict | None:
        start, end = self.chosen[k]
        span = self.doc[start:end]
        posted = next((day for a, b, day in self.posts if a <= span.start_char < b), None)
        ctx = Context(posted, tense(span), day_value(posted), self.known) if posted else \
            Context(self.published, tense(span), self.anchor, self.known)
        distance = None if self.anchor_sentence is None else self.sentence_of[start] - self.anchor_sentence
        span, ctx = anchored(span, ctx, _next_expression(self.chosen, k, self.doc), distance) or (span, ctx)
        text = self.completed(span, k, ctx)
        year = shared_year(span, self.chosen[k + 1:k + 2]) or self.years.get(self.sentence_of[start])
        named_month = any(word in lexicon("months") for word in text.split())
        borrowed = f"{text} {year}" if year and named_month and not YEAR.search(text) else None
        tv = (resolve_in(borrowed, ctx) if borrowed else None) or resolve_in(text, ctx)
        if tv is None:
            return None
        self.remember(span, text, tv)
        return record(span, tv)

    def completed(self, span: Span, k: int, ctx: Context) -> str:
        """A bare count ("12" of "12 and 18 months") borrows the words after the next count,
        the "58" of "1957-58" the century before it."""
        text = normalise(span.text)
        first = self.doc[span.start - 2].text if span.start >= 2 else ""
        if re.fullmatch(r"\d\d", text) and re.fullmatch(r"\d{4}", first):
            return str(int(first[:2]) * 100 + int(text) + (100 if int(text) < int(first[2:]) else 0))
        if len(span) == 1 and k + 1 < len(self.chosen) and resolve_in(text, ctx) is None:
            following = normalise(self.doc[slice(*self.chosen[k + 1])].text).split()[1:]
            text = " ".join([text, *following])
        return text

    def remember(self, span: Span, text: str, tv: TimeValue) -> None:
        """Years named, (month, day) -> year pairs and the last date, for what comes next."""
        sentence = self.sentence_of[span.start]
        year = YEAR.search(text)
        if year and tv.earliest is not None and span.root.dep_ not in MODIFIER:
            self.years[sentence] = year.group(0)
        if tv.is_day and year and tv.type == "DATE":
            self.known[(tv.earliest.month, tv.earliest.day)] = tv.earliest.year
        narrative = span.root.dep_ not in MODIFIER or tv.precision in ("day", "week")  # not "the 2010 raid"
        if narrative and tv.type in ("DATE", "TIME") and tv.earliest and tv.latest and "REF" not in tv.value:
            self.anchor, self.anchor_sentence = tv, sentence


def shared_year(span: Span, following: list[tuple[int, int]]) -> str | None:
    """"January to June 2023": the year of the dated expression a year-less one is joined to."""
    if not following:
        return None
    start, end = following[0]
    between = span.doc[span.end:start]
    if len(between) != 1 or between[0].lower_ not in forms("cues", "join"):
        return None
    year = YEAR.search(span.doc[start:end].text)
    return year.group(0) if year else None


def record(span: Span, tv: TimeValue) -> dict:
    """The plain dict stored in ``doc._.timexes``."""
    return {"start": span.start_char, "end": span.end_char, "text": span.text, "value": tv.value,
            "type": tv.type, "earliest": tv.earliest.isoformat() if tv.earliest else None,
            "latest": tv.latest.isoformat() if tv.latest else None, "precision": tv.precision,
            "token_start": span.start, "token_end": span.end}


class TimexTagger:
    """Store the article's time expressions in ``doc._.timexes`` (needs ``doc._.published``)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published  # ISO text (a date or datetime is taken too)
        doc._.timexes = find_timexes(doc, date.fromisoformat(str(published)[:10])) if published else []
        return doc


@Language.factory("annals_timex", requires=["token.tag", "token.dep"], assigns=["doc._.timexes"])
def make_timex(nlp: Language, name: str) -> TimexTagger:
    return TimexTagger(nlp, name)


def write_predictions(articles: list[dict], nlp: Language) -> list[dict]:
    """Scorer records ``{doc, start, end, value, type}`` for articles ``{id, date, text}``.

    Uses the ``annals_timex`` component when ``nlp`` has one, else tags the parsed Docs itself.
    """
    def dated(article: dict) -> Doc:
        doc = nlp.make_doc(article["text"])
        doc._.published = article["date"]
        return doc

    out = []
    for article, doc in zip(articles, nlp.pipe(dated(a) for a in articles), strict=True):
        found = doc._.timexes
        if found is None:
            found = find_timexes(doc, date.fromisoformat(article["date"][:10]))
        out.extend({"doc": article["id"], "start": t["start"], "end": t["end"], "value": t["value"],
                    "type": t["type"]} for t in found)
    return out
