"""The rule set for annual reports, in one place (pure). The generator runs it before publishing; the auditor runs it
on reports published elsewhere. Each rule has a stable name (annual-report.md ids), a severity and a Chinese
message naming the cells. Blank (None) or absent cells are unknown: a rule that needs them is skipped, never
treated as 0."""

from collections.abc import Callable, Iterator

from .model import (COLUMN_LABELS, COLUMNS, OUTCOME_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, ROW_LABELS, Finding,
                    ReportData)

Rule = Callable[[ReportData, ReportData | None], Iterator[Finding]]
RULES: list[tuple[str, str, Rule]] = []   # (name, severity, function)


def rule(name: str, severity: str):
    def register(fn):
        RULES.append((name, severity, fn))
        return fn
    return register


def _cell(report: ReportData, row: str, column: str):
    value = report.applications.get(row, {})
    return value.get(column) if isinstance(value, dict) else None


@rule("T3.cells", "error")
def cells_are_counts(report, previous):
    for row, cells in report.applications.items():
        for column, value in (cells or {}).items() if isinstance(cells, dict) else []:
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                yield Finding("T3.cells", "error", f"applications.{row}.{column}",
                              f"表三“{ROW_LABELS.get(row, row)}”·{COLUMN_LABELS.get(column, column)} 应为非负整数，实为 {value}",
                              found=value)


@rule("T3.row_total", "error")
def row_totals(report, previous):
    parts = [c for c in COLUMNS if c != "total"]
    for row in report.applications:
        values = [_cell(report, row, c) for c in parts]
        total = _cell(report, row, "total")
        if total is None or any(v is None for v in values):
            continue
        if sum(values) != total:
            yield Finding("T3.row_total", "error", f"applications.{row}.total",
                          f"表三“{ROW_LABELS.get(row, row)}”：自然人至其他六列之和 {sum(values)} ≠ 总计 {total}",
                          expected=sum(values), found=total)


@rule("T3.outcomes", "error")
def outcome_rows_sum(report, previous):
    for column in COLUMNS:
        total = _cell(report, "outcome_total", column)
        values = [_cell(report, row, column) for row in OUTCOME_ROWS]
        if total is None or any(v is None for v in values):
            continue
        if sum(values) != total:
            yield Finding("T3.outcomes", "error", f"applications.outcome_total.{column}",
                          f"表三 {COLUMN_LABELS[column]} 列：21项办理结果之和 {sum(values)} ≠ （七）总计 {total}",
                          expected=sum(values), found=total)


@rule("T3.balance", "error")
def balance(report, previous):
    for column in COLUMNS:
        new, carried_in = _cell(report, "new", column), _cell(report, "carried_in", column)
        done, carried_out = _cell(report, "outcome_total", column), _cell(report, "carried_out", column)
        if None in (new, carried_in, done, carried_out):
            continue
        if new + carried_in != done + carried_out:
            yield Finding("T3.balance", "error", f"applications.{column}",
                          f"表三 {COLUMN_LABELS[column]} 列：新收 {new} + 上年结转 {carried_in} ≠ 办理结果总计 {done} + "
                          f"结转下年度 {carried_out}", expected=new + carried_in, found=done + carried_out)


@rule("T4.total", "error")
def review_totals(report, previous):
    for group, label in REVIEW_GROUPS.items():
        cells = report.reviews.get(group)
        if not isinstance(cells, dict):
            continue
        parts = [cells.get(c) for c in ("upheld", "corrected", "other", "pending")]
        total = cells.get("total")
        if total is None or any(v is None for v in parts):
            continue
        if sum(parts) != total:
            yield Finding("T4.total", "error", f"reviews.{group}.total",
                          f"表四 {label}：{'、'.join(list(REVIEW_COLUMNS.values())[:4])}之和 {sum(parts)} ≠ 总计 {total}",
                          expected=sum(parts), found=total)


@rule("Y.carry", "error")
def carry_over(report, previous):
    if previous is None or report.year is None or report.year < 2020:
        return
    for column in COLUMNS:
        now, before = _cell(report, "carried_in", column), _cell(previous, "carried_out", column)
        if now is not None and before is not None and now != before:
            yield Finding("Y.carry", "error", f"applications.carried_in.{column}",
                          f"{report.year}年 表三 {COLUMN_LABELS[column]}“上年结转”{now} ≠ {previous.year}年“结转下年度继续办理”{before}",
                          expected=before, found=now)


@rule("Y.in_force", "warning")
def in_force_chain(report, previous):
    if previous is None or report.format != "2021" or previous.format != "2021":
        return
    for key, label in (("regulations", "规章"), ("normative_docs", "行政规范性文件")):
        now, before = report.active.get(key) or {}, previous.active.get(key) or {}
        values = (before.get("in_force"), now.get("issued"), now.get("repealed"), now.get("in_force"))
        if None in values:
            continue
        expected = values[0] + values[1] - values[2]
        if expected != values[3]:
            yield Finding("Y.in_force", "warning", f"active.{key}.in_force",
                          f"表二 {label}：上年现行有效 {values[0]} + 本年制发 {values[1]} − 本年废止 {values[2]} = {expected}，"
                          f"但现行有效件数为 {values[3]}", expected=expected, found=values[3])


def check(report: ReportData, previous: ReportData | None = None) -> list[Finding]:
    """Run every rule; the report's findings are replaced by the result."""
    findings = [f for _, _, fn in RULES for f in fn(report, previous)]
    report.findings = findings
    return findings
