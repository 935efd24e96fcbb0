"""The rule set for annual reports, in one place (pure). The generator runs it before publishing; the auditor runs it
on reports published elsewhere. Each rule has a stable name (annual-report.md ids), a severity and a Chinese
message naming the cells. Blank (None) or absent cells are unknown: a rule that needs them is skipped, never
treated as 0."""

import re
from collections.abc import Callable, Iterator

from .formats import FormatError, format_for_year
from .reportdata import (
    COLUMN_LABELS,
    COLUMNS,
    OUTCOME_ROWS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    ROW_LABELS,
    ReportData,
    ReportFinding,
)

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}

# The Chinese name of every finding a person may see: the shared rules below (R.art50, R.format_year among them),
# the reader's own findings (R.*: what it could not read) and the generator's (G.*: what staff still have to do).
RULE_NAMES = {
    "T2.issuer": "表二：发布机关无权制定规章",
    "T3.cells": "表三：单元格应为非负整数",
    "T3.row_total": "表三：各列之和与总计不符",
    "T3.outcomes": "表三：办理结果各项之和与（七）总计不符",
    "T3.balance": "表三勾稽关系：一＋二＝三（七）＋四",
    "T4.total": "表四：各项之和与总计不符",
    "T4.cells": "表四：单元格应为非负整数",
    "Y.carry": "跨年度：上年结转与上一年度结转下年度不符",
    "Y.in_force": "跨年度：现行有效件数不连贯",
    "Y.items": "跨年度：上一年项目数量不连贯",
    "P.numbers": "正文数字与表格不符",
    "P.percent": "正文占比与件数不符",
    "P.breakdown": "正文“其中”各项之和与总数不符",
    "O.sums": "统计表：分项之和与总数不符",
    "R.art50": "缺少《条例》第五十条规定的内容",
    "R.format_year": "报告格式与报告年度不符",
    "R.unreadable": "无法读取",
    "R.truncated": "表三不完整",
    "R.columns_ambiguous": "文本表格的列无法确定",
    "R.missing": "未找到表格",
    "R.not_annual_report": "不是法定格式的年度报告",
    "G.manual_missing": "表二尚有数字未填报",
    "G.placeholders": "正文中有无法识别的数据占位符",
}

Rule = Callable[[ReportData, ReportData | None], Iterator[ReportFinding]]
RULES: list[tuple[str, str, Rule]] = []   # (name, severity, function)


def rule(name: str, severity: str):
    def register(fn):
        RULES.append((name, severity, fn))
        return fn
    return register


def _cell(report: ReportData, row: str, column: str):
    value = report.applications.get(row, {})
    return value.get(column) if isinstance(value, dict) else None


ABSENT = object()


def _part(report: ReportData, row: str, column: str):
    """A cell for a sum: a blank cell of a printed row counts as nothing (0); a cell the source lacks is ABSENT."""
    cells = report.applications.get(row)
    if not isinstance(cells, dict) or column not in cells:
        return ABSENT
    return cells[column] or 0


def _not_counts(table: dict):
    """(row or group, column, value) of every filled cell that is not a non-negative whole number."""
    for row, cells in table.items():
        for column, value in (cells or {}).items() if isinstance(cells, dict) else []:
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                yield row, column, value


@rule("T3.cells", "error")
def cells_are_counts(report, previous):
    for row, column, value in _not_counts(report.applications):
        yield ReportFinding("T3.cells", "error", f"applications.{row}.{column}",
                      f"表三“{ROW_LABELS.get(row, row)}”·{COLUMN_LABELS.get(column, column)} 应为非负整数，实为 {value}",
                      found=value)


@rule("T3.row_total", "error")
def row_totals(report, previous):
    parts = [c for c in COLUMNS if c != "total"]
    for row in report.applications:
        values = [_part(report, row, c) for c in parts]
        total = _cell(report, row, "total")
        if total is None or any(v is ABSENT for v in values) or all(_cell(report, row, c) is None for c in parts):
            continue
        if sum(values) != total:
            yield ReportFinding("T3.row_total", "error", f"applications.{row}.total",
                          f"表三“{ROW_LABELS.get(row, row)}”：自然人至其他六列之和 {sum(values)} ≠ 总计 {total}",
                          expected=sum(values), found=total)


ONLY_2021 = ("other.no_correction", "other.fee_unpaid")


def outcome_rows(report: ReportData) -> list[str]:
    """The 21 outcome rows of the 2021 format, or the 19 of the 2019 format."""
    return [r for r in OUTCOME_ROWS if report.format != "2019" or r not in ONLY_2021]


