"""From a published report (text lines and tables, as the document readers give them) to the data model (pure).

Every source becomes one stream of rows: a real table's rows keep blank cells in place (`exact`); text rows —
"a | b |" lines, "label 1 2 3" lines of a PDF text layer, one-cell-per-line copies — have lost their blank cells,
so their numbers are assigned to columns only when the layout, the sums and the prose make it certain
(`assign_columns`); otherwise the row keeps its total and the reader says so in a warning.
"""

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from . import labels as L
from .model import COLUMNS, ROW_LABELS, Finding, ReportData
from .textparse import clean, is_value_cell, parse_cell, script_of, squash

PARTS = COLUMNS[:-1]          # the six applicant columns; COLUMNS[-1] == "total"
UNIT_MARKS = {"——", "—", "万元", "元", "人次", "条", "件", "个", "次", "篇", "人", "%"}
MAX_LABEL = 48


@dataclass
class Row:
    cells: list[str]
    exact: bool
    line: int

    @property
    def labels(self) -> list[str]:
        return [c for c in self.cells if c and not is_value_cell(c) and squash(c) not in UNIT_MARKS]

    def values(self, width: int | None = None) -> list:
        """Exact rows: the last `width` cells in place (None for blanks). Text rows: the numbers, in order."""
        if self.exact and width:
            # the cells right after the last label: a grid may be wider than this table (another table on the sheet)
            last_label = max((i for i, c in enumerate(self.cells) if c and isinstance(parse_cell(c), str)
                              and squash(c) not in UNIT_MARKS), default=-1)
            after = self.cells[last_label + 1:]
            extra = len(after) - width
            if extra > 0:
                trailing = len(after) - len(list(itertools.dropwhile(lambda c: not c, reversed(after))))
                leading = len(after) - len(list(itertools.dropwhile(lambda c: not c, after)))
                # grid padding to a wider table on the same sheet comes last; a merged label's empty columns first
                after = after[:-extra] if trailing >= extra else after[extra:] if leading >= extra else after[:width]
            tail = after[:width] + [""] * (width - len(after[:width]))
            return [v if not isinstance(v := parse_cell(c), str) else None for c in tail]
        out = []
        for c in self.cells:
            v = parse_cell(c)
            if v is not None and not isinstance(v, str):
                out.append(v)
        return out


@dataclass
class Source:
    """A report as the interpreter sees it: cleaned lines (for prose and highlighting) and the row stream."""
    lines: list[str]
    rows: list[Row]
    script: str
    raw_text: str = ""
    problem: str = ""
    notes: list[str] = field(default_factory=list)


_LABEL_AND_NUMBERS = re.compile(r"^(?P<label>.*?[^\d\s.,+\-%])\s+(?P<nums>(?:[+\-]?\d[\d,]*(?:\.\d+)?%?\s*)+)$")
_HEADER_WORDS = {"总计", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "单位", "统计数"}


def _known_label(text: str) -> bool:
    label = squash(text)
    return any(p.search(label) for _, p in L.T3_ROWS) or any(p.search(label) for _, p in L.T3_GROUPS) \
        or any(p.search(label) for _, p in L.T2_ROWS) or any(p.search(label) for p, _ in L.PRE2019_ROWS) \
        or bool(L.T3_OTHER_OTHER.search(label))


_DIGIT = re.compile(r"\d")
# lines that start a table or its header, never the continuation of a wrapped label
_TABLE_HEADING = re.compile(r"第二十条|信息内容|申请人情况|勾稽|自然人|法人或其他组织|行政复议|行政诉讼|结果维持|统计指标")
_NUMBERS_INSIDE = re.compile(r"^(?P<a>[^\d|]*?[^\d\s.,+\-%|])\s*(?P<nums>\d+(?:\s+\d+){2,})\s*(?P<b>[^\d\s|][^\d|]*)$")
_NUMBERS_ONLY = re.compile(r"^[+\-]?\d[\d,.]*%?(?:\s+[+\-]?\d[\d,.]*%?){2,}$")
_LABEL_SPLIT = re.compile(r"\s+(?=[（(][一二三四五六七八九十]{1,2}[)）]|\d{1,2}[.、]|[一二三四五六七八九十]、)")
_ORDINAL_START = re.compile(r"^\(?[一二三四五六七八九十]{1,2}\)|^\d{1,2}[.、]|^[一二三四五六七八九十]+、|^其中")


