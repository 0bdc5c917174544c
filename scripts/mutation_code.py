"""How many changes to the code do the fast tests catch? Mutation testing with mutmut.

    nice -n 15 python3 scripts/mutation_code.py [--jobs 2] [--resume] [--sample N] [mutant name globs ...]
    python3 scripts/mutation_code.py --report      # the last run's figures again

mutmut changes one thing at a time in budgetlens/checks/, changes.py, project_queries.py and queries.py
(`==` to `!=`, `+` to `-`, a constant, a string, a dropped argument ...), runs the fast tests that
reach the changed function, and counts the change as killed when a test fails. The settings are
`[tool.mutmut]` in pyproject.toml; the results and why each survivor is acceptable are in
docs/MUTATION.md. It takes tens of minutes on two cores, so CI does not run it: re-measure when
those modules change a lot.

It works on a copy of the last commit in artifacts/mutation/ (mutmut writes its mutants beside
the code it runs), never in the working tree, with mutmut in its own venv
(artifacts/mutation-venv, from requirements-mutation.txt; made on first use). `--resume` keeps
the previous run's results and tests only functions that are new or changed; it also keeps the
test selection those results were measured with, since mutmut forgets every result when the
selection changes (`--reselect` takes the current one and so tests everything again); mutant name
globs (e.g. 'budgetlens.queries.*') run just those; `--sample N` runs N mutants of each module drawn at
random (seed 15) and reports on those alone. `--canonical` mutates only the rules on the canonical
path and the library's checks, with their own tests; `--readers` only the readers (pdf/ but ocr.py,
canonical/), with the tests that read the corpus and assert what its pages print (docs/MUTATION.md).
`--on-disk NAME ...` writes each named mutant into the
copy's source file and runs the tests on it: for code that runs when its module is imported, which
the forked runs have imported before a mutant is chosen (docs/MUTATION.md).

mutmut, not cosmic-ray: mutmut forks each mutant's test run from a process that has already
imported and collected the tests, and runs only the tests that executed the mutated function
(recorded in one run beforehand). cosmic-ray starts the whole test command again for every
mutant, about three seconds of imports (polars, streamlit) before the first test, and writes
each mutant into the source file itself. mutmut does not mutate module-level code (a constant
table such as a rule's description); see docs/MUTATION.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "artifacts" / "mutation"
VENV = ROOT / "artifacts" / "mutation-venv"
# The rules on the canonical path and the library's checks first: a mutant is counted under the first that holds it.
CANONICAL = (
    "budgetlens/checks/canonical.py",
    "budgetlens/checks/narrative.py",
    "budgetlens/checks/tables_agree.py",
    "budgetlens/checks/findings.py",
    "budgetlens/checks/across_documents.py",
)
CANONICAL_TESTS = [
    "tests/test_canonical_checks.py",
    "tests/test_narrative_arithmetic.py",
    "tests/test_narrative_rules.py",
    "tests/test_across_documents.py",
]
# The readers: every module of pdf/ and canonical/ but ocr.py (its tests, tests/test_ocr.py, run the OCR
# model for seconds a page) and the empty __init__.py files.
READERS = (
    "budgetlens/pdf/grid.py",
    "budgetlens/pdf/guard.py",
    "budgetlens/pdf/identity.py",
    "budgetlens/pdf/page.py",
    "budgetlens/pdf/tables.py",
    "budgetlens/canonical/document.py",
    "budgetlens/canonical/execution.py",
    "budgetlens/canonical/model.py",
    "budgetlens/canonical/narrative.py",
    "budgetlens/canonical/readers.py",
    "budgetlens/canonical/reading.py",
    "budgetlens/canonical/seed.py",
    "budgetlens/canonical/templates.py",
)
# The fast tests that read the corpus PDFs (and the text export) with the current code and assert values
# read off the rendered pages or the document's printed text. Not the test that compares a fresh ingest
# with the committed snapshots (it holds our own output, not the page's: docs/MUTATION.md), nor the
# browser, fuzz and OCR suites (slow).
READERS_TESTS = [
    "tests/test_pdf_fidelity.py",
    "tests/test_juesuan_fidelity.py",
    "tests/test_canonical.py",
    "tests/test_reading.py",
    "tests/test_pdf_layout.py",
    "tests/test_bad_pdf.py",
    # ocr_code_doubts (canonical/document.py) on snapshot tables marked as read by OCR: fast, no OCR run
    "tests/test_ocr.py::test_codes_read_right_raise_no_code_doubt",
    "tests/test_ocr.py::test_a_code_read_as_another_valid_code_is_a_reading_warning",
    "--deselect",
    "tests/test_canonical.py::test_every_shipped_pdf_ingests_and_its_snapshot_is_what_the_code_produces",
]
MODULES = (
    *CANONICAL,
    *READERS,
    "budgetlens/checks",
    "budgetlens/year_changes.py",
    "budgetlens/project_queries.py",
    "budgetlens/queries.py",
)
# mutmut's exit codes for a mutant (mutmut.stats.status_by_exit_code)
KILLED = {1, 3}
SURVIVED = {0}
TIMEOUT = {36, 24, -24, 152, 255}
NO_TESTS = {5, 33}
SAMPLE = WORK / "sample.txt"  # the mutants a sampled run tested, one name a line
SEED = 15
FIRST = "budgetlens.queries.x_percent__mutmut_1"  # one mutant to run so that mutmut generates the rest
FIRST_CANONICAL = "budgetlens.checks.findings.x_is_unit_slip__mutmut_1"
FIRST_READERS = "budgetlens.pdf.identity.x__lines__mutmut_1"


def commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()


def copy_commit(target: Path) -> None:
    """Write the last commit's files into `target`, leaving files whose bytes did not change untouched."""
    archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=ROOT, check=True, capture_output=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            data = tar.extractfile(member).read()
            path = target / member.name
            if path.is_file() and path.read_bytes() == data:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def mutation_venv() -> Path:
    """mutmut's venv, made or brought up to requirements-mutation.txt: its mutmut."""
    if not (VENV / "bin" / "python").exists():
        subprocess.run(["python3.11", "-m", "venv", str(VENV)], check=True)
    pip = [str(VENV / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", "requirements-mutation.txt"], cwd=ROOT, check=True)
    return VENV / "bin" / "mutmut"


def drop_plain_copies(mutants: Path) -> None:
    """mutmut copies the modules it does not mutate only when the copy is missing: drop them, so a
    resumed run imports the current ones."""
    for path in (mutants / "budgetlens").rglob("*.py"):
        if not path.with_name(path.name + ".meta").exists():
            path.unlink()


def module_of(path: str) -> str:
    return next((module for module in MODULES if path.startswith(module)), path)


def results(mutants: Path) -> dict[str, dict[str, int | None]]:
    """Source file -> mutant name -> mutmut's exit code for it (None: not tested yet)."""
    found = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
        source = str(meta.relative_to(mutants)).removesuffix(".meta")
        found[source] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return found


def status(code: int | None) -> str:
    if code in KILLED:
        return "killed"
    if code in SURVIVED:
        return "survived"
    if code in TIMEOUT:
        return "timeout"
    if code in NO_TESTS:
        return "no tests"
    return "not tested" if code is None else f"other ({code})"


def tests_selected() -> list[str]:
    """The test files of [tool.mutmut] (pyproject.toml)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    return config["pytest_add_cli_args_test_selection"]


def on_disk(mutmut: Path, names: list[str], environment: dict[str, str]) -> dict[str, str]:
    """Each mutant written into the copy's source and the selected tests run on it as they are: for
    functions that run when their module is imported (a rule table built by a factory), which
    mutmut's forked runs import before a mutant is chosen."""
    found = {}
    for name in names:
        copy_commit(WORK)  # the unmutated source back
        subprocess.run([str(mutmut), "apply", name], cwd=WORK, env=environment, check=True, capture_output=True)
        pytest = [str(VENV / "bin" / "python"), "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
        ran = subprocess.run([*pytest, *tests_selected()], cwd=WORK, env=environment, capture_output=True)
        found[name] = {0: "survived", 1: "killed"}.get(ran.returncode, f"exit {ran.returncode}")
        print(f"{found[name]:<9} {name}", flush=True)
    copy_commit(WORK)
    return found


def recorded_selection() -> str | None:
    """The test selection the copy's last run was made with, as written in its pyproject.toml."""
    config = WORK / "pyproject.toml"
    if not config.exists():
        return None
    text = config.read_text(encoding="utf-8")
    start = text.index("pytest_add_cli_args_test_selection = [")
    return text[start : text.index("]", start) + 1]


def only_these(modules: tuple[str, ...], tests: list[str], keep: str | None = None) -> str:
    """The copy's [tool.mutmut] set to mutate `modules` only and to run `tests` only (or the selection
    `keep`, as recorded)."""
    config = WORK / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    start = text.index("pytest_add_cli_args_test_selection = [")
    end = text.index("]", start) + 1
    listed = ", ".join(f'"{t}"' for t in tests)
    if keep is not None and keep != f"pytest_add_cli_args_test_selection = [{listed}]":
        print(f"kept the previous run's test selection (--reselect to take the current one): {keep}", flush=True)
        listed = keep.removeprefix("pytest_add_cli_args_test_selection = [").removesuffix("]")
    only = ", ".join(f'"{m}"' for m in modules)
    text = text[:start] + f"pytest_add_cli_args_test_selection = [{listed}]" + text[end:]
    start = text.index("only_mutate = [")
    end = text.index("]", start) + 1
    config.write_text(text[:start] + f"only_mutate = [{only}]" + text[end:], encoding="utf-8")
    return listed


def draw_sample(mutants: Path, per_module: int, modules: tuple[str, ...] = MODULES) -> list[str]:
    """`per_module` mutants of each module, drawn at random with a fixed seed (every module counted alike)."""
    by_module: dict[str, list[str]] = {}
    for source, codes in results(mutants).items():
        by_module.setdefault(module_of(source), []).extend(codes)
    chosen = []
    for module in modules:
        names = sorted(by_module.get(module, []))
        chosen += random.Random(SEED).sample(names, min(per_module, len(names)))
    return chosen


def report(mutants: Path) -> int:
    by_file = results(mutants)
    if not by_file:
        print("no results yet: run without --report first", file=sys.stderr)
        return 1
    if SAMPLE.exists():
        sampled = set(SAMPLE.read_text(encoding="utf-8").split())
        by_file = {source: {n: c for n, c in codes.items() if n in sampled} for source, codes in by_file.items()}
        print(f"a sample: {len(sampled)} mutants drawn at random (seed {SEED}), the same number from each module")
    counts: dict[str, Counter] = {}
    survivors: list[str] = []
    for source, codes in by_file.items():
        counter = counts.setdefault(module_of(source), Counter())
        for name, code in codes.items():
            counter[status(code)] += 1
            if status(code) != "killed":
                survivors.append(f"{status(code):<10} {name}")
    print(f"{'module':<26}{'killed':>8}{'total':>7}{'score':>8}  other")
    everything: Counter = Counter()
    for module in MODULES:
        counter = counts.get(module, Counter())
        everything += counter
        total = sum(counter.values())
        if not total:
            continue
        # a timeout is the test run stopped by the mutant (an endless loop): it counts as caught
        caught = counter["killed"] + counter["timeout"]
        other = ", ".join(f"{n} {s}" for s, n in sorted(counter.items()) if s not in ("killed",))
        print(f"{module:<26}{caught:>8}{total:>7}{caught / total if total else 0:>8.1%}  {other}")
    total = sum(everything.values())
    caught = everything["killed"] + everything["timeout"]
    print(f"{'all':<26}{caught:>8}{total:>7}{caught / total if total else 0:>8.1%}")
    print(f"\n{len(survivors)} not killed (see one with: cd {WORK.relative_to(ROOT)} && mutmut show NAME):")
    print("\n".join(sorted(survivors)))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="mutant name globs, e.g. 'budgetlens.queries.*' (default: all)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once")
    parser.add_argument("--resume", action="store_true", help="keep the previous run's results")
    parser.add_argument("--report", action="store_true", help="print the last run's figures and stop")
    parser.add_argument("--sample", type=int, metavar="N", help="test N mutants of each module, drawn at random")
    parser.add_argument(
        "--on-disk",
        action="store_true",
        help="write each named mutant into the copy's source and run the tests on it (import-time code)",
    )
    parser.add_argument(
        "--canonical",
        action="store_true",
        help="the rules on the canonical path and the library's checks only, with their own tests (fast)",
    )
    parser.add_argument(
        "--readers",
        action="store_true",
        help="the readers (pdf/ but ocr.py, canonical/) only, with the tests that read the corpus (docs/MUTATION.md)",
    )
    parser.add_argument(
        "--reselect",
        action="store_true",
        help="with --resume: take the current test selection; mutmut then forgets every result and tests all again",
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="TEST",
        help="leave out a test that fails at this commit for reasons of its own (mutmut needs a green run; say so)",
    )
    args = parser.parse_args(argv)
    mutants = WORK / "mutants"
    if args.report:
        return report(mutants)
    mutmut = mutation_venv()
    # rich (a mutmut dependency) would make streamlit print rich tracebacks: seconds of CPU for each
    # mutant that makes a page raise, in a module that mutmut has grown to thousands of lines
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "STREAMLIT_LOGGER_ENABLE_RICH": "false"}
    if args.on_disk:
        found = on_disk(mutmut, args.names, environment)
        print(f"{sum(v == 'killed' for v in found.values())} of {len(found)} killed")
        return 0
    if not args.resume and WORK.exists():
        shutil.rmtree(WORK)
    # mutmut forgets every recorded result when the test selection changes: a resumed run keeps the one
    # its results were measured with, unless told otherwise
    keep = recorded_selection() if args.resume and not args.reselect else None
    WORK.mkdir(parents=True, exist_ok=True)
    copy_commit(WORK)
    if mutants.exists():
        drop_plain_copies(mutants)
    if args.canonical:
        selection = only_these(CANONICAL, CANONICAL_TESTS, keep)
        print(f"canonical rules only, tested by {selection}", flush=True)
    if args.readers:
        selection = only_these(READERS, READERS_TESTS, keep)
        print(f"the readers only, tested by {selection}", flush=True)
    if args.skip:
        config = WORK / "pyproject.toml"
        skipped = "".join(f'  "--deselect", "{test}",\n' for test in args.skip)
        text = config.read_text(encoding="utf-8")
        selection = "pytest_add_cli_args_test_selection = [\n"
        config.write_text(text.replace(selection, selection + skipped, 1), encoding="utf-8")
        print(f"left out: {', '.join(args.skip)}", flush=True)
    print(f"mutating commit {commit()[:12]} in {WORK.relative_to(ROOT)}", flush=True)
    command = [str(mutmut), "run", "--max-children", str(args.jobs)]
    names = args.names
    if not args.resume:
        SAMPLE.unlink(missing_ok=True)  # a resumed run keeps reporting on the sample it continues
    if args.sample:
        if not results(mutants):
            first = FIRST_CANONICAL if args.canonical else FIRST_READERS if args.readers else FIRST
            subprocess.run([*command, first], cwd=WORK, env=environment, check=True)
        modules = CANONICAL if args.canonical else READERS if args.readers else MODULES
        names = draw_sample(mutants, args.sample, modules)
        SAMPLE.write_text("\n".join(names) + "\n", encoding="utf-8")
    finished = subprocess.run([*command, *names], cwd=WORK, env=environment)
    if finished.returncode:
        print(f"mutmut stopped with exit code {finished.returncode}", file=sys.stderr)
    return report(mutants) or finished.returncode


if __name__ == "__main__":
    sys.exit(main())
