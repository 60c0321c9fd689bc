"""Executing one notebook: the kernel check, the papermill run, and the code-free HTML copy.

Notebooks export their charts with `ladfin.charts.publish`, which writes to
$LADFIN_EXPORT_DIR: `execute_notebook` sets that variable for the notebook's kernel.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from ladfin.errors import ReportError

KERNEL = "python3"
CELL_TIMEOUT = 600          # seconds one cell may run

def check_kernel(name: str = KERNEL) -> Path:
    """Return the directory of kernel `name` once it runs this environment's Python.

    Jupyter looks for kernels in the user's directory too; a "python3" kernel
    there, made for another Python, would run the notebooks without ladfin.

    Raises:
        ReportError: the kernel is missing or starts another interpreter.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        raise ReportError(f'no Jupyter kernel "{name}"; run `make install`, which installs it with '
                          f"`python -m ipykernel install --sys-prefix --name {name}`") from None
    program = spec.argv[0] if spec.argv else ""
    generic = {"python", "python3", f"python{sys.version_info[0]}.{sys.version_info[1]}"}
    if program not in generic and Path(program).resolve() != Path(sys.executable).resolve():
        raise ReportError(
            f'Jupyter kernel "{name}" ({spec.resource_dir}) starts {program}, not this environment\'s '
            f"{sys.executable}; remove that kernel, or run `make install` and set JUPYTER_PREFER_ENV_PATH=1"
        )
    return Path(spec.resource_dir)


def execute_notebook(notebook: Path, output: Path, parameters: Mapping, export_dir: Path) -> None:
    """Return nothing; run `notebook` with papermill (kernel "python3") into `output`.

    Charts the notebook publishes go to `export_dir` (through $LADFIN_EXPORT_DIR).
    The executed notebook is written even when a cell fails.

    Raises:
        ReportError: naming the notebook, the failing cell and the error.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    previous = os.environ.get("LADFIN_EXPORT_DIR")
    os.environ["LADFIN_EXPORT_DIR"] = str(export_dir)
    try:
        papermill.execute_notebook(
            str(notebook), str(output), parameters=dict(parameters), kernel_name=KERNEL,
            progress_bar=False, log_output=False, cwd=str(notebook.parent),
            execution_timeout=CELL_TIMEOUT,
        )
    except PapermillExecutionError as exc:
        raise ReportError(
            f"notebook {notebook.name} failed in cell [{exc.exec_count}]: {exc.ename}: "
            f"{_first_line(exc.evalue)} (executed copy: {output})"
        ) from None
    except Exception as exc:  # the kernel died, timed out or would not start
        raise ReportError(f"notebook {notebook.name} did not run: {type(exc).__name__}: "
                          f"{_first_line(str(exc))} (executed copy, if any: {output})") from exc
    finally:
        if previous is None:
            os.environ.pop("LADFIN_EXPORT_DIR", None)
        else:
            os.environ["LADFIN_EXPORT_DIR"] = previous


def _first_line(text: str) -> str:
    lines = [line for line in str(text).splitlines() if line.strip()]
    return lines[0] if lines else ""


def notebook_html(executed: Path, target: Path, parameters: Mapping | None = None) -> Path:
    """Return `target`, written: the executed notebook as HTML without code, led by its parameters.

    Outputs are rendered by nbconvert, which escapes text outputs (the
    parameter list is one); charts are static SVG images (see
    `ladfin.charts.theme.render`); tables are pandas HTML, which escapes cell text.
    """
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(executed), as_version=4)
    if parameters:
        # A code cell's stream output: its input is hidden below, and nbconvert escapes stream text.
        shown = "Parameters: " + ", ".join(f"{k} = {v!r}" for k, v in sorted(parameters.items()))
        output = nbformat.v4.new_output("stream", name="stdout", text=shown)
        cell = nbformat.v4.new_code_cell("", outputs=[output])
        nb.cells.insert(0, cell)
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": Path(executed).stem}})
    target.write_text(body, encoding="utf-8")
    return target
