"""The statutory clock: restart after 补正, pauses for consultation and fees, extension, art. 35, legacy rule."""

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.clock import ClockError, ClockRules, Event, events_from_json, run_clock
from gongkai.core.workdays import default_calendar

CAL = default_calendar()
D = date.fromisoformat


def ev(kind, day, **kw):
    return Event(kind, D(day), **kw)


def recv(day, channel="online"):
    return ev("received", day, channel=channel)


# (name, events, as_of, state, due, used, outcome) — due dates checked by hand.
CASES = [
    ("plain, spring festival", [recv("2026-02-10")], "2026-02-20", "running", "2026-03-16", 4, ""),
    ("overdue", [recv("2026-02-10")], "2026-03-17", "overdue", "2026-03-16", 21, ""),
    ("received on a holiday", [recv("2026-02-16", "post")], "2026-02-16", "running", "2026-03-20", 0, ""),
    ("received on a make-up Sunday", [recv("2026-01-04", "in_person")], "2026-01-05", "running", "2026-01-30", 1, ""),
    ("correction restarts the period",
     [recv("2026-03-02"), ev("correction_requested", "2026-03-05"), ev("correction_received", "2026-03-20")],
     "2026-03-23", "running", "2026-04-20", 1, ""),
    ("awaiting correction",
     [recv("2026-03-02"), ev("correction_requested", "2026-03-05")], "2026-03-23", "stopped", None, 3, "awaiting_correction"),
    ("correction missed → abandoned",
     [recv("2026-03-02"), ev("correction_requested", "2026-03-05"), ev("correction_deadline_missed", "2026-03-25")],
     "2026-04-01", "stopped", None, 3, "abandoned_no_correction"),
    ("third-party consultation pauses",
     [recv("2026-03-02", "post"), ev("consultation_started", "2026-03-05", party="third_party"),
      ev("consultation_ended", "2026-03-12")], "2026-03-13", "running", "2026-04-07", 4, ""),
    ("open consultation is paused", [recv("2026-03-02"), ev("consultation_started", "2026-03-05", party="other_organ")],
     "2026-03-10", "paused", None, 3, ""),
    ("consultation window runs out by itself",
     [recv("2026-03-02"), ev("consultation_started", "2026-03-05", party="third_party")], "2026-04-01", "running",
     "2026-04-21", None, ""),
    ("pause across the Qingming holiday",
     [recv("2026-03-30"), ev("consultation_started", "2026-04-02", party="third_party"),
      ev("consultation_ended", "2026-04-08")], "2026-04-09", "running", "2026-05-06", 4, ""),
    ("extension", [recv("2026-03-02"), ev("extension_granted", "2026-03-25", days=20, approver="王主任")],
     "2026-03-26", "running", "2026-04-28", 18, ""),
    ("fee window pauses the clock",
     [recv("2026-03-02"), ev("fee_notice_sent", "2026-03-09"), ev("fee_paid", "2026-03-16")], "2026-03-17", "running",
     "2026-04-07", 6, ""),
    ("fee unpaid → abandoned",
     [recv("2026-03-02"), ev("fee_notice_sent", "2026-03-09"), ev("fee_deadline_missed", "2026-04-08")], "2026-04-10",
     "stopped", None, None, "abandoned_unpaid"),
    ("art. 35 deferral", [recv("2026-03-02"), ev("deferred", "2026-03-20", due=D("2026-06-30"), reason="申请数量明显超过合理范围")],
     "2026-04-15", "running", "2026-06-30", None, ""),
    ("replied in time", [recv("2026-03-02"), ev("replied", "2026-03-20")], "2026-05-01", "stopped", "2026-03-30", 14, "replied"),
    ("legacy 15-day rule", [recv("2018-06-01", "in_person")], "2018-06-04", "running", "2018-06-25", 1, ""),
    ("crossing into an uncovered year", [recv("2026-12-10")], "2026-12-11", "running", "2027-01-07", 1, ""),
]


@pytest.mark.parametrize("name, events, as_of, state, due, used, outcome", CASES, ids=[c[0] for c in CASES])
def test_clock_cases(name, events, as_of, state, due, used, outcome):
    result = run_clock(events, CAL, D(as_of))
    assert result.state == state
    if due is not None or outcome in ("awaiting_correction",):
        assert result.due == (D(due) if due else None)
    if used is not None:
        assert result.used == used
    assert result.outcome == outcome


def test_derivation_reads_like_the_issue_example():
    steps = run_clock([recv("2026-02-10")], CAL, D("2026-02-20")).steps
    assert steps == ["2026-02-10 收到申请（互联网渠道，以双方确认之日为收到之日）", "2026-02-10 起算日不计入，自次日起计算20个工作日",
                     "2026-02-15 至 2026-02-23 春节假期不计", "2026-02-14、2026-02-28 调休上班计入",
                     "第20个工作日 2026-03-16，为答复期限"]


def test_provisional_result_says_so():
    result = run_clock([recv("2026-12-10")], CAL, D("2026-12-11"))
    assert result.provisional and "2027年" in result.provisional_reason
    assert any(s.startswith("暂定") for s in result.steps)


