"""Direct quotations and their speakers.

Quotation marks are paired within paragraphs; a quotation left open at the end
of a paragraph continues when the next one opens with a quotation mark. The
speaker is the subject of the highest speech verb above the quotation ("X said
that Y reaffirmed '...'" is X's), "according to X", the source of "the
statement", or the speaker of the previous quotation for an unattributed
continuation paragraph. Unnamed sources ("a senior official") give no speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon, fold
from ..models import Evidence, QuoteObservation
from .actors import FIRST_PERSON, PERSON_PRONOUNS, PLURAL_REFS, Actor, Actors
from .quotemarks import find_quotes

SHORT_UNATTRIBUTED = 4   # words
INTRODUCED = re.compile(r"\b(?:Quote|Quotes|Text|Excerpt)\s*:\s*[\"\u201c\u201e]?\s*$")
STATEMENT_NOUNS = {"statement", "readout", "release", "communique", "communiqué", "message", "post",
                   "letter", "note", "transcript", "report", "announcement", "account"}
UNNAMED_NOUNS = {"official", "officials", "source", "sources", "spokesman", "spokeswoman", "spokesperson",
                 "diplomat", "aide", "officer", "person", "people", "insider", "analyst", "observer"}
INSTITUTION_NOUNS = {"ministry", "department", "office", "agency", "embassy", "presidency", "government",
                     "cabinet", "secretariat", "service", "commission", "council", "administration", "palace"}


@dataclass
class Quote:
    start: int          # character offsets of the text inside the marks
    end: int
    speaker: Actor | None = None
    named: bool = False  # a speaker was found, even if it is unnamed (None)


class QuoteReader:
    def __init__(self, doc: Doc, actors: Actors, lex: Lexicon, title_people: dict[int, Actor]):
        self.doc, self.actors, self.lex = doc, actors, lex
        self.title_people = title_people
        self.quotes: list[Quote] = []
        self.last_source: Actor | None = None   # who issued the latest statement
        self._sents = list(doc.sents)
        self._noted = 0   # how many of them were scanned for statement sources
        self._open: Quote | None = None   # the quotation being attributed

    def read(self) -> list[Quote]:
        doc = self.doc
        for start, end in find_quotes(self.actors.text):
            q = Quote(start, end)
            inside = doc.char_span(start, end, alignment_mode="expand")
            if inside is None or len(inside) == 0:
                continue
            self._open = q   # its own words name no speaker: "“The ambassador said ...,” he stated"
            self._attribute(q, inside)
            if not q.named:
                self._continuation(q)
            self.quotes.append(q)
        return self.quotes

    def inside(self, token: Token) -> Quote | None:
        for q in self.quotes:
            if q.start <= token.idx < q.end:
                return q
        return None

    # -- attribution ------------------------------------------------------
    def _attribute(self, q: Quote, inside: Span) -> None:
        qtoks = set(range(inside.start, inside.end))
        while self._noted < len(self._sents) and self._sents[self._noted].start < inside.end:
            self._note_sources(self._sents[self._noted])   # statements issued up to here
            self._noted += 1
        verb = self._speech_verb(inside, qtoks)
        if verb is not None:
            q.speaker, q.named = self._speaker_of(verb, qtoks)
        elif INTRODUCED.search(self.actors.text[max(0, q.start - 12):q.start]):
            # "Quote: “...”" after a sentence saying who spoke or wrote
            q.speaker, q.named = self.last_source or self.actors.previous_person(inside.start, self._quoted), True
        else:   # words quoted inside a person's own act: "X held a “warm meeting” with Y"
            q.speaker, q.named = self._doer(inside, qtoks)

    def _doer(self, inside: Span, qtoks: set[int]) -> tuple[Actor | None, bool]:
        """The person subject of the clause a quotation sits in, when nothing says who spoke it."""
        root = next(iter(self._roots(inside, qtoks)), None)
        if root is None or root.head.i in qtoks or root.head.i == root.i:
            return None, False
        verb = root.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i not in qtoks), None)
        if subj is None or verb.i in qtoks:
            return None, False
        actor, named = self._actor(subj)
        return (actor, named) if actor is not None and actor.kind == "person" else (None, False)

    def _speech_verb(self, inside: Span, qtoks: set[int]) -> Token | None:
        """The highest speech verb outside the quotation that governs it, else one beside it in the sentence."""
        for tok in self._roots(inside, qtoks):
            chain, node = [], tok
            while True:
                if node.i not in qtoks and self._is_speech(node, ("VERB", "AUX")) and self._has_subject(node):
                    chain.append(node)
                if node.head.i == node.i:
                    break
                node = node.head
            before = [v for v in chain if v.i < inside.start]
            if before:   # "X said that Y reaffirmed '...'" is X's: the highest verb framing the quote
                return before[-1]
            if chain:    # "'...', he added" / "..., the Pentagon said": the nearest one after it
                return chain[0]
        sent_toks = [t for s in {inside[0].sent, inside[-1].sent} for t in s if t.i not in qtoks]
        for tok in sent_toks:   # "“...,” Laine wrote." parsed apart, or "According to X, “...”"
            if self._is_speech(tok, ("VERB",)) and (self._has_subject(tok) or self._person_beside(tok, qtoks)):
                return tok
        return None

    def _is_speech(self, tok: Token, pos: tuple[str, ...]) -> bool:
        return tok.lower_ == "according" or (tok.pos_ in pos and tok.lemma_.lower() in self.lex.speech_verbs)

    def _person_beside(self, verb: Token, qtoks: set[int]) -> Actor | None:
        """The person named nearest before a subjectless speech verb, outside the quotation
        ("“...,” Hitti, who was formerly a diplomat, said"), else right after it."""
        sent = verb.sent
        before = [t for t in self.doc[max(sent.start, verb.i - 14):verb.i] if t.i not in qtoks]
        after = [t for t in self.doc[verb.i + 1:min(sent.end, verb.i + 4)] if t.i not in qtoks]
        for t in [*reversed(before), *after]:
            if self.actors.person_at(t) is not None:
                return self.actors.person_at(t)
        return None

    @staticmethod
    def _roots(inside: Span, qtoks: set[int]) -> list[Token]:
        return [t for t in inside if t.head.i not in qtoks or t.head.i == t.i]

    def _has_subject(self, verb: Token) -> bool:
        if verb.lower_ == "according":
            return True
        return verb.tag_ == "VBG" or any(
            c.dep_ in ("nsubj", "nsubjpass", "agent") or (c.i > verb.i and self._postposed(c))
            for c in verb.children)

    def _postposed(self, tok: Token) -> bool:
        """A subject after its speech verb, parsed as an object: a name or a statement-like noun."""
        return tok.dep_ in ("dobj", "attr", "npadvmod", "oprd") and (
            self.actors.at(tok) is not None
            or tok.lemma_.lower() in STATEMENT_NOUNS | UNNAMED_NOUNS | INSTITUTION_NOUNS)

    def _speaker_of(self, verb: Token, qtoks: set[int]) -> tuple[Actor | None, bool]:
        if verb.lower_ == "according":
            for c in verb.subtree:
                if c.dep_ == "pobj":
                    return self._actor(c)
            return None, False
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i not in qtoks:
                return self._actor(c)
        for c in verb.children:   # "“...,” added Laine." / "..., added the statement." (not "praising X for “...”")
            if c.i > verb.i and c.i not in qtoks and min(qtoks) < verb.i and self._postposed(c):
                return self._actor(c)
        head = verb.head
        while head.i != head.head.i and head.pos_ not in ("VERB", "AUX"):
            head = head.head
        if head.i != verb.i and head.pos_ in ("VERB", "AUX") and head.i not in qtoks:
            return self._speaker_of(head, qtoks)   # "..., saying “...”", "began by congratulating X for “...”"
        beside = self._person_beside(verb, qtoks)
        return (beside, True) if beside is not None else (None, False)

    def _actor(self, tok: Token) -> tuple[Actor | None, bool]:
        """A speaker from the subject word: a name, a pronoun, a title, a statement, or unnamed (None)."""
        actors = self.actors
        person = actors.person_at(tok)
        if person is not None:
            return person, True
        if tok.i in self.title_people:
            return self.title_people[tok.i], True
        for c in tok.children:
            if c.dep_ == "poss" and actors.at(c) is not None:   # "Berg's office"
                return self._office_of(c, tok), True
        low = tok.lower_
        if low in PERSON_PRONOUNS:   # the last person quoted or named as a subject, whichever came last
            named = actors.previous_mention(tok.i, skip=self._quoted)
            quoted = next((q for q in reversed(self.quotes) if q.speaker is not None
                           and q.speaker.kind == "person"), None)
            if quoted is not None and (named is None or quoted.start > self.doc[named.start].idx):
                return quoted.speaker, True
            return (named.actor if named else None), True
        if low in PLURAL_REFS:
            return None, False
        other = actors.at(tok) or actors.name_at(tok)
        if other is not None:
            self.last_source = other
            return other, True
        lemma = tok.lemma_.lower()
        if lemma in STATEMENT_NOUNS:
            return (self.last_source, True) if self.last_source else (None, False)
        if lemma in UNNAMED_NOUNS:
            return None, True
        if lemma in INSTITUTION_NOUNS:
            return (self.last_source, True) if self.last_source else (None, False)
        return None, False

    def _quoted(self, token_index: int) -> bool:
        idx = self.doc[token_index].idx
        return any(q.start <= idx < q.end for q in (*self.quotes, self._open) if q is not None)

    def _office_of(self, owner: Token, noun: Token) -> Actor:
        text = self.doc[owner.i:noun.i + 1].text   # "Berg’s office", as written
        actor = Actor("org", text, text.lower(), {text}, self.actors.at(owner).country)
        self.last_source = actor
        return actor

    def _note_sources(self, sent: Span) -> None:
        """Remember who issued a statement ("X said in a statement", "X's office issued a statement",
        "..., the Russian Foreign Ministry said")."""
        for tok in sent:
            if tok.pos_ == "VERB" and tok.lemma_.lower() in self.lex.speech_verbs:
                before = [self.actors.at(t) for t in self.doc[max(sent.start, tok.i - 4):tok.i]]
                orgs = [a for a in before if a is not None and a.kind == "org"]
                if orgs:
                    self.last_source = orgs[-1]
            if tok.lemma_.lower() in STATEMENT_NOUNS and tok.pos_ == "NOUN":
                issuer = self._issuer_within(tok)   # "a readout ... posted on the website of the Department"
                if issuer is not None:
                    self.last_source = issuer
                    continue
                verb = tok.head if tok.dep_ != "pobj" else tok.head.head
                for c in verb.children:
                    if c.dep_ in ("nsubj", "nsubjpass"):
                        actor, named = self._actor(c)
                        if actor is not None:
                            self.last_source = actor
                        elif named:
                            self.last_source = None

    def _issuer_within(self, noun: Token) -> Actor | None:
        """An organisation named inside a statement's own phrase ("a statement from X", "a readout posted
        on the website of X"), news outlets excepted."""
        for t in noun.subtree:
            actor = self.actors.at(t)
            if t.i != noun.i and actor is not None and actor.kind == "org" and fold(actor.name) not in self.lex.media:
                return actor
        return None

    def _continuation(self, q: Quote) -> None:
        """An unattributed quotation in the same or the next paragraph continues the previous speaker's."""
        if not self.quotes:
            return
        prev = self.quotes[-1]
        between = self.actors.text[prev.end:q.start].split("\n")[1:-1]   # whole paragraphs between the two
        if prev.named and not any(p.strip(" \"\u201c\u201d\t") for p in between):
            q.speaker, q.named = prev.speaker, True


def first_person(token: Token, reader: QuoteReader) -> Actor | None:
    """Inside a quotation, "I"/"my" is its speaker."""
    if token.lower_ not in FIRST_PERSON:
        return None
    q = reader.inside(token)
    return q.speaker if q is not None else None


def read_quotes(doc: Doc, reader: QuoteReader) -> list[QuoteObservation]:
    """Quotations as observations; a few words in quotation marks that nobody is said to have said
    are a name or a scare quote ("Ramstein", "1,000 for 1,000"), not a quotation."""
    out, text = [], reader.actors.text
    for q in reader.quotes:
        if not q.named and len(text[q.start:q.end].split()) <= SHORT_UNATTRIBUTED:
            continue
        sent = doc.char_span(q.start, q.end, alignment_mode="expand")
        sentence = sent[0].sent.text.strip() if sent is not None and len(sent) else text[q.start:q.end]
        out.append(QuoteObservation(text[q.start:q.end], q.speaker.name if q.speaker else None,
                                    Evidence(doc._.doc_id or "", q.start, q.end, sentence)))
    return out
