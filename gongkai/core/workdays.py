"""工作日 arithmetic (pure, no Django).

A date is a working day if it is a Monday–Friday that is not a 法定节假日/调休 day off, or a Saturday/Sunday marked
调休上班. Periods are counted with the start day excluded (期间开始的日不计算在期间内): day 1 is the first working
day after the start day. Years outside the calendar's covered range use the weekend-only rule and every result
that touches them is marked provisional, with the reason.

Speed: working days of the covered range are precomputed into a sorted list of ordinals, so `add_workdays` is
two bisections, not a day-by-day loop.
"""

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

HOLIDAY = "holiday"      # 法定节假日 (day off)
MAKEUP = "makeup"        # 调休上班日 (weekend day worked)


@dataclass(frozen=True)
class OfficialDay:
    day: date
    kind: str            # HOLIDAY or MAKEUP
    name: str = ""       # 春节, 国庆节 …


@dataclass(frozen=True)
class WorkdayResult:
    due: date
    provisional: bool = False
    reason: str = ""     # why provisional (Chinese)


@dataclass
class Calendar:
    """Official days for a set of covered years. Build once, query many times."""

    days: list[OfficialDay]
    covered_years: frozenset[int]
    version: str = ""    # e.g. a hash or the last import time, recorded in derivations
    _holidays: dict[date, str] = field(init=False, repr=False)
    _makeups: dict[date, str] = field(init=False, repr=False)
    _ordinals: list[int] = field(init=False, repr=False)
    _first: int = field(init=False, repr=False)
    _last: int = field(init=False, repr=False)

    def __post_init__(self):
        self._holidays = {d.day: d.name for d in self.days if d.kind == HOLIDAY}
        self._makeups = {d.day: d.name for d in self.days if d.kind == MAKEUP}
        years = sorted(self.covered_years)
        if years:
            # the contiguous covered block that the index serves; isolated later years still answer is_workday
            self._first = date(years[0], 1, 1).toordinal()
            last_year = years[0]
            while last_year + 1 in self.covered_years:
                last_year += 1
            self._last = date(last_year, 12, 31).toordinal()
            self._ordinals = [o for o in range(self._first, self._last + 1) if self._is_workday_covered(date.fromordinal(o))]
        else:
            self._first, self._last, self._ordinals = 1, 0, []

    # --- single days -------------------------------------------------------------------------------

    def covers(self, day: date) -> bool:
        return day.year in self.covered_years

    def _is_workday_covered(self, day: date) -> bool:
        if day in self._makeups:
            return True
        return day.weekday() < 5 and day not in self._holidays

    def is_workday(self, day: date) -> bool:
        if self.covers(day):
            return self._is_workday_covered(day)
        return day.weekday() < 5

    def holiday_name(self, day: date) -> str | None:
        return self._holidays.get(day)

    def makeup_name(self, day: date) -> str | None:
        return self._makeups.get(day)

    def uncovered_reason(self, start: date, end: date) -> str:
        years = sorted({y for y in range(start.year, end.year + 1) if y not in self.covered_years})
        if not years:
            return ""
        names = "、".join(f"{y}年" for y in years)
        return f"{names}的节假日安排尚未录入，暂按周六、周日休息计算；录入后自动重新计算"

    # --- arithmetic --------------------------------------------------------------------------------

    def add_workdays(self, start: date, n: int) -> WorkdayResult:
        """The n-th working day after `start` (start not counted). n = 0 returns `start` itself."""
        if n < 0:
            raise ValueError("工作日数不能为负数")
        if n == 0:
            return WorkdayResult(start)
        o = start.toordinal()
        if self._first <= o <= self._last:
            i = bisect_right(self._ordinals, o) + n - 1
            if i < len(self._ordinals):
                return WorkdayResult(date.fromordinal(self._ordinals[i]))
            # runs past the covered block: count what is left with the weekend-only rule
            used = len(self._ordinals) - bisect_right(self._ordinals, o)
            due = _add_weekdays(date.fromordinal(self._last), n - used, self)
        else:
            due = _add_weekdays(start, n, self)
        reason = self.uncovered_reason(start, due)
        return WorkdayResult(due, bool(reason), reason)

    def workdays_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many are used when counting from `start` to `end`."""
        if end <= start:
            return 0
        a, b = start.toordinal(), end.toordinal()
        lo, hi = max(a, self._first - 1), min(b, self._last)
        count = 0
        if lo < hi:
            count += bisect_right(self._ordinals, hi) - bisect_right(self._ordinals, lo)
        # parts outside the indexed block, day by day (rare: only near uncovered years)
        for o in list(range(a + 1, min(b, self._first - 1) + 1)) + list(range(max(a, self._last) + 1, b + 1)):
            if self.is_workday(date.fromordinal(o)):
                count += 1
        return count

    def next_workday(self, day: date) -> date:
        """The first working day after `day`."""
        return self.add_workdays(day, 1).due

    def off_days(self, start: date, end: date) -> list[tuple[date, str]]:
        """Official holidays in (start, end] with their names (weekends omitted)."""
        return sorted((d, name) for d, name in self._holidays.items() if start < d <= end)

    def makeup_days(self, start: date, end: date) -> list[tuple[date, str]]:
        return sorted((d, name) for d, name in self._makeups.items() if start < d <= end)


def _add_weekdays(start: date, n: int, cal: Calendar) -> date:
    """Day-by-day stepping for spans outside the indexed block (weekend-only rule in uncovered years)."""
    d, k = start, 0
    while k < n:
        d += timedelta(days=1)
        if cal.is_workday(d):
            k += 1
    return d


def chinesecalendar_days() -> tuple[list[OfficialDay], frozenset[int]]:
    """Seed data from the pinned `chinesecalendar` package: (official days, covered years)."""
    import chinese_calendar.constants as cc

    days = [OfficialDay(d, HOLIDAY, _holiday_label(h)) for d, h in cc.holidays.items()]
    days += [OfficialDay(d, MAKEUP, _holiday_label(h)) for d, h in cc.workdays.items()]
    years = frozenset(range(min(d.day.year for d in days), max(d.day.year for d in days) + 1))
    return days, years


_HOLIDAY_LABELS = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def _holiday_label(holiday) -> str:
    key = getattr(holiday, "value", holiday)
    return _HOLIDAY_LABELS.get(str(key), str(key))


def default_calendar() -> Calendar:
    days, years = chinesecalendar_days()
    return Calendar(days, years, version="chinesecalendar")

