"""姓名 in context: after 姓名/户主/申请人/联系人/当事人…, before an ID number, or in a table column headed 姓名.
Unlabelled names need an NER model (none can be downloaded here), so they are not guessed."""

import re
from collections.abc import Iterator

import regex

from ..findings import HIGH, MEDIUM, Finding, snippet
from .surnames import COMPOUND, SINGLE

TYPE, LABEL = "name", "姓名"
_SURNAME = "(?:" + "|".join(sorted(COMPOUND)) + "|[" + "".join(sorted(SINGLE)) + "])"
LABELS = r"姓\s*名|户\s*主|申请人|联系人|当事人|被处罚人|被申请人|举报人|投诉人|经办人|监护人|患者|租户|承租人|借款人|收款人|户名"
LABELLED = regex.compile(rf"(?:{LABELS})\s*(?:姓名)?\s*[:：为是]?\s*({_SURNAME}[\p{{Han}}]{{1,2}})(?=[\s,，、;；。:：()（）\t]|身份|性别|的|$)",
                         regex.M)
BEFORE_ID = regex.compile(rf"(?<![\p{{Han}}])({_SURNAME}[\p{{Han}}]{{1,2}})(?:\s*[,，(（]?\s*(?:身份证|公民身份号码|男|女)|的(?:身份证|护照|手机|电话|邮箱|住址|银行卡|户籍))")
# Words that look like a name after a label but are not one.
NOT_NAMES = regex.compile(r"^(?:本人|申请|签字|签名|盖章|电话|地址|信息|情况|单位|委托|代理|全称|名称|某某|王某|张某|李某|同志|等人|代表)")
NAME_HEADER = re.compile(r"姓\s*名")
CELL_SPLIT = regex.compile(r"\t|\s{2,}|\s*\|\s*")


def _ok(name: str) -> bool:
    return not NOT_NAMES.match(name) and not name.endswith(("某", "某某")) and len(name) >= 2


TRIGGERS = re.compile(LABELS)  # stdlib re scans plain alternations faster than `regex`
ID_TRIGGERS = re.compile(r"身份|男|女|的(?:身份证|护照|手机|电话|邮箱|住址|银行卡|户籍)")
# A label and a keyword never overlap (they share only 护 and 户, never at a position where both words fit; a test
# checks every pair), so one pass over both finds each one's own matches; a keyword starts with 身, 男, 女 or 的, a
# label never does. No groups: every alternative then starts with a literal and the engine skips in C.
_BOTH_TRIGGERS = re.compile(f"{LABELS}|{ID_TRIGGERS.pattern}")
_KEYWORD_FIRST = frozenset("身男女的")


def _matches(pattern, text: str, triggers=None):
    """LABELLED's finditer matches, tried only where a label starts; BEFORE_ID only in small windows around its
    keywords (scanning every position for a surname costs ~10× more, and the keywords are rare). `triggers`: the
    matches of TRIGGERS (for LABELLED) or ID_TRIGGERS (for BEFORE_ID) in `text`, when already found."""
    if pattern is LABELLED:
        # Every LABELLED match starts with a label, and every place a label starts lies inside (or at the start of)
        # one of TRIGGERS' non-overlapping matches; trying those places in order, each from where the last match
        # ended, gives finditer's matches.
        done = 0
        for t in TRIGGERS.finditer(text) if triggers is None else triggers:
            for q in range(max(t.start(), done), t.end()):
                if q >= done:
                    m = LABELLED.match(text, q)
                    if m:
                        done = m.end()
                        yield m
        return
    done = -1
    for t in ID_TRIGGERS.finditer(text) if triggers is None else triggers:
        start = max(0, t.start() - 16, done)
        for m in BEFORE_ID.finditer(text, start, min(len(text), t.end() + 6)):
            done = max(done, m.end())
            yield m


def find(text: str) -> Iterator[Finding]:
    seen: set[tuple[int, int]] = set()
    patterns = []
    labels, keywords = [], []                    # TRIGGERS' and ID_TRIGGERS' matches, in one pass
    for m in _BOTH_TRIGGERS.finditer(text):
        (keywords if m.group()[0] in _KEYWORD_FIRST else labels).append(m)
    if labels:
        patterns.append((LABELLED, HIGH, labels))
    if keywords:
        patterns.append((BEFORE_ID, MEDIUM, keywords))
    for pattern, confidence, triggers in patterns:
        for m in _matches(pattern, text, triggers):
            s, e = m.span(1)
            name = m.group(1)
            if (s, e) in seen or not _ok(name):
                continue
            seen.add((s, e))
            yield Finding(TYPE, LABEL, s, e, name, name[0] + "*" * (len(name) - 1), confidence,
                          context=snippet(text, s, e))
    if NAME_HEADER.search(text):
        yield from _table_column(text, seen)


def _table_column(text: str, seen: set) -> Iterator[Finding]:
    """Rows of a table (tab- or bar-separated lines): cells under a header cell 姓名 are names."""
    offset = 0
    column = None
    for line in text.splitlines(keepends=True):
        cells, positions, pos = [], [], 0
        for part in CELL_SPLIT.split(line.rstrip("\n")):
            idx = line.find(part, pos)
            cells.append(part.strip())
            positions.append(idx + (len(part) - len(part.lstrip())))
            pos = idx + len(part)
        if len(cells) >= 2 and any(regex.fullmatch(r"姓\s*名", c) for c in cells):
            column = next(i for i, c in enumerate(cells) if regex.fullmatch(r"姓\s*名", c))
        elif column is not None and len(cells) > column:
            cell = cells[column]
            if regex.fullmatch(rf"{_SURNAME}[\p{{Han}}]{{1,2}}", cell) and _ok(cell):
                s = offset + positions[column]
                if (s, s + len(cell)) not in seen:
                    seen.add((s, s + len(cell)))
                    yield Finding(TYPE, LABEL, s, s + len(cell), cell, cell[0] + "*" * (len(cell) - 1), HIGH,
                                  context=snippet(text, s, s + len(cell)))
        elif len(cells) < 2:
            column = None
        offset += len(line)
