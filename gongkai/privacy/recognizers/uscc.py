"""统一社会信用代码: an organisation's code. Reported as information (not personal data, never blocks)."""

from collections.abc import Iterator
from functools import lru_cache

import regex

from gongkai.core.codes import uscc_error

from ..findings import BUSINESS_GROUND, INFO, Finding

TYPE, LABEL = "uscc", "统一社会信用代码"
PATTERN = regex.compile(r"(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])")


@lru_cache(maxsize=65536)
def _valid(code: str) -> bool:
    # all-digit codes starting 1–8 are more likely 居民身份证号 (handled there)
    return uscc_error(code) is None and not (code.isdigit() and code[0] in "12345678")


def find(text: str) -> Iterator[Finding]:
    for m in PATTERN.finditer(text):
        if _valid(m.group()):
            yield Finding(TYPE, LABEL, m.start(), m.end(), m.group(), m.group(), INFO, ground=BUSINESS_GROUND)
