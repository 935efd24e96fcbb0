"""Document readers (gongkai/documents): real files of every format built here (HTML inside a
site's layout table, DOCX and XLSX with merged cells, a legacy XLS fixture, a text-layer PDF with a CJK font) are read
back and their grids compared cell by cell; hostile files give a Chinese "无法读取" problem, never an exception.

tests/data/report-values.xls was written once with xlwt 1.3.0 in a throwaway venv (`python3 -m venv /tmp/x &&
/tmp/x/bin/pip install xlwt==1.3.0`; xlwt is not a project dependency) by this script:

    import datetime, xlwt
    from test_report_documents import SPEC          # (the SPEC below, pasted)
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("表三")
    taken = set()
    for r, row in enumerate(SPEC):
        c = 0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            value = int(text) if text.isdigit() else text
            if rs > 1 or cs > 1:
                sheet.write_merge(r, r + rs - 1, c, c + cs - 1, value)
            elif text:
                sheet.write(r, c, value)
            taken.update((r + a, c + b) for a in range(rs) for b in range(cs))
            c += cs
    book.add_sheet("空表")
    money = book.add_sheet("表二")
    money.write(0, 0, "行政事业性收费（万元）")
    money.write(0, 1, 942127.07)
    money.write(1, 0, "报告日期")
    money.write(1, 1, datetime.date(2025, 12, 31), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    money.write(2, 0, "件数")
    money.write(2, 1, 4.0)
    book.save("tests/data/report-values.xls")

tests/data/report-table.xls (the full official table 三 and 四) was written the same way from
report_samples.table_three()/table_four() with write_merge for every merged cell.
"""

import datetime
import io
import struct
import zipfile
from pathlib import Path

import pytest
import report_samples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.documents import Document, Table, read_document
from gongkai.reports.auditor import check_report

DATA = Path(__file__).parent / "data"
XLS = DATA / "report-table.xls"
XLS_VALUES = DATA / "report-values.xls"

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
# A small table 三 with the official kinds of merges: (text, rowspan, colspan) per cell, in source order.
SPEC = [[(NOTE, 3, 2), ("申请人情况", 1, 4)],
        [("自然人", 2, 1), ("法人或其他组织", 1, 2), ("总计", 2, 1)],
        [("商业企业", 1, 1), ("其他", 1, 1)],
        [("一、本年新收政府信息公开申请数量", 1, 2), ("10", 1, 1), ("3", 1, 1), ("", 1, 1), ("13", 1, 1)],
        [("三、本年度办理结果", 2, 1), ("（一）予以公开", 1, 1), ("5", 1, 1), ("", 1, 1), ("1", 1, 1), ("6", 1, 1)],
        [("（七）总计", 1, 1), ("9", 1, 1), ("2", 1, 1), ("1", 1, 1), ("12", 1, 1)]]
GRID = [[NOTE, NOTE, "申请人情况", "申请人情况", "申请人情况", "申请人情况"],
        [NOTE, NOTE, "自然人", "法人或其他组织", "法人或其他组织", "总计"],
        [NOTE, NOTE, "自然人", "商业企业", "其他", "总计"],
        ["一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", "10", "3", "", "13"],
        ["三、本年度办理结果", "（一）予以公开", "5", "", "1", "6"],
        ["三、本年度办理结果", "（七）总计", "9", "2", "1", "12"]]


def _placed(spec):
    """(row, column, text, rowspan, colspan) for every source cell, columns placed around the merges above."""
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(spec):
        c = 0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            yield r, c, text, rs, cs
            taken.update((r + a, c + b) for a in range(rs) for b in range(cs))
            c += cs


def tables(document: Document) -> list[Table]:
    return [b for b in document.blocks if isinstance(b, Table)]


def lines(document: Document) -> list[str]:
    return [b for b in document.blocks if isinstance(b, str)]


# ---------------------------------------------------------------- HTML

