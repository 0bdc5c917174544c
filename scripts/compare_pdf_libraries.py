"""Measure the PDF libraries we considered for the reader: speed, memory and table-finder fidelity.

Not part of the app or the tests (nothing imports it). It needs its own scratch virtualenv OUTSIDE the
repository, so the candidates never reach requirements.txt:

    python3 -m venv ../pdfcmp-venv
    ../pdfcmp-venv/bin/pip install pypdfium2==5.15.2 pdfplumber pymupdf camelot-py

Run it niced (the machine is shared). The full run took 14 min on 2 busy cores, mostly camelot and PyMuPDF's
layout-gated finder; use --only or --libs for a part:

    nice -n 10 <venv with the libraries>/bin/python scripts/compare_pdf_libraries.py \
        --corpus ../shared/corpus --out pdfcmp_results.json

A library that is not installed in the running interpreter is skipped with a printed note.
Options: --repeats N (default 3, the median is reported), --only words,lines,tables,fidelity,memory,
--libs pypdfium2,pdfplumber,pymupdf,camelot, --memory-doc SLUG.

What is timed, per library and document (each in a fresh worker process, the document opened inside
every timed run, the library imported before the clock starts):
  words   all pages: words (or characters) with their boxes
  lines   all pages: ruling lines / rectangles / path objects, where the library exposes them
  tables  all pages: the library's own table finder, tables extracted to text cells
fidelity  two known tables (below): the table finder's grid compared with what the page shows
memory    peak RSS (VmHWM) of a fresh process: after import, after words+lines, after the table finder
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

LIBS = ["pypdfium2", "pdfplumber", "pymupdf", "camelot"]
MODULE = {"pypdfium2": "pypdfium2", "pdfplumber": "pdfplumber", "pymupdf": "pymupdf", "camelot": "camelot"}
# task -> libraries that expose it ("tables_nolayout" is PyMuPDF's finder without its layout model)
TASKS = {
    "words": ["pypdfium2", "pdfplumber", "pymupdf"],
    "lines": ["pypdfium2", "pdfplumber", "pymupdf"],
    "tables": ["pdfplumber", "pymupdf", "camelot"],
    "tables_nolayout": ["pymupdf"],
}
DEFAULT_MEMORY_DOC = "jiangsu_jianchayuan_2018_bumen_yusuan"

# The two tables checked for fidelity, as the rendered pages show them.
FIDELITY = [
    {
        "name": "putuo_2024_p22_function_classification",
        "doc": "shanghai_putuo_wanlijiedao_2024_bumen_yusuan",
        "page": 22,
        "anchor": "专项普查活动",  # text that identifies the table among those found on the page
        "row_anchor": "专项普查活动",  # pypdfium2: the row whose words are placed into the rule grid
        "cols": 7,  # 类 款 项 | 功能分类科目名称 | 合计 基本支出 项目支出
        "rows": 16,  # 3 header rows + 13 data rows
        "header_labels": [
            "项目",
            "一般公共预算支出",
            "功能分类科目编码",
            "类",
            "款",
            "项",
            "功能分类科目名称",
            "合计",
            "基本支出",
            "项目支出",
        ],
        "data_rows": [
            ["201", "", "", "一般公共服务支出", "2,932,700", "0", "2,932,700"],
            ["201", "05", "07", "专项普查活动", "257,700", "0", "257,700"],
            ["201", "38", "02", "一般行政管理事务", "135,200", "0", "135,200"],
        ],
    },
    {
        "name": "jianchayuan_2018_p19_sangong",
        "doc": "jiangsu_jianchayuan_2018_bumen_yusuan",
        "page": 19,
        "anchor": "培训费",
        "row_anchor": "484.30",
        "cols": 9,  # 合计 | 三公: 小计 出国 车(小计 购置 运行维护) 接待 | 会议费 | 培训费
        "rows": 4,  # 3 header levels + 1 data row
        "header_labels": [
            "合计",
            "“三公”经费",
            "小计",
            "因公出国（境）费",
            "公务用车购置及运行维护费",
            "公务用车购置费",
            "公务用车运行维护费",
            "公务接待费",
            "会议费",
            "培训费",
        ],
        "data_rows": [["1,384.74", "484.30", "100.00", "267.80", "", "267.80", "116.50", "200.44", "700.00"]],
    },
]


def installed(lib: str) -> bool:
    return importlib.util.find_spec(MODULE.get(lib, lib)) is not None


def version(lib: str) -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    dist = {"pypdfium2": "pypdfium2", "pdfplumber": "pdfplumber", "pymupdf": "pymupdf", "camelot": "camelot-py"}[lib]
    try:
        text = dist_version(dist)
    except PackageNotFoundError:
        return "not installed"
    if lib == "pdfplumber":
        text += f" (pdfminer.six {dist_version('pdfminer.six')})"
    if lib == "pypdfium2":
        import pypdfium2.version as v

        text += f" (PDFium {v.PDFIUM_INFO})"
    if lib == "pymupdf":
        import pymupdf

        text += f" (MuPDF {pymupdf.mupdf_version})"
    if lib == "camelot":
        text += f" (playa-pdf {dist_version('playa-pdf')}, opencv {dist_version('opencv-python-headless')})"
    return text


def rss_mb() -> float:
    """Peak RSS of this process so far. VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent
    through fork+exec, so a worker would report the orchestrator's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: best effort


