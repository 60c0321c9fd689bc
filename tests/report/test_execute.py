"""Executing one notebook (ladfin/report/execute.py): the kernel check and the code-free HTML copy.

Running notebooks through papermill is tested end to end in test_run.py and
test_notebooks.py.
"""

from __future__ import annotations

import json

import nbformat
import pandas as pd
import pytest

from ladfin import report as reports
from ladfin.charts import theme
from ladfin.errors import LadfinError

SCRIPT = "<script>alert(1)</script>"


def test_notebook_html_hides_code_and_escapes_document_text(tmp_path):
    table = pd.DataFrame({"quote": [f"$5 million {SCRIPT}"]})
    svg = theme.render({"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "mark": "text",
                        "data": {"values": [{"t": SCRIPT}]}, "encoding": {"text": {"field": "t"}}})
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("secret_code_line = 1"),
        nbformat.v4.new_code_cell("table", outputs=[nbformat.v4.new_output(
            "execute_result", data={"text/html": table._repr_html_(), "text/plain": repr(table)},
            execution_count=1)]),
        nbformat.v4.new_code_cell("chart", outputs=[nbformat.v4.new_output(
            "execute_result", data=svg, execution_count=2)]),
        nbformat.v4.new_code_cell("print(q)", outputs=[nbformat.v4.new_output("stream", name="stdout",
                                                                              text=SCRIPT)]),
    ]
    executed = tmp_path / "x.ipynb"
    nbformat.write(nb, str(executed))
    html = reports.notebook_html(executed, tmp_path / "x.html", {"country": SCRIPT}).read_text()
    assert "secret_code_line" not in html
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "data:image/svg+xml;base64," in html  # the chart, as an image: its text cannot run


def test_the_kernel_runs_this_python():
    assert (reports.check_kernel() / "kernel.json").is_file()


def test_a_kernel_for_another_python_is_refused(tmp_path, monkeypatch):
    kernels = tmp_path / "kernels" / "python3"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps(
        {"argv": ["/opt/other/bin/python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
         "display_name": "other", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    monkeypatch.setenv("JUPYTER_PREFER_ENV_PATH", "0")
    with pytest.raises(LadfinError, match="starts /opt/other/bin/python, not this environment"):
        reports.check_kernel()
