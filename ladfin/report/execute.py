"""Executing one notebook: the kernel check, the papermill run, and the code-free HTML copy.

Notebooks export their charts with `ladfin.charts.publish`, which writes to
$LADFIN_EXPORT_DIR: `execute_notebook` sets that variable for the notebook's kernel.
The HTML copy loads nothing from the network (nbconvert's template would fetch
RequireJS, MathJax and Mermaid from CDNs) and is the same bytes for the same
notebook outputs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from ladfin.errors import NotebookError, ReportError

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


def _kernel_manager(keep_fds: tuple[int, ...]):
    """Return a kernel manager class whose kernels inherit `keep_fds` (the run's lock: see report.processes)."""
    from jupyter_client.manager import AsyncKernelManager

    class KeepingKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            return await super()._async_launch_kernel(kernel_cmd, **{**kw, "pass_fds": keep_fds})

    return KeepingKernelManager


def execute_notebook(notebook: Path, output: Path, parameters: Mapping, export_dir: Path, *,
                     keep_fds: tuple[int, ...] = ()) -> None:
    """Return nothing; run `notebook` with papermill (kernel "python3") into `output`.

    Charts the notebook publishes go to `export_dir` (through $LADFIN_EXPORT_DIR).
    The executed notebook is written even when a cell fails. The kernel inherits
    the file descriptors `keep_fds`.

    Raises:
        NotebookError: naming the notebook, the failing cell and the error.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    previous = os.environ.get("LADFIN_EXPORT_DIR")
    os.environ["LADFIN_EXPORT_DIR"] = str(export_dir)
    extra = {"kernel_manager_class": _kernel_manager(keep_fds)} if keep_fds else {}
    try:
        papermill.execute_notebook(
            str(notebook), str(output), parameters=dict(parameters), kernel_name=KERNEL,
            progress_bar=False, log_output=False, cwd=str(notebook.parent),
            execution_timeout=CELL_TIMEOUT, **extra,
        )
    except PapermillExecutionError as exc:
        raise NotebookError(
            f"notebook {notebook.name} failed in cell [{exc.exec_count}]: {exc.ename}: "
            f"{_first_line(exc.evalue)} (executed copy: {output})", cell=exc.exec_count,
        ) from None
    except Exception as exc:  # the kernel died, timed out or would not start
        raise NotebookError(f"notebook {notebook.name} did not run: {type(exc).__name__}: "
                            f"{_first_line(str(exc))} (executed copy, if any: {output})") from exc
    finally:
        if previous is None:
            os.environ.pop("LADFIN_EXPORT_DIR", None)
        else:
            os.environ["LADFIN_EXPORT_DIR"] = previous


def _first_line(text: str) -> str:
    lines = [line for line in str(text).splitlines() if line.strip()]
    return lines[0] if lines else ""


# nbconvert's "lab" template, without the scripts it would load from CDNs: the copy opens offline.
_OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def notebook_html(executed: Path, target: Path, parameters: Mapping | None = None) -> Path:
    """Return `target`, written: the executed notebook as HTML without code, led by its parameters.

    Outputs are rendered by nbconvert, which escapes text outputs (the
    parameter list is one); charts draw from a spec the page holds as escaped
    JSON, over a static SVG image (see `ladfin.charts.theme.render`); tables are
    pandas HTML, which escapes cell text. Cells' execution metadata (timestamps)
    is dropped, so one notebook's outputs give the same page.
    """
    import jinja2
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(executed), as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
    nb.metadata.pop("papermill", None)
    if parameters:
        # A code cell's stream output: its input is hidden below, and nbconvert escapes stream text.
        shown = "Parameters: " + ", ".join(f"{k} = {v!r}" for k, v in sorted(parameters.items()))
        output = nbformat.v4.new_output("stream", name="stdout", text=shown)
        cell = nbformat.v4.new_code_cell("", outputs=[output])
        cell.id = "ladfin-parameters"  # nbformat's new cell id is random: the page would differ run to run
        nb.cells.insert(0, cell)
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True,
                            extra_loaders=[jinja2.DictLoader({"ladfin-offline.html.j2": _OFFLINE_TEMPLATE})],
                            template_file="ladfin-offline.html.j2")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": Path(executed).stem}})
    target.write_text(body, encoding="utf-8")
    return target
