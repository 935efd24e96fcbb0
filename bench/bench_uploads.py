"""Crafted worst-case uploads: wall time and peak memory of the guarded path against the bare library reader.

Run: .venv/bin/python bench/bench_uploads.py [--only NAME] [--give-up 30]
Each file is built in memory so that it passes the size, zip-bomb and type checks (an incompressible padding member
keeps the compression ratio normal). Both paths run in a fresh child process; peak memory is that child's ru_maxrss
(the guarded path's reader runs in isolated.py's child: that child's ru_maxrss is reported). The bare reader is given
up after --give-up seconds ("> 30 s").
Target: guarded path ≤ 2 s and ≤ 300 MB per file.
"""

import argparse
import io
import multiprocessing
import os
import resource
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
       'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
       '+xml"/><Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>')
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _zip(parts: dict[str, bytes], pad: int = 0) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
        if pad:
            archive.writestr("docProps/thumbnail.bin", os.urandom(pad), compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


def xlsx(sheet_xml: bytes, pad: int = 0) -> bytes:
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    book_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    overrides = (f'<Override PartName="/xl/workbook.xml" ContentType="{book_type}"/>'
                 f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{sheet_type}"/>')
    parts = {
        "[Content_Types].xml": _CT.format(overrides=overrides).encode(),
        "_rels/.rels": (f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
                        f'</Relationships>').encode(),
        "xl/workbook.xml": (f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets><sheet name="表二" sheetId="1" '
                            f'r:id="rId1"/></sheets></workbook>').encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>').encode(),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    return _zip(parts, pad)


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def figures_rows() -> str:
    header = "".join(_cell(f"{c}1", t) for c, t in zip("ABCDE", ["机构", "年度", "项目", "数值", "数据来源"]))
    return f'<row r="1">{header}</row>'


def xlsx_dimension() -> bytes:
    """A figures workbook whose <dimension> claims every row and column Excel has: openpyxl's read-only mode pads
    every row to 16,384 columns and yields all 1,048,576 rows."""
    last = _cell("XFD1048576", "1")
    xml = (f'<worksheet xmlns="{_MAIN}"><dimension ref="A1:XFD1048576"/><sheetData>{figures_rows()}'
           f'<row r="1048576">{last}</row></sheetData></worksheet>').encode()
    return xlsx(xml)


def xlsx_styled_cells(rows: int = 190, columns: int = 16384) -> bytes:
    """Millions of empty styled cells (each `<c r=".." s="1"/>`, as "format whole rows" leaves behind)."""
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(c) for c in range(1, columns + 1)]
    body = [figures_rows()]
    for r in range(2, rows + 2):
        body.append(f'<row r="{r}">' + "".join(f'<c r="{x}{r}" s="1"/>' for x in letters) + "</row>")
    xml = f'<worksheet xmlns="{_MAIN}"><sheetData>{"".join(body)}</sheetData></worksheet>'.encode()
    return xlsx(xml, pad=len(xml) // 150)


def docx(document_xml: bytes, pad: int = 0) -> bytes:
    doc_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    parts = {
        "[Content_Types].xml": _CT.format(
            overrides=f'<Override PartName="/word/document.xml" ContentType="{doc_type}"/>').encode(),
        "_rels/.rels": (f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
                        f'</Relationships>').encode(),
        "word/document.xml": document_xml,
    }
    return _zip(parts, pad)


def docx_huge_xml(paragraphs: int = 1_800_000) -> bytes:
    """A document.xml of millions of tiny elements: a DOM of it costs hundreds of bytes per element."""
    body = "<w:p><w:r><w:t>一</w:t></w:r></w:p>" * paragraphs
    xml = f'<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'.encode()
    return docx(xml, pad=len(xml) // 150)


def docx_nested_tables(depth: int = 200, cells: int = 200) -> bytes:
    """Tables nested in tables: the auditor's reader looks for inner tables at every level."""
    inner = "<w:p><w:r><w:t>1</w:t></w:r></w:p>"
    for _ in range(depth):
        row = "".join(f"<w:tc><w:tcPr><w:gridSpan w:val=\"1000\"/></w:tcPr>{inner}</w:tc>" for _ in range(cells))
        inner = f"<w:tbl><w:tr>{row}</w:tr></w:tbl><w:p/>"
        cells = 1
    xml = f'<w:document xmlns:w="{_W}"><w:body>{inner}</w:body></w:document>'.encode()
    return docx(xml)


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(data: bytes, compress: bool = True) -> bytes:
    import zlib

    if compress:
        data = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def pdf_pages(pages: int = 20_000) -> bytes:
    """Thousands of pages sharing one small content stream."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
               font, _stream(b"BT /F1 12 Tf 72 720 Td (Zhang San 13800138000) Tj ET", compress=False)]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
    return _pdf(objects + [page] * pages)


def pdf_stream_bomb(operators: int = 3_000_000) -> bytes:
    """One page whose compressed content stream expands to millions of text operators."""
    content = b"BT /F1 12 Tf 72 720 Td " + b"(a) Tj 1 0 Td " * operators + b"ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", _stream(content),
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 3 0 R >> >> >>"]
    return _pdf(objects)


def long_text(megabytes: int = 45) -> bytes:
    return ("张三的电话号码是13800138000。" * (megabytes * 1024 * 1024 // 40)).encode()


def _bare_xlsx_rows(data):
    from openpyxl import load_workbook

    rows = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active.iter_rows(values_only=True)
    return sum(1 for _ in rows)


def _bare_docx(data):
    import docx as python_docx

    return len(python_docx.Document(io.BytesIO(data)).paragraphs)


def _bare_pdf(data):
    from pypdf import PdfReader

    return sum(len(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages)


def _bare_text(data):
    return len(data.decode())


def _guarded_sheet(data):
    from gongkai.documents import UnreadableFile, isolated

    try:
        return len(isolated.read_sheet("figures.xlsx", data))
    except UnreadableFile as exc:
        return str(exc)


def _guarded_extract(data):
    from gongkai.documents import isolated

    extracted = isolated.extract_text(data, "reply")
    return f"{len(extracted.text)} 字；{extracted.problem}"


def _guarded_document(data):
    from gongkai.documents import isolated

    return isolated.read_document(data, "report").problem


CASES = {   # name: (builder, what it is uploaded as, guarded path, bare library reader)
    "figures_xlsx_dimension": (xlsx_dimension, "表二数字 XLSX", _guarded_sheet, _bare_xlsx_rows),
    "figures_xlsx_styled": (xlsx_styled_cells, "表二数字 XLSX", _guarded_sheet, _bare_xlsx_rows),
    "reply_xlsx_styled": (xlsx_styled_cells, "答复附件 XLSX", _guarded_extract, _bare_xlsx_rows),
    "audit_docx_huge_xml": (docx_huge_xml, "审核报告 DOCX", _guarded_document, _bare_docx),
    "audit_docx_nested": (docx_nested_tables, "审核报告 DOCX", _guarded_document, _bare_docx),
    "reply_docx_huge_xml": (docx_huge_xml, "答复附件 DOCX", _guarded_extract, _bare_docx),
    "reply_pdf_pages": (pdf_pages, "答复附件 PDF", _guarded_extract, _bare_pdf),
    "reply_pdf_stream_bomb": (pdf_stream_bomb, "答复附件 PDF", _guarded_extract, _bare_pdf),
    "reply_long_text": (long_text, "答复附件 TXT", _guarded_extract, _bare_text),
}


def _measure_child(connection, function, data):
    started = time.perf_counter()
    result = function(data)
    wall = time.perf_counter() - started
    from gongkai.documents import isolated

    # the guarded path's reader ran in isolated.py's child: its peak; the bare reader ran here
    peak = isolated.last_peak_kb or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    connection.send((wall, peak // 1024, str(result)[:90]))


def measure(function, data: bytes, give_up: float):
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_measure_child, args=(sender, function, data))
    child.start()
    sender.close()
    if not receiver.poll(give_up):
        child.kill()
        child.join()
        return None
    try:
        outcome = receiver.recv()
    except EOFError:
        outcome = (float("nan"), 0, f"child died ({child.exitcode})")
    child.join()
    return outcome


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only")
    parser.add_argument("--give-up", type=float, default=30)
    parser.add_argument("--no-bare", action="store_true")
    args = parser.parse_args()
    print(f"{'file':24} {'MB':>5}  {'guarded s':>9} {'MB peak':>7}  {'bare s':>8} {'MB peak':>7}  result of the guarded path")
    for name, (build, label, guarded, bare) in CASES.items():
        if args.only and args.only != name:
            continue
        data = build()
        wall, peak, result = measure(guarded, data, 120) or (float("inf"), 0, "> 120 s")
        if args.no_bare:
            bare_wall, bare_peak = "", ""
        else:
            found = measure(bare, data, args.give_up)
            bare_wall = f"{found[0]:8.2f}" if found else f"> {args.give_up:.0f} s"
            bare_peak = f"{found[1]:7d}" if found else "      ?"
        print(f"{name:24} {len(data) / 1e6:5.1f}  {wall:9.2f} {peak:7d}  {bare_wall:>8} {bare_peak:>7}  "
              f"{label}：{result}", flush=True)


if __name__ == "__main__":
    main()