def _html_table(spec, cell=lambda t: t) -> str:
    body = "".join("<tr>" + "".join(f'<td rowspan="{rs}" colspan="{cs}">{cell(t)}</td>' for t, rs, cs in row) +
                   "</tr>" for row in spec)
    return f'<table border="1"><tbody>{body}</tbody></table>'


def _page(charset="utf-8") -> str:
    """A government page: navigation, a script and a style, a one-cell frame, the report table nested in a layout
    table, entities, &nbsp;, full-width spaces and a <br> inside a label."""
    def cell(text):
        return text.replace("本年度办理结果", "本年度<br>\n  办理结果").replace("申请人情况", "申请人&nbsp;情况")
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}"><title>示范市2025年年度报告</title>
<style>td {{ color: red }}</style><script>var fake = "一、本年新收政府信息公开申请数量 99";</script></head>
<body><div class="nav">首页 &gt; 政务公开 &gt; 年度报告</div>
<table class="layout" width="100%"><tr><td>
  <h1>示范市2025年政府信息公开工作年度报告</h1>
  <p>一、总体情况</p><p>本机关共收到申请<b>16</b>件。<br>其中　网上申请&amp;信函 10 件。</p>
  <table><tr><td>一栏的框：只是文字</td></tr></table>
  <p>三、收到和处理政府信息公开申请情况</p>
  <table class="inner"><tr><td>{_html_table(SPEC, cell)}</td></tr></table>
  <p>五、存在的主要问题</p>
</td></tr></table><div class="footer">网站标识码 1234 <noscript>请启用脚本</noscript></div></body></html>"""


def test_html_grid_in_nested_layout_tables():
    document = read_document(_page().encode(), "report.html")
    assert document.kind == "html" and not document.problem
    [table] = tables(document)
    expected = [row[:] for row in GRID]
    for row in expected:
        row[:] = ["申请人 情况" if c == "申请人情况" else c for c in row]
    assert table.rows == expected
    assert lines(document) == ["示范市2025年年度报告", "首页 > 政务公开 > 年度报告", "示范市2025年政府信息公开工作年度报告",
                               "一、总体情况", "本机关共收到申请16件。", "其中 网上申请&信函 10 件。", "一栏的框：只是文字",
                               "三、收到和处理政府信息公开申请情况", "五、存在的主要问题", "网站标识码 1234"]
    text = document.text()
    assert "99" not in text and "color" not in text and "请启用脚本" not in text
    assert f"{NOTE} | {NOTE} | 申请人 情况 | 申请人 情况 | 申请人 情况 | 申请人 情况" in text.split("\n")
    # the table comes between the heading and the next section, in reading order
    order = [b if isinstance(b, str) else "<table>" for b in document.blocks]
    assert order.index("<table>") == order.index("三、收到和处理政府信息公开申请情况") + 1


@pytest.mark.parametrize("declared, encoding, heading", [("gbk", "gb18030", "示范市年度报告"),
                                                         ("gb2312", "gb18030", "示范市年度报告"),
                                                         ("utf-8", "utf-8", "示范市年度报告"),
                                                         ("big5", "big5", "示範市年度報告")])
def test_html_charset_from_meta(declared, encoding, heading):
    """The page's declared charset decides (Big5 bytes also decode as GB18030, into the wrong characters)."""
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={declared}"></head><body>'
            f'<h1>{heading}</h1><table><tr><td colspan="2">{heading}</td><td>10</td></tr></table></body></html>')
    document = read_document(page.encode(encoding), "p.htm")
    assert document.kind == "html" and not document.problem
    assert document.blocks[0] == heading
    assert tables(document)[0].rows == [[heading, heading, "10"]]


def test_html_without_name_or_doctype_and_a_lying_charset():
    """A page that starts with a comment and declares UTF-8 but was saved as GBK."""
    page = "<!-- 站点模板 -->\n<div><p>申请情况</p>" + _html_table(SPEC) + "</div>"
    data = page.replace("<div>", '<meta charset="utf-8"><div>').encode("gb18030")
    document = read_document(data, "")
    assert document.kind == "html" and tables(document)[0].rows == GRID


