"""Legacy Excel XLS (BIFF in an OLE container) → one table per sheet, merged ranges filled (pure)."""

import io

from . import guards
from .cells import cell_text, number, spend
from .model import Document
from .xlsx import sheet_block


def open_book(data: bytes, formatting: bool = True):
    import xlrd

    # merged ranges need formatting_info
    return xlrd.open_workbook(file_contents=data, formatting_info=formatting, logfile=io.StringIO())


def read_xls(data: bytes) -> Document:
    book = open_book(data)
    blocks: list = []
    budget = [guards.MAX_CELLS]
    for sheet_number, sheet in enumerate(book.sheets(), 1):
        spend(budget, sheet.nrows * sheet.ncols)
        rows = [[cell(book, sheet.cell(r, c)) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
        sheet_block(blocks, rows, getattr(sheet, "merged_cells", []) or [], sheet_number, sheet.name)
    return Document("xls", blocks)


def cell_value(book, item):
    """A cell as a Python value: dates as datetime, booleans as bool, errors as their Excel text."""
    import xlrd

    if item.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(item.value, book.datemode)
        except Exception:  # noqa: BLE001 - an impossible date serial: keep the number
            return float(item.value)
    if item.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(item.value)
    if item.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(item.value, "#ERROR")
    return item.value


def cell(book, item) -> str:
    value = cell_value(book, item)
    return number(value) if isinstance(value, float) else cell_text(value)
