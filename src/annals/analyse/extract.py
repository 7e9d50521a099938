"""One parsed article -> everything Annals takes from it (an ``Analysis``)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..lexicon import Lexicon
from ..models import Analysis, Article, EntityRecord
from . import contacts, offices, quotes
from .actors import Actors


def analyse(article: Article, doc: Doc, lex: Lexicon) -> Analysis:
    """Offices first (titles name people), then quotations (speakers), then contacts (which need both)."""
    actors = Actors(doc, lex)
    office_reader = offices.OfficeReader(doc, actors, lex)
    seen = office_reader.read()
    actors.add_titles(office_reader.title_people)
    quote_reader = quotes.QuoteReader(doc, actors, lex, office_reader.title_people)
    quote_reader.read()
    found = contacts.ContactReader(doc, actors, lex, quote_reader, office_reader.title_people, seen).read()
    office_obs = offices.to_observations(seen)
    contact_obs = contacts.to_observations(found)
    quote_obs = quotes.read_quotes(doc, quote_reader)
    used = {o.person for o in office_obs} | {p for c in contact_obs for p in c.participants} | {
        q.speaker for q in quote_obs if q.speaker}
    country_of = {o.person: o.country for o in office_obs if not o.country_inferred and o.country.isupper()
                  and len(o.country) == 3 and o.role not in ("intl_org_head",)}
    ents = [EntityRecord(a.name, a.kind, tuple(sorted(a.forms)), country_of.get(a.name) or a.country)
            for a in [*actors.people, *actors.orgs.values(), *actors.countries.values()] if a.name in used]
    extra = used - {e.name for e in ents}   # speakers such as "the minister's office"
    ents += [EntityRecord(name, "org", (name,)) for name in sorted(extra)]
    return Analysis(article, tuple(ents), tuple(office_obs), tuple(contact_obs), tuple(quote_obs),
                    tuple(doc._.timexes or ()))
