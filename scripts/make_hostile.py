#!/usr/bin/env python3
"""Generator of the hostile-input corpus: what an attacker or a careless clerk feeds the suite.

Each case is a folder under the output folder, built from the small sample
department of ``tests/corpus/clean/nanyue-swd`` (or, for ``jixiao check``,
from the test reports of ``tests/check_reports/``) with one hostile change:

* personal data typed in other forms (full-width digits, dots, ``＠``, an ID
  ending in ``Ｘ``, a caller's name) into every kind of kept text;
* rows with cells missing or added, so the rest would shift into the wrong columns;
* a few bytes that ask for a lot: YAML aliases of aliases and deep nesting, a
  million-column header, over-long cells, an .xlsx or .docx zip bomb, many bad
  rows, placeholders that compute huge numbers or loop without end, a 50 MB
  report, HTML nested 1000 deep;
* outputs aimed at inputs (``check --csv`` onto a ledger, ``--html`` onto the
  report), a symlinked processed folder that leads into the ledgers, a
  narrative linked from outside the data folder, an empty output folder.

Usage::

    python scripts/make_hostile.py --out DIR [CASE ...]

Nothing is committed: ``tests/test_hostile.py`` runs this script into a
temporary folder (some cases are megabytes, the zip bombs are better not kept
in a repository). What each case must do, the command that runs it and its
time bound are written by hand in ``tests/hostile/cases.yaml``. This script
does not import the ``analysis`` package.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE = REPO_ROOT / "tests" / "corpus" / "clean" / "nanyue-swd"
REPORTS = REPO_ROOT / "tests" / "check_reports"
DEPT = "nanyue-swd"
ZIP_TIME = (2025, 1, 1, 0, 0, 0)

CASES: dict[str, Callable[[Path], None]] = {}


def case(function: Callable[[Path], None]) -> Callable[[Path], None]:
    """Register a case builder under its function's name."""
    CASES[function.__name__] = function
    return function


# ---------------------------------------------------------------- helpers


def department(case_dir: Path) -> Path:
    """A copy of the small sample department under case_dir/raw/; its folder."""
    target = case_dir / "raw" / DEPT
    shutil.copytree(SOURCE, target)
    return target


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a UTF-8 CSV."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def write_table(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Write a UTF-8 CSV with \\n line ends (rows may be of any length)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def edit_table(path: Path, change: Callable[[list[str], list[list[str]]], None]) -> None:
    """Read a CSV, let ``change`` edit its header and rows in place, write it back."""
    header, rows = read_table(path)
    change(header, rows)
    write_table(path, header, rows)


def set_cell(header: list[str], row: list[str], column: str, value: str) -> None:
    """Set one cell of a row by its column name."""
    row[header.index(column)] = value


def write_narrative_section(year_dir: Path, text: str) -> None:
    """Append ``text`` to the 绩效情况 section of the year's narrative.md."""
    path = year_dir / "narrative.md"
    narrative = path.read_text(encoding="utf-8")
    narrative = narrative.replace("## 存在的问题", f"{text}\n\n## 存在的问题", 1)
    path.write_text(narrative, encoding="utf-8")


def fixed_zip(path: Path, members: dict[str, bytes]) -> None:
    """A zip with fixed member times, deflated at the highest level."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def excel_book(header: list[str], rows: list[list[str]]) -> Workbook:
    """A workbook whose first sheet holds ``header`` and ``rows``."""
    book = Workbook()
    book.active.title = "expenditure"
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    return book


def save_excel(book: Workbook, replaced: Path) -> None:
    """Save ``book`` as the .xlsx of the ledger ``replaced`` (a CSV, which is removed)."""
    replaced.unlink()
    book.save(replaced.with_suffix(".xlsx"))


def test_reports_text(min_lines: int) -> str:
    """The plain-text test reports, repeated until the text has at least ``min_lines`` lines."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPORTS.glob("*.md"))]
    lines: list[str] = []
    while len(lines) < min_lines:
        for text in texts:
            lines.extend(text.splitlines())
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- personal data


