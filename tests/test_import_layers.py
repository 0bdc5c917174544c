"""One way only: no chain of imports runs from the rules, the queries or the dashboard to a reader.

The readers are `budgetlens/ingest/` (the text export) and `budgetlens/pdf/` (published PDFs). After
ingest everything reads the snapshot: the rules (`budgetlens/checks/`), the queries and the face (app.py,
pages/, components/) import neither a reader nor anything that imports one, directly or through a chain,
including imports written inside functions. The layers are listed in docs/ARCHITECTURE.md ("Layers").

The graph is read from the source text (ast), not by importing, so a chain is found whether or not the
import would run in a given test.
"""

from __future__ import annotations

import ast
from collections import deque
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARCHITECTURE = ROOT / "docs" / "ARCHITECTURE.md"

READERS = ("budgetlens.ingest", "budgetlens.pdf")
# The ingest side: the modules that read a document, or run an ingest, and so may import a reader. Every
# other module of the package is on the read side (a new module is, unless it is added here).
INGEST_SIDE = (
    "budgetlens.__main__",  # the command line: ingest, check, brief
    "budgetlens.pipeline",  # one document: read (either format), check, write the snapshot
    "budgetlens.library",  # the folder: discover and pair the files, ingest them, write the catalogue
    "budgetlens.canonical.document",  # a PDF's tables, narrative and identity into the canonical tables
    "budgetlens.canonical.readers",
    "budgetlens.canonical.reading",
    "budgetlens.canonical.narrative",
    "budgetlens.canonical.execution",
    "budgetlens.canonical.seed",  # the text export's schedules into the canonical tables
)
# The queries: pure functions over a snapshot or the catalogue, which pages call (named in the rule).
QUERIES = (
    "budgetlens.overview_queries",
    "budgetlens.project_queries",
    "budgetlens.year_changes",
    "budgetlens.canonical_queries",
    "budgetlens.library_queries",
    "budgetlens.brief",
)


def module_files(root: Path) -> dict[str, Path]:
    """Every module of the package and the app under `root`, by its dotted name."""
    files = [*root.glob("budgetlens/**/*.py"), *root.glob("components/*.py"), *root.glob("pages/*.py")]
    if (root / "app.py").is_file():
        files.append(root / "app.py")
    modules = {}
    for path in files:
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def imported(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of ours that importing `name` runs: every `import` and `from … import` in the file (at any
    depth, inside functions too), with the packages on the way (importing a.b.c runs a/__init__ and a/b/__init__)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            targets.add(source)
            targets.update(f"{source}.{alias.name}" for alias in node.names)  # `from pkg import module`
    found: set[str] = set()
    for target in targets:
        parts = target.split(".")
        found.update(".".join(parts[:n]) for n in range(1, len(parts) + 1) if ".".join(parts[:n]) in modules)
    found.discard(name)
    return found


def is_reader(name: str) -> bool:
    return any(name == r or name.startswith(r + ".") for r in READERS)


def chains_to_readers(root: Path, starts: list[str]) -> dict[str, list[str]]:
    """For each start module that reaches a reader: one shortest chain of imports from it to the reader."""
    modules = module_files(root)
    graph = {name: imported(name, path, modules) for name, path in modules.items()}
    chains: dict[str, list[str]] = {}
    for start in starts:
        came_from: dict[str, str | None] = {start: None}
        queue = deque([start])
        while queue:
            current = queue.popleft()
            if is_reader(current):
                chain = [current]
                while (before := came_from[chain[-1]]) is not None:
                    chain.append(before)
                chains[start] = chain[::-1]
                break
            for following in sorted(graph.get(current, ())):
                if following not in came_from:
                    came_from[following] = current
                    queue.append(following)
    return chains


def read_side(root: Path) -> list[str]:
    """Every module that must not reach a reader: the rules, the queries, the face, and every other module of
    the package that is neither a reader nor on the ingest side."""
    return sorted(name for name in module_files(root) if not is_reader(name) and name not in INGEST_SIDE)


def test_the_layers_name_modules_that_exist():
    modules = module_files(ROOT)
    assert [m for m in (*INGEST_SIDE, *QUERIES) if m not in modules] == []
    assert not set(INGEST_SIDE) & set(QUERIES)


def test_the_rules_the_queries_and_the_face_are_all_held_to_the_rule():
    starts = set(read_side(ROOT))
    modules = module_files(ROOT)
    face = [m for m in modules if m == "app" or m.startswith(("pages.", "components."))]
    rules = [m for m in modules if m == "budgetlens.checks" or m.startswith("budgetlens.checks.")]
    assert len(face) > 20 and len(rules) > 10  # the walk found the files
    assert [m for m in (*face, *rules, *QUERIES) if m not in starts] == []


def test_no_chain_of_imports_runs_from_the_read_side_to_a_reader():
    chains = chains_to_readers(ROOT, read_side(ROOT))
    shown = "\n".join(f"{start}: {' → '.join(chain)}" for start, chain in sorted(chains.items()))
    if chains:
        pytest.fail(f"{len(chains)} modules of the read side reach a reader:\n{shown}", pytrace=False)


def test_docs_list_the_layers():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    for name in (*INGEST_SIDE, *QUERIES):
        path = name.replace(".", "/") + ".py"
        assert f"`{path}`" in section, f"docs/ARCHITECTURE.md's Layers section does not name {path}"


@pytest.fixture
def tiny_tree(tmp_path: Path) -> Path:
    """A package with a chain hidden inside a function and behind a relative import."""
    files = {
        "budgetlens/__init__.py": "",
        "budgetlens/pdf/__init__.py": "",
        "budgetlens/pdf/page.py": "X = 1\n",
        "budgetlens/words.py": "def later():\n    from .pdf import page\n    return page\n",
        "budgetlens/checks/__init__.py": "",
        "budgetlens/checks/rule.py": "from budgetlens import words\n",
        "budgetlens/checks/clean.py": "import budgetlens.checks\n",
        "pages/overview.py": "from budgetlens.checks import rule\n",
        "components/ui.py": "import polars\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_walk_finds_a_chain_through_a_function_and_a_relative_import(tiny_tree: Path):
    chains = chains_to_readers(tiny_tree, read_side(tiny_tree))
    assert chains == {
        "budgetlens.checks.rule": ["budgetlens.checks.rule", "budgetlens.words", "budgetlens.pdf"],
        "budgetlens.words": ["budgetlens.words", "budgetlens.pdf"],
        "pages.overview": ["pages.overview", "budgetlens.checks.rule", "budgetlens.words", "budgetlens.pdf"],
    }
