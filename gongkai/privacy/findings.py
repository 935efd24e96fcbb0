"""Findings of the personal-information scan (pure)."""

import re
from typing import NamedTuple

HIGH, MEDIUM, LOW, INFO = "high", "medium", "low", "info"
PRIVACY_GROUND = "《政府信息公开条例》第十五条 个人隐私"
BUSINESS_GROUND = "《政府信息公开条例》第十五条 商业秘密"


class Finding(NamedTuple):
    """One finding. A NamedTuple, not a frozen dataclass: a scan builds several per document and a frozen
    dataclass costs ~4x more to construct (measured in bench/bench_privacy.py)."""

    type: str            # id_card, mobile, bank_card, email, passport, permit, plate, birth_date, name, address, uscc
    label: str           # 居民身份证号 …
    start: int           # span in the scanned text
    end: int
    text: str
    masked: str
    confidence: str      # high (checksum-valid or labelled) / medium / low / info (not personal data)
    ground: str = PRIVACY_GROUND
    context: str = ""
    source: str = ""     # which part: 正文, 附件：x.pdf …

    def to_dict(self) -> dict:
        return self._asdict()

    @property
    def personal(self) -> bool:
        return self.confidence != INFO


def mask(text: str, keep_start: int = 4, keep_end: int = 4) -> str:
    """3301**********1234 for numbers; 张** for names."""
    n = len(text)
    if n <= keep_start + keep_end:
        keep_start, keep_end = min(1, n), 0
    return text[:keep_start] + "*" * (n - keep_start - keep_end) + (text[n - keep_end:] if keep_end else "")


_LONG_NUMBER = re.compile(r"[0-9Xx][0-9Xx \-]{5,}[0-9Xx]")


def _masked(m: re.Match) -> str:
    return mask(m.group())


def _clean(part: str) -> str:
    return _LONG_NUMBER.sub(_masked, part.replace("\n", " "))


def snippet(text: str, start: int, end: int, width: int = 15) -> str:
    """Context around a finding, with the finding masked and any other long number nearby masked too."""
    return f"{_clean(text[max(0, start - width):start])}【{mask(text[start:end])}】{_clean(text[end:end + width])}"