@case
def personal_every_form(case_dir: Path) -> None:
    """Phone, e-mail, ID and names in their other written forms, in every kind of kept text (a whole run)."""
    root = department(case_dir)
    year = root / "2024"

    def expenditure(header: list[str], rows: list[list[str]]) -> None:
        set_cell(header, rows[0], "summary", "报销 139.1234.5603 经办欧阳测试")
        set_cell(header, rows[1], "econ_name", "办公费１３９１２３４５６０２")
        set_cell(header, rows[2], "voucher_id", "记-13912345604")
        for row in rows:  # the project's name, as the report shows it
            if row[header.index("project")] == "信访维稳经费":
                set_cell(header, row, "project", "信访维稳经费（联系139/1234/5607）")

    def budget(header: list[str], rows: list[list[str]]) -> None:
        for row in rows:
            if row[header.index("project")] == "信访维稳经费":
                set_cell(header, row, "project", "信访维稳经费（联系139/1234/5607）")

    def hotline(header: list[str], rows: list[list[str]]) -> None:
        header.append("caller_name")
        for row in rows:
            row.append("诸葛来电")
        set_cell(header, rows[0], "topic", "物业管理（诸葛来电反映）")
        assigned = next(row for row in rows if row[header.index("handling")] == "交办")
        set_cell(header, assigned, "assigned_unit", "区住建局 zhang.wei＠example.com")
        set_cell(header, rows[1], "order_id", "NY13912345608")

    def petitions(header: list[str], rows: list[list[str]]) -> None:
        for row in rows:
            set_cell(header, row, "petitioner_name", "欧阳测试")
        set_cell(header, rows[0], "issue_type", "征地拆迁４３００００１９５５０４１９１０６Ｘ")
        set_cell(header, rows[1], "case_id", "XF430000199001011238")

    def volunteer(header: list[str], rows: list[list[str]]) -> None:
        set_cell(header, rows[0], "name", "志愿服务（报名电话139 1234 5605）")

    for name, change in (
        ("expenditure", expenditure),
        ("budget", budget),
        ("hotline_orders", hotline),
        ("petitions", petitions),
        ("volunteer_events", volunteer),
    ):
        edit_table(year / f"{name}.csv", change)


@case
def personal_in_petition_form(case_dir: Path) -> None:
    """信访形式 is a fixed list: a phone typed there is an error, and the message hides the phone."""
    root = department(case_dir)
    edit_table(root / "2024" / "petitions.csv", lambda header, rows: set_cell(header, rows[2], "form", "来访13912345606"))


@case
def personal_trace_in_summary(case_dir: Path) -> None:
    """A name after 联系人 cannot be told from ordinary words by a pattern: validation warns, without quoting it."""
    root = department(case_dir)
    edit_table(root / "2024" / "expenditure.csv", lambda header, rows: set_cell(header, rows[0], "summary", "联系人王小明报销"))


# ---------------------------------------------------------------- rows that do not line up


@case
def hotline_row_missing_cells(case_dir: Path) -> None:
    """A hotline row without two cells in its middle: its complaint and phone would land in other columns."""
    root = department(case_dir)

    def change(header: list[str], rows: list[list[str]]) -> None:
        row = rows[3]  # Excel row 5
        del row[header.index("assigned_unit")]
        del row[header.index("status") - 1]
        row[-2:] = ["投诉邻居噪音扰民", "13912345609"]

    edit_table(root / "2024" / "hotline_orders.csv", change)


@case
def petitions_row_missing_issue_type(case_dir: Path) -> None:
    """A petitions row without its issue_type cell: the petitioner's name would land in issue_type."""
    root = department(case_dir)

    def change(header: list[str], rows: list[list[str]]) -> None:
        row = rows[0]  # Excel row 2
        del row[header.index("issue_type")]
        row[header.index("petitioner_name") - 1] = "上官错位"

    edit_table(root / "2024" / "petitions.csv", change)


