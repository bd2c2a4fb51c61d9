"""Benchmark: the portal's build, search and preview against plain MkDocs + Material.

    python bench/run.py                       # sizes 500, 2000, 10000, 20000; search; serve at 5000
    python bench/run.py --sizes 500 --repeats 1 --catalogue 0 --serve 0   # a quick look
    python bench/run.py --one-process         # without the helper processes

For each size N it writes a synthetic portal shaped like the example (its own entries, varied; see
synthetic.py) and configured as the README's smallest mkdocs.yml, and a baseline site: the same
Markdown as plain pages, Material, the same plugins but practice-exchange, a flat menu of the
pages the portal's menu lists. Each side's search indexing is part of its build (Material's
search on the baseline; on the portal, the search its option `search: auto` chooses). It builds
each in turn several times, each build in a fresh Python process, and prints the median build
time and peak memory of each and their ratios. `memory x` compares the peak resident memory of
the build process; `with helper x` compares the most that the build and the helper processes the
plugin forks held at once, sampled as the machine counts it (their proportional set sizes, a page
they share counted once; see build_once.py), with the baseline's own peak sampled the same way;
`child MiB` is the largest process a build waited for (a helper, or Pagefind indexing the site).
`cpu x` compares the processor time each build used,
its helpers' and Pagefind's included: on a shared virtual machine the wall clock also counts the
time other guests held the processor, which this leaves out; the targets stay on the wall clock.

Then, in headless Chromium on the portal's site served over HTTP: what a page load downloads for
search before the visitor types (gzipped), and after the box is opened; a title query and a
common-word query until their results are drawn; the page's renderer's memory. And `mkdocs serve` of a
portal of `--serve` entries: the time from saving a change to one entry until the browser shows it.

Targets: at N=2,000 and at the largest N, time <= 1.2x and memory <= 1.3x the baseline; the time
ratio at the largest N within 10% of the ratio at the smallest; at 20,000 entries, search: at most
150 KB before typing, a title query within 300 ms, a common word within 1.5 s, the renderer under
300 MB; serve: the change shown within 3 s; at the catalogue size, the catalogue page under 1.5 MB
with a facet applied in under 100 ms.
"""

from __future__ import annotations

import argparse
import compileall
import functools
import gzip
import http.server
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

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
    entries = write_portal(portal, n, parallel=None if parallel else False)
    write_baseline(baseline, entries)
    runs: dict[str, list[dict[str, float]]] = {"baseline": [], "portal": []}
    for _ in range(repeats):
        for name, root in (("baseline", baseline), ("portal", portal)):
            runs[name].append(build_once(root))
    result = {"n": n}
    for name in runs:
        result[f"{name}_s"] = statistics.median(r["seconds"] for r in runs[name])
        result[f"{name}_mib"] = statistics.median(r["peak_mib"] for r in runs[name])
        result[f"{name}_cpu"] = statistics.median(r["cpu_s"] for r in runs[name])
    for name in runs:
        result[f"{name}_together_mib"] = statistics.median(r["together_mib"] for r in runs[name])
    result["helper_mib"] = statistics.median(r["helper_mib"] for r in runs["portal"])
    result["child_mib"] = statistics.median(r["child_mib"] for r in runs["portal"])
    result["spread"] = (max(r["seconds"] for r in runs["portal"]) - min(r["seconds"] for r in runs["portal"])) / \
        result["portal_s"]
    result["time_ratio"] = result["portal_s"] / result["baseline_s"]
    result["cpu_ratio"] = result["portal_cpu"] / result["baseline_cpu"]
    result["memory_ratio"] = result["portal_mib"] / result["baseline_mib"]
    result["together_ratio"] = result["portal_together_mib"] / result["baseline_together_mib"]
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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def _serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _page_renderer_mib() -> float:
    """What the page's renderer process holds (resident), in MiB: the largest of Chromium's renderer
    processes, as the page holds the search's index; the others are Chromium's own (a spare one, kept
    ready for the next site, and the blank page the tab opened on)."""
    largest = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"--type=renderer" in command and b"chromium" in command:
                status = Path(f"/proc/{pid}/status").read_text()
                largest = max(largest, int(next(line.split()[1] for line in status.splitlines()
                                                if line.startswith("VmRSS"))))
        except (OSError, StopIteration):
            continue
    return largest / 1024


