"""统一社会信用代码: an organisation's code. Reported as information (not personal data, never blocks)."""

from functools import lru_cache
from operator import mul

import re

from ..findings import BUSINESS_GROUND, INFO, Finding

TYPE, LABEL = "uscc", "统一社会信用代码"
# the look-behind follows the first character, so the engine skips characters no code starts with
PATTERN = re.compile(r"[0-9A-HJ-NPQRTUWXY](?<![0-9A-Za-z].)[0-9A-HJ-NPQRTUWXY][0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}"
                     r"(?![0-9A-Za-z])")


_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(_ALPHABET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@lru_cache(maxsize=65536)
def _valid(code: str) -> bool:
    # all-digit codes starting 1–8 are more likely 居民身份证号 (handled there)
    if code.isdigit() and code[0] in "12345678":
        return False
    try:  # GB 32100 check character first (cheap), then the rest of core.codes.uscc_error
        total = sum(map(mul, map(_VALUE.__getitem__, code[:17]), _WEIGHTS))
    except KeyError:
        return False
    if _ALPHABET[(31 - total % 31) % 31] != code[17]:
        return False
    # the rest of core.codes.uscc_error, for a string PATTERN matched (18 characters of the code's alphabet): the
    # first eight are digits (stdnum's format rule), and characters 9–17 are a 组织机构代码 whose check character
    # is core.codes.org_code_check_char's (tested equal to uscc_error, which costs ~10 µs a code)
    if not code[:2].isdigit():
        return False
    check = 11 - sum(map(mul, map(_ORG_VALUE.__getitem__, code[8:16]), _ORG_WEIGHTS)) % 11
    return code[16] == ("X" if check == 10 else "0" if check == 11 else str(check))


_ORG_VALUE = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}   # core.codes (GB 11714)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


TRIGGER = re.compile(r"信用代码|社会信用|纳税人识别号|注册号")


def find(text: str, trigger_ends: list[int] | None = None) -> list[Finding]:
    """Codes given as such (within 40 characters after 统一社会信用代码/纳税人识别号/注册号). `trigger_ends`: where
    TRIGGER's matches end, when the caller has found them already (the scanner's one pass for every trigger)."""
    if trigger_ends is None:
        trigger_ends = [t.end() for t in TRIGGER.finditer(text)]
    found = []
    seen = set()
    for end in trigger_ends:
        for m in PATTERN.finditer(text, end, end + 40):
            start = m.start()
            if start in seen:
                continue
            code = m.group()
            if not _valid(code):
                continue
            seen.add(start)
            found.append(_new(Finding, (TYPE, LABEL, start, m.end(), code, code, INFO, BUSINESS_GROUND, "", "")))
    return found


_new = tuple.__new__   # Finding without its keyword handling: every document names its own code several times