@case
def expenditure_row_extra_cells(case_dir: Path) -> None:
    """An expenditure row with two cells beyond the header."""
    root = department(case_dir)
    edit_table(root / "2024" / "expenditure.csv", lambda header, rows: rows[5].extend(["多余", "13912345610"]))


# ---------------------------------------------------------------- a few bytes that ask for a lot


@case
def yaml_billion_laughs(case_dir: Path) -> None:
    """department.yaml of nested anchors, under 2 KB, that expands to about 400 million strings."""
    root = department(case_dir)
    lines = ["name: 某某部门", 'a0: &a0 ["哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    lines.append("functions: *a9")
    (root / "department.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@case
def yaml_nested_1000(case_dir: Path) -> None:
    """department.yaml nested 1000 levels deep (a RecursionError in the YAML composer)."""
    root = department(case_dir)
    (root / "department.yaml").write_text("name: 某某部门\nfunctions: " + "[" * 1000 + "]" * 1000 + "\n", encoding="utf-8")


@case
def million_column_header(case_dir: Path) -> None:
    """hotline_orders.csv whose header has 1,000,000 columns (7.9 MB)."""
    root = department(case_dir)
    header, rows = read_table(root / "2024" / "hotline_orders.csv")
    extra = [f"c{i}" for i in range(1_000_000 - len(header))]
    write_table(root / "2024" / "hotline_orders.csv", header + extra, rows[:5])


@case
def cell_over_csv_limit(case_dir: Path) -> None:
    """An expenditure summary of 200,000 characters: past Python's csv limit of 131,072."""
    root = department(case_dir)
    edit_table(root / "2024" / "expenditure.csv", lambda header, rows: set_cell(header, rows[0], "summary", "长" * 200_000))


@case
def cell_over_excel_limit(case_dir: Path) -> None:
    """An expenditure summary of 40,000 characters: past Excel's 32,767 characters per cell."""
    root = department(case_dir)
    edit_table(root / "2024" / "expenditure.csv", lambda header, rows: set_cell(header, rows[0], "summary", "长" * 40_000))


@case
def xlsx_zip_bomb(case_dir: Path) -> None:
    """expenditure.xlsx whose sheet is 40 MB of identical rows in a few hundred kilobytes."""
    root = department(case_dir)
    (root / "2024" / "expenditure.csv").unlink()
    row = "<row>" + "".join(f'<c t="inlineStr"><is><t>{cell}</t></is></c>' for cell in ("记-0001", "2024-01-05", "基本支出")) + "</row>"
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>" + row * 200_000 + "</sheetData></worksheet>"
    )
    fixed_zip(
        root / "2024" / "expenditure.xlsx",
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            "xl/worksheets/sheet1.xml": sheet.encode("utf-8"),
        },
    )


@case
def many_bad_rows(case_dir: Path) -> None:
    """3,000 expenditure rows with the same bad date: the first twenty are listed, the rest counted."""
    root = department(case_dir)

    def change(header: list[str], rows: list[list[str]]) -> None:
        template = rows[0]
        rows[:] = []
        for number in range(3000):
            row = list(template)
            set_cell(header, row, "voucher_id", f"记-2024-{number:05d}")
            set_cell(header, row, "date", "2024-13-01")
            rows.append(row)

    edit_table(root / "2024" / "expenditure.csv", change)
    (root / "2024" / "budget.csv").unlink()  # its lines would no longer match the spending


@case
def narrative_center_filter(case_dir: Path) -> None:
    """A placeholder that would publish a 100 MB report: {{ 'x'|center(100000000) }}."""
    root = department(case_dir)
    write_narrative_section(root / "2024", "{{ 'x'|center(100000000) }}")