@rule("T3.outcomes", "error")
def outcome_rows_sum(report, previous):
    rows = outcome_rows(report)
    for column in COLUMNS:
        total = _cell(report, "outcome_total", column)
        values = [_part(report, row, column) for row in rows]
        if total is None or any(v is ABSENT for v in values):
            continue
        if sum(values) != total:
            yield ReportFinding("T3.outcomes", "error", f"applications.outcome_total.{column}",
                          f"表三 {COLUMN_LABELS[column]} 列：{len(rows)}项办理结果之和 {sum(values)} ≠ （七）总计 {total}",
                          expected=sum(values), found=total)


@rule("T3.balance", "error")
def balance(report, previous):
    for column in COLUMNS:
        new, carried_in = _cell(report, "new", column), _cell(report, "carried_in", column)
        done, carried_out = _cell(report, "outcome_total", column), _cell(report, "carried_out", column)
        if None in (new, carried_in, done, carried_out):
            continue
        if new + carried_in != done + carried_out:
            yield ReportFinding("T3.balance", "error", f"applications.{column}",
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
            yield ReportFinding("T4.total", "error", f"reviews.{group}.total",
                          f"表四 {label}：{'、'.join(list(REVIEW_COLUMNS.values())[:4])}之和 {sum(parts)} ≠ 总计 {total}",
                          expected=sum(parts), found=total)


@rule("T4.cells", "error")
def review_cells_are_counts(report, previous):
    for group, column, value in _not_counts(report.reviews):
        yield ReportFinding("T4.cells", "error", f"reviews.{group}.{column}",
                      f"表四 {REVIEW_GROUPS.get(group, group)}·{REVIEW_COLUMNS.get(column, column)} 应为非负整数，实为 {value}",
                      found=value)


@rule("Y.carry", "error")
def carry_over(report, previous):
    if previous is None or report.year is None or report.year < 2020:
        return
    for column in COLUMNS:
        now, before = _cell(report, "carried_in", column), _cell(previous, "carried_out", column)
        if now is not None and before is not None and now != before:
            yield ReportFinding("Y.carry", "error", f"applications.carried_in.{column}",
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
            yield ReportFinding("Y.in_force", "warning", f"active.{key}.in_force",
                          f"表二 {label}：上年现行有效 {values[0]} + 本年制发 {values[1]} − 本年废止 {values[2]} = {expected}，"
                          f"但现行有效件数为 {values[3]}", expected=expected, found=values[3])


@rule("Y.items", "warning")
def item_chain(report, previous):
    """2020 vs 2019 (both in the 2019 format): 上一年项目数量 = last year's 上一年项目数量 + 本年增/减."""
    if previous is None or report.format != "2019" or previous.format != "2019":
        return
    for key, label in (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"), ("penalty", "行政处罚"),
                       ("coercion", "行政强制"), ("fees", "行政事业性收费")):
        now, before = report.active.get(key) or {}, previous.active.get(key) or {}
        if None in (now.get("prev_items"), before.get("prev_items"), before.get("change")):
            continue
        expected = before["prev_items"] + before["change"]
        if now["prev_items"] != expected:
            yield ReportFinding("Y.items", "warning", f"active.{key}.prev_items",
                          f"表二 {label}：上年报告的上一年项目数量 {before['prev_items']} + 本年增/减 {before['change']} = {expected}，"
                          f"但本年报告的上一年项目数量为 {now['prev_items']}", expected=expected, found=now["prev_items"])


def check(report: ReportData, previous: ReportData | None = None) -> list[ReportFinding]:
    """Run every rule; the report's findings are replaced by the result."""
    findings = [f for _, _, fn in RULES for f in fn(report, previous)]
    report.findings = findings
    return findings


# ---------------------------------------------------------------- prose against tables (annual-report.md §7)

def _resolve(report: ReportData, path: str):
    """A number the report states by its data-model path: applications.granted.total, applications.withheld (a
    group total), applications.new.natural_person, reviews.review.total. None when unknown."""
    head, _, rest = path.partition(".")
    if head == "applications":
        row, _, column = rest.rpartition(".") if rest.count(".") >= 1 else (rest, "", "")
        if rest in GROUPS:
            values = [_cell(report, r, "total") for r in OUTCOME_ROWS if r.startswith(rest + ".")]
            present = [v for v in values if v is not None]
            return sum(present) if present and len(present) == len([r for r in OUTCOME_ROWS if r.startswith(rest + ".")
                                                                     and r in report.applications]) else None
        if row in report.applications and isinstance(report.applications[row], dict):
            return report.applications[row].get(column)
        if rest in report.applications and not isinstance(report.applications[rest], dict):
            return report.applications[rest]
        return None
    if head == "reviews":
        group, _, column = rest.partition(".")
        cells = report.reviews.get(group)
        return cells.get(column) if isinstance(cells, dict) else None
    return None


GROUPS = ("withheld", "unavailable", "not_processed", "other")
PROSE_TO_TABLE = {"applications.received": "applications.new.total", "applications.replied": "applications.outcome_total.total",
                  "applications.carried_out": "applications.carried_out.total",
                  "applications.carried_in": "applications.carried_in.total", **{
                      f"applications.{g}": f"applications.{g}" for g in GROUPS},
                  "applications.granted": "applications.granted.total",
                  "applications.partly_granted": "applications.partly_granted.total",
                  "reviews.review.total": "reviews.review.total"}


@rule("P.numbers", "error")
def prose_numbers(report, previous):
    if report.format not in ("2019", "2021"):
        return
    checks = dict(PROSE_TO_TABLE)
    checks.update({k: k + "" for k in report.prose if k.startswith("applications.new.")})
    for prose_key, table_path in checks.items():
        stated = report.prose.get(prose_key)
        if not isinstance(stated, (int, float)) or isinstance(stated, bool):
            continue
        table = _resolve(report, table_path)
        if table is not None and table != stated:
            yield ReportFinding("P.numbers", "error", table_path,
                          f"正文所述 {prose_key.split('.', 1)[-1]} 为 {stated}，表格中为 {table}", expected=table, found=stated)


def _decimals(value) -> int:
    text = repr(float(value))
    return 0 if text.endswith(".0") else len(text.split(".")[1])


def _matches(pct, count, base) -> bool:
    if count == 0 and pct == 0:
        return True                      # "占0%" of nothing is right whatever the base
    if base in (None, 0) or count is None:
        return False
    return abs(count / base * 100 - pct) <= 0.5 * 10 ** -_decimals(pct) + 1e-9


BASE_CANDIDATES = ("applications.outcome_total.total", "applications.new.total")


@rule("P.percent", "warning")
def percentages(report, previous):
    for item in report.prose.get("percentages", []):
        count, pct = _resolve(report, item["of"]), item["value"]
        if count is None:
            continue
        stated_base = item.get("base")
        if stated_base and _matches(pct, count, _resolve(report, stated_base)):
            continue
        bases = [b for b in BASE_CANDIDATES if _matches(pct, count, _resolve(report, b))]
        new, carried = _resolve(report, "applications.new.total"), _resolve(report, "applications.carried_in.total")
        if new is not None and carried is not None and _matches(pct, count, new + carried):
            bases.append("一+二")
        message = (f"正文所述 {item['of'].split('.', 1)[-1]} 占比 {pct}% 与 {count}/{_resolve(report, stated_base)} 不符"
                   + (f"，按 {bases[0]} 计算相符" if bases else "，任何常用基数都不相符"))
        yield ReportFinding("P.percent", "warning", item["of"], message, expected=stated_base, found=bases[0] if bases else None)
    # shares of a breakdown: against the sum of its items or the stated parent
    for name, items in report.prose.items():
        shares = report.prose.get(f"{name}_pct")
        if not isinstance(items, dict) or not isinstance(shares, dict) or name.endswith("_pct"):
            continue
        parent = (report.prose.get("breakdown_of") or {}).get(name) or {}
        total = sum(v for v in items.values() if isinstance(v, (int, float)))
        bad = [label for label, pct in shares.items() if label in items and not _matches(pct, items[label], total)
               and not _matches(pct, items[label], parent.get("value"))]
        if bad:
            yield ReportFinding("P.percent", "warning", f"prose.{name}_pct",
                          f"正文中 {'、'.join(bad)} 的占比与其条数不符：按分项之和 {total} 或所述总数 {parent.get('value')} "
                          f"计算都不相符（占比的计算基数不一致）", found=bad)
    for name, base_key in (("channel_pct", "received_total"), ("outcome_pct", "replied_total")):
        shares = report.prose.get(name)
        base = report.applications.get(base_key) or report.applications.get("received_total")
        counts = report.applications.get("by_channel", {}) if name == "channel_pct" else report.applications
        if not isinstance(shares, dict) or not base:
            continue
        bad = [k for k, pct in shares.items() if isinstance(counts.get(k), int) and not _matches(pct, counts[k], base)]
        if bad:
            yield ReportFinding("P.percent", "warning", f"prose.{name}", f"正文中 {'、'.join(bad)} 的占比与件数/{base} 不符",
                          found=bad)


@rule("P.breakdown", "warning")
def breakdowns(report, previous):
    for name, parent in (report.prose.get("breakdown_of") or {}).items():
        items = report.prose.get(name)
        if not isinstance(items, dict) or not parent:
            continue
        total, stated = sum(items.values()), parent["value"]
        if total > stated and not parent.get("approximate"):
            yield ReportFinding("P.breakdown", "error", f"prose.{name}",
                          f"正文“其中”各项之和 {total} 大于所述总数 {stated}", expected=stated, found=total)
        elif total < stated and not (parent.get("approximate") and stated - total <= 0.05 * stated):
            parts = " + ".join(str(v) for v in items.values())
            yield ReportFinding("P.breakdown", "warning", f"prose.{name}",
                          f"正文“其中”各项 {parts} = {total}，少于所述总数 {stated}：分项不全或数字有误",
                          expected=stated, found=total)


@rule("R.art50", "error")
def statutory_contents(report, previous):
    """Art. 50: applications, 复议/诉讼 and fees must be reported. Only for annual reports (not 工作总结)."""
    if report.prose.get("document_type") == "工作总结" or report.format in ("2019", "2021"):
        return
    missing = []
    if not report.applications and "applications.received" not in report.prose:
        missing.append("收到和处理政府信息公开申请的统计数字")
    if not report.reviews:
        missing.append("行政复议、行政诉讼情况")
    if report.fees_yuan is None and report.format == "narrative":
        missing.append("收费情况")
    if missing:
        yield ReportFinding("R.art50", "error", "document",
                      "缺少《条例》第五十条规定的内容：" + "、".join(missing) + "（统计表若在附件中，请一并提交；不以 0 代替）",
                      found=missing)


@rule("R.format_year", "error")
def format_of_the_year(report, previous):
    """2021 format from the 2021 reporting year (国办公开办函〔2021〕30号), 2019 format for 2019–2020 (〔2019〕60号)."""
    if report.year is None or report.format not in ("2019", "2021"):
        return
    try:
        wanted = format_for_year(report.year).key
    except FormatError:
        wanted = "pre2019"                   # before 2008: no format; the tables are certainly not of that year
    if wanted != report.format:
        names = {"2021": "2021年版格式（国办公开办函〔2021〕30号）", "2019": "2019年版格式（国办公开办函〔2019〕60号）",
                 "pre2019": "2019年以前的统计表"}
        yield ReportFinding("R.format_year", "error", "format",
                      f"{report.year}年度报告应使用{names[wanted]}，但表格是{names[report.format]}",
                      expected=wanted, found=report.format)


# 规章 are made by the State Council's departments and by the governments of provinces and 设区的市 (立法法 arts. 91,
# 93): never by a county, district, township or street office, nor by a department below the city level.
_NO_REGULATIONS = re.compile(r"(?<!自治)区|县|旗|镇|乡|街道")


@rule("T2.issuer", "warning")
def impossible_for_issuer(report, previous):
    issuer = report.issuer or ""
    if not _NO_REGULATIONS.search(issuer):
        return
    cells = report.active.get("regulations") or {}
    if any(isinstance(v, (int, float)) and v for v in cells.values()):
        yield ReportFinding("T2.issuer", "warning", "active.regulations",
                      f"{issuer} 属县级及以下（县、区、乡镇、街道），无权制定规章，但表二“规章”栏填有数字", found=cells)


@rule("O.sums", "warning")
def old_table_sums(report, previous):
    if report.format not in ("pre2019", "narrative"):
        return
    apps = report.applications
    channels = apps.get("by_channel")
    if isinstance(channels, dict) and channels and all(v is not None for v in channels.values()) \
            and apps.get("received_total") is not None and sum(channels.values()) != apps["received_total"]:
        yield ReportFinding("O.sums", "warning", "applications.by_channel",
                      f"各渠道申请数之和 {sum(channels.values())} ≠ 收到申请数 {apps['received_total']}",
                      expected=apps["received_total"], found=sum(channels.values()))
    for group in ("review", "suit"):
        cells = report.reviews.get(group)
        if isinstance(cells, dict) and all(cells.get(k) is not None for k in ("total", "upheld", "corrected", "other")):
            parts = cells["upheld"] + cells["corrected"] + cells["other"]
            if parts != cells["total"]:
                yield ReportFinding("O.sums", "warning", f"reviews.{group}",
                              f"{'行政复议' if group == 'review' else '行政诉讼'}：维持 + 纠错 + 其他 = {parts} ≠ 总数 {cells['total']}",
                              expected=cells["total"], found=parts)
    p = report.prose
    if all(isinstance(p.get(k), int) for k in ("staff_total", "staff_full_time", "staff_part_time")) \
            and p["staff_full_time"] + p["staff_part_time"] != p["staff_total"]:
        yield ReportFinding("O.sums", "warning", "prose.staff_total", "专职人员数 + 兼职人员数 ≠ 从事政府信息公开工作人员数")