def source_from_blocks(blocks: list, problem: str = "") -> Source:
    """blocks: str lines and table objects with `.rows` (grids with spans expanded), in reading order."""
    raw_parts = []
    for block in blocks:
        if isinstance(block, str):
            raw_parts.append(block)
        else:
            raw_parts.extend(" | ".join(r) for r in block.rows)
    raw_text = "\n".join(raw_parts)
    traditional = script_of(raw_text) == "hant"
    lines: list[str] = []
    rows: list[Row] = []
    for block in blocks:
        if isinstance(block, str):
            for piece in block.split("\n"):
                lines.append(clean(piece, traditional).strip())
                _text_row(lines[-1], len(lines) - 1, rows)
        else:
            for grid_row in block.rows:
                cells = [clean(c or "", traditional).strip() for c in grid_row]
                lines.append(" | ".join(cells))
                rows.append(Row(cells, True, len(lines) - 1))
    return Source(lines, rows, "hant" if traditional else "hans", raw_text, problem)


def _text_row(line: str, index: int, rows: list[Row]) -> None:
    if not line:
        return
    last = rows[-1] if rows else None
    recent = last is not None and not last.exact and index - last.line <= 4
    if "\t" in line and "|" not in line and line.strip("\t"):
        line = line.replace("\t", "|")      # a table copied from Word or a spreadsheet: tab-separated cells
    if "|" in line:
        cells = [c.strip() for c in line.split("|")]
        while cells and not cells[-1]:
            cells.pop()
        while cells and not cells[0]:
            cells.pop(0)
        filled = [i for i, c in enumerate(cells) if c]
        exact = bool(filled) and any(not cells[i] for i in range(filled[0], filled[-1]))
        rows.append(Row(cells if exact else [c for c in cells if c], exact, index))
        return
    if (is_value_cell(line) or squash(line) in UNIT_MARKS) and len(line) <= 24:
        if recent and last.labels and len(last.cells) <= 12 and _known_label(last.labels[-1]) \
                and squash(last.labels[-1]) not in _HEADER_WORDS:
            last.cells.append(line)          # one cell per line: the value belongs to the label above
            last.line = index
            return
        if recent and not last.labels and index - last.line <= 2 and is_value_cell(line):
            last.cells.append(line)          # a row of numbers printed one per line (table 四)
            last.line = index
            return
        if is_value_cell(line):
            rows.append(Row([line], False, index))
            return
    if line.startswith(("(", "（")) and not _ORDINAL_START.match(line) and recent and len(last.cells) == 1 \
            and len(line) <= 40:
        last.cells[0] += line                # a label's bracketed note printed on its own line
        last.line = index
        return
    numbers_only = bool(_NUMBERS_ONLY.match(line))
    if numbers_only and recent and last.labels and len(last.labels) == len(last.cells) and index - last.line == 1 \
            and (_known_label(last.labels[-1]) or _ORDINAL_START.match(last.labels[-1])) \
            and not _TABLE_HEADING.search(last.labels[-1]) and not L.T3_HEADING.search(squash(last.labels[-1])):
        last.cells.extend(line.split())      # the numbers of the label above, on the next PDF line
        last.line = index
        return
    if recent and last.labels and index - last.line == 1 and len(line) <= 40 and not _DIGIT.search(line) \
            and not _ORDINAL_START.match(line) and not _known_label(line) and not is_value_cell(line) \
            and not _TABLE_HEADING.search(line) \
            and (len(last.cells) == 1 and len(last.cells[0]) <= 40
                 and not last.cells[0].endswith(("。", "；", ";", "：", ":"))
                 or len(last.cells) > 1 and not last.exact and len(last.labels[-1]) <= 40):
        at = max(i for i, c in enumerate(last.cells) if c in last.labels)
        last.cells[at] += line               # a label wrapped over lines (PDF table cells), before or after its numbers
        last.line = index
        return
    middle = _NUMBERS_INSIDE.match(line)
    if middle and len(line) <= MAX_LABEL * 3 and "。" not in line:
        # a PDF line of a table row whose wrapped label straddles the numbers: "1.申请人无正当理由逾期不补正、
        # 行政机关不0 0 0 0 0 0 0再处理其政府信息公开"
        label = middle["a"].strip() + middle["b"].strip()
        labels = [p for p in _LABEL_SPLIT.split(label) if p.strip()]
        rows.append(Row([*labels, *middle["nums"].split()], False, index))
        return
    if _NUMBERS_ONLY.match(line):
        rows.append(Row(line.split(), False, index))    # a row of numbers printed with spaces (table 四)
        return
    match = _LABEL_AND_NUMBERS.match(line)
    if match and len(match["label"]) <= MAX_LABEL * 2 and "。" not in match["label"]:
        # "三、本年度办理结果 （一）予以公开 3 0 …": the merged group label printed on the same line is its own cell
        labels = [p for p in _LABEL_SPLIT.split(match["label"].strip()) if p.strip()]
        rows.append(Row([*labels, *match["nums"].split()], False, index))
        return
    if len(line) <= MAX_LABEL * 2 and "。" not in line and _LABEL_SPLIT.search(line):
        parts = [p for p in _LABEL_SPLIT.split(line) if p.strip()]
        if all(_known_label(p) or L.match_first(L.T3_GROUPS, squash(p)) for p in parts[1:]):
            rows.append(Row(parts, False, index))   # "（三）不予公开  1.属于国家秘密": group label and row label
            return
    rows.append(Row([line], False, index))