@case
def narrative_power_tower(case_dir: Path) -> None:
    """A placeholder whose constant would take forever to fold: {{ (9**9)**(9**9) }} (a whole run)."""
    root = department(case_dir)
    write_narrative_section(root / "2024", "{{ (9**9)**(9**9) }}")


@case
def narrative_nested_loops(case_dir: Path) -> None:
    """Two nested loops of 100,000 steps each, which pass validation (a whole run)."""
    root = department(case_dir)
    write_narrative_section(root / "2024", "{% for i in 'x' * 100000 %}{% for j in 'x' * 100000 %}{% endfor %}{% endfor %}")


@case
def xlsx_cell_far_right(case_dir: Path) -> None:
    """expenditure.xlsx of a few kilobytes with one cell at XFD1, the last of Excel's 16,384 columns."""
    root = department(case_dir)
    header, rows = read_table(root / "2024" / "expenditure.csv")
    book = excel_book(header, rows)
    book.active["XFD1"] = "x"
    save_excel(book, root / "2024" / "expenditure.csv")


@case
def xlsx_cell_far_down(case_dir: Path) -> None:
    """expenditure.xlsx whose last cell is a space at A1048576, Excel's last row (read as a blank row)."""
    root = department(case_dir)
    header, rows = read_table(root / "2024" / "expenditure.csv")
    book = excel_book(header, rows)
    book.active["A1048576"] = " "
    save_excel(book, root / "2024" / "expenditure.csv")


@case
def xlsx_shared_string_bomb(case_dir: Path) -> None:
    """expenditure.xlsx of 100 × 100 cells that all show one 32,000-character shared string (320 million characters)."""
    root = department(case_dir)
    (root / "2024" / "expenditure.csv").unlink()
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{column_letters(c)}{r}" t="s"><v>0</v></c>' for c in range(1, 101)) + "</row>" for r in range(1, 101))
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    fixed_zip(
        root / "2024" / "expenditure.xlsx",
        {
            "[Content_Types].xml": (
                b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                b'<Default Extension="xml" ContentType="application/xml"/>'
                b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                b"</Types>"
            ),
            "_rels/.rels": (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{relations}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
            ).encode(),
            "xl/workbook.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{relations}">'
                '<sheets><sheet name="expenditure" sheetId="1" r:id="rId1"/></sheets></workbook>'
            ).encode(),
            "xl/_rels/workbook.xml.rels": (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{relations}/worksheet" Target="worksheets/sheet1.xml"/>'
                f'<Relationship Id="rId2" Type="{relations}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
            ).encode(),
            "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>{rows}</sheetData></worksheet>'.encode(),
            "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="1" uniqueCount="1"><si><t>{"长" * 32_000}</t></si></sst>'.encode(),
        },
    )