# ---------------------------------------------------------------------------------------------------------------
# pypdfium2: characters with boxes (grouped into words here, as our reader would) and path objects


def pdfium_page_words(textpage) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Characters with their (loose) boxes, joined into words at spaces, gaps over 1/4 em, and line changes."""
    import pypdfium2.raw as raw

    words: list[tuple[str, tuple[float, float, float, float]]] = []
    current, box0, last = "", None, None
    for i in range(textpage.count_chars()):
        ch = chr(raw.FPDFText_GetUnicode(textpage.raw, i))
        box = textpage.get_charbox(i, loose=True)  # advance x font size; tight boxes split "2,932" at the comma
        if ch.isspace() or (last and (box[0] - last[2] > 0.25 * (box[3] - box[1]) or abs(box[1] - last[1]) > 2)):
            if current:
                words.append((current, (box0[0], box0[1], last[2], last[3])))
            current = ""
        if not ch.isspace():
            if not current:
                box0 = box
            current += ch
            last = box
    if current:
        words.append((current, (box0[0], box0[1], last[2], last[3])))
    return words


def pdfium_words(path: str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    count = 0
    for page in pdf:
        textpage = page.get_textpage()
        count += len(pdfium_page_words(textpage))
        textpage.close()
        page.close()
    pdf.close()
    return count


def pdfium_rules(page) -> list[tuple[float, float, float, float]]:
    """Dark filled or stroked path objects thinner than 2pt: the ruling lines (white boxes are cell fills)."""
    import ctypes

    import pypdfium2.raw as raw

    rules = []
    for obj in page.get_objects(max_depth=3):
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = obj.get_bounds()
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        raw.FPDFPath_GetDrawMode(obj.raw, fill, stroke)
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        if stroke.value:
            raw.FPDFPageObj_GetStrokeColor(obj.raw, r, g, b, a)
        else:
            raw.FPDFPageObj_GetFillColor(obj.raw, r, g, b, a)
        if min(right - left, top - bottom) < 2 and (r.value + g.value + b.value) < 600:
            rules.append((left, bottom, right, top))
    return rules


def pdfium_lines(path: str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    count = 0
    for page in pdf:
        count += len(pdfium_rules(page))
        page.close()
    pdf.close()
    return count


def pdfium_lattice(path: str, page_no: int, anchor: str) -> dict:
    """No table finder: count the distinct rule positions around the anchor text (the grid our reader rebuilds)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    page = pdf[page_no - 1]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    at = text.find(anchor)
    _, low, _, high = textpage.get_charbox(at, loose=True)
    ay = (low + high) / 2
    rules = pdfium_rules(page)
    horizontal = [r for r in rules if r[2] - r[0] > r[3] - r[1]]
    vertical = [r for r in rules if r[2] - r[0] <= r[3] - r[1]]
    # the table = vertical rules whose vertical extent is connected to the one left of the anchor (same block)
    block = [v for v in vertical if v[1] - 1 <= ay <= v[3] + 1]
    bottom = min(v[1] for v in block)
    top = max(v[3] for v in block)
    changed = True
    while changed:  # grow the block through vertical rules that touch it (header rows above, rows below)
        changed = False
        for v in vertical:
            if v[3] >= bottom - 1 and v[1] <= top + 1 and (v[1] < bottom - 0.5 or v[3] > top + 0.5):
                bottom, top, changed = min(bottom, v[1]), max(top, v[3]), True
    inside_v = [v for v in vertical if v[1] >= bottom - 1 and v[3] <= top + 1]
    inside_h = [h for h in horizontal if bottom - 1 <= (h[1] + h[3]) / 2 <= top + 1]

    def distinct(values: list[float]) -> list[float]:
        out: list[float] = []
        for v in sorted(values):
            if not out or v - out[-1] > 1.5:
                out.append(v)
        return out

    xs = distinct([(v[0] + v[2]) / 2 for v in inside_v])
    ys = distinct([(h[1] + h[3]) / 2 for h in inside_h])
    # the anchor's row: each word placed in the column between two vertical rules
    row = [(w, box) for w, box in pdfium_page_words(textpage) if box[1] <= ay <= box[3]]
    cells = [(w, sum(1 for x in xs if x < (box[0] + box[2]) / 2)) for w, box in sorted(row, key=lambda r: r[1][0])]
    pdf.close()
    return {
        "x_rules": len(xs),
        "y_rules": len(ys),
        "cols": len(xs) - 1,
        "rows": len(ys) - 1,
        "anchor_row_words_by_column": cells,
    }