# ---------------------------------------------------------------------------- table 三

@dataclass
class T3Row:
    key: str
    row: Row
    values: list           # exact: 7 cells in place; text: the numbers in order


def find_table_three(source: Source) -> list[T3Row]:
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
            g = L.match_first(L.T3_GROUPS, label)
            if g and g != "result":
                group = g
        last = row_labels[-1]
        key = L.match_first(L.T3_ROWS, last)
        if key is None and started and group == "other" and (L.T3_OTHER_OTHER.search(last)
                                                               or L.match_first(L.T3_GROUPS, last) == "other"):
            key = "other.other"
        if key is None or len(last) > MAX_LABEL:
            continue
        if key == "other.other" and L.match_first(L.T3_GROUPS, last) == "other" and not row.exact \
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


def assign_columns(rows: list[T3Row], prose_columns: dict[str, dict[str, int]]) -> tuple[dict, list[str]]:
    """The table 三 cells, with the columns of text rows assigned only where certain. Returns (applications,
    labels of rows whose organisation columns stay ambiguous)."""
    apps: dict[str, dict] = {}
    pending: list[T3Row] = []
    for t3 in rows:
        if t3.row.exact:
            apps[t3.key] = dict(zip(COLUMNS, t3.values))
        elif len(t3.values) == 0:
            apps[t3.key] = {c: None for c in COLUMNS}
        elif len(t3.values) == 7:
            apps[t3.key] = dict(zip(COLUMNS, t3.values))
        else:
            apps[t3.key] = {"total": t3.values[-1]}
            if len(t3.values) == 1 and t3.values[0] == 0:
                apps[t3.key] = {c: 0 for c in COLUMNS}
            elif len(t3.values) > 1:
                pending.append(t3)
    order = {"new": 0, "carried_in": 1, "outcome_total": 2, "carried_out": 4}
    pending.sort(key=lambda t: order.get(t.key, 3))
    ambiguous: list[str] = []
    for _ in range(2):                       # a second round uses what the first made certain
        still = []
        for t3 in pending:
            cells = _solve(t3, apps, prose_columns.get(t3.key, {}))
            apps[t3.key].update(cells)
            if any(c not in apps[t3.key] for c in PARTS):
                still.append(t3)
        pending = still
    if pending:
        _joint(rows, apps, prose_columns)
        pending = [t3 for t3 in pending if any(c not in apps[t3.key] for c in PARTS)]
    ambiguous = [t3.key for t3 in pending]
    return apps, ambiguous