def column_letters(number: int) -> str:
    """Excel's name of a column: 1 → A, 27 → AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@case
def ledger_is_a_pipe(case_dir: Path) -> None:
    """hotline_orders.csv is a named pipe: reading it would wait for a writer forever."""
    root = department(case_dir)
    (root / "2024" / "hotline_orders.csv").unlink()
    os.mkfifo(root / "2024" / "hotline_orders.csv")


@case
def csv_with_cr_line_ends(case_dir: Path) -> None:
    """expenditure.csv saved with old Mac line ends (CR alone): a good ledger all the same."""
    root = department(case_dir)
    path = root / "2024" / "expenditure.csv"
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"))


@case
def petitioner_name_in_form(case_dir: Path) -> None:
    """信访形式 is 司马测验来访, the row's own petitioner's name typed in front of the form."""
    root = department(case_dir)

    def change(header: list[str], rows: list[list[str]]) -> None:
        set_cell(header, rows[0], "petitioner_name", "司马测验")
        set_cell(header, rows[0], "form", "司马测验来访")

    edit_table(root / "2024" / "petitions.csv", change)


@case
def personal_data_in_header(case_dir: Path) -> None:
    """hotline_orders.csv has a 14th column headed 投诉人王小明13912345678 (a complaint pasted into the header row)."""
    root = department(case_dir)

    def change(header: list[str], rows: list[list[str]]) -> None:
        header.append("投诉人王小明13912345678")
        for row in rows:
            row.append("")

    edit_table(root / "2024" / "hotline_orders.csv", change)


@case
def terminal_escape_codes(case_dir: Path) -> None:
    """支出类型 of row 2 carries terminal escape codes: clear the screen, write the clipboard."""
    root = department(case_dir)
    edit_table(root / "2024" / "expenditure.csv", lambda header, rows: set_cell(header, rows[0], "spending_type", "基本支出\x1b[2J\x1b]52;c;AAAA\x07"))


@case
def yaml_impossible_date(case_dir: Path) -> None:
    """department.yaml with established: 2024-13-45, which YAML reads as a date."""
    root = department(case_dir)
    (root / "department.yaml").write_text("name: 某某部门\nestablished: 2024-13-45\n", encoding="utf-8")


@case
def amount_is_an_id_number(case_dir: Path) -> None:
    """An ID-card number pasted into the 金额 of expenditure row 2 (430 quadrillion yuan, past 64-bit fen)."""
    root = department(case_dir)
    edit_table(root / "2024" / "expenditure.csv", lambda header, rows: set_cell(header, rows[0], "amount", "430000199001011234"))


# ---------------------------------------------------------------- jixiao check


@case
def check_20000_lines(case_dir: Path) -> None:
    """A report of 20,000 lines (the test reports over and over): quadratic work would take minutes."""
    case_dir.mkdir(parents=True)
    (case_dir / "report.txt").write_text(test_reports_text(20_000), encoding="utf-8")


@case
def check_50mb_text(case_dir: Path) -> None:
    """A 50 MB text report."""
    case_dir.mkdir(parents=True)
    line = "全年受理工单30708件，办结30470件，办结率99.22%。\n"
    with open(case_dir / "report.txt", "w", encoding="utf-8") as handle:
        for _ in range(50 * 1024 * 1024 // len(line.encode("utf-8")) + 1):
            handle.write(line)


@case
def check_docx_zip_bomb(case_dir: Path) -> None:
    """A .docx whose document.xml is 40 MB of one repeated paragraph."""
    case_dir.mkdir(parents=True)
    paragraph = "<w:p><w:r><w:t>全年受理工单30708件。</w:t></w:r></w:p>"
    document = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body>" + paragraph * 800_000 + "</w:body></w:document>"
    )
    fixed_zip(
        case_dir / "report.docx",
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            "word/document.xml": document.encode("utf-8"),
        },
    )


@case
def check_html_nested_1000(case_dir: Path) -> None:
    """An HTML report nested 1000 elements deep."""
    case_dir.mkdir(parents=True)
    markup = "<html><body>" + "<div>" * 1000 + "全年受理工单30708件。" + "</div>" * 1000 + "</body></html>"
    (case_dir / "report.html").write_text(markup, encoding="utf-8")


@case
def check_report_is_a_pipe(case_dir: Path) -> None:
    """The report to check is a named pipe (reading it would wait for a writer forever)."""
    case_dir.mkdir(parents=True)
    os.mkfifo(case_dir / "report.txt")


@case
def check_4301_digit_number(case_dir: Path) -> None:
    """A report with a figure of 4,301 digits (Python refuses to print an integer that long)."""
    case_dir.mkdir(parents=True)
    (case_dir / "report.txt").write_text("全年受理工单" + "9" * 4301 + "件，办结30470件。\n", encoding="utf-8")


@case
def check_terminal_escape_codes(case_dir: Path) -> None:
    """A report line with escape codes that clear the terminal, around an inconsistent share the table will show."""
    case_dir.mkdir(parents=True)
    (case_dir / "report.txt").write_text("基本支出100万元\x1b[2J，其中人员经费60万元，占70%。\n", encoding="utf-8")


@case
def check_metrics_huge_exponent(case_dir: Path) -> None:
    """check --dept with a metrics.json whose amount is 1e200000000 (an exact sum of it never ends)."""
    small_report(case_dir)
    folder = case_dir / "out" / DEPT / "2024"
    folder.mkdir(parents=True)
    (folder / "metrics.json").write_text('{"fiscal_year": 2024, "expenditure": {"total": 1e200000000}}\n', encoding="utf-8")


def small_report(case_dir: Path, name: str = "report.txt") -> Path:
    """A short report, for the cases about check's outputs."""
    case_dir.mkdir(parents=True, exist_ok=True)
    path = case_dir / name
    path.write_text("全年受理工单30708件，办结30470件，办结率99.22%。\n", encoding="utf-8")
    return path


