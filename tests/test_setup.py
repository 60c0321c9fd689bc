"""The project's setup files agree with each other."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_environment_installs_the_package_with_its_dev_extra():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    deps = env["dependencies"]
    pip_section = next(d["pip"] for d in deps if isinstance(d, dict) and "pip" in d)
    assert pip_section == ["-e .[dev]"]
    assert "pip" in deps
    python = next(d for d in deps if isinstance(d, str) and d.startswith("python"))
    required = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert python.removeprefix("python") == required


def test_environment_lists_no_package_of_its_own():
    # pyproject.toml is the one list of dependencies: conda adds only Python and pip.
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    names = [d.split("=")[0].split(">")[0] for d in env["dependencies"] if isinstance(d, str)]
    assert sorted(names) == ["pip", "python"]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make report" in readme


# ---------------------------------------------------------------- reproducible installs

def _pins() -> dict[str, str]:
    """Return constraints.txt as normalised name -> version."""
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, pinned = line.partition("==")
        assert sep and pinned.strip(), f"constraints.txt: {line!r} is not name==version"
        pins[_normal(name)] = pinned.strip()
    return pins


def _normal(name: str) -> str:
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


def test_constraints_pin_every_dependency_but_not_ladfin_itself():
    import re

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    names = {_normal(re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0]) for d in wanted}
    pins = _pins()
    assert names - set(pins) == set(), "run `make lock`: a dependency has no pin"
    assert "ladfin" not in pins


def test_the_venv_holds_exactly_what_the_constraints_pin():
    from importlib.metadata import distributions

    # pip freeze leaves out the installers themselves, and ladfin is the project.
    unpinned = {"pip", "setuptools", "wheel", "distribute", "ladfin"}
    installed = {_normal(d.metadata["Name"]): d.version for d in distributions()}
    installed = {k: v for k, v in installed.items() if k not in unpinned}
    assert {k: v for k, v in installed.items() if _pins().get(k) != v} == {}, \
        "the venv differs from constraints.txt: `make install` (or `make lock` if pyproject.toml changed)"


def test_make_installs_through_the_constraints_and_make_lock_regenerates_them():
    makefile = (ROOT / "Makefile").read_text()
    stamp_rule = next(line for line in makefile.splitlines() if line.startswith("$(STAMP):"))
    assert "constraints.txt" in stamp_rule and "pyproject.toml" in stamp_rule
    assert "pip install --quiet -c constraints.txt -e '.[dev]'" in makefile
    lock = makefile[makefile.index("\nlock:"):]
    lock = lock[: lock.index("\n\n")]
    assert "-m venv" in lock and "pip install --quiet -e '.[dev]'" in lock and "-c constraints" not in lock
    assert "pip freeze --exclude-editable" in lock and "> \"$$tmp/constraints.txt\"" in lock
    assert "report: install" in makefile and "test: lint" in makefile and "lint: install" in makefile
