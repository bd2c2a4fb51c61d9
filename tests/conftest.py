"""Shared helpers: copy a fixture portal into a temporary folder, add a defect, load or build it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
PORTAL = FIXTURES / "portal"
DEFECTS = FIXTURES / "defects"
REPO = Path(__file__).parent.parent


def copy_portal(target: Path, source: Path = PORTAL) -> Path:
    """A fresh, writable copy of a fixture portal."""
    root = target / "portal"
    shutil.copytree(source, root)
    return root


def add_defect(root: Path, defect: str) -> None:
    """Put one defect file in place: `visits/x.md` into visits/, `network/x.yml` over network.yml."""
    source = DEFECTS / defect
    folder = defect.split("/")[0]
    if folder == "network":
        shutil.copy(source, root / "network.yml")
    else:
        shutil.copy(source, root / folder / source.name)


def mkdocs(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the mkdocs command line in a portal, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=root, capture_output=True, text=True, timeout=600,
        env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture portal."""
    return copy_portal(tmp_path)
