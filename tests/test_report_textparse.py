"""Reading numbers and labels from messy published text (table-driven)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.reports.interpret.textparse import chinese_numeral, clean, parse_cell, script_of, to_number


@pytest.mark.parametrize("cell, value", [
    ("525", 525), ("１２３", 123), ("1,120", 1120), ("+23", 23), ("-316", -316), ("－", None), ("", None), ("/", None),
    ("942127.07萬元", 942127.07), ("3 件", 3), ("12%", 12), ("三", 3), ("自然人", "自然人"),
])
def test_cells(cell, value):
    assert parse_cell(cell) == value


@pytest.mark.parametrize("text, value, approximate", [
    ("556件", 556, False), ("2.8万条", 28000, True), ("三十余件", 30, True), ("一件", 1, False), ("两百零五", 205, False),
    ("近千个", 1000, True), ("62.98%", 62.98, False), ("约1,150,000条", 1150000, True),
])
def test_prose_numbers(text, value, approximate):
    number = to_number(text)
    assert number.value == value and number.approximate == approximate


@pytest.mark.parametrize("numeral, value", [("十", 10), ("十二", 12), ("三十", 30), ("一百零五", 105), ("一万二千", 12000),
                                            ("两千零一十九", 2019), ("零", 0)])
def test_chinese_numerals(numeral, value):
    assert chinese_numeral(numeral) == value


@given(st.integers(0, 99999))
def test_chinese_numerals_round_trip(n):
    digits = "零一二三四五六七八九"
    units = [(10000, "万"), (1000, "千"), (100, "百"), (10, "十")]
    out, rest, zero = "", n, False
    for size, unit in units:
        d, rest = divmod(rest, size)
        if d:
            out += ("零" if zero and out else "") + digits[d] + unit
            zero = False
        elif out:
            zero = True
    if rest:
        out += ("零" if zero and out else "") + digits[rest]
    assert chinese_numeral(out or "零") == n


def test_traditional_with_pinyin_noise():
    raw = "政府網(wǎng)站公開申請數(shù)據(jù)１２條，本年新收政府信息公開申請"
    assert script_of(raw * 5) == "hant"
    assert clean(raw, True) == "政府网站公开申请数据12条,本年新收政府信息公开申请"   # width-folded