BALANCE = ("new", "carried_in", "outcome_total", "carried_out")
SEARCH_BUDGET = 200_000


def _placements(apps: dict, t3: T3Row, stated: dict) -> list[tuple] | None:
    """Every way the row's cells may lie in the six columns (blank = None); None when the row's parts are unknown."""
    cells = apps.get(t3.key, {})
    if all(c in cells for c in PARTS):
        return [tuple(cells[c] for c in PARTS)]
    if t3.row.exact or len(t3.values) < 2:
        return None
    parts, total = t3.values[:-1], t3.values[-1]
    if sum(parts) != total or len(parts) > 6:
        return None
    out = []
    for positions in combinations(range(6), len(parts)):
        row = [None] * 6
        for p, v in zip(positions, parts):
            row[p] = v
        if all((cells.get(c) is None and c not in cells) or cells.get(c) == row[i] for i, c in enumerate(PARTS)) \
                and all((row[PARTS.index(c)] or 0) == v for c, v in stated.items() if c in PARTS):
            out.append(tuple(row))
    return out or None


def _joint(rows: list[T3Row], apps: dict, prose_columns: dict) -> None:
    """Use the table's own sums across rows — 一 + 二 = 三（七）+ 四 and the outcome rows adding up to （七）总计, per
    column — to place what no single row can: keep only the placements that appear in some complete solution."""
    options = {t3.key: _placements(apps, t3, prose_columns.get(t3.key, {})) for t3 in rows}
    z = lambda v: v or 0  # noqa: E731 - a blank cell holds nothing
    if all(options.get(k) for k in BALANCE):
        combos = 1
        for k in BALANCE:
            combos *= len(options[k])
        if combos <= SEARCH_BUDGET:
            keep = {k: set() for k in BALANCE}
            for n, ci, ot, co in itertools.product(*(options[k] for k in BALANCE)):
                if all(z(n[i]) + z(ci[i]) == z(ot[i]) + z(co[i]) for i in range(6)):
                    for k, choice in zip(BALANCE, (n, ci, ot, co)):
                        keep[k].add(choice)
            if all(keep.values()):
                options.update({k: sorted(v, key=repr) for k, v in keep.items()})
    outcome_keys = [t3.key for t3 in rows if t3.key not in BALANCE]
    if options.get("outcome_total") and outcome_keys and all(options.get(k) for k in outcome_keys):
        used = {k: set() for k in outcome_keys}
        totals_used = set()
        order = sorted(outcome_keys, key=lambda k: len(options[k]))
        numeric = [[(choice, tuple(v or 0 for v in choice)) for choice in options[k]] for k in order]
        # the most the rows from i on can still add to each column: prunes branches that can no longer reach a total
        room = [[0] * 6 for _ in range(len(order) + 1)]
        for i in range(len(order) - 1, -1, -1):
            room[i] = [room[i + 1][c] + max(values[c] for _, values in numeric[i]) for c in range(6)]
        budget = [SEARCH_BUDGET]

        def search(i, sums, chosen, total):
            budget[0] -= 1
            if budget[0] < 0:
                raise TimeoutError
            if i == len(order):
                if sums == total:
                    for k, choice in zip(order, chosen):
                        used[k].add(choice)
                    totals_used.add(total_choice[0])
                return
            ahead = room[i + 1]
            for choice, values in numeric[i]:
                new_sums = [sums[c] + values[c] for c in range(6)]
                if all(total[c] - ahead[c] <= new_sums[c] <= total[c] for c in range(6)):
                    chosen.append(choice)
                    search(i + 1, new_sums, chosen, total)
                    chosen.pop()

        total_choice = [None]
        try:
            for choice in options["outcome_total"]:
                total_choice[0] = choice
                search(0, [0] * 6, [], [v or 0 for v in choice])
            if totals_used and all(used.values()):
                options.update({k: sorted(v, key=repr) for k, v in used.items()})
                options["outcome_total"] = sorted(totals_used, key=repr)
        except TimeoutError:
            pass                              # too many possibilities: keep what each row alone made certain
    for t3 in rows:
        choices = options.get(t3.key)
        if not choices:
            continue
        for i, column in enumerate(PARTS):
            values = {choice[i] for choice in choices}
            if len(values) == 1 and column not in apps[t3.key]:
                apps[t3.key][column] = values.pop()


