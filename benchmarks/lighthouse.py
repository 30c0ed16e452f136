"""Lighthouse scores for the home page, an article and the quiz, on mobile and
desktop, against the built site served locally under the project path.

    .venv/bin/python benchmarks/lighthouse.py

Uses npm's lighthouse at the version pinned in benchmarks/package-lock.json
(installed into benchmarks/node_modules with `npm ci` on first run) and
Debian's Chromium. Reports go to benchmarks/out/lighthouse/. About 15 s a run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from common import CHROMIUM, OUT, ROOT, build, copy_site, machine, serve, table

HERE = ROOT / "benchmarks"
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home": "", "article": "styles/anxious/", "quiz": "quiz/attachment-style/"}
CHROME_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def main() -> None:
    install_lighthouse()
    project = copy_site(OUT / "lighthouse-src")
    site = OUT / "lighthouse-site"
    build(project, site)
    reports = OUT / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    print(f"Machine: {machine()}\n")
    rows, misses = [], []
    with serve(site, compress=True) as base:
        for form in ("mobile", "desktop"):
            for name, path in PAGES.items():
                report = reports / f"{name}-{form}.json"
                run(base + path, form, report)
                result = json.loads(report.read_text(encoding="utf-8"))
                scores = {c: round(result["categories"][c]["score"] * 100) for c in CATEGORIES}
                audits = result["audits"]
                rows.append([
                    name, form, *scores.values(),
                    f"{audits['largest-contentful-paint']['numericValue'] / 1000:.2f}",
                    f"{audits['total-blocking-time']['numericValue']:.0f}",
                    f"{audits['cumulative-layout-shift']['numericValue']:.3f}",
                ])
                misses += check(name, form, scores, audits, result)
    print("## Lighthouse (scores out of 100; LCP in s, TBT in ms)\n")
    print(table(["page", "form", "perf", "a11y", "best pr.", "SEO", "LCP", "TBT", "CLS"], rows))
    print()
    print("All targets met." if not misses else "Targets missed:\n" + "\n".join(misses))


def install_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    if not shutil.which("npm"):
        sys.exit("Lighthouse needs Node.js and npm: install them (for example apt-get install nodejs npm), then run this again.")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True)


def run(url: str, form: str, report) -> None:
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    if form == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        sys.exit(f"lighthouse failed for {url} ({form}):\n{done.stderr[-2000:]}")


def check(name: str, form: str, scores: dict[str, int], audits: dict, result: dict) -> list[str]:
    """Targets: performance ≥ 95 on mobile and 100 on desktop, 100 elsewhere, CLS 0; say why when missed."""
    misses = []
    for category, score in scores.items():
        target = 95 if (category == "performance" and form == "mobile") else 100
        if score < target:
            failing = [
                f"{ref['id']} ({audits[ref['id']].get('displayValue') or audits[ref['id']]['score']})"
                for ref in result["categories"][category]["auditRefs"]
                if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
            ]
            misses.append(f"- {name}, {form}: {category} {score} < {target}: {', '.join(failing) or 'see the report'}")
    cls = audits["cumulative-layout-shift"]["numericValue"]
    if cls > 0:
        misses.append(f"- {name}, {form}: CLS {cls:.3f} > 0")
    return misses


if __name__ == "__main__":
    main()
