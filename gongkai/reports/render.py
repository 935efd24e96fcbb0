"""The report in HTML (portal page), Word, Excel and PDF (pure; python-docx, openpyxl, reportlab).

Everything printed — title, section headings, tables with their merges, captions — comes from formats.py, so every
output has the official layout of the report's format; a format without tables (a narrative report read by the
auditor) is refused with a Chinese FormatError. `sections` maps a section key ("一", "五", "六", optionally "二"–"四"
as the intro before a table) to plain text: paragraphs separated by blank lines, a single newline a line break.
"""

import html
import io
import re

from . import formats
from .reportdata import COLUMNS, ReportData

FormatError = formats.FormatError

# Chinese type sizes in points (GB/T 9704 uses 二号 for the title, 三号 for the body)
CN_PT = {"二号": 22, "三号": 16, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9}
TITLE_FONT, TITLE_FALLBACK = "方正小标宋简体", "宋体"
HEADING_FONT, BODY_FONT, BODY_FALLBACK, TABLE_FONT = "黑体", "仿宋_GB2312", "仿宋", "宋体"
TABLE_PT = CN_PT["小五"]
# relative column widths per table (label columns wider than number columns)
# (the PDF proportions are those the auditor's position-based PDF reader is tested on)
WIDTHS = {"表二": [34, 22, 22, 22], "表三": [14.5, 12, 32.9] + [5.8] * 7, "表四": [1] * 15, "统计表": [70, 12, 18]}
XLSX_WIDTHS = {"表二": [24, 16, 16, 16], "表三": [16, 22, 40] + [10] * 7, "表四": [10] * 15, "统计表": [60, 8, 12]}


def title_of(report: ReportData) -> str:
    return formats.format_of(report).title_of(report)


def paragraphs(text: str | None) -> list[list[str]]:
    """Paragraphs (separated by blank lines), each as its lines (a single newline is a line break)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for block in re.split(r"\n[ \t\u3000]*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines:
            out.append(lines)
    return out


def _parts(report: ReportData, sections: dict | None, cell=formats.show):
    """(heading, paragraphs, tables) per section of the report's format, in order."""
    fmt = formats.format_of(report)
    sections = sections or {}
    by_section: dict[str, list[formats.Table]] = {}
    for table in formats.tables(report, cell):
        by_section.setdefault(table.section, []).append(table)
    return [(heading, paragraphs(sections.get(key)), by_section.get(key, [])) for key, heading in fmt.sections]


def _check(report: ReportData) -> None:
    formats.format_of(report)
    if report.year is None:
        raise FormatError("报告缺少年度，无法生成年度报告")


# ------------------------------------------------------------------ HTML

def _html_table(table: formats.Table) -> str:
    wide = formats.width(table.rows) > 4
    out = ['<div class="table-scroll" style="overflow-x:auto;-webkit-overflow-scrolling:touch">',
           f'<table class="report-table" data-table="{html.escape(table.name)}"'
           + (' style="min-width:44rem"' if wide else "") + ">",
           f"<caption>{html.escape(table.name)}　{html.escape(table.caption)}</caption>"]

    def row_html(row) -> str:
        cells = []
        for text, rowspan, colspan, scope in row:
            attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
            if scope:
                cells.append(f'<th scope="{scope}"{attrs}>{html.escape(text)}</th>')
            else:
                cells.append(f"<td{attrs}>{html.escape(text)}</td>")
        return "<tr>" + "".join(cells) + "</tr>"

    if table.header_rows:
        out.append("<thead>" + "".join(row_html(r) for r in table.rows[:table.header_rows]) + "</thead>")
    out.append("<tbody>" + "".join(row_html(r) for r in table.rows[table.header_rows:]) + "</tbody>")
    out.append("</table></div>")
    return "".join(out)


def to_html(report: ReportData, sections: dict | None = None, level: int = 1) -> str:
    """An HTML fragment for the portal (and the catalogue item's body); `level` is the title's heading level, so the
    fragment can sit inside another page's outline."""
    _check(report)
    sub = min(level + 1, 6)
    out = [f'<article class="annual-report"><h{level}>{html.escape(title_of(report))}</h{level}>']
    for heading, paras, tables in _parts(report, sections):
        out.append(f"<section><h{sub}>{html.escape(heading)}</h{sub}>")
        out.extend("<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>" for lines in paras)
        out.extend(_html_table(t) for t in tables)
        out.append("</section>")
    out.append("</article>")
    return "\n".join(out)


# ------------------------------------------------------------------ Word