def _bound(apps: dict, key: str, column: str) -> float:
    """The largest value a text row may hold in a column, from rows already certain."""
    def cell(row):
        cells = apps.get(row, {})
        if column not in cells:
            return None
        return cells[column] or 0           # a blank cell in a certain row holds nothing
    if key == "outcome_total" or key == "carried_out":
        new, carried_in = cell("new"), cell("carried_in")
        if new is not None and carried_in is not None:
            room = new + carried_in
            if key == "carried_out" and cell("outcome_total") is not None:
                room -= cell("outcome_total")
            return room
        return float("inf")
    if key not in ("new", "carried_in"):
        total = cell("outcome_total")
        return float("inf") if total is None else total
    return float("inf")


def _solve(t3: T3Row, apps: dict, stated: dict[str, int]) -> dict:
    """Order-preserving placements of a text row's numbers into the six applicant columns that respect the
    bounds and the prose; the cells on which every surviving placement agrees."""
    parts = t3.values[:-1]
    total = t3.values[-1]
    if sum(parts) != total or len(parts) > 6:
        return {}
    bounds = [_bound(apps, t3.key, c) for c in PARTS]
    placements = []
    for positions in combinations(range(6), len(parts)):
        cells = [None] * 6
        for p, v in zip(positions, parts):
            cells[p] = v
        if any(v is not None and v > b for v, b in zip(cells, bounds)):
            continue
        if any((cells[PARTS.index(c)] or 0) != v for c, v in stated.items() if c in PARTS):
            continue
        placements.append(cells)
    if not placements:
        return {}
    certain = {}
    for i, column in enumerate(PARTS):
        options = {p[i] for p in placements}
        if len(options) == 1:
            certain[column] = options.pop()
    return certain


# ---------------------------------------------------------------------------- table 四

def find_table_four(source: Source, after_line: int) -> tuple[dict, Row | None, bool]:
    """(reviews, the data row, ambiguous?)"""
    heading_seen = False
    for row in source.rows:
        if row.line < after_line:
            continue
        text = "".join(row.cells)
        if not heading_seen:
            if L.T4_HEADING.search(squash(text)) or ("行政复议" in text and "行政诉讼" in text):
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

def find_table_two(source: Source, before_line: int) -> tuple[dict, str | None, list[str]]:
    """(active, format implied by the column headers, labels of rows whose cells could not be placed)."""
    fmt = None
    active: dict = {}
    unplaced: list[str] = []
    for row in source.rows:
        if row.line >= before_line:
            break
        joined = squash("".join(row.cells))
        for candidate, words in L.T2_FORMAT_WORDS.items():
            if any(w in joined for w in words):
                fmt = fmt or candidate
        if fmt is None or not row.labels:
            continue
        key = L.match_first(L.T2_ROWS, squash(row.labels[-1]))
        if key is None or key in active:
            continue
        columns = L.T2_COLUMNS[fmt].get(key)
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

