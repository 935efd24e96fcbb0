"""Cleaning published report text and reading numbers from it (pure, no Django).

Published copies are messy: machine-converted Traditional characters with pinyin in brackets (網(wǎng)), full-width
digits, thousands separators, Chinese numerals (一件, 三十余件), units glued to numbers (942127.07萬元), stray
mojibake. Everything the interpreter matches goes through `clean` first; `script` says what the source was.
"""

import re
from dataclasses import dataclass

from gongkai.core.textnorm import fold_chars, fold_width

# Pinyin in brackets after a character, inserted by some converters: 網(wǎng) 數(shù)據(jù)
_PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,7}[)）]")
# Characters that occur only in Traditional text (a few common ones): enough to tell the script of a report.
_TRADITIONAL = set("這個們來說為國會時對發與經過開關實當還現動應電義問題長將從後種學點業體進聯繫證號碼護戶銀處請辦監舉訴書"
                   "區縣鎮鄉門單組機資訊條報導結轉辦數據於務網規範檔複議")
# Phrase-level readings the character table cannot give (Taiwan-style conversion of mainland terms).
_PHRASES = [("档案", "文件"), ("程式", "程序"), ("网际网路", "互联网"), ("入口网站", "门户网站"), ("最佳化", "优化"),
            ("回响", "回应"), ("答覆", "答复"), ("反覆", "反复"), ("重覆", "重复"), ("覆盖", "覆盖")]
_SPACES = re.compile(r"[ \u00a0\u2002\u2003\u2009\u200b\ufeff]+")   # tabs are kept: they separate table cells


def script_of(text: str) -> str:
    """"hant" when Traditional-only characters are common in the text, else "hans"."""
    sample = text[:20000]
    hits = sum(1 for ch in sample if ch in _TRADITIONAL)
    return "hant" if hits >= 20 or (hits >= 5 and hits * 200 > len(sample)) else "hans"


def clean(text: str, traditional: bool | None = None) -> str:
    """Width folding, pinyin noise removed, Traditional → Simplified (character table plus a few phrases).
    Keeps line breaks; collapses runs of spaces to one."""
    text = fold_width(text)
    text = _PINYIN.sub("", text)
    if traditional is None:
        traditional = script_of(text) == "hant"
    if traditional:
        text = fold_chars(text)
        for old, new in _PHRASES:
            text = text.replace(old, new)
    text = text.replace("\u3000", " ")
    return _SPACES.sub(" ", text)


def squash(text: str) -> str:
    """A label for matching: no spaces, half-width brackets, no quotes."""
    text = fold_width(text)
    return re.sub(r"[\s\"“”'‘’「」『』]", "", text)


# ---------------------------------------------------------------- numbers

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMBER = "[零〇一二两兩三四五六七八九十百千万萬]+"
NUMBER = r"[+\-−]?\d[\d,，]*(?:\.\d+)?"


def chinese_numeral(text: str) -> int | None:
    """一 → 1, 十二 → 12, 三十 → 30, 两百零五 → 205, 一万二千 → 12000. None if not a numeral."""
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS and ch not in "万萬" for ch in text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:  # 万
            section += digit or 0
            total += (section or 1) * 10000
            section, digit = 0, None
    return total + section + (digit or 0)


@dataclass(frozen=True)
class Number:
    value: float | int
    approximate: bool = False   # 三十余件, 近千个, 约2.8万条
    unit: str = ""              # 万元, 元, 条, 件 … as printed after the number
    decimals: int = 0           # printed decimals (for percentages)


_CELL_NUMBER = re.compile(r"^\s*(?P<sign>[+\-−]?)\s*(?P<num>\d[\d,，]*(?:\.\d+)?)\s*(?P<wan>[万萬])?\s*"
                          r"(?P<unit>[元件条个次篇场期人%％]|人次|万元|萬元)?\s*$")
BLANK_MARKS = {"", "-", "—", "——", "/", "／", "－", "―", "–", "无", "無"}


def parse_cell(text: str) -> int | float | None | str:
    """A table cell: the number as printed (int where whole; a unit such as 万元 is dropped, the column header says
    it), None for a blank or a dash, or the text itself if not a number."""
    stripped = fold_width(text).strip()
    if stripped in BLANK_MARKS:
        return None
    match = _CELL_NUMBER.match(stripped)
    if not match:
        value = chinese_numeral(stripped.rstrip("件条个次篇"))
        return value if value is not None else text
    raw = match["num"].replace(",", "").replace("，", "")
    value: int | float = float(raw) if "." in raw else int(raw)
    if match["sign"] in ("-", "−"):
        value = -value
    if isinstance(value, float) and value.is_integer() and "." not in raw:
        value = int(value)
    return value


def is_value_cell(text: str) -> bool:
    return not isinstance(parse_cell(text), str)


def to_number(text: str) -> Number | None:
    """A number as written in prose: 556, 1,120, 2.8万, 三十余, 近千, 62.98%."""
    text = fold_width(text).strip()
    approx = bool(re.search(r"[余多近约逾]|左右", text))
    match = re.search(NUMBER, text)
    if match:
        raw = match[0].replace(",", "").replace("，", "").replace("−", "-")
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        value: int | float = float(raw) if "." in raw else int(raw)
        rest = text[match.end():]
        if rest.startswith(("万", "萬")):
            value = round(value * 10000, 6)
            value = int(value) if float(value).is_integer() else value
            if decimals:
                approx = True
        return Number(value, approx, rest[:2], decimals)
    cn = re.search(CN_NUMBER, text)
    if cn:
        core = cn[0]
        if core in ("千", "百", "万"):          # 近千个
            value = _CN_UNITS.get(core, 10000)
            return Number(value, True)
        value = chinese_numeral(core)
        if value is not None:
            return Number(value, approx)
    return None
