"""Word lists as data, one file per kind, and the one loader for them all.

Add an office title to ``offices.jsonl``, a country form to ``demonyms.jsonl``,
a contact word to ``contact_words.jsonl``, a speech verb to ``speech_verbs.txt``, a news organisation to ``media.txt``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

import pycountry


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def load_jsonl(name: str) -> list[dict]:
    return [json.loads(ln) for ln in _lines(name)]


def load_words(name: str) -> frozenset[str]:
    return frozenset(ln.lower() for ln in _lines(name))


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "U.S." -> "us", "Türkiye's" -> "turkiye"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text).replace(".", "")
    text = re.sub(r"[^\w\s-]", " ", text)
    text = re.sub(r"^the\s+", "", " ".join(text.split()))
    return text


def _proper(text: str) -> bool:
    return any(c.isupper() for c in text)


@dataclass(frozen=True)
class Title:
    title: str
    role: str
    country: str | None = None
    org: bool = False
    needs_country: bool = False   # a title only when a country is named with it ("Russian leader")


@dataclass
class Lexicon:
    """Everything the analysers look up: titles, countries, organisations, event and speech words."""

    titles: dict[str, Title] = field(default_factory=dict)
    title_forms: tuple[str, ...] = ()
    org_forms: tuple[str, ...] = ()
    countries: dict[str, str] = field(default_factory=dict)     # folded form -> alpha-3
    capitals: dict[str, str] = field(default_factory=dict)
    orgs: dict[str, dict] = field(default_factory=dict)         # folded alias -> org record
    contact_words: dict[tuple[str, str], dict] = field(default_factory=dict)   # (lemma, POS) -> record
    speech_verbs: frozenset[str] = frozenset()
    status_words: dict[str, str] = field(default_factory=dict)
    modal_words: frozenset[str] = frozenset()
    media: frozenset[str] = frozenset()   # folded names of news organisations

    def country(self, text: str) -> str | None:
        """Alpha-3 code for a country name, short form or demonym; None if it is not one.

        Forms are proper names, so lowercase text ("us", "who") never matches."""
        return self.countries.get(fold(text)) if _proper(text) else None

    @property
    def contact_lemmas(self) -> set[str]:
        return {word for word, _ in self.contact_words}

    def org(self, text: str) -> dict | None:
        return self.orgs.get(fold(text)) if _proper(text) else None

    def title(self, text: str) -> Title | None:
        return self.titles.get(fold(text))

    def region_country(self, text: str) -> str | None:
        """Alpha-3 code of the one country a state or province of that name belongs to ("Delaware": USA),
        from ISO 3166-2 (pycountry); None for a country's own name or a name several countries share."""
        if not _proper(text) or self.country(text):
            return None
        return _regions().get(fold(text))


def _spellings(title: str) -> set[str]:
    """A title as written, with British spelling, without hyphens, and in the plural ("the presidents of")."""
    forms = {title, title.replace("defense", "defence"), title.replace("-", " ")}
    forms |= {f.replace("defense", "defence") for f in forms}
    head, _, rest = title.partition(" of ")
    plural = head + ("es" if head.endswith(("s", "ch", "sh")) else "s") + (f" of {rest}" if rest else "")
    return forms | {plural}


def _inflected(words: frozenset[str]) -> frozenset[str]:
    """Words with their -s, -ed, -ing forms, for when the lemmatizer errs ("hopes" -> "hop")."""
    forms = set(words)
    for w in words:
        stem = w[:-1] if w.endswith("e") else w
        forms |= {w + "s", w + "d" if w.endswith("e") else w + "ed", stem + "ing"}
    return frozenset(forms)


def _countries() -> dict[str, str]:
    table: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                table[fold(value)] = c.alpha_3
    for rec in load_jsonl("demonyms.jsonl"):
        table[fold(rec["form"])] = rec["country"]
    return table


@cache
def _regions() -> dict[str, str]:
    codes: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        codes.setdefault(fold(sub.name), set()).add(sub.country_code)
    return {name: pycountry.countries.get(alpha_2=cc.pop()).alpha_3 for name, cc in codes.items() if len(cc) == 1}


@cache
def lexicon() -> Lexicon:
    """The packaged lexicon, loaded once per process."""
    titles: dict[str, Title] = {}
    title_forms: set[str] = set()
    records = load_jsonl("offices.jsonl")
    for rec in records:   # titles as written win over the spelling variants made from other titles
        titles[fold(rec["title"])] = Title(rec["title"], rec["role"], rec.get("country"), bool(rec.get("org")),
                                           bool(rec.get("needs_country")))
    for rec in records:
        for form in _spellings(rec["title"].lower()):
            titles.setdefault(fold(form), titles[fold(rec["title"])])
            title_forms.add(form)
    orgs: dict[str, dict] = {}
    org_forms: set[str] = set()
    for rec in load_jsonl("organisations.jsonl"):
        for alias in [rec["name"], *rec.get("aliases", [])]:
            orgs.setdefault(fold(alias), rec)
            if len(alias) > 3 and not alias.islower():
                org_forms.add(alias)
    contact_words = {(rec["word"], rec["pos"]): rec for rec in load_jsonl("contact_words.jsonl")}
    status_words = {rec["word"]: rec["status"] for rec in load_jsonl("status_words.jsonl")}
    return Lexicon(
        titles=titles,
        title_forms=tuple(sorted(title_forms)),
        org_forms=tuple(sorted(org_forms)),
        countries=_countries(),
        capitals={fold(r["form"]): r["country"] for r in load_jsonl("capitals.jsonl")},
        orgs=orgs,
        contact_words=contact_words,
        speech_verbs=load_words("speech_verbs.txt"),
        status_words=status_words,
        modal_words=_inflected(load_words("modal_words.txt")),
        media=frozenset(fold(name) for name in _lines("media.txt")),
    )
