"""Build benchmarks: strict build time, the cost of the project's hooks, and
how build time grows with the number of pages.

    .venv/bin/python benchmarks/build.py [--rounds 7] [--sizes 100 400 1000]

Prints Markdown tables. Builds run in this process (as `mkdocs build` does,
without Python's start-up), into benchmarks/out/build/.
"""

from __future__ import annotations

import argparse
import re
import textwrap
from pathlib import Path

from common import OUT, build, copy_site, machine, median, table

WORK = OUT / "build"
PAGES_PER_SECTION = 50
HOOK_TARGET = 1.10
FLATNESS_TARGET = 0.15


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="builds per variant (default 7)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 400, 1000], help="synthetic pages to add")
    args = parser.parse_args()
    print(f"Machine: {machine()}\n")
    strict_build_time(args.rounds)
    hook_overhead(args.rounds)
    scaling(args.sizes, max(3, args.rounds // 2))


def strict_build_time(rounds: int) -> None:
    project = copy_site(WORK / "site-copy")
    build(project)  # warm-up: imports, Material's first load
    times = [build(project) for _ in range(rounds)]
    pages = count_pages(project / "site")
    print("## Strict build of the site\n")
    print(table(
        ["pages", "builds", "fastest (s)", "median (s)", "slowest (s)"],
        [[pages, rounds, f"{min(times):.2f}", f"{median(times):.2f}", f"{max(times):.2f}"]],
    ))
    print()


def hook_overhead(rounds: int) -> None:
    """Build with and without the project's hooks, alternating, so drift hits both alike."""
    with_hooks = copy_site(WORK / "with-hooks")
    without_hooks = copy_site(WORK / "without-hooks")
    config = without_hooks / "mkdocs.yml"
    config.write_text(remove_hooks(config.read_text(encoding="utf-8")), encoding="utf-8")
    # Not strict: without the quiz hook the quiz page does not exist, and links to it warn.
    build(with_hooks, strict=False)
    build(without_hooks, strict=False)
    times: dict[str, list[float]] = {"with hooks": [], "without hooks": []}
    for round_ in range(rounds):
        order = [("with hooks", with_hooks), ("without hooks", without_hooks)]
        for name, project in order if round_ % 2 == 0 else reversed(order):
            times[name].append(build(project, strict=False))
    ratio = median(times["with hooks"]) / median(times["without hooks"])
    rows = [
        [name, count_pages(project / "site"), f"{min(ts):.3f}", f"{median(ts):.3f}"]
        for (name, ts), project in zip(times.items(), (with_hooks, without_hooks))
    ]
    print(f"## Hook overhead ({rounds} interleaved rounds, non-strict builds)\n")
    print(table(["variant", "pages", "fastest (s)", "median (s)"], rows))
    verdict = "meets" if ratio <= HOOK_TARGET else "MISSES"
    print(f"\nRatio with/without hooks (medians): {ratio:.3f} – {verdict} the target of at most {HOOK_TARGET:.2f}.")
    print("Without hooks the generated quiz page is missing (the quiz hook makes it), so that variant has one page fewer.\n")


def scaling(sizes: list[int], rounds: int) -> None:
    base = copy_site(WORK / "scale-0")
    build(base)
    base_time = min(build(base) for _ in range(rounds))
    base_pages = count_pages(base / "site")
    rows = [[0, base_pages, f"{base_time:.2f}", f"{base_time / base_pages * 1000:.1f}", "–"]]
    marginal = {}
    for size in sizes:
        project = copy_site(WORK / f"scale-{size}")
        add_synthetic_pages(project, size)
        seconds = min(build(project) for _ in range(rounds))
        pages = count_pages(project / "site")
        marginal[size] = (seconds - base_time) / size
        rows.append([size, pages, f"{seconds:.2f}", f"{seconds / pages * 1000:.1f}", f"{marginal[size] * 1000:.1f}"])
    print(f"## Scaling with synthetic pages (strict, fastest of {rounds})\n")
    print(table(["pages added", "pages built", "build (s)", "ms per page", "ms per added page"], rows))
    low, high = marginal[min(sizes)], marginal[max(sizes)]
    spread = abs(high - low) / low
    verdict = "meets" if spread <= FLATNESS_TARGET else "MISSES"
    print(
        f"\nTime per added page from {min(sizes)} to {max(sizes)} pages changes by {spread:.0%} – "
        f"{verdict} the target of at most {FLATNESS_TARGET:.0%} (linear growth).\n"
    )


def remove_hooks(config_text: str) -> str:
    """mkdocs.yml without its `hooks:` list."""
    return re.sub(r"^hooks:\n(?:[ \t]+.*\n|[ \t]*\n)*", "", config_text, flags=re.M)


def add_synthetic_pages(project: Path, count: int) -> None:
    """Add `count` article-like pages in nav sections of PAGES_PER_SECTION."""
    sections: dict[int, list[str]] = {}
    for number in range(count):
        section = number // PAGES_PER_SECTION
        uri = f"bench/section-{section:02d}/page-{number:04d}.md"
        path = project / "docs" / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(synthetic_page(number), encoding="utf-8")
        sections.setdefault(section, []).append(uri)
    nav = "".join(
        f"  - Bench {section:02d}:\n" + "".join(f"      - {uri}\n" for uri in uris)
        for section, uris in sections.items()
    )
    config = project / "mkdocs.yml"
    config.write_text(insert_into_nav(config.read_text(encoding="utf-8"), nav), encoding="utf-8")


def insert_into_nav(config_text: str, entries: str) -> str:
    """Append entries at the end of the top-level `nav:` list, wherever it sits in the file."""
    lines = config_text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("nav:"))
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"[^\s#]", lines[i])), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    if lines[end - 1] and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join(lines[:end]) + entries + "".join(lines[end:])


def synthetic_page(number: int) -> str:
    """About 600 words shaped like an article: front matter, headings, lists, links, a footnote."""
    style = ["secure", "anxious", "avoidant", "disorganized"][number % 4]
    paragraph = textwrap.fill(
        f"People with a mostly {style} pattern often notice how closeness and distance feel in the body. "
        "Attachment anxiety and attachment avoidance are two scales, not boxes, and most people sit "
        "somewhere between the ends. A secure base is someone you can turn to when things are hard, "
        "and come back to after you explore. Small, steady steps tend to help more than big promises.",
        100,
    )
    sections = "\n\n".join(
        f"## Part {part} of page {number}\n\n{paragraph}\n\n"
        f"- One thing to notice in part {part}\n- Another thing to notice\n- A third thing\n\n{paragraph}"
        for part in range(1, 5)
    )
    return (
        "---\n"
        f"title: Synthetic page {number}\n"
        f"description: A generated page used to measure how the build grows with the site.\n"
        "last_reviewed: 2026-11-28\n"
        "next_review: 2027-11-28\n"
        f"tags: [bench, {style}, bench-{number % 10}]\n"
        "---\n\n"
        f"{paragraph}[^source]\n\n{sections}\n\n"
        f"Read more about [the {style} style](../../styles/{style}.md) and [therapy](../../therapy/index.md).\n\n"
        "[^source]: A synthetic note, so every page has a footnote.\n"
    )


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


if __name__ == "__main__":
    main()
