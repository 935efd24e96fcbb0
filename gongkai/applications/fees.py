"""信息处理费 scales of 国办函〔2020〕109号 (pure, no Django). 超额累进: each band's rate applies only to
the part within the band. Scales are data with an effective date, so a new notice adds a scale, not code.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Band:
    first: int            # first unit (application ordinal or page) in the band, inclusive
    last: int | None      # last unit, inclusive; None = open-ended
    amount: int           # 元 per application (按件) or per page (按量)
    step: int = 0         # 按件 only: every `step` further applications add `step_increase`
    step_increase: int = 0


@dataclass(frozen=True)
class FeeScale:
    name: str
    effective_from: date
    per_application: tuple[Band, ...]  # 按件计收: by the applicant's n-th application in a calendar month
    per_page: tuple[Band, ...]         # 按量计收: by pages of one application


SCALE_2021 = FeeScale(
    name="国办函〔2020〕109号",
    effective_from=date(2021, 1, 1),
    per_application=(Band(1, 10, 0), Band(11, 30, 100), Band(31, None, 200, step=10, step_increase=100)),
    per_page=(Band(1, 30, 0), Band(31, 100, 10), Band(101, 200, 20), Band(201, None, 40)),
)
SCALES = (SCALE_2021,)


def scale_on(day: date) -> FeeScale | None:
    """The scale in force on `day`; None before any (no 信息处理费 before 2021-01-01)."""
    usable = [s for s in SCALES if s.effective_from <= day]
    return max(usable, key=lambda s: s.effective_from) if usable else None


def fee_per_application(n: int, scale: FeeScale = SCALE_2021) -> int:
    """Fee for the applicant's n-th application in the calendar month (按件计收)."""
    if n < 1:
        raise ValueError("申请序号从1开始")
    for band in scale.per_application:
        if n >= band.first and (band.last is None or n <= band.last):
            extra = (n - band.first) // band.step * band.step_increase if band.step else 0
            return band.amount + extra
    raise ValueError(f"收费标准未覆盖第{n}件申请")


def fee_by_pages(pages: int, scale: FeeScale = SCALE_2021) -> int:
    """Fee for one application of `pages` pages (按量计收), each rate on the pages within its band."""
    if pages < 0:
        raise ValueError("页数不能为负数")
    total = 0
    for band in scale.per_page:
        top = pages if band.last is None else min(pages, band.last)
        if top >= band.first:
            total += (top - band.first + 1) * band.amount
    return total