@case
def check_csv_onto_ledger(case_dir: Path) -> None:
    """check --csv aimed at a ledger of the data folder."""
    department(case_dir)
    small_report(case_dir)


@case
def check_html_onto_report(case_dir: Path) -> None:
    """check --html aimed at the report being checked."""
    case_dir.mkdir(parents=True)
    (case_dir / "report.html").write_text("<html><body><p>全年受理工单30708件，办结30470件，办结率99.22%。</p></body></html>\n", encoding="utf-8")


@case
def check_csv_onto_other_file(case_dir: Path) -> None:
    """check --csv aimed at a file that exists and is not an earlier output of check."""
    case_dir.mkdir(parents=True)
    small_report(case_dir)
    (case_dir / "notes.csv").write_text("一份别人的表格\n", encoding="utf-8")


# ---------------------------------------------------------------- folders


@case
def symlinked_processed_dept(case_dir: Path) -> None:
    """data/processed/<dept> is a link into the ledger folder: a run would write Parquet among the ledgers."""
    department(case_dir)
    (case_dir / "processed").mkdir()
    os.symlink(Path("..") / "raw" / DEPT, case_dir / "processed" / DEPT)


@case
def narrative_linked_from_outside(case_dir: Path) -> None:
    """2024/narrative.md is a link to a file outside the data folder."""
    root = department(case_dir)
    outside = case_dir / "elsewhere"
    outside.mkdir()
    shutil.move(root / "2024" / "narrative.md", outside / "narrative.md")
    os.symlink(outside / "narrative.md", root / "2024" / "narrative.md")


@case
def same_output_and_processed_dir(case_dir: Path) -> None:
    """--output-dir and --processed-dir are the same folder (the run would wait for its own lock)."""
    department(case_dir)


@case
def lock_file_linked_to_ledger(case_dir: Path) -> None:
    """out/.locks/nanyue-swd-2024.lock is a link to the 2024 expenditure ledger (opening it to write would empty it)."""
    root = department(case_dir)
    (case_dir / "out" / ".locks").mkdir(parents=True)
    os.symlink(root / "2024" / "expenditure.csv", case_dir / "out" / ".locks" / f"{DEPT}-2024.lock")


@case
def runs_folder_linked_into_ledgers(case_dir: Path) -> None:
    """out/.runs is a link into the ledger folder (a failed run's work folder would be left among the ledgers)."""
    root = department(case_dir)
    (case_dir / "out").mkdir()
    os.symlink(root / "2024", case_dir / "out" / ".runs")


@case
def empty_output_dir(case_dir: Path) -> None:
    """--output-dir '' (which means the current folder)."""
    department(case_dir)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write the cases into (emptied first)")
    parser.add_argument("cases", nargs="*", help="only these cases (default: all)")
    args = parser.parse_args()
    names = args.cases or list(CASES)
    unknown = sorted(set(names) - set(CASES))
    if unknown:
        parser.error(f"unknown cases: {', '.join(unknown)}")
    for name in names:
        case_dir = args.out / name
        shutil.rmtree(case_dir, ignore_errors=True)
        CASES[name](case_dir)


if __name__ == "__main__":
    main()