QUERY = """async (query) => {
    const input = document.querySelector(".md-search__input");
    const list = document.querySelector(".md-search-result__list");
    const start = performance.now();
    input.value = query;
    input.dispatchEvent(new Event("input", {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: query.slice(-1)}));
    while (!list.querySelector(".md-search-result__item")) await new Promise(r => setTimeout(r, 5));
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    return performance.now() - start;
}"""
CLEAR = """async () => {
    const input = document.querySelector(".md-search__input");
    input.value = "";
    input.dispatchEvent(new Event("input", {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
    const list = document.querySelector(".md-search-result__list");
    while (list.querySelector(".md-search-result__item")) await new Promise(r => setTimeout(r, 5));
}"""


def search_check(n: int, work: Path) -> dict[str, Any]:
    """Search on the portal's built site in headless Chromium: bytes before typing, query times, memory."""
    from playwright.sync_api import sync_playwright

    root = work / f"portal-{n}"
    site = root / "site"
    pagefind = (site / "pagefind").is_dir()
    practice = sorted((site / "practices").iterdir())[len(list((site / "practices").iterdir())) // 2]
    title = (root / "practices" / f"{practice.name}.md").read_text("utf-8").split("title: ", 1)[1].split("\n")[0]
    server, base = _serve(site)
    gz: dict[str, int] = {}

    def searched(url: str) -> bool:
        path = url[len(base):].split("?")[0]
        return path.startswith(("pagefind/", "search/")) or "workers/search" in path or path.endswith("search.js")

    def size(url: str) -> int:
        path = url[len(base):].split("?")[0]
        if path not in gz:
            file = site / path
            gz[path] = len(gzip.compress(file.read_bytes())) if file.is_file() else 0
        return gz[path]

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
            tab = browser.new_page()
            asked: list[str] = []
            tab.on("request", lambda request: asked.append(request.url) if searched(request.url) else None)
            tab.goto(base + f"practices/{practice.name}/")
            tab.wait_for_load_state("networkidle")
            loaded = sum(size(url) for url in set(asked))
            tab.keyboard.press("/")
            tab.wait_for_load_state("networkidle")
            tab.wait_for_timeout(300)
            opened = sum(size(url) for url in set(asked))
            # Twice each, the second time after clearing: the first query also loads the chunks it needs.
            times = {}
            for name, query in (("title", title), ("common", "parents"), ("title2", title), ("common2", "parents")):
                times[name] = tab.evaluate(QUERY, query)
                tab.evaluate(CLEAR)
            renderer = _page_renderer_mib()
            browser.close()
    finally:
        server.shutdown()
    return {"n": n, "search": "pagefind" if pagefind else "material", "load_kb": loaded / 1024,
            "opened_kb": opened / 1024, "title_ms": times["title"], "common_ms": times["common"],
            "title2_ms": times["title2"], "common2_ms": times["common2"], "renderer_mib": renderer}


def serve_check(n: int, work: Path, dirty: bool = False) -> dict[str, float]:
    """`mkdocs serve` (or `mkdocs serve --dirty`) of a portal of N entries: seconds from saving a change
    to one entry until the browser shows it, twice (the first rebuild, then another)."""
    root = work / f"serve-{n}"
    if not root.exists():
        write_portal(root, n)
    port = free_port()
    with open(root / "serve.log", "w", encoding="utf-8") as log:
        return _timed_changes(root, n, port, subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])],
            cwd=root, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}))


