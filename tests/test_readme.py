"""README.md says what the tree holds: its layout block is the one scripts/readme_layout.py makes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("readme_layout", ROOT / "scripts" / "readme_layout.py")
readme_layout = importlib.util.module_from_spec(spec)
spec.loader.exec_module(readme_layout)


def test_the_layout_block_matches_the_tree():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split(readme_layout.START, 1)[1].split(readme_layout.END, 1)[0].strip()
    assert block == readme_layout.layout(), "run: python scripts/readme_layout.py --write"


def test_every_module_has_a_summary_line():
    missing = [str(p.relative_to(ROOT)) for p in (ROOT / "ladfin").rglob("*.py")
               if p.name != "__main__.py" and not readme_layout.summary(p)]
    assert not missing, missing


def test_the_block_lists_a_module_the_tree_gains(tmp_path):
    package = tmp_path / "ladfin"
    for stage in readme_layout.STAGES:
        (package / stage).mkdir(parents=True)
        (package / stage / "__init__.py").write_text(f'"""The {stage} stage."""\n')
    (package / "extract" / "new.py").write_text('"""Reads something new."""\n')
    assert "    new.py            Reads something new." in readme_layout.layout(package)