def test_late_correction_notice_is_warned():
    result = run_clock([recv("2026-03-02"), ev("correction_requested", "2026-03-12")], CAL, D("2026-03-12"))
    assert result.correction_notice_due == D("2026-03-11")
    assert any("超过收到申请后7个工作日" in w for w in result.warnings)


def test_fee_payment_window_is_twenty_working_days_from_the_day_after():
    result = run_clock([recv("2026-03-02"), ev("fee_notice_sent", "2026-03-09")], CAL, D("2026-03-10"))
    assert result.fee_payment_due == D("2026-04-07") and result.state == "paused"


def test_fee_pause_is_configurable():
    events = [recv("2026-03-02"), ev("fee_notice_sent", "2026-03-09"), ev("fee_paid", "2026-03-16")]
    assert run_clock(events, CAL, D("2026-03-17"), ClockRules(pause_during_fee_window=False)).due == D("2026-03-30")


def test_late_reply_is_flagged():
    result = run_clock([recv("2026-03-02"), ev("replied", "2026-04-01")], CAL, D("2026-04-01"))
    assert any("晚于答复期限" in w for w in result.warnings)


@pytest.mark.parametrize("events, words", [
    ([ev("replied", "2026-03-02")], "第一个事件必须是“收到申请”"),
    ([recv("2026-03-02"), ev("replied", "2026-03-01")], "第2个事件（答复）：日期 2026-03-01 早于前一个事件"),
    ([recv("2026-03-02"), ev("extension_granted", "2026-03-20", days=25, approver="王")], "最长不得超过 20 个工作日"),
    ([recv("2026-03-02"), ev("extension_granted", "2026-03-20", days=5, approver="王"),
      ev("extension_granted", "2026-03-21", days=5, approver="王")], "延期只能一次"),
    ([recv("2026-03-02"), ev("extension_granted", "2026-03-20", days=5)], "批准人"),
    ([recv("2026-03-02"), ev("correction_received", "2026-03-05")], "没有补正告知"),
    ([recv("2026-03-02"), ev("correction_requested", "2026-03-03"), ev("correction_requested", "2026-03-04")], "一次性告知"),
    ([recv("2026-03-02", "pigeon")], "未知渠道"),
    ([recv("2026-03-02"), ev("consultation_ended", "2026-03-05")], "没有进行中的征求意见"),
    ([recv("2026-03-02"), ev("replied", "2026-03-05"), ev("replied", "2026-03-06")], "已经办结"),
    ([recv("2018-06-01"), ev("extension_granted", "2018-06-10", days=20, approver="王")], "最长不得超过 15 个工作日"),
])
def test_bad_events_name_the_event(events, words):
    with pytest.raises(ClockError) as exc:
        run_clock(events, CAL, D("2026-05-01"))
    assert words in str(exc.value)


def test_json_format_and_bad_dates():
    data = json.loads('[{"type": "received", "date": "2026-02-10", "channel": "online"},'
                      ' {"type": "extension_granted", "date": "2026-03-10", "days": 10, "approver": "王主任"}]')
    result = run_clock(events_from_json(data), CAL, D("2026-03-11"))
    assert result.due == D("2026-03-30")
    with pytest.raises(ClockError) as exc:
        events_from_json([{"type": "received", "date": "2026-02-30", "channel": "online"}])
    assert "第1个事件（收到申请）：日期无效" in str(exc.value)


# --- properties ---------------------------------------------------------------------------------------

days = st.dates(min_value=date(2019, 6, 1), max_value=date(2026, 10, 1))


@settings(max_examples=200, deadline=None)
@given(days, st.integers(1, 30), st.integers(0, 30))
def test_more_events_never_make_a_paused_clock_run(start, offset, extra):
    from datetime import timedelta

    started = start + timedelta(days=offset)
    events = [Event("received", start, channel="online"), Event("consultation_started", started, party="third_party")]
    as_of = started + timedelta(days=min(extra, 10))
    before = run_clock(events, CAL, as_of)
    if before.state != "paused":
        return
    more = events + [Event("extension_granted", as_of, days=5, approver="王")]
    assert run_clock(more, CAL, as_of).state == "paused"


@settings(max_examples=200, deadline=None)
@given(days, st.integers(0, 25))
def test_derivation_is_consistent_with_the_due_date(start, ext):
    events = [Event("received", start, channel="online")]
    if ext:
        events.append(Event("extension_granted", start, days=min(ext, 20), approver="王"))
    result = run_clock(events, CAL, start)
    assert result.due.isoformat() in result.steps[-1]
    assert CAL.workdays_between(start, result.due) == 20 + min(ext, 20)
    assert CAL.is_workday(result.due)


@pytest.mark.parametrize("limit, start, due", [
    (("20", "workdays"), "2026-02-10", "2026-03-16"),   # art. 26 publication limit
    (("5", "workdays"), "2026-09-30", "2026-10-13"),    # a 留言 reply limit across 国庆 (10/10 worked)
    (("15", "days"), "2026-09-30", "2026-10-15"),       # a hotline limit in natural days
])
def test_time_limits_for_other_workflows(limit, start, due):
    from gongkai.core.clock import TimeLimit

    assert TimeLimit(int(limit[0]), limit[1]).due(CAL, D(start))[0] == D(due)
    with pytest.raises(ValueError):
        TimeLimit(3, "weeks").due(CAL, D(start))