def _timed_changes(root: Path, n: int, port: int, server: subprocess.Popen[bytes]) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    try:
        _wait_for(lambda: "Serving on" in (root / "serve.log").read_text("utf-8"), 1800)
        entry = sorted((root / "practices").glob("*.md"))[n // 4]
        results = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            tab = browser.new_page()
            tab.goto(f"http://127.0.0.1:{port}/practices/{entry.stem}/")
            for attempt in ("first", "second"):
                marker = f"Changed-{attempt}-{time.time_ns()}"
                start = time.perf_counter()
                entry.write_text(entry.read_text("utf-8") + f"\n{marker}\n", encoding="utf-8")
                tab.wait_for_function(f"() => document.body && document.body.innerText.includes({marker!r})",
                                      timeout=600_000, polling=50)
                results[attempt] = time.perf_counter() - start
                tab.wait_for_timeout(1500)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {"n": n, **results}


def free_port() -> int:
    """A free loopback port."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(condition: Any, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for `mkdocs serve`")
        time.sleep(0.2)


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
    parser.add_argument("--sizes", default="500,2000,10000,20000", help="comma-separated numbers of entries")
    parser.add_argument("--repeats", type=int, default=3, help="builds of each site per size")
    parser.add_argument("--catalogue", type=int, default=5000, help="entries for the catalogue check (0: skip)")
    parser.add_argument("--serve", type=int, default=5000, help="entries for the `mkdocs serve` check (0: skip)")
    parser.add_argument("--no-search", action="store_true", help="skip the search checks in Chromium")
    parser.add_argument("--one-process", action="store_true",
                        help="build the portal with the plugin option `parallel: false`")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    checks: list[tuple[str, bool]] = []
    compile_plugin()
    # In memory where the machine has a RAM disk: disk writes would add noise to both builds.
    scratch = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(prefix="px-bench-", dir=scratch) as tmp:
        work = Path(tmp)
        print(f"{'N':>6} {'baseline s':>11} {'portal s':>9} {'spread':>7} {'time x':>7} {'cpu x':>6}"
              f" {'baseline MiB':>13} {'portal MiB':>11} {'memory x':>9} {'with helper x':>14} {'child MiB':>10}")
        results = []
        for n in sizes:
            r = measure(n, args.repeats, work, parallel=not args.one_process)
            results.append(r)
            print(f"{n:>6} {r['baseline_s']:>11.2f} {r['portal_s']:>9.2f} {r['spread']:>7.1%} {r['time_ratio']:>7.3f}"
                  f" {r['cpu_ratio']:>6.3f} {r['baseline_mib']:>13.0f} {r['portal_mib']:>11.0f}"
                  f" {r['memory_ratio']:>9.3f} {r['together_ratio']:>14.3f} {r['child_mib']:>10.0f}", flush=True)
        for r in results:
            if r["n"] == 2000 or (r is results[-1] and r["n"] > 2000):
                memory = max(r["memory_ratio"], r["together_ratio"])
                passed = r["time_ratio"] <= 1.2 and memory <= 1.3
                checks.append((f"build N={r['n']}: time {r['time_ratio']:.3f}x (<= 1.2), memory {memory:.3f}x"
                               " (<= 1.3)", passed))
        if len(results) > 1:
            small, large = results[0], results[-1]
            drift = large["time_ratio"] / small["time_ratio"] - 1
            checks.append((f"linear: time ratio at N={large['n']} is {drift:+.1%} of N={small['n']} (within 10%)",
                           abs(drift) <= 0.10))
        if not args.no_search:
            print(f"\n{'N':>6} {'search':>9} {'load KB':>8} {'opened KB':>10} {'title ms':>9} {'common ms':>10}"
                  f" {'again ms':>14} {'renderer MiB':>13}")
            for n in sizes:
                s = search_check(n, work)
                print(f"{n:>6} {s['search']:>9} {s['load_kb']:>8.0f} {s['opened_kb']:>10.0f} {s['title_ms']:>9.0f}"
                      f" {s['common_ms']:>10.0f} {s['title2_ms']:>6.0f} / {s['common2_ms']:<5.0f}"
                      f" {s['renderer_mib']:>13.0f}", flush=True)
                if n == 20000:
                    checks.append((f"search N=20000: {s['load_kb']:.0f} KB gzipped before typing (<= 150), title"
                                   f" {s['title_ms']:.0f} ms (<= 300), common word {s['common_ms']:.0f} ms (<= 1500),"
                                   f" renderer {s['renderer_mib']:.0f} MiB (< 300)",
                                   s["load_kb"] <= 150 and s["title_ms"] <= 300 and s["common_ms"] <= 1500
                                   and s["renderer_mib"] < 300))
        if args.serve:
            print()
            for dirty in (False, True):
                v = serve_check(args.serve, work, dirty)
                command = "mkdocs serve --dirty" if dirty else "mkdocs serve"
                print(f"{command} N={v['n']}: a saved change shown after {v['first']:.1f} s, another after"
                      f" {v['second']:.1f} s", flush=True)
                checks.append((f"{command} N={v['n']}: {max(v['first'], v['second']):.1f} s (<= 3)",
                               max(v["first"], v["second"]) <= 3))
        if args.catalogue:
            c = catalogue(args.catalogue, work)
            checks.append((f"catalogue N={c['n']}: page and data {c['page_mb']:.2f} MB (< 1.5), a facet applied and"
                           f" drawn in {c['facet_ms']:.0f} ms median of 12 (< 100; worst {c['max_facet_ms']:.0f} ms)",
                           c["page_mb"] < 1.5 and c["facet_ms"] < 100))
        print()
        for text, passed in checks:
            print(f"target {text}: {'met' if passed else 'NOT met'}")
    return 0 if all(passed for _, passed in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
