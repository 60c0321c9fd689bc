"""The `ladfin` command: a thin layer over the library."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ladfin.errors import LadfinError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Turn the figures in funding announcements into tidy, traceable tables."""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here instead of standard output.")
@click.option("--lang", default="en", show_default=True, help="Language of the files (a row of languages.csv).")
def extract(files: tuple[Path, ...], fmt: str, output: Path | None, lang: str) -> None:
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
        output.write_text(text, encoding="utf-8")


@cli.command()
@click.option("--fx-policy", type=click.Choice(["on_date", "annual_average"]), default="on_date",
              show_default=True, help="Which exchange rate converts money: the event day's, or its year's mean.")
def build(fx_policy: str) -> None:
    """Build documents, events, figures, announcements, skipped and rates_used into data/processed."""
    from ladfin import paths
    from ladfin import tables

    built = tables.build(fx_policy=fx_policy)
    summary = ", ".join(f"{len(df)} {name}" for name, df in built.items())
    click.echo(f"built {summary} -> {paths.processed_dir()}")
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
def report(params_file: Path | None, only: tuple[str, ...], out: Path | None, notebooks_dir: Path | None,
           wait: float, jobs: int | None) -> None:
    """Build the tables if their inputs changed, then run the report suite into OUT/<UTC time>/.

    Each notebook is executed with papermill (kernel "python3") and exported as
    an executed notebook, HTML without code, and its charts as PNG, SVG, PDF,
    HTML, Vega-Lite JSON and CSV, listed in manifest.json. OUT/latest moves to
    the run only when every notebook succeeds.
    """
    from ladfin import report as reports

    terminal = sys.stderr.isatty()
    run = reports.run_report(params_file=params_file, only=only, out=out, notebooks_dir=notebooks_dir,
                             wait=wait, jobs=jobs, log=lambda line: click.echo(line, err=True),
                             progress=terminal)
    click.echo(str(run))


def main() -> None:
    """Run the CLI; a LadfinError prints one line and exits 1, anything else is a bug."""
    try:
        cli.main(standalone_mode=False)
    except LadfinError as exc:
        click.echo(f"ladfin: error: {exc}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