def test_html_spans_clipped_and_uneven_rows():
    page = """<html><body><table>
      <tr><th colspan="3">标题</th></tr>
      <tr><td rowspan="9">甲</td><td>1</td></tr>
      <tr><td>2</td><td colspan="0">x</td></tr></table></body></html>"""
    [table] = tables(read_document(page.encode(), "a.html"))
    assert table.rows == [["标题", "标题", "标题"], ["甲", "1", ""], ["甲", "2", "x"]]


def test_mht_single_file_web_page():
    """Word's "single file web page", often published with a .doc name."""
    html = _page("gb2312").encode("gb18030")
    import base64
    mht = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01"\r\n\r\n'
           b'------=_NextPart_01\r\nContent-Type: text/html; charset="gb2312"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
           + base64.encodebytes(html) + b'\r\n------=_NextPart_01--\r\n')
    document = read_document(mht, "report.doc")
    assert document.kind == "html" and tables(document)[0].rows[4] == GRID[4]


# ---------------------------------------------------------------- text

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_text_encodings_and_lines(encoding):
    text = "示范市2025年政府信息公开工作年度报告\r\n一、本年新收 | 10 | 3 |  | 13\n\t（一）予以公开\t5\r结束"
    document = read_document(text.encode(encoding), "r.txt")
    assert document.kind == "text" and not document.problem
    assert document.blocks == ["示范市2025年政府信息公开工作年度报告", "一、本年新收 | 10 | 3 |  | 13", "\t（一）予以公开\t5", "结束"]
    assert document.text() == "\n".join(document.blocks)


# ---------------------------------------------------------------- DOCX

def _docx_table(document_or_cell, spec):
    width = max(sum(cs for _, _, cs in row) for row in spec)
    table = document_or_cell.add_table(rows=len(spec), cols=width)
    for r, c, text, rs, cs in _placed(spec):
        cell = table.cell(r, c)
        if rs > 1 or cs > 1:
            cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
        if text == "三、本年度办理结果":          # a label typed as two paragraphs in the cell
            cell.text = "三、本年度"
            cell.add_paragraph("办理结果")
        else:
            cell.text = text
    return table


def _docx(layout: bool = False) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("示范市2025年政府信息公开工作年度报告")
    document.add_paragraph("一、本年新收\t16\t件")
    if layout:
        outer = document.add_table(rows=1, cols=1)
        cell = outer.cell(0, 0)
        cell.text = "三、收到和处理政府信息公开申请情况"
        _docx_table(cell, SPEC)
        cell.add_paragraph("（表格完）")
    else:
        document.add_paragraph("三、收到和处理政府信息公开申请情况")
        _docx_table(document, SPEC)
    document.add_paragraph("")
    document.add_paragraph("四、结转下年度继续办理")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_grid_with_gridspan_and_vmerge():
    data = _docx()
    assert b"w:vMerge" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")   # a real vertical merge
    document = read_document(data, "r.docx")
    assert document.kind == "docx" and not document.problem
    assert [b if isinstance(b, str) else "<table>" for b in document.blocks] == [
        "示范市2025年政府信息公开工作年度报告", "一、本年新收\t16\t件", "三、收到和处理政府信息公开申请情况", "<table>",
        "四、结转下年度继续办理"]
    assert tables(document)[0].rows == GRID


def test_docx_table_nested_in_a_layout_table():
    document = read_document(_docx(layout=True), "r.docx")
    assert [b if isinstance(b, str) else "<table>" for b in document.blocks] == [
        "示范市2025年政府信息公开工作年度报告", "一、本年新收\t16\t件", "三、收到和处理政府信息公开申请情况", "<table>",
        "（表格完）", "四、结转下年度继续办理"]
    assert tables(document)[0].rows == GRID