# ---------------------------------------------------------------------------------------------------------------
# pdfplumber (on pdfminer.six)


def plumber_words(path: str) -> int:
    import pdfplumber

    count = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            count += len(page.extract_words())
            page.close()
    return count


def plumber_lines(path: str) -> int:
    import pdfplumber

    count = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            count += len(page.lines) + len(page.rects) + len(page.curves)
            page.close()
    return count


def white(color) -> bool:
    if color is None:
        return False
    values = color if isinstance(color, list | tuple) else [color]
    return len(values) in (1, 3) and all(isinstance(v, int | float) and v >= 0.99 for v in values)


def plumber_tables(path: str, pages: list[int] | None = None, drop_white: bool = False) -> list[list[list[str | None]]]:
    """drop_white: remove white filled rectangles (cell backgrounds) first; the finder takes their edges for rules."""
    import pdfplumber

    found = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            if pages is None or page.page_number in pages:
                view = page
                if drop_white:
                    view = page.filter(
                        lambda o: not (o.get("object_type") == "rect" and white(o.get("non_stroking_color")))
                    )
                found.extend(table.extract() for table in view.find_tables())
            page.close()
    return found


# ---------------------------------------------------------------------------------------------------------------
# PyMuPDF


def mupdf_words(path: str) -> int:
    import pymupdf

    with pymupdf.open(path) as doc:
        return sum(len(page.get_text("words")) for page in doc)


def mupdf_lines(path: str) -> int:
    import pymupdf

    with pymupdf.open(path) as doc:
        return sum(len(page.get_drawings()) for page in doc)


def mupdf_tables(
    path: str, pages: list[int] | None = None, use_layout: bool = True, drop_white: bool = False
) -> list[list[list[str | None]]]:
    """use_layout: PyMuPDF 2's default, gated by its bundled ONNX layout model. drop_white: as for pdfplumber."""
    import pymupdf

    found = []
    with pymupdf.open(path) as doc:
        for page in doc:
            if pages is None or page.number + 1 in pages:
                paths = None
                if drop_white:
                    paths = [d for d in page.get_drawings() if not white(d.get("fill"))]
                finder = page.find_tables(use_layout=use_layout, paths=paths)
                found.extend(table.extract() for table in finder.tables)
    return found


# ---------------------------------------------------------------------------------------------------------------
# camelot (lattice: renders each page, finds the lines with OpenCV, fills cells from the PDF's text)


def camelot_tables(path: str, pages: list[int] | None = None) -> list[list[list[str | None]]]:
    import camelot

    spec = "all" if pages is None else ",".join(str(p) for p in pages)
    tables = camelot.read_pdf(path, pages=spec, flavor="lattice", suppress_stdout=True)
    return [table.df.values.tolist() for table in tables]


