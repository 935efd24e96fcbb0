"""工作日 arithmetic: hand-checked cases across years, properties, provisional results beyond the data."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.workdays import HOLIDAY, MAKEUP, Calendar, OfficialDay, default_calendar

CAL = default_calendar()
D = date.fromisoformat

# (start, n, due) — each checked by hand against the State Council notices.
CASES = [
    ("2026-02-10", 20, "2026-03-16"),  # 2026 春节 2/15–2/23 off, 2/14 and 2/28 worked
    ("2026-02-13", 1, "2026-02-14"),   # Friday → the make-up Saturday is the next working day
    ("2026-02-14", 1, "2026-02-24"),   # start on a make-up Saturday (a working day) → next is after the break
    ("2026-02-15", 1, "2026-02-24"),   # start on a holiday: the first working day after it is day 1
    ("2026-02-15", 5, "2026-02-28"),   # …and the make-up Saturday 2/28 is day 5
    ("2026-01-01", 1, "2026-01-04"),   # 元旦 1/1–1/3 off, Sunday 1/4 worked
    ("2026-01-03", 1, "2026-01-04"),   # start on a holiday Saturday → make-up Sunday is day 1
    ("2026-01-04", 1, "2026-01-05"),   # start on a make-up Sunday
    ("2026-04-30", 1, "2026-05-06"),   # 劳动节 5/1–5/5
    ("2026-05-08", 1, "2026-05-09"),   # make-up Saturday 5/9
    ("2026-09-30", 1, "2026-10-08"),   # 国庆 10/1–10/7 (中秋 9/25–9/27 before it)
    ("2026-10-09", 1, "2026-10-10"),   # make-up Saturday 10/10
    ("2026-09-18", 1, "2026-09-20"),   # make-up Sunday 9/20
    ("2026-09-24", 1, "2026-09-28"),   # 中秋 9/25–9/27
    ("2026-06-18", 1, "2026-06-22"),   # 端午 6/19–6/21
    ("2026-04-03", 1, "2026-04-07"),   # 清明 4/4–4/6
    ("2025-09-20", 20, "2025-10-23"),  # start Saturday; chinesecalendar's find_workday would give 10-24
    ("2025-01-27", 1, "2025-02-05"),   # 2025 春节: new law, 除夕 1/28 off (1/28–2/4)
    ("2025-01-25", 1, "2025-01-26"),   # 2025-01-26 (Sun) make-up working day
    ("2025-04-30", 1, "2025-05-06"),   # 2025 劳动节 5/1–5/5 (2 statutory days + 调休)
    ("2025-04-26", 1, "2025-04-27"),   # 2025-04-27 (Sun) make-up day
    ("2025-09-30", 1, "2025-10-09"),   # 2025 国庆+中秋 10/1–10/8
    ("2025-09-27", 1, "2025-09-28"),   # make-up Sunday 9/28
    ("2025-10-10", 1, "2025-10-11"),   # make-up Saturday 10/11
    ("2020-01-23", 1, "2020-02-03"),   # 2020 extended Spring Festival (to 2/2)
    ("2020-01-17", 20, "2020-02-21"),  # across the extended 2020 break (1/24–2/2 off; Sunday 1/19 worked)
    ("2019-05-15", 20, "2019-06-13"),  # first day of the 2019 条例; 端午 6/7 off
    ("2015-09-02", 1, "2015-09-06"),   # 2015 抗战胜利70周年 9/3–9/5 off, 9/6 (Sun) worked
    ("2008-05-01", 15, "2008-05-22"),  # the 2007 条例 took effect; 15 working days
    ("2024-02-08", 1, "2024-02-09"),   # 2024 除夕 2/9 was a working day (春节 2/10–2/17)
    ("2024-02-09", 1, "2024-02-18"),   # …then Sunday 2/18 worked
    ("2024-12-31", 1, "2025-01-02"),   # across a year end with 元旦
    ("2026-03-02", 0, "2026-03-02"),   # n = 0 is the start day itself
    ("2026-03-02", 5, "2026-03-09"),   # plain week
]


@pytest.mark.parametrize("start, n, due", CASES)
def test_hand_checked(start, n, due):
    result = CAL.add_workdays(D(start), n)
    assert result.due == D(due) and not result.provisional


@pytest.mark.parametrize("day, expected", [
    ("2026-02-14", True), ("2026-02-16", False), ("2026-01-04", True), ("2026-10-10", True), ("2026-10-07", False), ("2026-10-08", True),
    ("2025-01-28", False), ("2025-05-02", False), ("2020-01-31", False), ("2026-03-07", False), ("2026-03-09", True),
])
def test_is_workday(day, expected):
    assert CAL.is_workday(D(day)) is expected


def test_beyond_the_covered_range_is_provisional_and_says_why():
    result = CAL.add_workdays(D("2026-12-20"), 20)
    assert result.due == D("2027-01-15") and result.provisional
    assert "2027年" in result.reason and "暂按周六、周日休息" in result.reason
    assert CAL.add_workdays(D("2026-11-02"), 20).provisional is False
    far = CAL.add_workdays(D("2030-03-01"), 3)
    assert far.due == D("2030-03-06") and far.provisional


def test_a_new_year_makes_it_final():
    days = list(CAL.days) + [OfficialDay(D("2027-01-01"), HOLIDAY, "元旦"), OfficialDay(D("2027-01-02"), HOLIDAY, "元旦")]
    cal = Calendar(days, CAL.covered_years | {2027})
    result = cal.add_workdays(D("2026-12-20"), 20)
    assert result.due == D("2027-01-18") and not result.provisional


def test_workdays_between():
    assert CAL.workdays_between(D("2026-02-10"), D("2026-03-16")) == 20
    assert CAL.workdays_between(D("2026-03-16"), D("2026-02-10")) == 0
    assert CAL.workdays_between(D("2026-12-25"), D("2027-01-05")) == 7  # 12/28–31, 1/1 (provisional), 1/4, 1/5


def test_negative_n_is_an_error():
    with pytest.raises(ValueError):
        CAL.add_workdays(D("2026-01-05"), -1)


def test_makeup_on_weekday_is_not_allowed_by_construction():
    cal = Calendar([OfficialDay(D("2026-03-07"), MAKEUP, "测试")], frozenset({2026}))
    assert cal.is_workday(D("2026-03-07"))


dates = st.dates(min_value=date(2004, 1, 1), max_value=date(2028, 12, 31))


@settings(max_examples=300)
@given(dates, st.integers(1, 60))
def test_result_is_always_a_working_day(start, n):
    assert CAL.is_workday(CAL.add_workdays(start, n).due)


@settings(max_examples=300)
@given(dates, st.integers(0, 40), st.integers(0, 40))
def test_add_is_additive(start, n, m):
    first = CAL.add_workdays(start, n).due
    assert CAL.add_workdays(first, m).due == CAL.add_workdays(start, n + m).due if n else True


@settings(max_examples=300)
@given(dates, st.integers(1, 60))
def test_between_inverts_add_and_matches_a_plain_loop(start, n):
    due = CAL.add_workdays(start, n).due
    assert CAL.workdays_between(start, due) == n
    d, k = start, 0
    while k < n:
        d += timedelta(days=1)
        k += CAL.is_workday(d)
    assert d == due