def test_docx_rows_starting_late_and_content_controls():
    """w:gridBefore (a row starting in the second grid column) and a table inside a content control (w:sdt)."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def tc(text, extra=""):
        return f"<w:tc><w:tcPr>{extra}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"
    span2 = '<w:gridSpan w:val="2"/>'
    body = (f'<w:body><w:sdt><w:sdtContent><w:tbl>'
            f'<w:tr>{tc("甲")}{tc("乙", span2)}</w:tr>'
            f'<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{tc("1")}{tc("2")}</w:tr>'
            f'</w:tbl></w:sdtContent></w:sdt><w:p><w:r><w:t>完</w:t></w:r>'
            f'<w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r>'
            f'</w:p></w:body>')
    data = _docx()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/document.xml":
                content = f'<?xml version="1.0"?><w:document {w}>{body}</w:document>'.encode()
            target.writestr(item, content)
    document = read_document(buffer.getvalue(), "r.docx")
    assert document.blocks == [Table([["甲", "乙", "乙"], ["", "1", "2"]]), "完"]


@pytest.mark.parametrize("name, streams, problem", [
    ("locked.docx", {"EncryptionInfo": b"\x04\x00\x04\x00" * 1100, "EncryptedPackage": b"\x17" * 5000},
     "无法读取：文件已加密（受密码保护）"),
    ("old.doc", {"WordDocument": b"\xec\xa5" * 2500, "1Table": b"\x00" * 4200},
     "无法读取：旧版 Word（.doc）格式，请另存为 DOCX 或 PDF"),
    ("slides.ppt", {"PowerPoint Document": b"\x00" * 4200}, "无法读取：旧版 PowerPoint（.ppt）格式，请另存为 PDF"),
])
def test_ole_containers(name, streams, problem):
    data = compound_file(streams)
    from xlrd import compdoc
    assert {d.name for d in compdoc.CompDoc(data, logfile=io.StringIO()).dirlist} >= set(streams)  # a valid container
    document = read_document(data, name)
    assert document.problem == problem and document.blocks == []


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (CFB v3, 512-byte sectors; every stream ≥ 4096 bytes so no mini stream): what
    Office writes around a password-protected DOCX (EncryptionInfo + EncryptedPackage) or a legacy .doc."""
    free, end, fat_sector, nostream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    names = list(streams)
    entries = [("Root Entry", 5, end, 0, 1 if names else nostream, nostream)]
    sector, chains = 2, []
    for i, stream_name in enumerate(names):
        data = streams[stream_name]
        assert len(data) >= 4096
        count = -(-len(data) // 512)
        chains.append((sector, count))
        right = i + 2 if i + 1 < len(names) else nostream
        entries.append((stream_name, 2, sector, len(data), nostream, right))
        sector += count
    assert len(entries) <= 4 and sector <= 128
    fat = [fat_sector, end] + [free] * 126
    for start, count in chains:
        for k in range(count):
            fat[start + k] = start + k + 1 if k + 1 < count else end
    directory = b""
    for entry_name, kind, start, size, child, right in entries:
        encoded = (entry_name + "\x00").encode("utf-16-le")
        directory += (encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1) +
                      struct.pack("<III", nostream, right, child) + b"\x00" * 36 + struct.pack("<IQ", start, size))
    directory = directory.ljust(512, b"\x00")
    for i in range(len(entries), 4):       # unused entries: no siblings, no child
        offset = i * 128
        directory = directory[:offset + 68] + struct.pack("<III", nostream, nostream, nostream) + directory[offset + 80:]
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) +
              b"\x00" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0) +
              struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    assert len(header) == 512
    body = b"".join(streams[n].ljust(count * 512, b"\x00") for n, (_, count) in zip(names, chains))
    return header + struct.pack("<128I", *fat) + directory + body


