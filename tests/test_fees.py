"""信息处理费 (国办函〔2020〕109号): both scales, the official worked examples, band edges, properties."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.applications.fees import fee_by_pages, fee_per_application, scale_on


@pytest.mark.parametrize("n, fee", [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300),
                                    (50, 300), (51, 400), (61, 500)])
def test_per_application_bands(n, fee):
    assert fee_per_application(n) == fee


@pytest.mark.parametrize("pages, fee", [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)])
def test_per_page_bands(pages, fee):
    assert fee_by_pages(pages) == fee


def test_official_worked_examples():
    assert sum(fee_per_application(n) for n in range(1, 36)) == 3000   # 35 applications in one month
    assert fee_by_pages(2219) == 83460                                   # the real 2,219-page bill


@given(st.integers(1, 5000))
def test_matches_the_formula_in_the_notice(n):
    expected = 0 if n <= 10 else 100 if n <= 30 else 100 * (2 + (n - 31) // 10)
    assert fee_per_application(n) == expected


@given(st.integers(0, 20000))
def test_pages_formula_and_monotonic(p):
    clamp = lambda x, hi: max(0, min(x, hi))  # noqa: E731
    assert fee_by_pages(p) == 10 * clamp(p - 30, 70) + 20 * clamp(p - 100, 100) + 40 * max(p - 200, 0)
    assert fee_by_pages(p + 1) >= fee_by_pages(p)


def test_scale_in_force():
    assert scale_on(date(2020, 12, 31)) is None
    assert scale_on(date(2021, 1, 1)).name == "国办函〔2020〕109号"


def test_bad_input():
    with pytest.raises(ValueError):
        fee_per_application(0)
    with pytest.raises(ValueError):
        fee_by_pages(-1)