def _font(run, name: str, size: float, bold: bool = False):
    """Font of a run: the Latin names and the East Asian one (w:eastAsia), which Word uses for Chinese text."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    return run


def _font_fallbacks(document, fallbacks: dict[str, str]) -> None:
    """Declare each font in word/fontTable.xml with an alternative name (w:altName) and the GB2312 charset, so a
    machine without 方正小标宋简体 / 仿宋_GB2312 shows 宋体 / 仿宋 instead of a Latin substitute."""
    from lxml import etree

    part = next((p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None)
    if part is None:
        return
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = etree.fromstring(part.blob)
    for name, alt in fallbacks.items():
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
        if alt:
            etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": alt})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})
        etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": "auto"})
        etree.SubElement(font, f"{{{w}}}pitch", {f"{{{w}}}val": "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number(section) -> None:
    """Centred 「— n —」 in the footer (a PAGE field)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run("— "), TABLE_FONT, CN_PT["四号"])
    run = _font(paragraph.add_run(), TABLE_FONT, CN_PT["四号"])
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text.strip() == "PAGE" else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    _font(paragraph.add_run(" —"), TABLE_FONT, CN_PT["四号"])


def _docx_table(document, table: formats.Table, usable_cm: float):
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    rows, columns = table.rows, formats.width(table.rows)
    grid = document.add_table(rows=len(rows), cols=columns)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    relative = WIDTHS.get(table.name, [1] * columns)
    widths = [Cm(usable_cm * w / sum(relative)) for w in relative]
    for i, column in enumerate(grid.columns):
        column.width = widths[i]
    for row in grid.rows:
        for i, cell in enumerate(row.cells):
            cell.width = widths[i]
    for r, c, (text, rowspan, colspan, scope) in formats.place(rows):
        cell = grid.cell(r, c)
        if rowspan > 1 or colspan > 1:
            cell = cell.merge(grid.cell(r + rowspan - 1, c + colspan - 1))
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if scope == "row" else WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = 0
        _font(paragraph.add_run(text), TABLE_FONT, TABLE_PT, bold=scope == "col")
    for r in range(table.header_rows):                 # header rows repeat on every page
        properties = grid.rows[r]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)
    return grid


def to_docx(report: ReportData, sections: dict | None = None) -> bytes:
    """Word: A4, margins 3.7/3.5/2.8/2.6 cm, title 方正小标宋简体 二号 centred, headings 黑体 三号, body 仿宋_GB2312
    三号 (28 pt lines, two-character indent), tables 宋体 小五 with the official merges, page numbers."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
    from docx.shared import Cm, Pt

    _check(report)
    document = docx.Document()
    document.core_properties.title = title_of(report)
    document.core_properties.language = "zh-CN"
    page = document.sections[0]
    page.page_width, page.page_height = Cm(21.0), Cm(29.7)
    page.top_margin, page.bottom_margin, page.left_margin, page.right_margin = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
    usable = 21.0 - 2.8 - 2.6
    _page_number(page)
    _font_fallbacks(document, {TITLE_FONT: TITLE_FALLBACK, BODY_FONT: BODY_FALLBACK, HEADING_FONT: "",
                               TABLE_FONT: ""})

    def line(paragraph, points: float):
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = Pt(points)
        paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = 0

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    line(title, 36)
    title.paragraph_format.space_after = Pt(18)
    _font(title.add_run(title_of(report)), TITLE_FONT, CN_PT["二号"])
    for heading, paras, tables in _parts(report, sections):
        head = document.add_paragraph()
        line(head, 28)
        head.paragraph_format.first_line_indent = Pt(CN_PT["三号"] * 2)
        head.paragraph_format.keep_with_next = True
        _font(head.add_run(heading), HEADING_FONT, CN_PT["三号"])
        for lines in paras:
            paragraph = document.add_paragraph()
            line(paragraph, 28)
            paragraph.paragraph_format.first_line_indent = Pt(CN_PT["三号"] * 2)
            for i, text in enumerate(lines):
                run = _font(paragraph.add_run(text), BODY_FONT, CN_PT["三号"])
                if i < len(lines) - 1:
                    run.add_break(WD_BREAK.LINE)
        for table in tables:
            _docx_table(document, table, usable)
            document.add_paragraph()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ------------------------------------------------------------------ Excel

def _raw(value):
    return value


def _sheet_table(sheet, table: formats.Table) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    for r, c, (value, rowspan, colspan, scope) in formats.place(table.rows):
        cell = sheet.cell(r + 1, c + 1, value)
        cell.alignment = Alignment(wrap_text=True, vertical="center",
                                   horizontal="left" if scope == "row" else "center")
        cell.font = Font(name=TABLE_FONT, size=10, bold=scope == "col")
        if isinstance(value, float) and not value.is_integer():
            cell.number_format = "0.00##"
        for dr in range(rowspan):
            for dc in range(colspan):
                sheet.cell(r + dr + 1, c + dc + 1).border = Border(thin, thin, thin, thin)
        if rowspan > 1 or colspan > 1:
            sheet.merge_cells(start_row=r + 1, start_column=c + 1, end_row=r + rowspan, end_column=c + colspan)
    for i, w in enumerate(XLSX_WIDTHS.get(table.name, [])):
        sheet.column_dimensions[get_column_letter(i + 1)].width = w
    if table.header_rows:
        sheet.freeze_panes = sheet.cell(table.header_rows + 1, 1).coordinate


def to_xlsx(report: ReportData, breakdown: list[tuple[str, ReportData]] | None = None) -> bytes:
    """One sheet per table with the official merges (numbers as numbers, blanks empty, header rows frozen), a 数据
    sheet of (key, 项目, 值) rows with stable keys, and for a consolidated report a 分机构 sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    _check(report)
    book = Workbook()
    book.remove(book.active)
    book.properties.title = title_of(report)
    for table in formats.tables(report, _raw):
        _sheet_table(book.create_sheet(table.name), table)
    data = book.create_sheet("数据")
    data.append(["key", "项目", "值"])
    for cell in data[1]:
        cell.font = Font(bold=True)
    for key, label, value in formats.data_rows(report):
        data.append([key, label, value])
    data.column_dimensions["A"].width = 48
    data.column_dimensions["B"].width = 70
    data.column_dimensions["C"].width = 14
    data.freeze_panes = "A2"
    if breakdown:
        rows = ("new", "carried_in", "outcome_total", "carried_out")
        groups = [g.key for g in formats.format_of(report).t4_groups]
        parts = book.create_sheet("分机构")
        parts.append(["机构", *[f"applications.{row}.{c}" for row in rows for c in COLUMNS],
                      *[f"reviews.{g}.total" for g in groups]])
        for name, part in breakdown:
            parts.append([name, *[(part.applications.get(row) or {}).get(c) for row in rows for c in COLUMNS],
                          *[(part.reviews.get(g) or {}).get("total") for g in groups]])
        parts.freeze_panes = "B2"
        parts.column_dimensions["A"].width = 36
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ------------------------------------------------------------------ PDF

