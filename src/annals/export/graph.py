"""The contact network as a networkx graph and a GraphML file Gephi opens.

Nodes are the participants (people, organisations, countries) with their name, kind and countries; one
edge joins two participants who were in contact, with how many contacts, their kinds, the first and last
day and the documents that report them.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

from ..optional import require
from ..query.records import Contact

SEPARATOR = "; "


def contact_graph(contacts: Iterable[Contact]):
    """An undirected ``networkx.Graph`` of the contacts; node ids are ``e<entity id>``."""
    nx = require("networkx")
    graph = nx.Graph()
    edges: dict[tuple[int, int], list[Contact]] = {}
    for c in contacts:
        for p in c.participants:
            graph.add_node(f"e{p.id}", label=p.name, name=p.name, kind=p.kind, entity_id=p.id,
                           country="/".join(p.countries))
        for a, b in combinations(sorted({p.id for p in c.participants}), 2):
            edges.setdefault((a, b), []).append(c)
    for (a, b), found in edges.items():
        days = [c.date for c in found if c.date]
        docs = dict.fromkeys(s.doc for c in found for s in c.sources)
        graph.add_edge(f"e{a}", f"e{b}", weight=len(found), contacts=len(found),
                       kind=SEPARATOR.join(sorted({c.kind for c in found})),
                       date_start=min(d.earliest for d in days).isoformat() if days else "",
                       date_end=max(d.latest for d in days).isoformat() if days else "",
                       contact_ids=SEPARATOR.join(str(c.id) for c in found),
                       documents=SEPARATOR.join(docs), sources=sum(len(c.sources) for c in found))
    return graph


def write_graphml(contacts: Iterable[Contact], path: Path) -> tuple[int, int]:
    """Write the contact network to ``path``; returns (nodes, edges)."""
    nx = require("networkx")
    graph = contact_graph(contacts)
    nx.write_graphml(graph, path)
    return graph.number_of_nodes(), graph.number_of_edges()
