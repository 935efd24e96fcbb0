"""From a published report (text lines and tables, as the document layer gives them) to the data model (pure).

The parts, in reading order:
- rows.py: every source becomes one stream of rows (`SourceText`); a real table's rows keep blank cells in place,
  text rows have lost them;
- tables.py: tables 二, 三, 四 and the old 统计表 found in that stream by their labels (labels.py);
- columns.py: the numbers of text rows of table 三 placed in columns only when the layout, the sums and the prose
  make it certain; otherwise the row keeps its total and the reader says so in a warning;
- meta.py: issuer and year; prose.py: the numbers the text states; textparse.py: cleaning and numbers.
"""

import re

from ..formats import FormatError, format_for_year
from ..reportdata import ROW_LABELS, ReportData, ReportFinding
from . import labels, prose
from .columns import assign_columns
from .meta import detect_meta
from .rows import SourceText, source_from_blocks
from .tables import T3Row, find_pre2019_table, find_table_four, find_table_three, find_table_two

__all__ = ["SourceText", "report_from_source", "source_from_blocks"]

TABLE_FORMATS = ("2019", "2021")            # the formats with tables 二–四 (before 2019: the old 统计表)


def report_from_source(source: SourceText) -> ReportData:
    """The report's data with the reader's own findings (what it could not read, and why)."""
    report = ReportData(script=source.script)
    report.issuer, report.year, annual = detect_meta(source)
    findings: list[ReportFinding] = []
    if source.problem:
        findings.append(ReportFinding("R.unreadable", "error" if source.problem.startswith("无法读取") else "warning",
                                      "file", source.problem))
    t3_rows = find_table_three(source)
    stated = prose.extract(source, report)
    if t3_rows:
        findings += _read_tables(source, report, t3_rows, stated)
    else:
        old = find_pre2019_table(source)
        if len(old) >= 5:
            report.format = "pre2019"
            report.prose = stated
            _apply_targets(report, old)
        else:
            report.format = "narrative"
    prose.fill_from_prose(report, stated)
    report.prose = stated
    report.findings = findings
    if not annual and report.format == "narrative":
        report.prose["document_type"] = "工作总结"
        findings.append(ReportFinding("R.not_annual_report", "info", "document",
                                      "该文件不是法定格式的政府信息公开工作年度报告（无统计表格），只读取了正文中的数字"))
    return report


def _format_of_reporting_year(year: int | None) -> str:
    """The table format in force in the reporting year; 2019 when the year is unknown or earlier (the report has a
    table 三, so it is one of the two)."""
    try:
        key = format_for_year(year).key
    except FormatError:
        return "2019"
    return key if key in TABLE_FORMATS else "2019"


def _table_format(t3_rows: list[T3Row], t2_format: str | None, year: int | None) -> str:
    if any(t.key in labels.T3_MARKERS_2021 for t in t3_rows):
        return "2021"                         # the three （六） rows exist only in the 2021 format
    if t2_format:
        return t2_format
    if any(t.key == "other.other" for t in t3_rows) and not any(t.key.startswith("not_processed.")
                                                               for t in t3_rows[-3:]):
        return "2019"
    return _format_of_reporting_year(year)    # nothing in the table tells: the format of the reporting year


def _read_tables(source: SourceText, report: ReportData, t3_rows: list[T3Row], stated: dict) -> list[ReportFinding]:
    """Tables 二, 三, 四 of a 2019/2021 report into `report`; the reader's findings on what it could not place."""
    apps, ambiguous = assign_columns(t3_rows, prose.stated_columns(stated))
    report.applications = apps
    report.active, t2_format, unplaced = find_table_two(source, t3_rows[0].row.line)
    report.format = fmt = _table_format(t3_rows, t2_format, report.year)
    report.reviews, t4_row, t4_ambiguous = find_table_four(source, t3_rows[-1].row.line)
    findings = []
    expected_rows = [k for k in ROW_LABELS if fmt == "2021" or k not in labels.T3_MARKERS_2021]
    missing = [k for k in expected_rows if k not in apps]
    if missing:
        findings.append(ReportFinding(
            "R.truncated", "warning", "applications",
            f"表三缺少 {len(missing)} 行（{'、'.join(_short(k) for k in missing[:6])}{'等' if len(missing) > 6 else ''}）："
            f"页面可能被截断，缺少的单元格未计为 0", found=missing))
    if ambiguous:
        names = "、".join(_short(k) for k in ambiguous)
        findings.append(ReportFinding(
            "R.columns_ambiguous", "warning", "applications",
            f"表三为文本表格，空白单元格已丢失：{names} 等行的法人或其他组织各列无法确定归属，只保留总计"
            f"（以及由合计和正文可确定的列），未作猜测"))
    if unplaced:
        findings.append(ReportFinding("R.columns_ambiguous", "warning", "active",
                                      f"表二 {'、'.join(unplaced)} 行缺少空白单元格，数字无法确定归属列，未读取"))
    if t4_ambiguous:
        findings.append(ReportFinding("R.columns_ambiguous", "warning", "reviews",
                                      "表四为文本表格且有空白单元格丢失，15 个数字无法确定归属列，未读取"))
    if t4_row is None and not t4_ambiguous:
        findings.append(ReportFinding("R.missing", "warning", "reviews", "未找到表四（行政复议、行政诉讼情况）的数据行"))
    return findings


def _short(key: str) -> str:
    label = ROW_LABELS.get(key, key)
    return re.sub(r"^[（(][一二三四五六七][)）]|^\d\.|^[一二三四]、", "", label.split("）", 1)[-1] if "）" in label
                  and label.startswith("（") else label).lstrip("0123456789.")


def _apply_targets(report: ReportData, values: dict[str, object]) -> None:
    for target, value in values.items():
        if target == "fees_wan":
            report.fees_yuan = None if value is None else round(float(value) * 10000, 2)
            continue
        head, _, rest = target.partition(".")
        container = {"applications": report.applications, "reviews": report.reviews, "prose": report.prose}[head]
        if head == "prose":
            container[rest] = value
            continue
        parts = rest.split(".")
        if len(parts) == 2 and parts[0] in ("by_channel", "review", "suit"):
            container.setdefault(parts[0], {})[parts[1]] = value
        else:
            container[rest] = value
