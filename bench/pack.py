"""Benchmark: render an 80-page members' pack as HTML + tagged PDF (typst), against the same
content's HTML rendered to PDF by WeasyPrint, in the same run. Prints times and the ratio.

    make bench        (or: .venv/bin/python bench/pack.py)

Target (issue 3): at least 10 times faster than WeasyPrint, and about a second or less on a
2-core machine. This is a measurement, not a test: it asserts nothing.
"""

from __future__ import annotations

import copy
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

# Run as a script, Python puts bench/ first on the path, where bench/http.py would shadow the
# standard library's http; the project root goes there instead (`make bench` runs -m).
if sys.path and os.path.dirname(os.path.abspath(__file__)) == os.path.abspath(sys.path[0]):
    sys.path[0] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minuted.settings")
os.environ.setdefault("DEBUG", "true")

from pypdf import PdfReader  # noqa: E402

from minuted.rendering.html import document_html  # noqa: E402
from minuted.rendering.pdf import render_pack_pdf  # noqa: E402
from minuted.rendering.tests.sample import large_document  # noqa: E402

TARGET_PAGES = 80


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """Median wall time of ``runs`` calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def build_document() -> dict[str, Any]:
    copies = 1
    while True:
        document = large_document(copies)
        count = pages(render_pack_pdf(document))
        if count >= TARGET_PAGES:
            return document
        copies += max(1, (TARGET_PAGES - count) // max(count // copies, 1))


def vary(document: dict[str, Any], run: int) -> dict[str, Any]:
    fresh = copy.deepcopy(document)
    fresh["title"] = f"{document['title']} (run {run})"
    for report in fresh["reports"]:
        for section in report.get("sections", []):
            for paragraph in section["paragraphs"]:
                for block in paragraph["blocks"]:
                    if block.get("type") == "paragraph" and block["inlines"]:
                        block["inlines"][0]["text"] = f"[{run}] " + block["inlines"][0]["text"]
    return fresh


def main() -> int:
    try:
        from weasyprint import HTML
    except ImportError:
        print("WeasyPrint is missing: run `make bench`, which installs the bench group.")
        return 1
    document = build_document()
    html = document_html(document)

    runs = iter(range(1_000_000))

    def minuted() -> bytes:
        # Every paragraph differs from run to run, so typst's incremental cache cannot answer
        # for any page: each run is a cold layout, as publishing a new pack is.
        fresh = vary(document, next(runs))
        document_html(fresh)
        return render_pack_pdf(fresh)

    def weasyprint() -> bytes:
        return HTML(string=html).write_pdf()

    minuted()  # warm the font cache, as a running server would have
    ours, our_pdf = timed(minuted, runs=5)
    theirs, their_pdf = timed(weasyprint, runs=3)
    print(f"members' pack: {len(document['reports'])} reports")
    print(f"typst  (HTML + tagged PDF): {ours:6.3f} s  {pages(our_pdf):4d} pages (median of 5)")
    print(f"WeasyPrint (HTML to PDF):   {theirs:6.3f} s  {pages(their_pdf):4d} pages (median of 3)")
    per_page = (theirs / pages(their_pdf)) / (ours / pages(our_pdf))
    print(f"ratio: typst is {theirs / ours:.1f} times faster ({per_page:.1f} times per page)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