def to_pdf(report: ReportData, sections: dict | None = None) -> bytes:
    """PDF (A4) with the CJK font embedded (gongkai.core.pdf), the tables with the official spans, page numbers."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from gongkai.core.pdf import cjk_font, styles

    _check(report)
    st = styles()
    font = cjk_font()
    # table text: one size for labels and numbers, top-aligned, so a wrapped label's first line shares the numbers'
    # baseline and the file reads back as the same table (the auditor's readers are tested on it)
    label_style = ParagraphStyle("table-label", parent=st["cell"], fontSize=7, leading=9)
    usable = A4[0] - 4 * cm
    flow = [Paragraph(html.escape(title_of(report)), st["title"])]
    for heading, paras, tables in _parts(report, sections):
        flow.append(Paragraph(html.escape(heading), st["h2"]))
        flow.extend(Paragraph("<br/>".join(html.escape(line) for line in lines), st["body"]) for lines in paras)
        for table in tables:
            rows = table.rows
            grid = [[""] * formats.width(rows) for _ in rows]
            spans = []
            for r, c, (text, rowspan, colspan, scope) in formats.place(rows):
                # header text wraps inside its cell (narrow number columns: 商业企业, 结果维持 …); numbers stay plain
                grid[r][c] = Paragraph(html.escape(text), label_style) if scope else text
                if rowspan > 1 or colspan > 1:
                    spans.append(("SPAN", (c, r), (c + colspan - 1, r + rowspan - 1)))
            relative = WIDTHS.get(table.name, [1] * formats.width(rows))
            pdf_table = Table(grid, colWidths=[usable * w / sum(relative) for w in relative],
                              repeatRows=table.header_rows)
            pdf_table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 7, 9),
                                           ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                           ("VALIGN", (0, 0), (-1, -1), "TOP"), *spans]))
            flow += [pdf_table, Spacer(1, 6)]

    def number(canvas, doc):
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, f"— {doc.page} —")

    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2.5 * cm, bottomMargin=2.5 * cm,
                      title=title_of(report), author=report.issuer or "", lang="zh-CN").build(
        flow, onFirstPage=number, onLaterPages=number)
    return out.getvalue()
