"""The row stream: a published report's text lines and tables as one list of rows (pure).

A real table's rows keep blank cells in place (`exact`); text rows — "a | b |" lines, "label 1 2 3" lines of a PDF
text layer, one-cell-per-line copies — have lost their blank cells. Each shape of text line is one small rule in
`LINE_RULES`, tried in order; the first that takes the line decides its row.
"""

import itertools
import re
from dataclasses import dataclass, field

from . import labels
from .textparse import clean, is_value_cell, parse_cell, script_of, squash

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
class SourceText:
    """A report as the interpreter sees it: cleaned lines (for prose and highlighting) and the row stream."""
    lines: list[str]
    rows: list[Row]
    script: str
    raw_text: str = ""
    problem: str = ""
    notes: list[str] = field(default_factory=list)


_LABEL_AND_NUMBERS = re.compile(r"^(?P<label>.*?[^\d\s.,+\-%])\s+(?P<nums>(?:[+\-]?\d[\d,]*(?:\.\d+)?%?\s*)+)$")
_HEADER_WORDS = {"总计", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "单位", "统计数"}


def known_label(text: str) -> bool:
    """A label of any table the reader knows (table 二, 三 or the old 统计表)."""
    label = squash(text)
    return any(p.search(label) for _, p in labels.T3_ROWS) or any(p.search(label) for _, p in labels.T3_GROUPS) \
        or any(p.search(label) for _, p in labels.T2_ROWS) or any(p.search(label) for p, _ in labels.PRE2019_ROWS) \
        or bool(labels.T3_OTHER_OTHER.search(label))


_DIGIT = re.compile(r"\d")
# lines that start a table or its header, never the continuation of a wrapped label
_TABLE_HEADING = re.compile(r"第二十条|信息内容|申请人情况|勾稽|自然人|法人或其他组织|行政复议|行政诉讼|结果维持|统计指标")
_NUMBERS_INSIDE = re.compile(r"^(?P<a>[^\d|]*?[^\d\s.,+\-%|])\s*(?P<nums>\d+(?:\s+\d+){2,})\s*(?P<b>[^\d\s|][^\d|]*)$")
_NUMBERS_ONLY = re.compile(r"^[+\-]?\d[\d,.]*%?(?:\s+[+\-]?\d[\d,.]*%?){2,}$")
_LABEL_SPLIT = re.compile(r"\s+(?=[（(][一二三四五六七八九十]{1,2}[)）]|\d{1,2}[.、]|[一二三四五六七八九十]、)")
_ORDINAL_START = re.compile(r"^\(?[一二三四五六七八九十]{1,2}\)|^\d{1,2}[.、]|^[一二三四五六七八九十]+、|^其中")


def source_from_blocks(blocks: list, problem: str = "") -> SourceText:
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
                text_row(lines[-1], len(lines) - 1, rows)
        else:
            for grid_row in block.rows:
                cells = [clean(c or "", traditional).strip() for c in grid_row]
                lines.append(" | ".join(cells))
                rows.append(Row(cells, True, len(lines) - 1))
    return SourceText(lines, rows, "hant" if traditional else "hans", raw_text, problem)


@dataclass
class Line:
    """A text line being placed, with the row before it (`last`) when that one is a recent text row."""
    text: str
    index: int
    rows: list
    last: Row | None
    recent: bool

    def extend_last(self, cells: list[str]) -> bool:
        self.last.cells.extend(cells)
        self.last.line = self.index
        return True

    def new_row(self, cells: list[str], exact: bool = False) -> bool:
        self.rows.append(Row(cells, exact, self.index))
        return True


def _pipe_cells(line: Line) -> bool:
    """"a | b | c": cells separated by bars; blank cells inside the row keep the row exact."""
    if "|" not in line.text:
        return False
    cells = [c.strip() for c in line.text.split("|")]
    while cells and not cells[-1]:
        cells.pop()
    while cells and not cells[0]:
        cells.pop(0)
    filled = [i for i, c in enumerate(cells) if c]
    exact = bool(filled) and any(not cells[i] for i in range(filled[0], filled[-1]))
    return line.new_row(cells if exact else [c for c in cells if c], exact)


def _lone_value(line: Line) -> bool:
    """A short line holding one value (or a unit): the value of the label above, one cell per line; the next number
    of a row printed one number per line (table 四); or a row of its own."""
    text, last = line.text, line.last
    if not ((is_value_cell(text) or squash(text) in UNIT_MARKS) and len(text) <= 24):
        return False
    if line.recent and last.labels and len(last.cells) <= 12 and known_label(last.labels[-1]) \
            and squash(last.labels[-1]) not in _HEADER_WORDS:
        return line.extend_last([text])
    if line.recent and not last.labels and line.index - last.line <= 2 and is_value_cell(text):
        return line.extend_last([text])
    if is_value_cell(text):
        return line.new_row([text])
    return False


