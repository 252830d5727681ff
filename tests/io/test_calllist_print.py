"""The printed call list as LibreOffice prints it: A4 landscape, one page wide, the header on every page.

PRODUCT §5.3 is about paper: a list that spills its last columns onto extra pages, or prints the header
only once, is useless at the desk. This converts a 120-row list to PDF with LibreOffice and reads the
pages back with poppler's ``pdftotext``/``pdfinfo``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from clinic_desktop.io.calllist_xlsx import PrintRow, write_call_list

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdftotext", "pdfinfo")),
    reason="LibreOffice and poppler-utils are not installed (.ci/run installs them)",
)

REASONS = ["洁牙已满6个月", "种植维护已满1年，建议复查", "肉毒素已满4个月"]


def _rows(n: int) -> list[PrintRow]:
    return [
        PrintRow(
            row_key=f"k{i:05d}",
            name=["张三", "欧阳娜娜", "李四", '=HYPERLINK("http://x","y")'][i % 4],
            phone=f"138{i:08d}",
            gender="F" if i % 2 else "M",
            age=20 + i % 50,
            stage="复购用户",
            ers="B 3.60",
            last_visit=date(2026, 5, 1),
            reason=REASONS[i % 3],
            script=f"您好，这里是阳光口腔。{REASONS[i % 3]}，本月可预约免费检查（第{i}位）。",
            last_contact=date(2026, 9, 1) if i % 5 else None,
        )
        for i in range(1, n + 1)
    ]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("print")
    xlsx = write_call_list(
        tmp / "list.xlsx", clinic="阳光口腔", kind_label="到期复诊", as_of=date(2026, 11, 20), rows=_rows(120)
    )
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp), str(xlsx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return tmp / "list.pdf"


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True).stdout
    return [page for page in text.decode().split("\f") if page.strip()]


def test_a4_landscape(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True).stdout.decode()
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())  # type: ignore[union-attr]
    assert (round(width), round(height)) == (842, 595)  # A4 landscape in points


def test_one_page_wide_with_the_header_on_every_page(pdf: Path) -> None:
    pages = _pages(pdf)
    assert len(pages) >= 3  # 120 rows: several pages down …
    for number, page in enumerate(pages, start=1):
        # … but every page carries the whole header row, first column to last: nothing spilt sideways
        for header in ("序号", "姓名", "电话", "原因", "结果", "备注"):
            assert header in page, f"page {number} lacks {header}"
        assert f"第{number}页/共{len(pages)}页" in "".join(page.split())  # the footer's page numbers
    everything = "".join(pages)
    assert all(f"138{i:08d}" in everything for i in range(1, 121))  # every row printed, in full


def test_hostile_text_prints_as_text(pdf: Path) -> None:
    assert "=HYPERLINK" in "".join(_pages(pdf))


def test_the_demo_clinics_recall_list_prints_on_five_pages(tmp_path: Path) -> None:
    """The recall script names each patient's treatments: printed once above the table (the rows say
    同上 and 原因 names the treatments), 143 patients of the demo clinic take 5 A4 pages — 16 when the
    script was printed on every row."""
    from clinic_desktop.services.calllists import build_list
    from clinic_desktop.services.calllists.export import save_and_export
    from clinic_desktop.services.database import open_database
    from clinic_desktop.services.demo import generate_demo
    from clinic_desktop.services.metrics import recompute

    as_of = date(2026, 11, 22)
    db = open_database(tmp_path / "demo.db")
    try:
        generate_demo(db, patients=2000, seed=1, as_of=as_of)
        recompute(db, as_of)
        built = build_list(db, "recall", as_of)
        xlsx = tmp_path / "recall.xlsx"
        save_and_export(db, built, xlsx)
    finally:
        db.close()
    assert len(built.rows) == 143
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(xlsx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pages = _pages(tmp_path / "recall.pdf")
    assert len(pages) <= 5
    text = "".join("".join(page.split()) for page in pages)
    assert "本名单通用" in text and "〔见“原因”〕" in text
    assert all(row.phone in text for row in built.rows if row.phone)  # every patient printed
