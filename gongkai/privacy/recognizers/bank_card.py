"""银行卡号: 16–19 digits passing Luhn, grouped or not; only with a 62 prefix (UnionPay) or a bank word nearby,
and never an ID-card-shaped number (Luhn alone passes 10% of random numbers)."""

from collections.abc import Iterator

import regex

from ..findings import HIGH, MEDIUM, Finding, mask, snippet
from . import id_card
from .common import SEP, number_runs

TYPE, LABEL = "bank_card", "银行卡号"
PATTERN = regex.compile(rf"(?<![0-9A-Za-z])\d(?:{SEP}\d){{15,18}}(?![0-9A-Za-z])")
BANK_WORDS = regex.compile(r"银行|卡号|账号|帐号|账户|帐户|开户|储蓄|信用卡|借记卡|收款")


def luhn_ok(num: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(num)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def find(text: str) -> Iterator[Finding]:
    for m, num in number_runs(text):
        if not 16 <= len(num) <= 19 or not PATTERN.fullmatch(m.group()):
            continue
        if not luhn_ok(num) or (len(num) == 18 and id_card.classify(m.group())):
            continue
        near = bool(BANK_WORDS.search(text, max(0, m.start() - 15), m.start()))
        if not (near or num.startswith("62")):
            continue
        yield Finding(TYPE, LABEL, m.start(), m.end(), m.group(), mask(m.group()), HIGH if near else MEDIUM,
                      context=snippet(text, m.start(), m.end()))