# ---------------------------------------------------------------- XLSX and XLS

def _xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表三"
    for r, c, text, rs, cs in _placed(SPEC):
        # the table starts at B3: the grid starts where the sheet's content starts (A1 holds the title)
        sheet.cell(r + 3, c + 2, int(text) if text.isdigit() else (text or None))
        if rs > 1 or cs > 1:
            sheet.merge_cells(start_row=r + 3, start_column=c + 2, end_row=r + 3 + rs - 1, end_column=c + 2 + cs - 1)
    sheet.cell(1, 1, "示范市2025年年度报告\n（表格）")
    book.create_sheet("空表")
    money = book.create_sheet("表二")
    money.append(["行政事业性收费（万元）", 942127.07])
    money.append(["报告日期", datetime.date(2025, 12, 31)])
    money.append(["件数", 4.0])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_merged_ranges_numbers_and_dates():
    document = read_document(_xlsx(), "r.xlsx")
    assert document.kind == "xlsx" and not document.problem
    three, two = tables(document)
    assert (three.page, three.title, two.page, two.title) == (1, "表三", 3, "表二")
    assert three.rows == [["示范市2025年年度报告（表格）", *[""] * 6], [""] * 7, *[[""] + row for row in GRID]]
    assert two.rows == [["行政事业性收费（万元）", "942127.07"], ["报告日期", "2025-12-31"], ["件数", "4"]]
    assert lines(document) == ["表三", "表二"]      # sheet names; the empty sheet gives nothing


def test_xls_fixture_merged_cells_numbers_and_dates():
    document = read_document(XLS_VALUES.read_bytes(), "r.xls")
    assert document.kind == "xls" and not document.problem
    three, two = tables(document)
    assert three.rows == GRID and (three.page, three.title) == (1, "表三")
    assert two.rows == [["行政事业性收费（万元）", "942127.07"], ["报告日期", "2025-12-31"], ["件数", "4"]]
    assert (two.page, two.title) == (3, "表二")


def test_xlsx_streamed_mode_keeps_merges(monkeypatch):
    """Above the size limit a workbook is streamed (bounded memory); merged ranges still come from the sheet XML."""
    from gongkai.documents import guards as documents

    monkeypatch.setattr(documents, "MAX_SHEET_XML", 10)
    three, two = tables(read_document(_xlsx(), "r.xlsx"))
    assert three.rows[2:] == [[""] + row for row in GRID]
    assert two.rows[0] == ["行政事业性收费（万元）", "942127.07"]


def test_xlsx_cell_budget(monkeypatch):
    from gongkai.documents import guards as documents

    monkeypatch.setattr(documents, "MAX_CELLS", 20)
    document = read_document(_xlsx(), "r.xlsx")
    assert document.problem.startswith("无法读取：表格过大")


# ---------------------------------------------------------------- PDF

def _pdf(user_password: str | None = None, owner_password: str = "owner", blank_page: bool = True) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as PdfTable

    from gongkai.core.pdf import cjk_font, styles

    font, body = cjk_font(), styles()["body"]
    data = [["一、本年新收政府信息公开申请数量", "10", "3", "", "1", "", "2", "16"],
            ["二、上年结转政府信息公开申请数量", "1", "", "", "", "", "", "1"]]
    flow = [Paragraph("示范市2025年政府信息公开工作年度报告", body), PdfTable(data, style=[("FONT", (0, 0), (-1, -1), font, 9)])]
    if blank_page:
        flow += [PageBreak(), Spacer(1, 10), PageBreak(), Paragraph("四、结转下年度继续办理", body)]
    out = io.BytesIO()
    encrypt = None
    if user_password is not None:
        from reportlab.lib import pdfencrypt
        encrypt = pdfencrypt.StandardEncryption(user_password, owner_password, strength=40)
    SimpleDocTemplate(out, pagesize=A4, encrypt=encrypt).build(flow)
    return out.getvalue()


