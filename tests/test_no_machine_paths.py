"""No path of one machine in code, docs, tests or comments: paths are relative to the checkout (the corpus is
../shared/corpus, and its files are shipped in data/raw/); tests write under tmp_path.

A machine's own folders are its working trees, its scratch space and its users' homes: the top-level folders
named work, tmp, root and home. Paths that a package installs to (chromium, nginx, the Debian CJK font) and the
deployment's example layout under srv are the same on every server and are allowed.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MACHINE_PATH = re.compile(r"(?<![\w.~-])/(?:work|tmp|root|home)(?![\w-])")
NOT_OURS = (".git", ".venv", "node_modules", "artifacts", "__pycache__", ".pytest_cache", ".ruff_cache")


def checkout_files(root: Path) -> list[Path]:
    """The files of the checkout: what git tracks and what it would add (not what it ignores)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=root,
            capture_output=True,
            check=True,
        ).stdout.decode()
        return [root / name for name in listed.split("\0") if name and (root / name).is_file()]
    except (OSError, subprocess.CalledProcessError):  # a copy without git: every file but the tools' own
        return [p for p in root.rglob("*") if p.is_file() and not set(p.relative_to(root).parts) & set(NOT_OURS)]


def machine_paths(files: list[Path], root: Path) -> list[str]:
    found = []
    for path in files:
        data = path.read_bytes()
        if b"\0" in data:
            continue  # a binary file (PDF, Parquet, PNG)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if MACHINE_PATH.search(line):
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()[:160]}")
    return found


TOP = "/"  # the examples below are built, so that this file does not name a machine path itself


def test_the_pattern_finds_a_machine_path_and_nothing_else():
    for line in (
        f'default=Path("{TOP}tmp/synthetic")',
        f"see `{TOP}work/shared`",
        f"cd {TOP}root",
        f"{TOP}home/me",
        f"{TOP}tmp",
    ):
        assert MACHINE_PATH.search(line), line
    for line in ("tmp_path / 'x'", "/usr/bin/chromium", "https://example.org/home/work", "../shared/corpus", "a/tmp/b"):
        assert not MACHINE_PATH.search(line), line


def test_no_file_of_the_checkout_names_a_path_of_one_machine():
    files = checkout_files(ROOT)
    assert len(files) > 100 and ROOT / "README.md" in files  # the listing found the checkout
    found = machine_paths(files, ROOT)
    assert found == [], "paths of one machine (make them relative to the checkout):\n" + "\n".join(found)


def test_a_planted_machine_path_is_found(tmp_path: Path):
    (tmp_path / "script.py").write_text(f'CORPUS = "{TOP}work/shared/corpus"\n', encoding="utf-8")
    (tmp_path / "data.bin").write_bytes(f"\0{TOP}tmp/x".encode())
    assert machine_paths([tmp_path / "script.py", tmp_path / "data.bin"], tmp_path) == [
        f'script.py:1: CORPUS = "{TOP}work/shared/corpus"'
    ]
