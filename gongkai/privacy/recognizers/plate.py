"""机动车号牌 (省简称 + 发证机关字母 + 5 or 6 characters, incl. new-energy plates)."""

import re
from collections.abc import Iterator

from ..findings import MEDIUM, Finding, snippet

TYPE, LABEL = "plate", "机动车号牌"
ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
PATTERN = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•.\s]?"
    r"(?:[A-HJ-NP-Z0-9]{5}[A-HJ-NP-Z0-9挂学警]?|[DF][A-HJ-NP-Z0-9]{5})(?![A-Za-z0-9])"
)


def find(text: str) -> Iterator[Finding]:
    for m in PATTERN.finditer(text):
        if m.start() and text[m.start() - 1] in ALNUM:
            continue
        plate = m.group()
        if sum(ch.isdigit() for ch in plate) < 2:   # 鲁B·ABCDE-like words are not plates
            continue
        yield Finding(TYPE, LABEL, m.start(), m.end(), plate, plate[:2] + "*" * (len(plate) - 3) + plate[-1], MEDIUM,
                      context=snippet(text, m.start(), m.end()))
