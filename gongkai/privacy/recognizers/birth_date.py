"""出生日期 next to a person: "出生日期：1990年1月2日", "1990年1月出生", "生于1990-01-02"."""

from collections.abc import Iterator

import regex

from ..findings import MEDIUM, Finding, snippet

TYPE, LABEL = "birth_date", "出生日期"
DATE = r"(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[-./]\d{1,2}(?:[-./]\d{1,2})?)"
PATTERN = regex.compile(rf"(?:出生(?:日期|年月)?|生于|出生于)\s*[:：]?\s*({DATE})|({DATE})\s*(?:出生|生人)")


def find(text: str) -> Iterator[Finding]:
    if "出生" not in text and "生于" not in text and "生人" not in text:   # 生 alone is in 生产, 发生 …
        return
    for m in PATTERN.finditer(text):
        group = 1 if m.group(1) else 2
        s, e = m.span(group)
        value = m.group(group)
        yield Finding(TYPE, LABEL, s, e, value, value[:4] + "年**", MEDIUM, context=snippet(text, s, e))