def find_pre2019_table(source: Source) -> dict[str, object]:
    """target path → value (None for blank) for every row of the old statistics table that the report has."""
    start = None
    for i, line in enumerate(source.lines):
        if L.PRE2019_HEADING.search(squash(line)):
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
        for name, pattern in L.PRE2019_SECTION:
            if pattern.search(label):
                section = name
        for pattern, target in L.PRE2019_ROWS:
            if pattern.search(label):
                target = target.format(section=section)
                if target in out:
                    break
                values = row.values()
                numbers = [v for v in values if v is not None]
                out[target] = numbers[0] if numbers else None
                break
    return out


# ---------------------------------------------------------------------------- who, when, which format

_TITLE = re.compile(r"^(?P<issuer>[^\d\s,，。:：]{2,40}?)\s*(?P<year>(?:19|20)\d{2})\s*年\s*(度)?\s*"
                    r"(?P<what>.{0,30}?)(年度报告|工作报告|年报|工作总结|总结报告|年度总结)")
_TITLES = [
    _TITLE,
    # 2023年示范区政府信息公开工作年度报告
    re.compile(r"^(?P<year>(?:19|20)\d{2})年度?(?P<issuer>[^\d\s,，。:：]{2,40}?)政府信息公开(工作)?(年度报告|年报)"),
    # 示范区人民政府办公室政府信息公开工作年度报告（2023年度）
    re.compile(r"^(?P<issuer>[^\d\s,，。:：]{2,40}?)政府信息公开(工作)?(年度报告|年报)[(（](?P<year>(?:19|20)\d{2})年?度?[)）]"),
]
_PERIOD = re.compile(r"统计期限.{0,4}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_FILLER = re.compile(r"填报单位[^:：]*[:：]\s*(?P<who>[^\s|]{2,30})")
_PLACE = re.compile(r"(?:(?<=《)|(?<=^)|(?<=\n))([\u4e00-\u9fff]{2,3}?)(市|县|区|镇|乡|州|盟|旗)|"
                    r"([\u4e00-\u9fff]{2,3}?)(市|县|区|镇|乡|州|盟|旗)(?=人民政府|政府|(?:19|20)\d\d年)")
_NOT_PLACE = set("全本各该我城县省市区镇乡上下两同原新老其对在和及与等为将从到由于以")


def detect_meta(source: Source) -> tuple[str | None, int | None, bool]:
    """(issuer, year, is_annual_report)"""
    issuer, year, annual = None, None, False
    head = [line for line in source.lines[:80] if line.strip()]
    for line in head + [line + following for line, following in zip(head, head[1:])]:
        m = next((m for pattern in _TITLES if (m := pattern.search(squash(line)))), None)  # titles may wrap
        if m and len(line) <= 80:
            issuer, year = m["issuer"], int(m["year"])
            annual = "年度报告" in line or "年报" in line or "年度总结" in line
            issuer = re.sub(r"^(关于|当前位置|首页)", "", issuer)
            break
    filler = next((m["who"] for line in source.lines if (m := _FILLER.search(line))), None)
    if filler:
        issuer = filler
    text = "\n".join(source.lines)
    if year is None:
        m = _PERIOD.search(squash(text))
        if m:
            year = int(m[1])
        else:
            years = Counter(int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", text))
            year = years.most_common(1)[0][0] if years else None
    if issuer is None:
        places = Counter((m[1] or m[3]) + (m[2] or m[4]) for m in _PLACE.finditer(text)
                         if (m[1] or m[3])[0] not in _NOT_PLACE and (m[1] or m[3])[-1] not in _NOT_PLACE)
        if places:
            place, count = places.most_common(1)[0]
            if count >= 3:
                issuer = place
                annual = True
    if issuer and annual and re.search(r"(市|县|区|州|盟|旗|镇|乡)$", issuer) and issuer + "人民政府" in text:
        issuer += "人民政府"
    elif issuer and annual and re.search(r"(市|县|区)$", issuer) and re.search(r"[市县区]政府", text) \
            and issuer + "人民政府" not in text and not filler:
        issuer += "人民政府"
    return issuer, year, annual


# ---------------------------------------------------------------------------- the whole report

def interpret(source: Source) -> ReportData:
    from . import prose as P

    report = ReportData(script=source.script)
    report.issuer, report.year, annual = detect_meta(source)
    findings: list[Finding] = []
    if source.problem:
        findings.append(Finding("R.unreadable", "error" if source.problem.startswith("无法读取") else "warning",
                                "file", source.problem))

    t3_rows = find_table_three(source)
    t3_start = t3_rows[0].row.line if t3_rows else len(source.lines)
    prose = P.extract(source, report)
    if t3_rows:
        apps, ambiguous = assign_columns(t3_rows, P.stated_columns(prose))
        report.applications = apps
        active, t2_format, unplaced = find_table_two(source, t3_start)
        report.active = active
        if any(t.key in L.T3_MARKERS_2021 for t in t3_rows):
            fmt = "2021"                      # the three （六） rows exist only in the 2021 format
        elif t2_format:
            fmt = t2_format
        elif any(t.key == "other.other" for t in t3_rows) and not any(t.key.startswith("not_processed.")
                                                                       for t in t3_rows[-3:]):
            fmt = "2019"
        else:                                 # nothing in the table tells: the format of the reporting year
            fmt = "2021" if (report.year or 0) >= 2021 else "2019"
        report.format = fmt if (report.year is None or report.year >= 2019) else fmt
        t3_end = t3_rows[-1].row.line
        reviews, t4_row, t4_ambiguous = find_table_four(source, t3_end)
        report.reviews = reviews
        expected_rows = [k for k in ROW_LABELS if fmt == "2021" or k not in L.T3_MARKERS_2021]
        missing = [k for k in expected_rows if k not in apps]
        if missing:
            findings.append(Finding(
                "R.truncated", "warning", "applications",
                f"表三缺少 {len(missing)} 行（{'、'.join(_short(k) for k in missing[:6])}{'等' if len(missing) > 6 else ''}）："
                f"页面可能被截断，缺少的单元格未计为 0", found=missing))
        if ambiguous:
            names = "、".join(_short(k) for k in ambiguous)
            findings.append(Finding(
                "R.columns_ambiguous", "warning", "applications",
                f"表三为文本表格，空白单元格已丢失：{names} 等行的法人或其他组织各列无法确定归属，只保留总计"
                f"（以及由合计和正文可确定的列），未作猜测"))
        if unplaced:
            findings.append(Finding("R.columns_ambiguous", "warning", "active",
                                    f"表二 {'、'.join(unplaced)} 行缺少空白单元格，数字无法确定归属列，未读取"))
        if t4_ambiguous:
            findings.append(Finding("R.columns_ambiguous", "warning", "reviews",
                                    "表四为文本表格且有空白单元格丢失，15 个数字无法确定归属列，未读取"))
        if t4_row is None and not t4_ambiguous:
            findings.append(Finding("R.missing", "warning", "reviews", "未找到表四（行政复议、行政诉讼情况）的数据行"))
    else:
        old = find_pre2019_table(source)
        if len(old) >= 5:
            report.format = "pre2019"
            report.prose = prose
            _apply_targets(report, old)
        else:
            report.format = "narrative"
    P.fill_from_prose(report, prose)
    report.prose = prose
    report.findings = findings
    if not annual and report.format == "narrative":
        report.prose["document_type"] = "工作总结"
        findings.append(Finding("R.not_annual_report", "info", "document",
                                "该文件不是法定格式的政府信息公开工作年度报告（无统计表格），只读取了正文中的数字"))
    return report


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