RUNNERS = {
    ("pypdfium2", "words"): pdfium_words,
    ("pypdfium2", "lines"): pdfium_lines,
    ("pdfplumber", "words"): plumber_words,
    ("pdfplumber", "lines"): plumber_lines,
    ("pdfplumber", "tables"): plumber_tables,
    ("pymupdf", "words"): mupdf_words,
    ("pymupdf", "lines"): mupdf_lines,
    ("pymupdf", "tables"): mupdf_tables,
    ("pymupdf", "tables_nolayout"): lambda path: mupdf_tables(path, use_layout=False),
    ("camelot", "tables"): camelot_tables,
}


def count(result) -> int:
    return result if isinstance(result, int) else len(result)


# ---------------------------------------------------------------------------------------------------------------
# fidelity


def norm(cell) -> str:
    return "".join(str(cell or "").split()).replace("(", "（").replace(")", "）").replace('"', "“")


def judge(tables: list[list[list[str | None]]], spec: dict) -> dict:
    """Compare the finder's table containing the anchor with the table the page shows."""
    match = [t for t in tables if any(spec["anchor"] in norm(c) for row in t for c in row)]
    if not match:
        return {"found": False, "tables_on_page": len(tables)}
    grid = [[norm(c) for c in row] for row in match[0]]
    cols = max(len(row) for row in grid)
    cells = [c for row in grid for c in row]
    labels = {label: label in cells for label in spec["header_labels"]}
    rows_ok = {}
    for want in spec["data_rows"]:
        rows_ok[" ".join(c or "·" for c in want)] = want in grid
    return {
        "found": True,
        "tables_on_page": len(tables),
        "rows": len(grid),
        "cols": cols,
        "rows_right": len(grid) == spec["rows"],
        "cols_right": cols == spec["cols"],
        "header_labels_whole": sum(labels.values()),
        "header_labels_total": len(labels),
        "header_labels_missing": [k for k, v in labels.items() if not v],
        "data_rows_exact": rows_ok,
        "grid": [[str(c) if c is not None else None for c in row] for row in match[0]],
    }


# ---------------------------------------------------------------------------------------------------------------
# worker (one library, one task, one document, in its own process)


def worker(lib: str, task: str, doc: str, repeats: int, page: int | None, anchor: str | None) -> dict:
    start = time.perf_counter()
    __import__(MODULE[lib])
    if lib == "camelot":
        import camelot.io  # noqa: F401
    imported = time.perf_counter() - start
    out: dict = {"lib": lib, "task": task, "doc": Path(doc).stem, "import_s": imported, "rss_import_mb": rss_mb()}
    if task == "fidelity":
        if lib == "pypdfium2":
            out["lattice"] = pdfium_lattice(doc, page, anchor)
            return out
        finders = {
            "pdfplumber": [
                ("tables", plumber_tables),
                ("tables_no_white_fills", lambda p, pages: plumber_tables(p, pages, drop_white=True)),
            ],
            "pymupdf": [
                ("tables", mupdf_tables),
                ("tables_nolayout", lambda p, pages: mupdf_tables(p, pages, use_layout=False)),
                ("tables_no_white_fills", lambda p, pages: mupdf_tables(p, pages, drop_white=True)),
            ],
            "camelot": [("tables", camelot_tables)],
        }
        out["finders"] = {name: fn(doc, pages=[page]) for name, fn in finders[lib]}
        return out
    if task == "memory_nolayout":  # PyMuPDF's finder without the layout model (the module is imported all the same)
        RUNNERS[(lib, "tables_nolayout")](doc)
        out["rss_tables_nolayout_mb"] = rss_mb()
        return out
    if task == "memory":
        if lib == "camelot":
            out["rss_read_mb"] = None
        else:
            RUNNERS[(lib, "words")](doc)
            RUNNERS[(lib, "lines")](doc)
            out["rss_read_mb"] = rss_mb()
        if (lib, "tables") in RUNNERS:
            RUNNERS[(lib, "tables")](doc)
            out["rss_tables_mb"] = rss_mb()
        return out
    times, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = RUNNERS[(lib, task)](doc)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    out.update(
        {
            "times_s": times,
            "median_s": statistics.median(times),
            "cpu_s": cpu,
            "median_cpu_s": statistics.median(cpu),
            "count": count(result),
        }
    )
    return out


