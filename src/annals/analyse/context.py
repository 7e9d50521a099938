"""Helpers over a parsed sentence shared by the extractors: clauses, their dates, evidence."""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from ..models import Evidence, TimeValue

CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "acl", "conj", "parataxis"}
OTHER_TIME = {"since", "before", "after", "until", "till", "once"}
TOPIC_PREPS = {"about", "regarding", "concerning"}
REPORTING = {"say", "tell", "announce", "report", "state", "add", "release", "issue", "note", "write", "confirm"}


def evidence(doc: Doc, sent: Span) -> Evidence:
    """The sentence as evidence, its offsets exactly those of the stripped sentence text."""
    text = sent.text
    start = sent.start_char + len(text) - len(text.lstrip())
    stripped = text.strip()
    return Evidence(doc._.doc_id or "", start, start + len(stripped), stripped)


def clause_head(token: Token) -> Token:
    """The verb heading the clause a token belongs to."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def governed_by(token: Token, verb: Token) -> int | None:
    """Steps from ``token`` up to ``verb`` without crossing into another clause; None if it is not reached."""
    steps = 0
    while token.i != verb.i:
        if token.head.i == token.i:
            return None
        if token.pos_ in ("VERB", "AUX") and token.dep_ in CLAUSE_DEPS and steps:
            return None
        token = token.head
        steps += 1
    return steps


def to_timevalue(tx: dict) -> TimeValue | None:
    if not tx.get("earliest") or not tx.get("latest"):
        return None
    return TimeValue(tx["value"], tx.get("type", "DATE"), date.fromisoformat(tx["earliest"]),
                     date.fromisoformat(tx["latest"]), tx.get("precision", "day"))


def timexes_in(doc: Doc, span: Span) -> list[dict]:
    return [tx for tx in (doc._.timexes or []) if span.start <= tx["token_start"] < span.end]


def date_of(doc: Doc, trigger: Token, *, sentence_fallback: bool = True) -> TimeValue | None:
    """The resolved date governing an event word: a date in its own clause, else one elsewhere in the
    sentence that does not belong to a reporting verb ("said on Monday"); None when the text gives none."""
    verb = clause_head(trigger)
    best: tuple[int, TimeValue] | None = None
    fallback: tuple[int, TimeValue] | None = None
    for tx in timexes_in(doc, trigger.sent):
        tv = to_timevalue(tx)
        if tv is None or tx.get("type") not in ("DATE", "TIME"):
            continue
        head = doc[tx["token_start"]]
        steps = governed_by(head, verb)
        if steps is None and trigger.i != verb.i:
            steps = governed_by(head, trigger)
        if steps is not None:
            if best is None or steps < best[0]:
                best = (steps, tv)
        elif sentence_fallback and clause_head(head).lemma_ not in REPORTING and not _elsewhere(head):
            dist = abs(head.i - trigger.i)
            if fallback is None or dist < fallback[0]:
                fallback = (dist, tv)
    if best:
        return best[1]
    return fallback[1] if fallback else None


def _elsewhere(token: Token) -> bool:
    """Does a date sit in a clause about another time, topic or a future event ("since before Russia
    invaded in February", "talked about the talks held on 16 May", "summits to be held on 5 December")?"""
    while token.head.i != token.i:
        if token.dep_ in ("advcl", "pcomp") and any(c.dep_ == "mark" and c.lower_ in OTHER_TIME
                                                    for c in token.children):
            return True
        if token.dep_ == "prep" and token.lower_ in ("since", "until", "till"):   # "the first talks since May"
            return True
        if token.dep_ == "prep" and token.lower_ in TOPIC_PREPS:
            return True
        if token.dep_ in ("relcl", "acl", "xcomp") and any(   # "summits, which are to be held on the 5th"
                c.dep_ in ("aux", "auxpass") and c.lower_ in ("to", "will", "would", "shall") for c in token.children):
            return True
        token = token.head
    return False


def narrative_date(doc: Doc, sent: Span, lookback: int = 3) -> TimeValue | None:
    """The day the story is at: the last dated sentence among this one and the few before it."""
    s = sent
    for _ in range(lookback + 1):   # back from this sentence, without walking the whole document
        dated = [to_timevalue(tx) for tx in timexes_in(doc, s)   # (an opening dateline is no event's day)
                 if tx.get("type") in ("DATE", "TIME") and not _elsewhere(doc[tx["token_start"]])
                 and tx["token_start"] >= doc._.lead]
        dated = [tv for tv in dated if tv is not None]
        if dated:
            return dated[-1]
        if s.start == 0:
            return None
        s = doc[s.start - 1].sent
    return None


def present_perfect(verb: Token) -> bool:
    """Is the event reported in the present perfect ("has dismissed", "has signed a decree removing")?"""
    node = verb
    while True:
        if node.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in node.children):
            return True
        if node.head.i == node.i or node.dep_ in ("relcl", "ccomp", "parataxis") or (
                node.dep_ == "advcl" and any(c.dep_ in ("mark", "nsubj") for c in node.children)) or (
                node.dep_ == "prep" and node.lower_ in OTHER_TIME):
            return False   # "X, who became minister after the election, has met", "since taking office"
        node = node.head


def lead_date(doc: Doc, sent: Span, ahead: int = 4, days: int = 7) -> TimeValue | None:
    """The day a story's undated lead ("X has dismissed Y") happened, as the next few sentences tell it:
    the first single day among them in the week up to publication ("... in a video on Thursday")."""
    published = date.fromisoformat(doc._.published)
    s = sent
    for _ in range(ahead):
        if s.end >= len(doc):
            return None
        s = doc[s.end].sent
        for tx in timexes_in(doc, s):
            tv = to_timevalue(tx)
            if tv is not None and tx.get("type") in ("DATE", "TIME") and tv.earliest == tv.latest \
                    and published - timedelta(days=days) <= tv.earliest <= published:
                return tv
    return None
