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

from common import OUT, ROOT, build, copy_site, machine, median, table

WORK = OUT / "build"
PAGES_PER_SECTION = 50
HOOK_TARGET = 1.10
FLATNESS_TARGET = 0.15


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="builds per variant (default 7)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 400, 1000], help="synthetic pages to add")
    parser.add_argument(
        "--layout", choices=["sections", "subsections"], default="sections",
        help="synthetic pages in new top-level nav sections (default), or in sub-sections of one new top-level section",
    )
    parser.add_argument("--scaling-only", action="store_true", help="skip the build-time and hook tables")
    args = parser.parse_args()
    print(f"Machine: {machine()}\n")
    if not args.scaling_only:
        strict_build_time(args.rounds)
        hook_overhead(args.rounds)
    scaling(args.sizes, max(3, args.rounds // 2), args.layout)


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
    """Build with all the project's hooks, with none, and with each one left out, in
    interleaved rounds (the order rotates each round), so drift hits every variant alike."""
    config_text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = re.findall(r"^\s+-\s*(hooks/\S+)", hooks_block(config_text), flags=re.M)
    variants = {"all hooks": copy_site(WORK / "hooks-all")}
    variants["no hooks"] = with_hooks(copy_site(WORK / "hooks-none"), [])
    for hook in hooks:
        name = f"all but {Path(hook).stem}"
        variants[name] = with_hooks(copy_site(WORK / f"hooks-without-{Path(hook).stem}"), [h for h in hooks if h != hook])
    # Not strict: without the quiz hook the quiz page does not exist, and links to it warn.
    for project in variants.values():
        build(project, strict=False)
    times: dict[str, list[float]] = {name: [] for name in variants}
    names = list(variants)
    for round_ in range(rounds):
        for name in names[round_ % len(names):] + names[: round_ % len(names)]:
            times[name].append(build(variants[name], strict=False))
    full, bare = median(times["all hooks"]), median(times["no hooks"])
    rows = [
        [name, count_pages(variants[name] / "site"), f"{median(ts):.3f}", f"{median(ts) / bare:.2f}",
         "–" if name in ("all hooks", "no hooks") else f"{(full - median(ts)) * 1000:+.0f}"]
        for name, ts in times.items()
    ]
    ratio = full / bare
    print(f"## Hook overhead ({rounds} interleaved rounds, non-strict builds, medians)\n")
    print(table(["variant", "pages", "build (s)", "vs no hooks", "cost of the hook left out (ms)"], rows))
    verdict = "meets" if ratio <= HOOK_TARGET else "MISSES"
    print(f"\nRatio with/without hooks: {ratio:.3f} – {verdict} the target of at most {HOOK_TARGET:.2f}.")
    print("Without the quiz hook the generated quiz page is missing, so those variants build one page fewer.\n")


def scaling(sizes: list[int], rounds: int, layout: str) -> None:
    base = copy_site(WORK / "scale-0")
    build(base)
    base_time = min(build(base) for _ in range(rounds))
    base_pages = count_pages(base / "site")
    rows = [[0, base_pages, f"{base_time:.2f}", f"{base_time / base_pages * 1000:.1f}", "–"]]
    marginal = {}
    for size in sizes:
        project = copy_site(WORK / f"scale-{size}")
        add_synthetic_pages(project, size, layout)
        seconds = min(build(project) for _ in range(rounds))
        pages = count_pages(project / "site")
        marginal[size] = (seconds - base_time) / size
        rows.append([size, pages, f"{seconds:.2f}", f"{seconds / pages * 1000:.1f}", f"{marginal[size] * 1000:.1f}"])
    print(f"## Scaling with synthetic pages in {layout} of {PAGES_PER_SECTION} (strict, fastest of {rounds})\n")
    print(table(["pages added", "pages built", "build (s)", "ms per page", "ms per added page"], rows))
    low, high = marginal[min(sizes)], marginal[max(sizes)]
    spread = abs(high - low) / low
    verdict = "meets" if spread <= FLATNESS_TARGET else "MISSES"
    print(
        f"\nTime per added page from {min(sizes)} to {max(sizes)} pages changes by {spread:.0%} – "
        f"{verdict} the target of at most {FLATNESS_TARGET:.0%} (linear growth).\n"
    )


HOOKS_BLOCK = re.compile(r"^hooks:\n(?:[ \t]+.*\n|[ \t]*\n)*", flags=re.M)


def hooks_block(config_text: str) -> str:
    found = HOOKS_BLOCK.search(config_text)
    return found.group(0) if found else ""


def with_hooks(project: Path, hooks: list[str]) -> Path:
    """Rewrite the copy's mkdocs.yml so it lists only these hooks (none: no `hooks:` key)."""
    config = project / "mkdocs.yml"
    block = "hooks:\n" + "".join(f"  - {hook}\n" for hook in hooks) + "\n" if hooks else ""
    config.write_text(HOOKS_BLOCK.sub(block, config.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    return project


def add_synthetic_pages(project: Path, count: int, layout: str = "sections") -> None:
    """Add `count` article-like pages in nav sections of PAGES_PER_SECTION: new top-level
    sections, or sub-sections of one new top-level section."""
    sections: dict[int, list[str]] = {}
    for number in range(count):
        section = number // PAGES_PER_SECTION
        uri = f"bench/section-{section:02d}/page-{number:04d}.md"
        path = project / "docs" / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(synthetic_page(number), encoding="utf-8")
        sections.setdefault(section, []).append(uri)
    indent = "  " if layout == "sections" else "      "
    nav = "".join(
        f"{indent}- Bench {section:02d}:\n" + "".join(f"{indent}    - {uri}\n" for uri in uris)
        for section, uris in sections.items()
    )
    if layout == "subsections":
        nav = "  - Bench:\n" + nav
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