def spawn(lib: str, task: str, doc: Path, repeats: int, page: int | None = None, anchor: str | None = None) -> dict:
    cmd = [sys.executable, __file__, "--worker", lib, task, str(doc), "--repeats", str(repeats)]
    if page is not None:
        cmd += ["--page", str(page), "--anchor", anchor]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"lib": lib, "task": task, "doc": doc.stem, "error": proc.stderr.strip().splitlines()[-1:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "raw")
    parser.add_argument("--out", type=Path, default=Path("pdfcmp_results.json"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", default="words,lines,tables,fidelity,memory")
    parser.add_argument("--libs", default=",".join(LIBS))
    parser.add_argument("--memory-doc", default=DEFAULT_MEMORY_DOC)
    parser.add_argument("--worker", nargs=3, metavar=("LIB", "TASK", "PDF"), help=argparse.SUPPRESS)
    parser.add_argument("--page", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--anchor", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        lib, task, doc = args.worker
        print(json.dumps(worker(lib, task, doc, args.repeats, args.page, args.anchor), ensure_ascii=False))
        return

    only = set(args.only.split(","))
    libs = []
    for lib in args.libs.split(","):
        if installed(lib):
            libs.append(lib)
        else:
            print(f"note: {lib} is not installed in {sys.executable}; skipped")
    docs = sorted(args.corpus.glob("*.pdf"))
    results: dict = {
        "date": time.strftime("%Y-%m-%d"),
        "python": sys.version.split()[0],
        "repeats": args.repeats,
        "versions": {lib: version(lib) for lib in libs},
        "timings": [],
        "fidelity": [],
        "memory": [],
    }
    print(json.dumps(results["versions"], ensure_ascii=False, indent=1))

    for task in ("words", "lines", "tables", "tables_nolayout"):
        if task.split("_")[0] not in only:
            continue
        for lib in libs:
            if lib not in TASKS[task]:
                continue
            for doc in docs:
                row = spawn(lib, task, doc, args.repeats)
                results["timings"].append(row)
                shown = f"{row['median_s']:.3f}s n={row['count']}" if "median_s" in row else row["error"]
                print(f"{task:16} {lib:11} {doc.stem:46} {shown}", flush=True)

    if "fidelity" in only:
        for spec in FIDELITY:
            doc = args.corpus / f"{spec['doc']}.pdf"
            for lib in libs:
                anchor = spec["row_anchor"] if lib == "pypdfium2" else spec["anchor"]
                row = spawn(lib, "fidelity", doc, 1, spec["page"], anchor)
                entry = {"table": spec["name"], "lib": lib}
                if "lattice" in row:
                    entry["pypdfium2_lattice"] = row["lattice"]
                elif "finders" in row:
                    entry["finders"] = {name: judge(tables, spec) for name, tables in row["finders"].items()}
                else:
                    entry["error"] = row.get("error")
                results["fidelity"].append(entry)
                summary = {
                    k: {x: v[x] for x in ("found", "rows", "cols", "header_labels_whole", "data_rows_exact") if x in v}
                    for k, v in entry.get("finders", {}).items()
                }
                print(
                    f"fidelity {spec['name']:42} {lib:11}",
                    json.dumps(summary or entry.get("pypdfium2_lattice") or entry.get("error"), ensure_ascii=False),
                    flush=True,
                )

    if "memory" in only:
        doc = args.corpus / f"{args.memory_doc}.pdf"
        for lib in libs:
            runs = [spawn(lib, "memory", doc, 1) for _ in range(args.repeats)]
            if (lib, "tables_nolayout") in RUNNERS:
                runs += [spawn(lib, "memory_nolayout", doc, 1) for _ in range(args.repeats)]
            runs = [r for r in runs if "error" not in r]
            if not runs:
                continue
            entry = {"lib": lib, "doc": doc.stem}
            for key in ("rss_import_mb", "rss_read_mb", "rss_tables_mb", "rss_tables_nolayout_mb", "import_s"):
                values = [r[key] for r in runs if r.get(key) is not None]
                entry[key] = statistics.median(values) if values else None
            results["memory"].append(entry)
            print("memory", json.dumps(entry), flush=True)

    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
