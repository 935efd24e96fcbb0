"""Import files → rows (pure): CSV, XLSX, XLS and JSON Lines → one dict per row keyed by the header row.

A CSV is decoded like any text file (encoding.py: UTF-8 with or without BOM, GBK/GB18030 as Excel saves it on
Chinese Windows, UTF-16 as Excel's "Unicode text", others detected), and may be comma- or tab-separated. The format
comes from the bytes where they have a signature (an XLSX named .csv is still read as XLSX), else from the name.
Every failure is an UnreadableFile (a ValueError) with a Chinese message.
"""

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

from . import guards, sniff
from .encoding import decode

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
SUPPORTED = "支持 .xlsx、.xls、.csv、.jsonl"


class UnreadableFile(ValueError):
    pass


def read_file(path) -> bytes:
    """A file named on the command line, refused before it is read when it is larger than any reader accepts."""
    size = Path(path).stat().st_size
    if size > guards.MAX_BYTES:
        raise UnreadableFile(f"文件过大：{guards.megabytes(size)} MB，上限 {guards.megabytes(guards.MAX_BYTES)} MB")
    return Path(path).read_bytes()


def parse_date(value) -> date | None:
    """A date cell: a date or datetime, or text as YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD or YYYY年M月D日. None when blank;
    ValueError("日期无效：…") otherwise."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value if not hasattr(value, "date") else value.date()
    match = _DATE.match(str(value).strip())
    try:
        if not match:
            raise ValueError
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ValueError(f"日期无效：{value}") from None


def read_rows(name: str, data: bytes) -> list[dict]:
    """The file's data rows (blank rows left out), each a dict from header to cell value."""
    if len(data) > guards.MAX_BYTES:
        raise UnreadableFile(f"文件过大（上限 {guards.megabytes(guards.MAX_BYTES)} MB）")
    kind, lower = sniff.sniff(data, name), name.lower()
    if kind == sniff.XLSX:
        rows = _xlsx_sheet(data)
        return _keyed(list(rows[0]) if rows else [], rows[1:])
    if kind == sniff.OLE:
        return _xls_rows(data)
    if lower.endswith((".xlsx", ".xls")) or kind in (sniff.DOCX, sniff.PDF, sniff.ZIP, sniff.CORRUPT_ZIP):
        raise UnreadableFile(f"{name} 不是有效的 Excel 或 CSV 文件（{SUPPORTED}）")
    if lower.endswith(".csv"):
        return _csv_rows(data)
    if lower.endswith(".jsonl"):
        return _jsonl_rows(data)
    raise UnreadableFile(f"不支持的文件格式：{name}（{SUPPORTED}）")


def _keyed(header: list, rows) -> list[dict]:
    header = [str(h).strip() if h is not None else "" for h in header]
    return [{h: ("" if v is None else v) for h, v in zip(header, row)} for row in rows
            if any(v not in (None, "") for v in row)]


def read_sheet(name: str, data: bytes) -> list[tuple]:
    """The first sheet of an XLSX as it is, header row included, blank rows kept (for forms with a fixed layout)."""
    if len(data) > guards.MAX_BYTES:
        raise UnreadableFile(f"文件过大（上限 {guards.megabytes(guards.MAX_BYTES)} MB）")
    if sniff.sniff(data, name) != sniff.XLSX:
        raise UnreadableFile(f"{name} 不是 XLSX 文件")
    return _xlsx_sheet(data)


def _xlsx_sheet(data: bytes) -> list[tuple]:
    from .xlsx import sheet_values

    if problem := guards.zip_problem(data) or guards.sheet_problem(data):
        raise UnreadableFile(problem)
    try:
        return sheet_values(data)
    except guards.TooBig:
        raise UnreadableFile(guards.too_complex(f"单元格超过 {guards.MAX_CELLS} 个")) from None


def _xls_rows(data: bytes) -> list[dict]:
    from .xls import cell_value, open_book

    if guards.ole_kind(data) != "xls":
        raise UnreadableFile("文件已加密或不是 Excel 工作簿，请另存为 XLSX 或 CSV")
    book = open_book(data, formatting=False)
    sheet = book.sheet_by_index(0)
    rows = [[_whole(cell_value(book, sheet.cell(r, c))) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
    return _keyed(rows[0] if rows else [], rows[1:])


def _whole(value):
    """XLS stores every number as a float; a whole one is an int, as openpyxl gives it for XLSX."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _csv_rows(data: bytes) -> list[dict]:
    text = decode(data)
    if text is None or "\x00" in text:
        raise UnreadableFile("无法识别 CSV 文件的编码，请另存为“CSV UTF-8（逗号分隔）”")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    for row in reader:
        if None in row:
            raise UnreadableFile(f"第 {reader.line_num} 行的列数多于表头")
        if any((v or "").strip() for v in row.values()):
            rows.append(row)
    return rows


def _jsonl_rows(data: bytes) -> list[dict]:
    text = decode(data)
    if text is None:
        raise UnreadableFile("无法识别 JSON Lines 文件的编码，请使用 UTF-8")
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            raise UnreadableFile(f"JSON Lines 第 {number} 行格式错误") from None
    return rows
