"""The README's picture of report.pdf: the cover, the contents and the page with 表1, side by side.

Usage: python scripts/make_pdf_picture.py outputs/nanyue-swd/2024/report.pdf docs/images/report-pdf.png
Pages are rasterised by pdftoppm (Debian's poppler-utils: apt-get install poppler-utils), a documentation
tool only: neither the run nor the tests need it.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

DPI = 60
GAP_PX = 16


def table_1_page(pdf: Path) -> int:
    """The number (from 1) of the page where 表1 starts."""
    return next(n for n, page in enumerate(PdfReader(pdf).pages, start=1) if "表1" in page.extract_text() and n > 2)


def write_picture(pdf: Path, picture: Path) -> Path:
    """Rasterise pages 1, 2 and 表1's page of ``pdf`` and write them side by side on a grey ground to ``picture``."""
    with tempfile.TemporaryDirectory() as scratch:
        pages = []
        for number in (1, 2, table_1_page(pdf)):
            stem = Path(scratch) / f"page-{number}"
            subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", "-f", str(number), "-l", str(number), str(pdf), str(stem)], check=True)
            pages.append(Image.open(stem.with_suffix(".png")).convert("RGB"))
    width, height = pages[0].size
    sheet = Image.new("RGB", (len(pages) * width + (len(pages) + 1) * GAP_PX, height + 2 * GAP_PX), "#9a9a9a")
    for index, page in enumerate(pages):
        sheet.paste(page, (GAP_PX + index * (width + GAP_PX), GAP_PX))
    sheet.quantize(256).save(picture, optimize=True)
    return picture


if __name__ == "__main__":
    write_picture(Path(sys.argv[1]), Path(sys.argv[2]))
