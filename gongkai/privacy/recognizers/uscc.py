"""统一社会信用代码: an organisation's code. Reported as information (not personal data, never blocks)."""

import re
from functools import lru_cache
from operator import mul

from ..findings import BUSINESS_GROUND, INFO, Finding

TYPE, LABEL = "uscc", "统一社会信用代码"
# the look-behind follows the first character, so the engine skips characters no code starts with
PATTERN = re.compile(r"[0-9A-HJ-NPQRTUWXY](?<![0-9A-Za-z].)[0-9A-HJ-NPQRTUWXY][0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}"
                     r"(?![0-9A-Za-z])")


_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_BAD = 255
# ASCII byte → the character's value, so the sums run over bytes in C (a code's digits vary per document: the check
# runs for every new code, not just once)
_VALUE_BYTES = bytes(_ALPHABET.index(chr(b)) if chr(b) in _ALPHABET else _BAD for b in range(256))
_ORG_VALUE_BYTES = bytes(int(chr(b), 36) if chr(b).isascii() and chr(b).isalnum() and not chr(b).islower() else _BAD
                         for b in range(256))   # core.codes (GB 11714): 0–9, A–Z → 0–35
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


@lru_cache(maxsize=65536)
def _valid(code: str) -> bool:
    # all-digit codes starting 1–8 are more likely 居民身份证号 (handled there)
    if code.isdigit() and code[0] in "12345678":
        return False
    if not code.isascii():
        return False
    values = code.encode().translate(_VALUE_BYTES)
    if _BAD in values[:17]:
        return False
    # GB 32100 check character first (cheap), then the rest of core.codes.uscc_error
    if _ALPHABET[(31 - sum(map(mul, values, _WEIGHTS)) % 31) % 31] != code[17]:
        return False
    # the rest of core.codes.uscc_error, for a string PATTERN matched (18 characters of the code's alphabet): the
    # first eight are digits (stdnum's format rule), and characters 9–17 are a 组织机构代码 whose check character
    # is core.codes.org_code_check_char's (tested equal to uscc_error, which costs ~10 µs a code)
    if not code[:2].isdigit():
        return False
    org = code[8:16].encode().translate(_ORG_VALUE_BYTES)
    if _BAD in org:
        return False
    check = 11 - sum(map(mul, org, _ORG_WEIGHTS)) % 11
    return code[16] == ("X" if check == 10 else "0" if check == 11 else str(check))


TRIGGER = re.compile(r"信用代码|社会信用|纳税人识别号|注册号")


def code_spans(text: str, trigger_ends: list[int]) -> list[int]:
    """[start, end, ...] of PATTERN's matches within 40 characters after each trigger end (repeats kept)."""
    spans = []
    for end in trigger_ends:
        for m in PATTERN.finditer(text, end, end + 40):
            spans += m.span()
    return spans


def findings_at(text: str, spans: list[int]) -> list[Finding]:
    """The valid codes among `code_spans`, each place once."""
    found = []
    seen = set()
    for i in range(0, len(spans), 2):
        start = spans[i]
        if start in seen:
            continue
        end = spans[i + 1]
        code = text[start:end]
        if _valid(code):
            seen.add(start)
            found.append(Finding(TYPE, LABEL, start, end, code, code, INFO, BUSINESS_GROUND))
    return found


def find(text: str) -> list[Finding]:
    """Codes given as such (within 40 characters after 统一社会信用代码/纳税人识别号/注册号)."""
    return findings_at(text, code_spans(text, [t.end() for t in TRIGGER.finditer(text)]))
