"""RapidOCR against Tesseract on our own table pages: how many printed amounts each reads exactly, and its CPU time.

For two table pages of every shipped PDF, the amounts printed on the page (its text layer: every token like
1,234.56 or 0.95) are compared, as a multiset, with the amount tokens each engine reads from the page
rendered to an image. Tesseract (Debian tesseract-ocr + tesseract-ocr-chi-sim, run as a command with one
thread) reads the page at 150 and at 300 dpi with the ruling lines removed first (with the lines it reads
table pages as noise); RapidOCR reads it as the ingest does (budgetlens/pdf/ocr.py). docs/OCR.md has the figures.

    .venv/bin/python scripts/compare_ocr_engines.py [FILE.pdf …]
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from budgetlens.canonical.document import read_pdf_document  # noqa: E402
from budgetlens.pdf import ocr  # noqa: E402
from budgetlens.pdf.page import read_page, text_lines  # noqa: E402

# Amounts with two decimals; no look-around, as two right-aligned cells may join ("22,186,440.8016,093,326.00").
AMOUNT_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+\.\d{2}|\d+\.\d{2}")
PAGES_PER_FILE = 2


def tokens(text: str) -> Counter:
    return Counter(AMOUNT_TOKEN.findall(text.replace(" ", "")))


def table_pages(path: Path) -> list[int]:
    read = read_pdf_document([path], path.stem)
    pages: list[int] = []
    for name in ("expenditure_by_function", "basic_by_economic"):
        pages += [p for p in read.tables[name]["page"].unique().sort().to_list() if p is not None]
    return sorted(set(pages))[:PAGES_PER_FILE]


def without_lines(gray: np.ndarray, dpi: int) -> np.ndarray:
    ink = (gray < ocr.INK_LEVEL).astype(np.uint8)
    length = round(ocr.RULE_MIN_LENGTH_PT * dpi / 72)
    lines = ocr._long_runs(ink, length, horizontal=True) | ocr._long_runs(ink, length, horizontal=False)
    cleaned = gray.copy()
    cleaned[cv2.dilate(lines, np.ones((3, 3), np.uint8)) > 0] = 255
    return cleaned


def tesseract(gray: np.ndarray, folder: Path) -> tuple[str, float]:
    image = folder / "page.png"
    cv2.imwrite(str(image), gray)
    before = os.times()
    result = subprocess.run(
        ["tesseract", str(image), "stdout", "-l", "chi_sim", "--psm", "6"],
        capture_output=True,
        text=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        check=False,
    )
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return result.stdout, cpu


def rapid(gray: np.ndarray, width: float, height: float) -> tuple[str, float]:
    start = time.process_time()
    page = ocr.page_from_image(gray, 1, width, height)
    cpu = time.process_time() - start
    return "\n".join(line.text for line in text_lines(page.chars)), cpu


def main() -> None:
    names = sys.argv[1:]  # file names in data/raw/ (default: every PDF)
    have_tesseract = shutil.which("tesseract") is not None
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; tesseract: {have_tesseract}")
    ocr.engine()  # loaded once, outside the timing
    totals: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for path in sorted((ROOT / "data" / "raw").glob("*.pdf")):
            if names and path.name not in names:
                continue
            document = pdfium.PdfDocument(path)
            for number in table_pages(path):
                expected = tokens("\n".join(line.text for line in text_lines(read_page(document, number - 1).chars)))
                runs: dict[str, tuple[str, float]] = {}
                gray150, width, height = ocr.render_gray(document, number - 1, 150)
                runs["rapidocr 150 dpi"] = rapid(gray150, width, height)
                if have_tesseract:
                    runs["tesseract 150 dpi, lines removed"] = tesseract(without_lines(gray150, 150), Path(folder))
                    gray300, _, _ = ocr.render_gray(document, number - 1, 300)
                    runs["tesseract 300 dpi, lines removed"] = tesseract(without_lines(gray300, 300), Path(folder))
                for engine, (text, cpu) in runs.items():
                    found = tokens(text)
                    right = sum((found & expected).values())
                    wrong = sum((found - expected).values())
                    total = totals.setdefault(engine, [0, 0, 0, 0.0, 0])
                    total[0] += right
                    total[1] += sum(expected.values())
                    total[2] += wrong
                    total[3] += cpu
                    total[4] += 1
                    print(
                        f"{path.stem[:40]:<40} p{number:<3} {engine:<34} amounts {right}/{sum(expected.values())} "
                        f"wrong {wrong} cpu {cpu:.2f} s",
                        flush=True,
                    )
            document.close()
    print()
    print("| engine | amounts read exactly | amounts read wrong | CPU s/page |")
    print("| --- | --- | --- | --- |")
    for engine, (right, expected, wrong, cpu, pages) in totals.items():
        share = 100 * right / max(expected, 1)
        print(f"| {engine} | {right}/{expected} ({share:.1f} %) | {wrong} | {cpu / pages:.2f} |")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
