"""统一社会信用代码: an organisation's code. Reported as information (not personal data, never blocks)."""

from collections.abc import Iterator

import regex

from gongkai.core.codes import uscc_error

from ..findings import BUSINESS_GROUND, INFO, Finding

TYPE, LABEL = "uscc", "统一社会信用代码"
PATTERN = regex.compile(r"(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])")


def find(text: str) -> Iterator[Finding]:
    for m in PATTERN.finditer(text):
        if not m.group().isdigit() and uscc_error(m.group()) is None:
            yield Finding(TYPE, LABEL, m.start(), m.end(), m.group(), m.group(), INFO, ground=BUSINESS_GROUND)
        elif m.group().isdigit() and uscc_error(m.group()) is None and not m.group().startswith(("1", "2", "3", "4", "5", "6", "7", "8")):
            yield Finding(TYPE, LABEL, m.start(), m.end(), m.group(), m.group(), INFO, ground=BUSINESS_GROUND)
