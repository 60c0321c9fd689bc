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
