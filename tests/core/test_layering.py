"""The tree reads as the pipeline: a module imports only from its own stage or the stages below.

Lazy imports inside functions count too: parsing every module's syntax tree
finds them all, wherever they sit.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "ladfin"
STAGES = ("core", "reference", "extract", "normalise", "link", "tables", "analysis", "charts", "report", "cli")
LEAVES = {"errors", "paths"}  # used by every stage, import nothing of ladfin's stages


def stage_of(module: str) -> str | None:
    """Return the stage a dotted ladfin module belongs to; None for the package itself."""
    parts = module.split(".")
    if parts[0] != "ladfin" or len(parts) == 1:
        return None
    return "cli" if parts[1] == "__main__" else parts[1]


def imported(path: Path) -> list[tuple[int, str]]:
    """Return (line, dotted module) for every ladfin import in a file, top-level or lazy."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("ladfin")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ladfin"):
            if node.module == "ladfin":  # from ladfin import paths, charts: each name is a module
                found += [(node.lineno, f"ladfin.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, node.module))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


def test_every_module_sits_in_a_stage():
    for path in MODULES:
        module = ".".join(("ladfin", *path.relative_to(PACKAGE).with_suffix("").parts))
        assert stage_of(module) in (*STAGES, *LEAVES), f"{path}: not in one of {STAGES}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down_the_pipeline(path):
    own = stage_of(".".join(("ladfin", *path.relative_to(PACKAGE).with_suffix("").parts)))
    rank = STAGES.index(own) if own in STAGES else -1
    wrong = []
    for line, module in imported(path):
        target = stage_of(module)
        if target is None or target in LEAVES:
            if own in LEAVES and target is not None and target not in LEAVES:
                wrong.append(f"line {line}: {module}")
            continue
        if STAGES.index(target) > rank:
            wrong.append(f"line {line}: {module} ({target} is above {own})")
    assert not wrong, f"{path}: " + "; ".join(wrong)


def test_the_check_catches_an_upward_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from ladfin.report import run\n")
    assert imported(bad) == [(2, "ladfin.report")]
    assert STAGES.index(stage_of("ladfin.report.run")) > STAGES.index("extract")


def test_core_imports_nothing_above_it():
    for path in (PACKAGE / "core").glob("*.py"):
        stages = {stage_of(m) for _, m in imported(path)} - {None, *LEAVES}
        assert stages <= {"core"}, path
