"""Benchmark: the portal's build against plain MkDocs + Material with the same Markdown.

    python bench/run.py                      # sizes 500, 2000, 4000; catalogue at 5000
    python bench/run.py --sizes 500 --repeats 1 --catalogue 0   # a quick look
    python bench/run.py --one-process --catalogue 0              # without the helper process

For each size N it writes a synthetic portal and a baseline site (the same
Markdown bodies as plain pages, Material, a bounded navigation), builds them
in turn several times, each build in a fresh Python process, and prints the
median build time and peak memory of each and their ratios. `memory x` compares
the peak resident memory of the build process; `with helper x` compares at most
what the build and the helper process the plugin forks hold at once (the
helper's own pages counted; those it shares with the build, once; see
build_once.py), and `helper MiB` is the helper's own memory.
It then checks the targets: at N=2000 time <= 1.2x and memory <= 1.3x the
baseline, both ways; the time
ratio at the largest N within 10% of the ratio at the smallest; and at the
catalogue size, the catalogue page under 1.5 MB with a facet applied in under
100 ms in headless Chromium.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from synthetic import write_baseline, write_portal  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def build_once(root: Path) -> dict[str, float]:
    """One build in a fresh process: its time and memory figures (see build_once.py)."""
    site = root / "site"
    result = subprocess.run([sys.executable, str(HERE / "build_once.py"), str(root / "mkdocs.yml"), str(site)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"build of {root} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(n: int, repeats: int, work: Path, parallel: bool) -> dict[str, float]:
    portal, baseline = work / f"portal-{n}", work / f"baseline-{n}"
    bodies = write_portal(portal, n, parallel=parallel)
    write_baseline(baseline, bodies)
    runs: dict[str, list[dict[str, float]]] = {"baseline": [], "portal": []}
    for _ in range(repeats):
        for name, root in (("baseline", baseline), ("portal", portal)):
            runs[name].append(build_once(root))
    result = {"n": n}
    for name in runs:
        result[f"{name}_s"] = statistics.median(r["seconds"] for r in runs[name])
        result[f"{name}_mib"] = statistics.median(r["peak_mib"] for r in runs[name])
    result["portal_together_mib"] = statistics.median(r["together_mib"] for r in runs["portal"])
    result["helper_mib"] = statistics.median(r["helper_mib"] for r in runs["portal"])
    result["time_ratio"] = result["portal_s"] / result["baseline_s"]
    result["memory_ratio"] = result["portal_mib"] / result["baseline_mib"]
    result["together_ratio"] = result["portal_together_mib"] / result["baseline_mib"]
    return result


def catalogue(n: int, work: Path) -> dict[str, float]:
    """Size of /catalogue/ and the time to apply a facet in headless Chromium, at N entries."""
    root = work / f"portal-{n}"
    if not (root / "site" / "catalogue" / "index.html").exists():
        write_portal(root, n)
        build_once(root)
    page = root / "site" / "catalogue" / "index.html"
    size = page.stat().st_size
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        tab = browser.new_page()
        tab.goto(page.as_uri())
        tab.wait_for_timeout(500)
        # Each sample checks or unchecks one facet value (kinds, then tags) and waits until the
        # browser has drawn the result: two animation frames after the change.
        toggle = """async ([facet, at]) => {
            const box = document.querySelectorAll(`fieldset[data-facet=${facet}] input`)[at];
            const start = performance.now();
            box.checked = !box.checked;
            box.dispatchEvent(new Event("change", {bubbles: true}));
            await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
            return performance.now() - start;
        }"""
        samples = [("kind", 0), ("kind", 1), ("tag", 0), ("kind", 2), ("tag", 3), ("kind", 0), ("tag", 0),
                   ("kind", 1), ("tag", 5), ("tag", 3), ("kind", 2), ("tag", 5)]
        for warm in samples[:2]:
            tab.evaluate(toggle, list(warm))
        timings = [tab.evaluate(toggle, list(sample)) for sample in samples]
        shown = tab.locator(".px-status").inner_text()
        browser.close()
    return {"n": n, "page_mb": size / 1e6, "facet_ms": statistics.median(timings), "max_facet_ms": max(timings),
            "status": shown}


def compile_plugin() -> None:
    """Byte-compile the plugin, as pip does when it installs a package and as MkDocs and
    Material already are: else, with PYTHONDONTWRITEBYTECODE set or an editable install
    not yet imported, every portal build would compile its source again."""
    spec = importlib.util.find_spec("practice_exchange")
    if spec is None or spec.origin is None:
        raise SystemExit("practice-exchange is not installed: run `python -m pip install -e .` first")
    compileall.compile_dir(str(Path(spec.origin).parent), quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="500,2000,4000", help="comma-separated numbers of entries")
    parser.add_argument("--repeats", type=int, default=5, help="builds of each site per size")
    parser.add_argument("--catalogue", type=int, default=5000, help="entries for the catalogue check (0: skip)")
    parser.add_argument("--one-process", action="store_true",
                        help="build the portal with the plugin option `parallel: false`")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    ok = True
    compile_plugin()
    # In memory where the machine has a RAM disk: disk writes would add noise to both builds.
    scratch = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(prefix="px-bench-", dir=scratch) as tmp:
        work = Path(tmp)
        print(f"{'N':>6} {'baseline s':>11} {'portal s':>9} {'time x':>7} {'baseline MiB':>13} {'portal MiB':>11}"
              f" {'memory x':>9} {'with helper x':>14} {'helper MiB':>11}")
        results = []
        for n in sizes:
            r = measure(n, args.repeats, work, parallel=not args.one_process)
            results.append(r)
            print(f"{n:>6} {r['baseline_s']:>11.2f} {r['portal_s']:>9.2f} {r['time_ratio']:>7.3f}"
                  f" {r['baseline_mib']:>13.0f} {r['portal_mib']:>11.0f} {r['memory_ratio']:>9.3f}"
                  f" {r['together_ratio']:>14.3f} {r['helper_mib']:>11.0f}", flush=True)
        at_2000 = next((r for r in results if r["n"] == 2000), None)
        if at_2000:
            memory = max(at_2000["memory_ratio"], at_2000["together_ratio"])
            passed = at_2000["time_ratio"] <= 1.2 and memory <= 1.3
            ok &= passed
            print(f"target N=2000: time {at_2000['time_ratio']:.3f}x (<= 1.2), memory {memory:.3f}x"
                  f" (<= 1.3): {'met' if passed else 'NOT met'}")
        if len(results) > 1:
            small, large = results[0], results[-1]
            drift = large["time_ratio"] / small["time_ratio"] - 1
            passed = abs(drift) <= 0.10
            ok &= passed
            print(f"target linear: time ratio at N={large['n']} is {drift:+.1%} of N={small['n']} (within 10%):"
                  f" {'met' if passed else 'NOT met'}")
        if args.catalogue:
            c = catalogue(args.catalogue, work)
            passed = c["page_mb"] < 1.5 and c["facet_ms"] < 100
            ok &= passed
            print(f"target catalogue N={c['n']}: page and data {c['page_mb']:.2f} MB (< 1.5), a facet applied and drawn"
                  f" in {c['facet_ms']:.0f} ms median of 12 (< 100; worst {c['max_facet_ms']:.0f} ms):"
                  f" {'met' if passed else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