def _bracketed_note(line: Line) -> bool:
    """A label's bracketed note printed on its own line."""
    text, last = line.text, line.last
    if text.startswith(("(", "（")) and not _ORDINAL_START.match(text) and line.recent and len(last.cells) == 1 \
            and len(text) <= 40:
        last.cells[0] += text
        last.line = line.index
        return True
    return False


def _numbers_of_label_above(line: Line) -> bool:
    """The numbers of the label above, on the next PDF line."""
    last = line.last
    if _NUMBERS_ONLY.match(line.text) and line.recent and last.labels and len(last.labels) == len(last.cells) \
            and line.index - last.line == 1 \
            and (known_label(last.labels[-1]) or _ORDINAL_START.match(last.labels[-1])) \
            and not _TABLE_HEADING.search(last.labels[-1]) and not labels.T3_HEADING.search(squash(last.labels[-1])):
        return line.extend_last(line.text.split())
    return False


def _could_continue_label(text: str) -> bool:
    return len(text) <= 40 and not _DIGIT.search(text) and not _ORDINAL_START.match(text) \
        and not known_label(text) and not is_value_cell(text) and not _TABLE_HEADING.search(text)


def _wrapped_label(line: Line) -> bool:
    """A label wrapped over lines (PDF table cells), before or after its numbers."""
    text, last = line.text, line.last
    if not (line.recent and last.labels and line.index - last.line == 1 and _could_continue_label(text)):
        return False
    single = len(last.cells) == 1 and len(last.cells[0]) <= 40 and not last.cells[0].endswith(("。", "；", ";", "：", ":"))
    several = len(last.cells) > 1 and not last.exact and len(last.labels[-1]) <= 40
    if not (single or several):
        return False
    at = max(i for i, c in enumerate(last.cells) if c in last.labels)
    last.cells[at] += text
    last.line = line.index
    return True


def _numbers_inside_label(line: Line) -> bool:
    """A PDF line of a table row whose wrapped label straddles the numbers: "1.申请人无正当理由逾期不补正、
    行政机关不0 0 0 0 0 0 0再处理其政府信息公开"."""
    middle = _NUMBERS_INSIDE.match(line.text)
    if not (middle and len(line.text) <= MAX_LABEL * 3 and "。" not in line.text):
        return False
    label = middle["a"].strip() + middle["b"].strip()
    parts = [p for p in _LABEL_SPLIT.split(label) if p.strip()]
    return line.new_row([*parts, *middle["nums"].split()])


def _numbers_only(line: Line) -> bool:
    """A row of numbers printed with spaces (table 四)."""
    return bool(_NUMBERS_ONLY.match(line.text)) and line.new_row(line.text.split())


def _label_and_numbers(line: Line) -> bool:
    """"三、本年度办理结果 （一）予以公开 3 0 …": the merged group label printed on the same line is its own cell."""
    match = _LABEL_AND_NUMBERS.match(line.text)
    if not (match and len(match["label"]) <= MAX_LABEL * 2 and "。" not in match["label"]):
        return False
    parts = [p for p in _LABEL_SPLIT.split(match["label"].strip()) if p.strip()]
    return line.new_row([*parts, *match["nums"].split()])


def _group_and_row_label(line: Line) -> bool:
    """"（三）不予公开  1.属于国家秘密": a group label and a row label on one line."""
    text = line.text
    if not (len(text) <= MAX_LABEL * 2 and "。" not in text and _LABEL_SPLIT.search(text)):
        return False
    parts = [p for p in _LABEL_SPLIT.split(text) if p.strip()]
    if all(known_label(p) or labels.match_first(labels.T3_GROUPS, squash(p)) for p in parts[1:]):
        return line.new_row(parts)
    return False


LINE_RULES = (_pipe_cells, _lone_value, _bracketed_note, _numbers_of_label_above, _wrapped_label,
              _numbers_inside_label, _numbers_only, _label_and_numbers, _group_and_row_label)


def text_row(text: str, index: int, rows: list[Row]) -> None:
    """Place one text line in the row stream: the first rule of LINE_RULES that takes it, else a row of its own."""
    if not text:
        return
    last = rows[-1] if rows else None
    recent = last is not None and not last.exact and index - last.line <= 4
    if "\t" in text and "|" not in text and text.strip("\t"):
        text = text.replace("\t", "|")      # a table copied from Word or a spreadsheet: tab-separated cells
    line = Line(text, index, rows, last, recent)
    if not any(rule(line) for rule in LINE_RULES):
        rows.append(Row([text], False, index))
