"""The page of one report run, index.html: what ran, with which parameters, what it made and what it did not.

Written from the run's manifest and the files in its folder, with relative
links only, so it opens from disk (file://), through `latest`, or from a web
server, and needs no script: parameters; each notebook with its status, its
HTML copy, executed notebook and log, and each chart as a thumbnail linking to
its PNG, SVG, PDF, HTML, Vega-Lite JSON and CSV; any failure with its notebook
and cell; the charts left out and why; whether `latest` moved.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

FORMATS = (("png", "PNG"), ("svg", "SVG"), ("pdf", "PDF"), ("html", "HTML"), ("vl.json", "Vega-Lite"),
           ("csv", "CSV"))
INDEX = "index.html"

_STYLE = """
body{font-family:'Liberation Sans',Arial,Helvetica,sans-serif;color:#1f1f1f;margin:24px auto;max-width:1180px;
     padding:0 16px;line-height:1.4}
h1{font-size:26px;margin-bottom:4px} h2{font-size:20px;margin-top:32px;border-bottom:1px solid #e4e4e4}
.status{display:inline-block;padding:2px 10px;border-radius:10px;color:white;font-weight:bold}
.ok{background:#009E73} .failed,.interrupted{background:#D55E00} .running,.pending{background:#999999}
table{border-collapse:collapse;margin:8px 0} td,th{padding:4px 10px;border-bottom:1px solid #e4e4e4;
     text-align:left;vertical-align:top}
.charts{display:flex;flex-wrap:wrap;gap:18px;list-style:none;padding:0}
.charts li{width:340px} .charts img{width:340px;height:auto;border:1px solid #e4e4e4}
.formats a{margin-right:8px;font-size:13px} .muted{color:#5f5f5f} .error{color:#a33a00}
code{background:#f4f4f4;padding:1px 4px}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href)}">{_e(text)}</a>'


def _title(vl_json: Path) -> str:
    try:
        from ladfin.charts.export import chart_title

        return chart_title(json.loads(vl_json.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError):
        return vl_json.name.removesuffix(".vl.json")


def _values(parameters: dict) -> str:
    if not parameters:
        return '<p class="muted">Defaults as each notebook declares them.</p>'
    rows = "".join(f"<tr><th><code>{_e(k)}</code></th><td>{_e(json.dumps(v))}</td></tr>"
                   for k, v in sorted(parameters.items()))
    return f"<table>{rows}</table>"


def _chart(run: Path, stem: str, name: str) -> str:
    base = f"{stem}/{name}"
    title = _title(run / f"{base}.vl.json")
    links = " ".join(_link(f"{base}.{ext}", label) for ext, label in FORMATS if (run / f"{base}.{ext}").is_file())
    return (f'<li><a href="{html.escape(base)}.html"><img src="{html.escape(base)}.png" alt="{_e(title)}" '
            f'loading="lazy"></a><div><strong>{_e(title)}</strong> <span class="muted">({_e(name)})</span></div>'
            f'<div class="formats">{links}</div></li>')


def _notebook(run: Path, entry: dict) -> str:
    stem = entry.get("output", "")
    status = entry.get("status", "pending")
    files = [(f"{stem}.html", "HTML without code"), (f"{stem}.ipynb", "executed notebook"), (f"{stem}.log", "log")]
    links = " · ".join(_link(href, text) for href, text in files if (run / href).is_file())
    parts = [f'<h2 id="{_e(stem)}">{_e(entry.get("notebook"))} <span class="status {_e(status)}">{_e(status)}'
             f'</span></h2>', f'<p>{links} <span class="muted">{entry.get("seconds", 0):.1f} s</span></p>']
    if entry.get("parameters"):
        parts.append("<p>Parameters passed:</p>" + _values(entry["parameters"]))
    if entry.get("error"):
        cell = f"cell [{entry['cell']}]: " if entry.get("cell") is not None else ""
        parts.append(f'<p class="error">{_e(cell)}{_e(entry["error"])}</p>')
    charts = entry.get("charts") or sorted(p.name[:-4] for p in (run / stem).glob("*.png")) if stem else []
    if charts:
        parts.append('<ul class="charts">' + "".join(_chart(run, stem, name) for name in charts) + "</ul>")
    for skipped in entry.get("skipped") or []:
        parts.append(f'<p class="muted">Not drawn: <strong>{_e(skipped.get("title"))}</strong> '
                     f'({_e(skipped.get("name"))}): {_e(skipped.get("reason"))}.</p>')
    return "\n".join(parts)


def index_html(run: Path, manifest: dict) -> str:
    """Return the HTML of a run's index page from its `manifest` and the files in `run`."""
    status = manifest.get("status", "running")
    notebooks = manifest.get("notebooks", [])
    failed = [n for n in notebooks if n.get("status") in ("failed", "interrupted")]
    skipped = [(n, s) for n in notebooks for s in (n.get("skipped") or [])]
    latest = manifest.get("latest") or {}
    git = manifest.get("git") or {}
    facts = [("Set", manifest.get("name") or "default parameters"),
             ("Params file", manifest.get("params_file") or "none"),
             ("Notebooks", ", ".join(n.get("notebook", "") for n in notebooks)),
             ("Started", manifest.get("started")), ("Finished", manifest.get("finished") or "not yet"),
             ("Seconds", manifest.get("seconds")),
             ("Code", f"{git.get('commit') or 'unknown commit'}{' (uncommitted changes)' if git.get('dirty') else ''}"),
             ("latest", latest.get("reason", ""))]
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in facts if v is not None)
    body = [f"<h1>Report run {_e(manifest.get('run', run.name))} "
            f'<span class="status {_e(status)}">{_e(status)}</span></h1>',
            f"<table>{rows}</table>",
            f'<p>{_link("manifest.json", "manifest.json")}: parameters, commit, input hashes, package versions, '
            "durations and every file.</p>"]
    if manifest.get("error"):
        body.append(f'<p class="error">{_e(manifest["error"])}</p>')
    if failed:
        items = "".join(f'<li>{_link("#" + n.get("output", ""), n.get("notebook", ""))}'
                        f'{": cell [" + str(n["cell"]) + "]" if n.get("cell") is not None else ""}: '
                        f'{_e(n.get("error"))}</li>' for n in failed)
        body.append(f'<h2>Failures</h2><ul class="error">{items}</ul>')
    body.append("<h2>Parameters</h2>" + _values(manifest.get("parameters") or {}))
    if skipped:
        items = "".join(f"<li>{_e(n.get('notebook'))}: <strong>{_e(s.get('title'))}</strong> ({_e(s.get('name'))}): "
                        f"{_e(s.get('reason'))}</li>" for n, s in skipped)
        body.append(f"<h2>Not drawn</h2><ul>{items}</ul>")
    body += [_notebook(run, entry) for entry in notebooks]
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>ladfin report {_e(manifest.get('run', run.name))} ({_e(status)})</title>\n"
            f"<style>{_STYLE}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def write_index(run: Path, manifest: dict) -> Path:
    """Return `run`/index.html, written from `manifest` (a temporary file renamed into place)."""
    import os

    path = run / INDEX
    temporary = run / f".{INDEX}.tmp"
    temporary.write_text(index_html(run, manifest), encoding="utf-8")
    os.replace(temporary, path)
    return path