def test_pdf_rows_stay_on_one_line_and_blank_pages_are_recorded():
    document = read_document(_pdf(), "r.pdf")
    assert document.kind == "pdf"
    assert document.blocks == ["示范市2025年政府信息公开工作年度报告", "一、本年新收政府信息公开申请数量  10  3  1  2  16",
                               "二、上年结转政府信息公开申请数量  1  1", "四、结转下年度继续办理"]
    assert document.pages_without_text == [2]
    assert document.problem == "部分页面没有文字层（第2页），这些页上的数字未读取"


def test_pdf_encrypted():
    assert read_document(_pdf(user_password="secret"), "r.pdf").problem == "无法读取：PDF 已加密"
    opened = read_document(_pdf(user_password="", blank_page=False), "r.pdf")   # owner password only
    assert not opened.problem and opened.blocks[1].startswith("一、本年新收政府信息公开申请数量  10  3")


def test_pdf_without_text_layer():
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.rect(100, 100, 200, 200, fill=1)
    page.showPage()
    page.save()
    document = read_document(out.getvalue(), "scan.pdf")
    assert document.problem == "无法读取：PDF 没有文字层（扫描件），请提供文字版" and document.pages_without_text == [1]


# ---------------------------------------------------------------- the interpreter on top: every format, same data

@pytest.mark.parametrize("kind, make", [("html", report_samples.html), ("docx", report_samples.docx), ("xlsx", report_samples.xlsx),
                                        ("xls", lambda: XLS.read_bytes())])
def test_real_tables_are_read_cell_by_cell(kind, make):
    report = check_report(make(), f"report.{kind}")
    assert report.applications == report_samples.expected_applications()
    assert report.format == "2021"
    assert report.reviews["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    assert report.reviews["suit_direct"]["upheld"] is None and report.reviews["suit_after_review"]["total"] == 1
    assert not [f for f in report.findings if f.severity in ("error", "warning")], report.findings
    if kind in ("html", "docx"):
        assert report.issuer == "示范市发展和改革委员会" and report.year == 2025
        assert report.prose["applications.received"] == 16


def test_full_official_table_three_grid():
    for document in (read_document(report_samples.docx(), "r.docx"), read_document(report_samples.html(), "r.html"),
                     read_document(XLS.read_bytes(), "r.xls")):
        table = tables(document)[0]
        rows = [r for r in table.rows if any(r)]
        start = next(i for i, r in enumerate(rows) if r[0].startswith("（本列数据"))
        rows = rows[start:]
        assert rows[0][:3] == [rows[0][0]] * 3 and rows[2][0] == rows[0][0]
        assert rows[0][3:10] == ["申请人情况"] * 7
        assert rows[1][4:9] == ["法人或其他组织"] * 5
        assert [r[0] for r in rows[5:27]] == ["三、本年度办理结果"] * 22
        assert [r[1] for r in rows[7:15]] == ["（三）不予公开"] * 8


def test_pdf_through_the_interpreter():
    report = check_report(report_samples.pdf(), "r.pdf")
    assert report.applications["new"]["total"] == 16
    assert report.applications["outcome_total"]["total"] == 13
    assert report.applications["carried_out"]["total"] == 4
    assert report.prose["applications.received"] == 16


# ---------------------------------------------------------------- hostile files

def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("data, name, problem", [
    (b"", "a.txt", "无法读取：文件为空"),
    (b"  \n\t ", "a.txt", "无法读取：文件为空"),
    (b"%PDF-1.4\n%%EOF garbage", "a.pdf", "无法读取：PDF 文件损坏"),
    (b"PK\x03\x04" + b"\x00" * 40, "a.docx", "无法读取：压缩结构损坏"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "a.doc", "无法读取：Office 文件已损坏"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "a.png", "无法读取：图片没有文字层"),
    (b"{\\rtf1\\ansi 2025 report}", "a.doc", "无法读取：RTF 格式"),
    (bytes(range(256)) * 20, "a.bin", "无法读取：无法识别的文件格式"),
    (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), "a.odt",
     "无法读取：OpenDocument"),
    (_zip({"word/document.xml": b"<not xml"}), "a.docx", "无法读取：DOCX 文件已损坏"),
    (_zip({"xl/workbook.xml": b"<not xml"}), "a.xlsx", "无法读取：XLSX 文件已损坏"),
])
def test_hostile_files(data, name, problem):
    document = read_document(data, name)
    assert document.problem.startswith(problem), document.problem
    assert check_report(data, name).findings[0].severity == "error"


