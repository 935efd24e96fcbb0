"""The report in HTML (portal page), Word, Excel and PDF, all from formats.py so every output has the official
layout (pure; python-docx, openpyxl, reportlab)."""

import html
import io

from . import formats as F
from .model import COLUMNS, REVIEW_COLUMNS, ReportData
from .sections import titles

CN_PT = {"二号": 22, "三号": 16, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9}


def title_of(report: ReportData) -> str:
    return f"{report.issuer or ''}{report.year}年政府信息公开工作年度报告"


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n") if p.strip()]


def _parts(report: ReportData, sections: dict | None):
    """(section key, heading, paragraphs, tables) in order; tables are lists of rows of formats.Cell."""
    sections = sections or {}
    heads = titles(report.format)
    if report.format == "pre2019":
        return [("一", heads["一"], _paragraphs(sections.get("一", "")), []),
                ("表", heads["表"], [], [F.pre2019_table(report)]),
                ("五", heads["五"], _paragraphs(sections.get("五", "")), []),
                ("六", heads["六"], _paragraphs(sections.get("六", "")), [])]
    return [("一", heads["一"], _paragraphs(sections.get("一", "")), []),
            ("二", heads["二"], _paragraphs(sections.get("二", "")), F.table_two(report)),
            ("三", heads["三"], _paragraphs(sections.get("三", "")), [F.table_three(report)]),
            ("四", heads["四"], _paragraphs(sections.get("四", "")), [F.table_four(report)]),
            ("五", heads["五"], _paragraphs(sections.get("五", "")), []),
            ("六", heads["六"], _paragraphs(sections.get("六", "")), [])]


# ------------------------------------------------------------------ HTML

def _html_table(rows, caption: str) -> str:
    out = [f'<div class="table-scroll"><table class="report-table"><caption>{html.escape(caption)}</caption>']
    for row in rows:
        out.append("<tr>")
        for text, rowspan, colspan, header in row:
            tag = "th" if header else "td"
            attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
            if header:
                attrs += ' scope="col"' if colspan > 1 or rowspan > 1 and row is rows[0] else ' scope="row"'
            out.append(f"<{tag}{attrs}>{html.escape(text)}</{tag}>")
        out.append("</tr>")
    out.append("</table></div>")
    return "".join(out)


def to_html(report: ReportData, sections: dict | None = None, level: int = 1) -> str:
    """An HTML fragment for the portal (and the catalogue item's body); `level` is the title's heading level, so the
    fragment can sit inside another page's outline."""
    out = [f'<article class="annual-report"><h{level}>{html.escape(title_of(report))}</h{level}>']
    captions = {"表": [f"政府信息公开情况统计表（{report.year}年度）"], "二": ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "第二十条第（九）项"],
                "三": ["收到和处理政府信息公开申请情况"], "四": ["政府信息公开行政复议、行政诉讼情况"]}
    for key, heading, paragraphs, tables in _parts(report, sections):
        out.append(f"<h{level + 1}>{html.escape(heading)}</h{level + 1}>")
        out.extend(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        for i, table in enumerate(tables):
            out.append(_html_table(table, captions[key][i] if i < len(captions[key]) else heading))
    out.append("</article>")
    return "\n".join(out)


# ------------------------------------------------------------------ Word

def _font(run, name: str, size: float, bold: bool = False):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _docx_table(document, rows):
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = document.add_table(rows=len(rows), cols=F.width(rows))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header_rows = next((r for r, row in enumerate(rows) if not all(h for *_, h in row)), len(rows))
    for r, c, (text, rowspan, colspan, header) in F.place(rows):
        cell = table.cell(r, c)
        if rowspan > 1 or colspan > 1:
            cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
        _font(cell.paragraphs[0].add_run(text), "宋体", CN_PT["小五"], bold=header and r < 3)
    for r in range(header_rows):                 # header rows repeat on every page
        properties = table.rows[r]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)
    return table


def to_docx(report: ReportData, sections: dict | None = None) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    page = document.sections[0]
    page.page_width, page.page_height = Cm(21.0), Cm(29.7)
    page.top_margin, page.bottom_margin, page.left_margin, page.right_margin = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(title_of(report)), "方正小标宋简体", CN_PT["二号"])
    for key, heading, paragraphs, tables in _parts(report, sections):
        _font(document.add_paragraph().add_run(heading), "黑体", CN_PT["三号"])
        for text in paragraphs:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(CN_PT["三号"] * 2)
            _font(paragraph.add_run(text), "仿宋_GB2312", CN_PT["三号"])
        for table in tables:
            _docx_table(document, table)
            document.add_paragraph()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ------------------------------------------------------------------ Excel

def _sheet_table(sheet, rows, top: int) -> int:
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    for r, c, (text, rowspan, colspan, header) in F.place(rows):
        value = text
        if not header:
            value = None if text == "" else (float(text) if "." in text else int(text)) \
                if text.lstrip("-").replace(".", "", 1).isdigit() else text
        cell = sheet.cell(top + r, c + 1, value)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center" if not header else "left")
        cell.border = Border(thin, thin, thin, thin)
        if header:
            cell.font = Font(bold=r < 3)
        if rowspan > 1 or colspan > 1:
            sheet.merge_cells(start_row=top + r, start_column=c + 1, end_row=top + r + rowspan - 1,
                              end_column=c + colspan)
    return top + len(rows)


