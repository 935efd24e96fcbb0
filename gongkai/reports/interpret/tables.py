"""The table finders (pure): tables 二, 三 and 四 of the 2019/2021 formats and the old 统计表, found in the row stream
by their labels and read into report-data keys. Table 三's text rows keep their numbers in order here; the column
solver (columns.py) places them."""

import re
from dataclasses import dataclass

from . import labels
from .rows import MAX_LABEL, Row, SourceText
from .textparse import squash

# ---------------------------------------------------------------------------- table 三

@dataclass
class T3Row:
    key: str
    row: Row
    values: list           # exact: 7 cells in place; text: the numbers in order


def find_table_three(source: SourceText) -> list[T3Row]:
    found: list[T3Row] = []
    seen: set[str] = set()
    blank_other = None
    group = None
    started = False
    for row in source.rows:
        row_labels = [squash(c) for c in row.labels if len(c) <= MAX_LABEL * 2 and "。" not in c]
        if not row_labels or _T3_HEADER_WORDS & set(row_labels):
            continue                          # no label, or the column header (repeated after a page break)
        key = None
        for label in row_labels:
            g = labels.match_first(labels.T3_GROUPS, label)
            if g and g != "result":
                group = g
        last = row_labels[-1]
        key = labels.match_first(labels.T3_ROWS, last)
        if key is None and started and group == "other" and (labels.T3_OTHER_OTHER.search(last)
                                                               or labels.match_first(labels.T3_GROUPS, last) == "other"):
            key = "other.other"
        if key is None or len(last) > MAX_LABEL:
            continue
        if key == "other.other" and labels.match_first(labels.T3_GROUPS, last) == "other" and not row.exact \
                and not row.values():
            blank_other = T3Row(key, row, [])   # 2021's group label alone, or 2019's blank single row: decided below
            continue
        if key == "outcome_total" and blank_other and not any(k.startswith("other.") for k in seen):
            seen.add("other.other")
            found.append(blank_other)
        if key == "new":
            if started and "new" in seen:
                break                         # a second table 三 (e.g. a consolidated report's parts): stop
            started = True
        if not started or key in seen:
            continue
        seen.add(key)
        found.append(T3Row(key, row, _seven(row)))
        if key == "carried_out":
            break
    return found


_T3_HEADER_WORDS = {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "申请人情况"}


def _seven(row: Row) -> list:
    """A row's seven cells. Some tools print an extra 法人或其他组织 subtotal after 自然人 (not in the official
    layout): in an exact row of eight numbers where the second is the sum of the next five, it is dropped."""
    if row.exact:
        eight = row.values(8)
        if eight[1] is not None and eight[7] is not None and eight[1] == sum(v or 0 for v in eight[2:7]) \
                and eight[7] == (eight[0] or 0) + eight[1]:
            return [eight[0], *eight[2:8]]
        return row.values(7)
    values = row.values()
    if len(values) == 8 and values[1] == sum(values[2:7]) and values[7] == values[0] + values[1]:
        return [values[0], *values[2:]]
    return values


# ---------------------------------------------------------------------------- table 四

def find_table_four(source: SourceText, after_line: int) -> tuple[dict, Row | None, bool]:
    """(reviews, the data row, ambiguous?)"""
    heading_seen = False
    for row in source.rows:
        if row.line < after_line:
            continue
        text = "".join(row.cells)
        if not heading_seen:
            if labels.T4_HEADING.search(squash(text)) or ("行政复议" in text and "行政诉讼" in text):
                heading_seen = True
            continue
        if row.labels:
            if any(k in squash(text) for k in ("存在的主要问题", "其他需要报告")):
                break
            # a data row may carry a short label of its own (数量, 件数); header rows carry the column names
            short = len(row.labels) == 1 and len(row.labels[0]) <= 8 and not _T4_HEADER.search(row.labels[0])
            if not (short and len(row.values()) >= 15):
                continue
        values = row.values(15)
        if row.exact and len(row.cells) >= 15:
            return _reviews(values), row, False
        if len(values) == 15:
            return _reviews(values), row, False
        if len(values) >= 3:
            return {}, row, True
    return {}, None, False


_T4_HEADER = re.compile(r"结果|审结|总计|复议|诉讼|起诉")


def _reviews(values: list) -> dict:
    groups = ["review", "suit_direct", "suit_after_review"]
    cols = ["upheld", "corrected", "other", "pending", "total"]
    return {g: dict(zip(cols, values[i * 5:(i + 1) * 5])) for i, g in enumerate(groups)}


# ---------------------------------------------------------------------------- table 二

def find_table_two(source: SourceText, before_line: int) -> tuple[dict, str | None, list[str]]:
    """(active, format implied by the column headers, labels of rows whose cells could not be placed)."""
    fmt = None
    active: dict = {}
    unplaced: list[str] = []
    for row in source.rows:
        if row.line >= before_line:
            break
        joined = squash("".join(row.cells))
        for candidate, words in labels.T2_FORMAT_WORDS.items():
            if any(w in joined for w in words):
                fmt = fmt or candidate
        if fmt is None or not row.labels:
            continue
        key = labels.match_first(labels.T2_ROWS, squash(row.labels[-1]))
        if key is None or key in active:
            continue
        columns = labels.T2_COLUMNS[fmt].get(key)
        if columns is None:
            continue
        values = row.values(len(columns))
        if row.exact or len(values) == len(columns):
            active[key] = dict(zip(columns, values))
        elif values:
            unplaced.append(key)
        else:
            active[key] = {c: None for c in columns}
    return active, fmt, unplaced


# ---------------------------------------------------------------------------- pre-2019 统计表

def find_pre2019_table(source: SourceText) -> dict[str, object]:
    """target path → value (None for blank) for every row of the old statistics table that the report has."""
    start = None
    for i, line in enumerate(source.lines):
        if labels.PRE2019_HEADING.search(squash(line)):
            start = i
            break
    if start is None:
        return {}
    out: dict[str, object] = {}
    section = "review"
    for row in source.rows:
        if row.line < start or not row.labels:
            continue
        label = squash(row.labels[0])
        if len(label) > MAX_LABEL * 2:
            continue
        for name, pattern in labels.PRE2019_SECTION:
            if pattern.search(label):
                section = name
        for pattern, target in labels.PRE2019_ROWS:
            if pattern.search(label):
                target = target.format(section=section)
                if target in out:
                    break
                values = row.values()
                numbers = [v for v in values if v is not None]
                out[target] = numbers[0] if numbers else None
                break
    return out