def test_oversized_file():
    assert read_document(b"a" * (50 * 1024 * 1024 + 1), "big.txt").problem == "无法读取：文件超过 50 MB"


@pytest.mark.parametrize("member", ["word/document.xml", "xl/workbook.xml"])
def test_zip_bombs(member):
    document = read_document(_zip({member: b"<" + b"a" * (300 * 1024 * 1024)}), "bomb")
    assert document.problem.startswith("无法读取：解压后过大") and "压缩炸弹" in document.problem


# ---------------------------------------------------------------- fuzz: never an exception, always a Document

REAL_FILES = {"docx": _docx(), "xlsx": _xlsx(), "pdf": _pdf(blank_page=False), "html": _page().encode(),
              "xls": XLS_VALUES.read_bytes()}
HEADERS = [b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF-1.4\n", b"<html><table><tr><td rowspan=9999>",
           b"\xef\xbb\xbf", b"\xff\xfe", b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n\n--x\n"]


def _is_document(document) -> None:
    assert isinstance(document, Document)
    assert isinstance(document.problem, str) and isinstance(document.pages_without_text, list)
    for block in document.blocks:
        assert isinstance(block, (str, Table))
        if isinstance(block, str):
            assert "\n" not in block
        else:
            assert len({len(r) for r in block.rows}) <= 1 and all(isinstance(c, str) for r in block.rows for c in r)
    document.text()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HEADERS), st.binary(max_size=3000), st.sampled_from(["", "a.docx", "a.xls", "a.html", "a.pdf"]))
def test_fuzz_random_bytes_behind_real_headers(header, body, name):
    _is_document(read_document(header + body, name))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(REAL_FILES)), st.floats(0, 1), st.binary(max_size=20), st.integers(0, 2))
def test_fuzz_truncated_and_damaged_real_files(kind, fraction, noise, where):
    data = REAL_FILES[kind]
    cut = int(len(data) * fraction)
    damaged = [data[:cut] + noise, data[:cut] + noise + data[cut + len(noise):], noise + data[cut:]][where]
    document = read_document(damaged, f"r.{kind}")
    _is_document(document)
    assert document.problem or document.blocks or not damaged.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_fuzz_garbled_text(text):
    for encoding in ("utf-8", "gb18030", "utf-16"):
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        _is_document(read_document(data, "t.txt"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(["", "甲", "1", "&nbsp;", "<br>"]), st.integers(-2, 5),
                                   st.integers(-2, 5)), max_size=5), max_size=6))
def test_fuzz_html_spans_give_rectangular_grids(spec):
    page = "<html><body>" + _html_table(spec).replace('rowspan="-', 'rowspan="x') + "</body></html>"
    _is_document(read_document(page.encode(), "t.html"))


def test_pdf_label_wrapped_in_its_cell_is_joined_to_its_numbers():
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    from reportlab.platypus import Table as PdfTable

    from gongkai.core.pdf import styles

    cell = styles()["cell"]
    label = Paragraph("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", cell)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build([PdfTable([[label, "1", "", "1"]], colWidths=[150, 30, 30, 30],
                                                        style=[("FONT", (0, 0), (-1, -1), cell.fontName, 9)])])
    assert read_document(out.getvalue(), "r.pdf").blocks == ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）  1  1"]
