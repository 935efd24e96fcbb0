"""The auditor's workbook: one row per finding, and the extracted tables side by side (pure; openpyxl)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from gongkai.core import labels

from .reportdata import COLUMN_LABELS, COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, ROW_LABELS, ReportData
from .rules import SEVERITY_NAMES

FORMAT_NAMES = {"2021": "2021年格式", "2019": "2019年格式", "pre2019": "2019年以前统计表", "narrative": "无统计表（文字）"}


def _sheet(book, title, header, widths):
    sheet = book.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = width
    sheet.freeze_panes = "A2"
    return sheet


def findings_workbook(results: list[tuple[str, ReportData]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    findings = _sheet(book, "问题", ["文件", "发布机关", "年度", "格式", "规则", "级别", "位置", "说明", "应为", "实为"],
                      [36, 24, 8, 16, 18, 8, 34, 80, 12, 12])
    overview = _sheet(book, "概况", ["文件", "发布机关", "年度", "格式", "文字", "错误", "警告", "提示"],
                      [36, 24, 8, 16, 8, 8, 8, 8])
    table3 = _sheet(book, "表三", ["文件", "发布机关", "年度", "行", *[COLUMN_LABELS[c] for c in COLUMNS]],
                    [36, 24, 8, 40] + [10] * len(COLUMNS))
    table4 = _sheet(book, "表四", ["文件", "发布机关", "年度", "类别", *REVIEW_COLUMNS.values()], [36, 24, 8, 28] + [10] * 5)
    for name, report in results:
        who = [name, report.issuer or "", report.year]
        counts = {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITY_NAMES}
        overview.append([*who, labels.label("report_format", report.format), "繁体" if report.script == "hant" else "简体",
                         counts["error"], counts["warning"], counts["info"]])
        for f in report.findings:
            findings.append([*who, labels.label("report_format", report.format), f.rule,
                             labels.label("severity", f.severity),
                             f.where, f.message, _plain(f.expected), _plain(f.found)])
        for row, cells in report.applications.items():
            if isinstance(cells, dict) and row in ROW_LABELS:
                table3.append([*who, ROW_LABELS[row], *[cells.get(c) for c in COLUMNS]])
        for group, label in REVIEW_GROUPS.items():
            cells = report.reviews.get(group)
            if isinstance(cells, dict):
                table4.append([*who, label, *[cells.get(c) for c in REVIEW_COLUMNS]])
    for row in findings.iter_rows(min_row=2, min_col=8, max_col=8):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _plain(value):
    if value is None or isinstance(value, (int, float, str)):
        return value
    return str(value)