def to_xlsx(report: ReportData, breakdown: list[tuple[str, ReportData]] | None = None) -> bytes:
    """表二/表三/表四 with the official merges, a 数据 sheet of stable keys, and (consolidated) a 分机构 sheet."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    if report.format == "pre2019":
        sheet.title = "统计表"
        _sheet_table(sheet, F.pre2019_table(report), 1)
        for letter, width in zip("ABC", (60, 8, 12)):
            sheet.column_dimensions[letter].width = width
        tables = ()
    else:
        sheet.title = "表二"
        row = 1
        for block in F.table_two(report):
            row = _sheet_table(sheet, block, row) + 1
        sheet.column_dimensions["A"].width = 24
        tables = (("表三", F.table_three(report), [16, 22, 34] + [10] * 7), ("表四", F.table_four(report), [10] * 15))
    for name, rows, widths in tables:
        sheet = book.create_sheet(name)
        _sheet_table(sheet, rows, 1)
        for i, width in enumerate(widths):
            sheet.column_dimensions[get_column_letter(i + 1)].width = width
        sheet.freeze_panes = "A4" if name == "表三" else "A4"
    data = book.create_sheet("数据")
    data.append(["key", "值"])
    for key, value in flat(report).items():
        data.append([key, value])
    data.column_dimensions["A"].width = 48
    if breakdown:
        parts = book.create_sheet("分机构")
        parts.append(["机构", *[f"{row}.{c}" for row in ("new", "carried_in", "outcome_total", "carried_out")
                              for c in COLUMNS], *[f"reviews.{g}.total" for g in F.REVIEW_GROUPS]])
        for name, part in breakdown:
            parts.append([name, *[(part.applications.get(row) or {}).get(c) for row in
                                  ("new", "carried_in", "outcome_total", "carried_out") for c in COLUMNS],
                          *[(part.reviews.get(g) or {}).get("total") for g in F.REVIEW_GROUPS]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def flat(report: ReportData) -> dict:
    out = {"issuer": report.issuer, "year": report.year, "format": report.format, "fees_yuan": report.fees_yuan}
    for block, cells in report.active.items():
        for column, value in (cells or {}).items():
            out[f"active.{block}.{column}"] = value
    for row, cells in report.applications.items():
        for column, value in (cells or {}).items() if isinstance(cells, dict) else []:
            out[f"applications.{row}.{column}"] = value
    for group, cells in report.reviews.items():
        for column, value in (cells or {}).items() if isinstance(cells, dict) else []:
            out[f"reviews.{group}.{column}"] = value
    return out


# ------------------------------------------------------------------ PDF

def to_pdf(report: ReportData, sections: dict | None = None) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from gongkai.core.pdf import cjk_font, styles

    st = styles()
    font = cjk_font()
    # table text: one size for labels and numbers, top-aligned, so a wrapped label's first line shares the numbers'
    # baseline and the file reads back as the same table (the auditor's readers are tested on it)
    label_style = ParagraphStyle("table-label", parent=st["cell"], fontSize=7, leading=9)
    flow = [Paragraph(html.escape(title_of(report)), st["title"])]
    for key, heading, paragraphs, tables in _parts(report, sections):
        flow.append(Paragraph(html.escape(heading), st["h2"]))
        flow.extend(Paragraph(html.escape(p), st["body"]) for p in paragraphs)
        for rows in tables:
            width = F.width(rows)
            grid = [[""] * width for _ in rows]
            spans = []
            for r, c, (text, rowspan, colspan, header) in F.place(rows):
                grid[r][c] = Paragraph(html.escape(text), label_style) if header and len(text) > 6 else text
                if rowspan > 1 or colspan > 1:
                    spans.append(("SPAN", (c, r), (c + colspan - 1, r + rowspan - 1)))
            usable = A4[0] - 4 * cm
            widths = _pdf_widths(width, usable)
            table = Table(grid, colWidths=widths, repeatRows=3 if key == "三" else 0)
            table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 7, 9), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP"), *spans]))
            flow += [table, Spacer(1, 6)]

    def number(canvas, doc):
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, f"— {doc.page} —")

    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, title=title_of(report)).build(
        flow, onFirstPage=number, onLaterPages=number)
    return out.getvalue()


def _pdf_widths(columns: int, usable: float) -> list[float]:
    if columns == 10:                      # table 三: three label columns (group labels on one line), seven numbers
        number = usable * 0.058
        label = usable - 7 * number
        return [usable * 0.145, usable * 0.12, label - usable * 0.265] + [number] * 7
    if columns == 4:
        return [usable * 0.34] + [usable * 0.22] * 3
    if columns == 3:                       # the pre-2019 统计表: 统计指标 | 单位 | 统计数
        return [usable * 0.7, usable * 0.12, usable * 0.18]
    return [usable / columns] * columns


REVIEW_LABELS = list(REVIEW_COLUMNS.values())
