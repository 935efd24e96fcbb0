"""add_workdays(+20) rate: gongkai's bisection index vs the chinesecalendar day-by-day loop, same run.

Run: .venv/bin/python bench/bench_workdays.py [--seconds 2]
Target: ≥ 200,000 calls/s for ours; the package loop does about 1,000/s.
"""

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import chinese_calendar  # noqa: E402

from gongkai.core.workdays import default_calendar  # noqa: E402


def package_loop(start: date, n: int) -> date:
    d, k = start, 0
    while k < n:
        d += timedelta(days=1)
        if chinese_calendar.is_workday(d):
            k += 1
    return d


def rate(fn, starts, seconds: float) -> float:
    calls, began = 0, time.perf_counter()
    while time.perf_counter() - began < seconds:
        for s in starts:
            fn(s, 20)
        calls += len(starts)
    return calls / (time.perf_counter() - began)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    rng = random.Random(7)
    starts = [date(2005, 1, 1) + timedelta(days=rng.randrange(365 * 21)) for _ in range(1000)]
    cal = default_calendar()
    for s in starts[:200]:  # same answers first
        assert cal.add_workdays(s, 20).due == package_loop(s, 20), s
    ours = rate(cal.add_workdays, starts, args.seconds)
    theirs = rate(package_loop, starts[:50], args.seconds)
    print(f"gongkai add_workdays(+20):        {ours:12,.0f} calls/s")
    print(f"chinesecalendar day-by-day loop:  {theirs:12,.0f} calls/s")
    print(f"ratio: {ours / theirs:,.0f}×  (target ≥ 200,000 calls/s: {'met' if ours >= 200_000 else 'NOT met'})")


if __name__ == "__main__":
    main()
