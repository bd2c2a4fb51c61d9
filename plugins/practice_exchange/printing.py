"""The network report as a PDF: its built page printed by the system's Chromium, or by WeasyPrint.

Chromium prints the page as a reader's browser shows it, the theme's scripts run; it is used
when one is installed. WeasyPrint, a library that needs no browser, is the optional `pdf`
extra. Either reads the page's own print styles (A4, a title page, each visit from a new page).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ENGINES = ("auto", "chromium", "weasyprint")
INSTALL = ("install Debian's Chromium (`apt-get install chromium`) or WeasyPrint"
           " (`pip install 'practice-exchange[pdf]'`)")


class PrintError(Exception):
    """The PDF could not be made; the message says why and what to do."""


def browser() -> str | None:
    """The system's Chromium, if there is one."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


def _weasyprint() -> Any:
    """WeasyPrint's module, or None when it is not installed or its system libraries are missing."""
    try:
        import weasyprint  # type: ignore[import-not-found,unused-ignore]
    except (ImportError, OSError):
        return None
    return weasyprint


def print_pdf(page: Path, out: Path, engine: str = "auto") -> str:
    """Print the built page `page` (an HTML file of the site) to `out`; returns the engine used."""
    chromium = browser() if engine in ("auto", "chromium") else None
    if chromium is not None:
        _chromium(chromium, page, out)
        return "Chromium"
    weasy = _weasyprint() if engine in ("auto", "weasyprint") else None
    if weasy is not None:
        try:
            weasy.HTML(filename=str(page)).write_pdf(str(out))
        except OSError as exc:
            raise PrintError(f"WeasyPrint could not write {out}: {exc.strerror or exc}") from None
        return "WeasyPrint"
    wanted = {"chromium": "Chromium is not installed", "weasyprint": "WeasyPrint is not installed"}.get(
        engine, "neither Chromium nor WeasyPrint is installed")
    raise PrintError(f"{wanted}, so no PDF can be printed; {INSTALL}")


def _chromium(chromium: str, page: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="practice-exchange-print-") as profile:
        command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={out}",
                   page.resolve().as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PrintError(f"Chromium ({chromium}) could not print the report: {exc}") from None
    if done.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise PrintError(f"Chromium ({chromium}) could not print the report (exit {done.returncode}): {last}")
