"""银行卡号: 16–19 digits passing Luhn, grouped or not; only with a 62 prefix (UnionPay) or a bank word nearby,
and never an ID-card-shaped number (Luhn alone passes 10% of random numbers)."""

from collections.abc import Iterator
from functools import lru_cache

import regex

from ..findings import HIGH, MEDIUM, Finding, mask, snippet
from . import id_card
from .common import SEP, number_runs

TYPE, LABEL = "bank_card", "银行卡号"
PATTERN = regex.compile(rf"(?<![0-9A-Za-z])\d(?:{SEP}\d){{15,18}}(?![0-9A-Za-z])")
BANK_WORDS = regex.compile(r"银行|卡号|账号|帐号|账户|帐户|开户|储蓄|信用卡|借记卡|收款")


_DOUBLED = str.maketrans("0123456789", "0246813579")   # d → 2d with its digits summed


@lru_cache(maxsize=16384)
def luhn_ok(num: str) -> bool:
    """Luhn over a string of digits: from the right, every second digit doubled. Digit sums run over ASCII bytes in
    C (every new number reaches here once)."""
    backwards = num[::-1]
    total = sum(backwards[0::2].encode()) + sum(backwards[1::2].translate(_DOUBLED).encode()) - 48 * len(num)
    return total % 10 == 0


def shape(run: str, num: str) -> bool | None:
    """None unless the run alone can be a card number (16–19 digits passing Luhn, not an ID number); else whether
    it has UnionPay's 62 prefix. Cached per run string by the scanner. A run of single separators is a PATTERN
    match unless it has a + prefix or X suffix."""
    if not 16 <= len(num) <= 19 or not run[0].isdigit() or not run[-1].isdigit():
        return None
    if not luhn_ok(num) or (len(num) == 18 and id_card.classify(run)):
        return None
    return num.startswith("62")


def decide(text: str, start: int, end: int, run: str, unionpay: bool) -> Finding | None:
    """The finding for a card-shaped run: a bank word before it, or UnionPay's 62 prefix."""
    near = bool(BANK_WORDS.search(text, max(0, start - 15), start))
    if not (near or unionpay):
        return None
    return Finding(TYPE, LABEL, start, end, run, mask(run), HIGH if near else MEDIUM, context=snippet(text, start, end))


def check(text: str, start: int, end: int, run: str, num: str) -> Finding | None:
    """The finding for one digit run of `number_runs(text)`, or None."""
    unionpay = shape(run, num)
    return None if unionpay is None else decide(text, start, end, run, unionpay)


LENGTHS = (16, 17, 18, 19)   # digit counts `check` can accept


def find(text: str) -> Iterator[Finding]:
    for start, end, run, num in number_runs(text):
        finding = check(text, start, end, run, num)
        if finding is not None:
            yield finding
