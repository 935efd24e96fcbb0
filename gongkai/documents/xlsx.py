"""Excel XLSX → one table per sheet, merged ranges filled with their top-left value (pure).

`read_xlsx` (report auditor) loads the workbook fully when its sheets are small (merged ranges come with it) and
streams it above guards.MAX_SHEET_XML, taking the merged ranges from the sheet XML. `xlsx_text` (privacy scanner)
always streams and gives each cell once, a sheet as "[title]" and its non-empty rows, tab-separated, text cells
verbatim, numbers and dates as the sheet shows them.
"""

import io
import zipfile

from . import guards
from .cells import cell_text, spend
from .model import Document, Table

TABLE_TOO_BIG = "无法读取：表格过大（单元格超过 200 万个），只读取了前面部分"


def read_xlsx(data: bytes) -> Document:
    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = sum(i.file_size for i in archive.infolist() if i.filename.startswith("xl/worksheets/"))
    streamed = sheet_xml > guards.MAX_SHEET_XML
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=streamed)
    blocks: list = []
    budget = [guards.MAX_CELLS]
    try:
        for number, sheet in enumerate(book.worksheets, 1):
            if not streamed and (sheet.max_row or 0) * (sheet.max_column or 0) > guards.MAX_CELLS:
                return Document("xlsx", blocks, problem=TABLE_TOO_BIG)     # one far-away cell spans the grid
            top, left, merged = _merges(data, sheet, streamed)
            rows = _sheet_rows(sheet, budget)
            if rows is None:
                return Document("xlsx", blocks, problem=TABLE_TOO_BIG)
            sheet_block(blocks, rows, [(r0 - top, r1 - top + 1, c0 - left, c1 - left + 1)
                                       for r0, r1, c0, c1 in merged], number, sheet.title)
    finally:
        if streamed:
            book.close()
    return Document("xlsx", blocks)


def xlsx_text(data: bytes) -> str:
    """Stops after guards.MAX_TEXT characters (the caller cuts and says so)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines, length = [], 0
    try:
        for sheet in book.worksheets:
            lines.append(f"[{sheet.title}]")
            for row in _streamed_rows(sheet):
                if any(v is not None for v in row):
                    lines.append("\t".join(v if isinstance(v, str) else cell_text(v) for v in row))
                    length += len(lines[-1]) + 1
                    if length > guards.MAX_TEXT:
                        return "\n".join(lines)
    finally:
        book.close()
    return "\n".join(lines)


def sheet_values(data: bytes) -> list[tuple]:
    """The active sheet's rows of values (imports); TooBig past guards.MAX_CELLS."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    rows, budget = [], [guards.MAX_CELLS]
    try:
        for row in _streamed_rows(book.active):
            spend(budget, max(len(row), 1))
            rows.append(row)
    finally:
        book.close()
    return rows


def _streamed_rows(sheet):
    """Rows of a read-only sheet, as openpyxl gives them (padded to the <dimension> it declares) unless that
    dimension claims more than guards.MAX_CELLS: then it is ignored and rows are padded to the widest row found."""
    if (sheet.max_row or 0) * (sheet.max_column or 0) <= guards.MAX_CELLS:
        yield from sheet.iter_rows(values_only=True)
        return
    sheet.reset_dimensions()
    rows = list(sheet.iter_rows(values_only=True))
    width = max((len(r) for r in rows), default=0)
    if len(rows) * width > guards.MAX_CELLS:
        raise guards.TooBig
    yield from (tuple(r) + (None,) * (width - len(r)) for r in rows)


def sheet_block(blocks: list, rows: list[list[str]], merged, number: int, title: str) -> None:
    """A sheet as its title line and a Table, each merged range (first row, row after, first column, column after;
    0-based) filled with its top-left value."""
    for r0, r1, c0, c1 in merged:
        if r0 < 0 or c0 < 0:
            continue
        value = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, len(rows))):
            for c in range(c0, min(c1, len(rows[r]))):
                rows[r][c] = value
    rows = _trim(rows)
    if rows:
        blocks.append(title)
        blocks.append(Table(rows, page=number, title=title))


def _merges(data: bytes, sheet, streamed: bool) -> tuple[int, int, list[tuple[int, int, int, int]]]:
    """(first row, first column, merged ranges as (min row, max row, min col, max col), 1-based)."""
    if streamed:
        sheet.reset_dimensions()
        return 1, 1, _streamed_merges(data, sheet._worksheet_path)
    merged = [(m.min_row, m.max_row, m.min_col, m.max_col) for m in sheet.merged_cells.ranges]
    return sheet.min_row, sheet.min_column, merged


def _sheet_rows(sheet, budget: list[int]) -> list[list[str]] | None:
    """The sheet's cells as text, rows padded to one width; None once the cell budget runs out."""
    rows = []
    for row in sheet.iter_rows(values_only=True):
        budget[0] -= max(len(row), 1)
        if budget[0] < 0:
            return None
        rows.append([cell_text(v) for v in row])
    width = max((len(r) for r in rows), default=0)
    if len(rows) * width > guards.MAX_CELLS:     # gaps between far-apart rows, each padded to the widest
        return None
    return [r + [""] * (width - len(r)) for r in rows]


def _trim(rows: list[list[str]]) -> list[list[str]]:
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((max((i + 1 for i, c in enumerate(r) if c), default=0) for r in rows), default=0)
    return [r[:width] + [""] * (width - len(r[:width])) for r in rows]


def _streamed_merges(data: bytes, path: str) -> list[tuple[int, int, int, int]]:
    """<mergeCell ref="A1:C3"> of a sheet read in streaming mode (openpyxl's read-only mode does not give them)."""
    from lxml import etree
    from openpyxl.utils import range_boundaries

    merges = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(path.lstrip("/")) as stream:
        for _, element in etree.iterparse(stream, events=("end",), resolve_entities=False, no_network=True):
            if element.tag.endswith("}mergeCell"):
                try:
                    c0, r0, c1, r1 = range_boundaries(element.get("ref", ""))
                    merges.append((r0, r1, c0, c1))
                except (ValueError, TypeError):
                    pass
            if element.tag.endswith("}row"):
                element.clear()
    return merges
