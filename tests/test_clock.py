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


# Outputs recorded from the engine on generated event lists before it was split into one handler per event kind;
# they pin the engine's behaviour across every state, outcome, pause and both rule sets (2007 and 2019).
# (events, as_of, pause during the fee window, state, due, used, left, outcome, number of steps, last step)
RECORDED = [
    ([('received', '2018-03-13'), ('consultation_started', '2018-03-15', {'party': 'other_organ'})], '2018-05-05', False, 'overdue', '2018-04-25', 21, 0, '', 9, '答复期限 2018-04-25（15个工作日，另扣除暂停的15个工作日）'),
    ([('received', '2020-10-16'), ('fee_notice_sent', '2020-11-15'), ('consultation_started', '2020-11-18', {'party': 'other_organ'}), ('fee_paid', '2020-12-09'), ('consultation_started', '2020-12-17', {'party': 'third_party'})], '2021-02-04', True, 'overdue', '2020-12-25', 0, 20, '', 11, '答复期限 2020-12-25（20个工作日，另扣除暂停的30个工作日）'),
    ([('received', '2022-01-25'), ('consultation_started', '2022-01-30', {'party': 'third_party'}), ('extension_granted', '2022-02-12', {'days': 5, 'approver': '王'})], '2022-04-06', False, 'overdue', '2022-03-25', 32, 0, '', 9, '答复期限 2022-03-25（20个工作日 + 延长5个工作日，另扣除暂停的15个工作日）'),
    ([('received', '2023-07-13'), ('deferred', '2023-08-03', {'reason': '理由', 'due': '2023-08-14'})], '2023-08-28', True, 'overdue', '2023-08-14', 32, 0, '', 5, '按第三十五条延迟答复，答复期限为 2023-08-14'),
    ([('received', '2025-05-03'), ('fee_notice_sent', '2025-05-06'), ('deferred', '2025-05-19', {'reason': '理由', 'due': '2025-06-15'}), ('consultation_started', '2025-05-22', {'party': 'other_organ'})], '2025-06-28', True, 'overdue', '2025-06-15', 0, 20, '', 12, '按第三十五条延迟答复，答复期限为 2025-06-15'),
    ([('received', '2018-11-01'), ('fee_notice_sent', '2018-11-06'), ('extension_granted', '2018-11-07', {'days': 15, 'approver': '王'})], '2018-11-24', True, 'paused', '2018-12-13', 3, 27, '', 8, '截至 2018-11-24 处于暂停中（等待缴费）；上述期限按暂停于今日结束估算，恢复后顺延'),
    ([('received', '2019-03-07', {'channel': 'fax'}), ('deferred', '2019-03-28', {'reason': '理由', 'due': '2019-04-23'}), ('deferred', '2019-04-02', {'reason': '理由', 'due': '2019-05-30'}), ('consultation_started', '2019-04-04', {'party': 'third_party'}), ('consultation_started', '2019-05-04', {'party': 'third_party'})], '2019-05-19', False, 'paused', '2019-05-30', 9, 6, '', 10, '截至 2019-05-19 处于暂停中（征求第三方意见）；上述期限按暂停于今日结束估算，恢复后顺延'),
    ([('received', '2018-05-13'), ('consultation_started', '2018-05-18', {'party': 'third_party'}), ('correction_requested', '2018-05-18'), ('correction_received', '2018-05-19'), ('deferred', '2018-06-01', {'reason': '理由', 'due': '2018-08-22'})], '2018-07-21', True, 'running', '2018-08-22', 44, 0, '', 9, '按第三十五条延迟答复，答复期限为 2018-08-22'),
    ([('received', '2018-10-08'), ('consultation_started', '2018-10-08', {'party': 'other_organ'}), ('fee_notice_sent', '2018-10-09')], '2018-11-12', True, 'running', '2018-11-16', 0, 15, '', 9, '答复期限 2018-11-16（15个工作日，另扣除暂停的14个工作日）'),
    ([('received', '2019-06-09'), ('correction_requested', '2019-06-12'), ('consultation_started', '2019-07-03', {'party': 'other_organ'}), ('correction_received', '2019-07-11'), ('consultation_started', '2019-07-19', {'party': 'other_organ'}), ('consultation_ended', '2019-08-01'), ('extension_granted', '2019-08-09', {'days': 15, 'approver': '王'})], '2019-08-22', False, 'running', '2019-09-11', 21, 14, '', 10, '答复期限 2019-09-11（20个工作日 + 延长15个工作日，另扣除暂停的9个工作日）'),
    ([('received', '2019-07-08'), ('consultation_started', '2019-07-08', {'party': 'third_party'}), ('consultation_ended', '2019-07-21')], '2019-08-04', False, 'running', '2019-08-16', 10, 10, '', 6, '答复期限 2019-08-16（20个工作日，另扣除暂停的9个工作日）'),
    ([('received', '2019-09-03'), ('deferred', '2019-09-05', {'reason': '理由', 'due': '2019-10-31'}), ('correction_requested', '2019-09-26'), ('correction_received', '2019-10-17'), ('consultation_started', '2019-10-22', {'party': 'third_party'}), ('deferred', '2019-11-21', {'reason': '理由', 'due': '2020-02-12'})], '2019-11-17', True, 'running', '2020-02-12', 6, 14, '', 11, '按第三十五条延迟答复，答复期限为 2020-02-12'),
    ([('received', '2020-11-09'), ('correction_requested', '2020-11-22'), ('correction_received', '2020-11-24')], '2020-12-01', True, 'running', '2020-12-22', 5, 15, '', 5, '第20个工作日 2020-12-22，为答复期限'),
    ([('received', '2020-12-12'), ('consultation_started', '2020-12-12', {'party': 'other_organ'}), ('extension_granted', '2020-12-20', {'days': 1, 'approver': '王'}), ('consultation_ended', '2020-12-21')], '2021-01-14', False, 'running', '2021-01-20', 17, 4, '', 8, '答复期限 2021-01-20（20个工作日 + 延长1个工作日，另扣除暂停的6个工作日）'),
    ([('received', '2021-06-05'), ('deferred', '2021-06-05', {'reason': '理由', 'due': '2021-08-31'}), ('fee_notice_sent', '2021-06-13')], '2021-07-06', False, 'running', '2021-08-31', 21, 0, '', 7, '按第三十五条延迟答复，答复期限为 2021-08-31'),
    ([('received', '2023-01-19'), ('extension_granted', '2023-01-27', {'days': 5, 'approver': '王'})], '2023-02-12', False, 'running', '2023-02-28', 13, 12, '', 6, '答复期限 2023-02-28（20个工作日 + 延长5个工作日）'),
    ([('received', '2024-03-23'), ('fee_notice_sent', '2024-03-26'), ('consultation_started', '2024-03-31', {'party': 'other_organ'}), ('extension_granted', '2024-04-21', {'days': 20, 'approver': '王'}), ('fee_paid', '2024-05-12')], '2024-06-04', True, 'running', '2024-07-01', 0, 40, '', 13, '答复期限 2024-07-01（20个工作日 + 延长20个工作日，另扣除暂停的28个工作日）'),
    ([('received', '2018-08-09', {'channel': 'ordinary_letter'}), ('deferred', '2018-08-11', {'reason': '理由', 'due': '2018-10-22'}), ('correction_requested', '2018-08-19')], '2018-10-12', True, 'stopped', None, 6, 9, 'awaiting_correction', 4, '2018-08-19 一次性告知补正，答复期限停止计算，待收到补正材料后重新计算'),
    ([('received', '2018-11-21'), ('deferred', '2018-12-04', {'reason': '理由', 'due': '2019-02-16'}), ('correction_requested', '2018-12-07'), ('correction_deadline_missed', '2018-12-10')], '2019-01-13', True, 'stopped', None, 12, 3, 'abandoned_no_correction', 5, '2018-12-10 申请人无正当理由逾期不补正，视为放弃申请'),
    ([('received', '2018-12-29'), ('extension_granted', '2019-01-28', {'days': 5, 'approver': '王'}), ('correction_requested', '2019-02-02'), ('deferred', '2019-02-10', {'reason': '理由', 'due': '2019-03-21'}), ('correction_deadline_missed', '2019-03-03')], '2019-03-08', True, 'stopped', None, 24, 0, 'abandoned_no_correction', 6, '2019-03-03 申请人无正当理由逾期不补正，视为放弃申请'),
    ([('received', '2019-08-07', {'channel': 'in_person'}), ('correction_requested', '2019-08-10'), ('deferred', '2019-08-11', {'reason': '理由', 'due': '2019-09-06'}), ('correction_deadline_missed', '2019-08-19')], '2019-08-17', True, 'stopped', None, 2, 18, 'abandoned_no_correction', 4, '2019-08-19 申请人无正当理由逾期不补正，视为放弃申请'),
    ([('received', '2019-09-11'), ('extension_granted', '2019-09-11', {'days': 20, 'approver': '王'}), ('correction_requested', '2019-09-12'), ('deferred', '2019-09-20', {'reason': '理由', 'due': '2019-10-09'}), ('fee_notice_sent', '2019-09-20'), ('correction_deadline_missed', '2019-09-22')], '2019-11-17', True, 'stopped', None, 1, 19, 'abandoned_no_correction', 7, '2019-09-22 申请人无正当理由逾期不补正，视为放弃申请'),
    ([('received', '2019-09-11'), ('extension_granted', '2019-09-16', {'days': 5, 'approver': '王'}), ('consultation_started', '2019-09-18', {'party': 'third_party'}), ('correction_requested', '2019-09-18')], '2019-09-28', False, 'stopped', None, 4, 16, 'awaiting_correction', 4, '2019-09-18 一次性告知补正，答复期限停止计算，待收到补正材料后重新计算'),
    ([('received', '2019-12-01'), ('correction_requested', '2019-12-31')], '2020-02-24', False, 'stopped', None, 22, 0, 'awaiting_correction', 2, '2019-12-31 一次性告知补正，答复期限停止计算，待收到补正材料后重新计算'),
    ([('received', '2020-04-26'), ('extension_granted', '2020-05-04', {'days': 20, 'approver': '王'}), ('replied', '2020-05-25')], '2020-07-01', False, 'stopped', '2020-06-23', 19, 21, 'replied', 7, '2020-05-25 答复，在答复期限内'),
    ([('received', '2022-06-21'), ('fee_notice_sent', '2022-06-26'), ('consultation_started', '2022-07-01', {'party': 'other_organ'}), ('correction_requested', '2022-07-03'), ('deferred', '2022-07-16', {'reason': '理由', 'due': '2022-09-26'}), ('fee_paid', '2022-08-06')], '2022-08-31', False, 'stopped', None, 8, 12, 'awaiting_correction', 7, '2022-07-22 对方逾期未提出意见，征求其他机关意见期间结束，自次日起恢复计算'),
    ([('received', '2023-01-03'), ('fee_notice_sent', '2023-02-02'), ('fee_paid', '2023-02-07'), ('consultation_started', '2023-02-28', {'party': 'other_organ'}), ('replied', '2023-03-13')], '2023-03-28', True, 'stopped', '2023-03-01', 34, 0, 'replied', 13, '2023-03-13 答复，已超过答复期限'),
    ([('received', '2023-02-17'), ('extension_granted', '2023-02-17', {'days': 1, 'approver': '王'}), ('consultation_started', '2023-02-17', {'party': 'other_organ'}), ('correction_requested', '2023-02-19'), ('deferred', '2023-02-20', {'reason': '理由', 'due': '2023-04-15'})], '2023-03-27', True, 'stopped', None, 0, 20, 'awaiting_correction', 6, '2023-03-10 对方逾期未提出意见，征求其他机关意见期间结束，自次日起恢复计算'),
    ([('received', '2023-02-22'), ('correction_requested', '2023-03-07'), ('fee_notice_sent', '2023-03-09'), ('fee_paid', '2023-04-08'), ('deferred', '2023-04-10', {'reason': '理由', 'due': '2023-04-15'}), ('correction_deadline_missed', '2023-04-11')], '2023-05-13', True, 'stopped', None, 9, 11, 'abandoned_no_correction', 7, '2023-04-11 申请人无正当理由逾期不补正，视为放弃申请'),
    ([('received', '2023-09-22'), ('correction_requested', '2023-10-05'), ('consultation_started', '2023-10-10', {'party': 'other_organ'}), ('fee_notice_sent', '2023-10-12'), ('fee_paid', '2023-10-15'), ('fee_deadline_missed', '2023-10-18')], '2023-11-05', False, 'stopped', None, 4, 16, 'abandoned_unpaid', 7, '2023-10-31 对方逾期未提出意见，征求其他机关意见期间结束，自次日起恢复计算'),
    ([('received', '2023-12-04'), ('correction_requested', '2024-01-03'), ('correction_received', '2024-01-11'), ('consultation_started', '2024-01-14', {'party': 'other_organ'}), ('replied', '2024-01-19')], '2024-02-07', True, 'stopped', '2024-03-05', 1, 19, 'replied', 11, '2024-01-19 答复，在答复期限内'),
    ([('received', '2023-12-13'), ('fee_notice_sent', '2023-12-18'), ('fee_paid', '2023-12-20'), ('correction_requested', '2024-01-19')], '2024-01-21', True, 'stopped', None, 26, 0, 'awaiting_correction', 5, '2024-01-19 一次性告知补正，答复期限停止计算，待收到补正材料后重新计算'),
    ([('received', '2024-10-20'), ('deferred', '2024-10-28', {'reason': '理由', 'due': '2024-11-08'}), ('fee_notice_sent', '2024-11-27'), ('fee_deadline_missed', '2024-11-27')], '2024-12-26', True, 'stopped', '2024-11-08', 28, 0, 'abandoned_unpaid', 8, '按第三十五条延迟答复，答复期限为 2024-11-08'),
    ([('received', '2025-04-25'), ('fee_notice_sent', '2025-04-27'), ('consultation_started', '2025-05-27', {'party': 'other_organ'}), ('replied', '2025-06-17')], '2025-06-25', False, 'stopped', '2025-06-18', 20, 0, 'replied', 11, '2025-06-17 答复，在答复期限内'),
    ([('received', '2025-05-06'), ('deferred', '2025-05-07', {'reason': '理由', 'due': '2025-05-21'}), ('correction_requested', '2025-05-08'), ('fee_notice_sent', '2025-05-11'), ('deferred', '2025-06-10', {'reason': '理由', 'due': '2025-08-27'}), ('fee_paid', '2025-06-12')], '2025-06-08', True, 'stopped', None, 2, 18, 'awaiting_correction', 7, '2025-06-12 申请人已缴费，自次日起恢复计算'),
    ([('received', '2026-02-11'), ('extension_granted', '2026-02-12', {'days': 15, 'approver': '王'}), ('consultation_started', '2026-02-13', {'party': 'third_party'}), ('consultation_started', '2026-02-26', {'party': 'other_organ'}), ('fee_notice_sent', '2026-02-27'), ('fee_deadline_missed', '2026-03-07')], '2026-03-07', True, 'stopped', '2026-04-08', 0, 35, 'abandoned_unpaid', 12, '答复期限 2026-04-08（20个工作日 + 延长15个工作日）'),
    ([('received', '2026-03-18', {'channel': 'in_person'}), ('correction_requested', '2026-04-08'), ('correction_received', '2026-04-09'), ('correction_deadline_missed', '2026-04-10')], '2026-06-02', True, 'stopped', '2026-05-11', 1, 19, 'abandoned_no_correction', 8, '第20个工作日 2026-05-11，为答复期限'),
    ([('received', '2026-03-21'), ('deferred', '2026-03-29', {'reason': '理由', 'due': '2026-04-27'}), ('correction_requested', '2026-04-01'), ('correction_received', '2026-04-14'), ('fee_notice_sent', '2026-04-16'), ('replied', '2026-04-19')], '2026-05-22', True, 'stopped', '2026-04-27', 2, 18, 'replied', 12, '2026-04-19 答复，在答复期限内'),
    ([('received', '2026-09-22'), ('correction_requested', '2026-09-30'), ('deferred', '2026-09-30', {'reason': '理由', 'due': '2026-10-20'})], '2026-10-21', True, 'stopped', None, 5, 15, 'awaiting_correction', 3, '2026-09-30 依第三十五条确定延迟答复期限至 2026-10-20：理由'),
    ([('received', '2026-09-25'), ('correction_requested', '2026-09-30'), ('consultation_started', '2026-09-30', {'party': 'third_party'})], '2026-11-12', True, 'stopped', None, 3, 17, 'awaiting_correction', 4, '2026-10-27 对方逾期未提出意见，征求第三方意见期间结束，自次日起恢复计算'),
]

# (events up to the one refused, the message)
REFUSED = [
    ([('correction_requested', '2018-07-03')], '第1个事件（补正告知）：第一个事件必须是“收到申请”'),
    ([('received', '2019-07-20'), ('deferred', '2019-07-23', {'reason': '理由', 'due': '2019-07-25'}), ('correction_deadline_missed', '2019-07-23')], '第3个事件（逾期未补正）：没有补正告知，不能收到补正或逾期未补正'),
    ([('received', '2020-10-28'), ('fee_deadline_missed', '2020-10-29')], '第2个事件（逾期未缴费）：没有收费通知'),
    ([('received', '2019-03-17'), ('extension_granted', '2019-03-16', {'days': 15, 'approver': '王'})], '第2个事件（延期答复）：日期 2019-03-16 早于前一个事件的日期 2019-03-17，事件须按时间顺序排列'),
    ([('received', '2026-11-26', {'channel': 'other'}), ('consultation_ended', '2026-12-17')], '第2个事件（意见收到）：没有进行中的征求意见'),
    ([('received', '2020-01-14', {'channel': 'in_person'}), ('consultation_started', '2020-01-22', {'party': 'third_party'}), ('fee_notice_sent', '2020-01-22'), ('extension_granted', '2020-01-25', {'days': 20, 'approver': '王'}), ('deferred', '2020-02-07', {'due': '2020-04-10'})], '第5个事件（延迟答复（第三十五条））：延迟答复须填写新的答复期限和理由'),
    ([('received', '2018-03-24'), ('replied', '2018-03-27'), ('extension_granted', '2018-04-04', {'days': 21})], '第3个事件（延期答复）：延长期限为 21 个工作日，最长不得超过 15 个工作日'),
    ([('received', '2018-02-26'), ('consultation_started', '2018-03-06', {'party': 'x'})], '第2个事件（征求意见）：征求意见对象应为 third_party（第三方）或 other_organ（其他机关）'),
    ([('received', '2022-11-27'), ('correction_requested', '2022-12-02'), ('replied', '2022-12-15'), ('correction_requested', '2023-01-05')], '第4个事件（补正告知）：补正只能一次性告知，不能再次要求补正'),
    ([('received', '2023-12-12'), ('bogus', '2024-01-02')], '第2个事件（bogus）：未知事件类型 bogus'),
    ([('received', '2025-08-17', {'channel': 'nope'})], "第1个事件（收到申请）：未知渠道 'nope'（可选：in_person、post、ordinary_letter、online、fax、other）"),
    ([('received', '2020-05-22'), ('extension_granted', '2020-05-23', {'days': 15, 'approver': '王'}), ('replied', '2020-05-31'), ('correction_requested', '2020-06-08')], '第4个事件（补正告知）：申请已经办结，之后不能再有事件'),
    ([('received', '2023-03-16'), ('extension_granted', '2023-03-21', {'days': 20, 'approver': '王'}), ('fee_notice_sent', '2023-03-22'), ('fee_notice_sent', '2023-03-24')], '第4个事件（收费通知）：每件申请只能发出一次收费通知（按件或按量，只能选择一种方式）'),
    ([('received', '2021-04-24'), ('fee_notice_sent', '2021-04-24'), ('extension_granted', '2021-05-07', {'days': 1})], '第3个事件（延期答复）：延期须经政府信息公开工作机构负责人同意，请填写批准人'),
    ([('received', '2024-11-16'), ('correction_requested', '2024-11-21'), ('correction_received', '2024-11-26'), ('correction_received', '2024-12-26')], '第4个事件（收到补正）：补正材料已经收到过'),
    ([('received', '2019-06-16'), ('extension_granted', '2019-07-07', {'days': 20, 'approver': '王'}), ('extension_granted', '2019-07-12', {'days': 15, 'approver': '王'})], '第3个事件（延期答复）：延期只能一次'),
    ([('received', '2021-06-16'), ('received', '2021-06-13', {'channel': ''})], '第2个事件（收到申请）：“收到申请”只能出现一次'),
]


def recorded_events(rows):
    """Rows are (kind, day) or (kind, day, {field: value}); 收到申请 is online unless a channel is given."""
    events = []
    for kind, day, *extra in rows:
        fields = {"channel": "online"} if kind == "received" else {}
        fields.update(extra[0] if extra else {})
        events.append(Event(kind, D(day), **{k: D(v) if k == "due" else v for k, v in fields.items()}))
    return events


@pytest.mark.parametrize("rows, as_of, pause_fee, state, due, used, left, outcome, n_steps, last_step", RECORDED)
def test_recorded_results(rows, as_of, pause_fee, state, due, used, left, outcome, n_steps, last_step):
    result = run_clock(recorded_events(rows), CAL, D(as_of), ClockRules(pause_during_fee_window=pause_fee))
    assert (result.state, result.due and result.due.isoformat(), result.used, result.left, result.outcome) == \
        (state, due, used, left, outcome)
    assert (len(result.steps), result.steps[-1]) == (n_steps, last_step)


@pytest.mark.parametrize("rows, message", REFUSED)
def test_recorded_refusals(rows, message):
    with pytest.raises(ClockError) as caught:
        run_clock(recorded_events(rows), CAL, D("2026-06-01"))
    assert str(caught.value) == message


def test_consultation_ending_after_the_correction_restart():
    """A consultation begun before 补正 restarted the period: its pause went with the old period, so its end
    closes nothing (this raised IndexError before)."""
    events = [recv("2020-02-10"), ev("consultation_started", "2020-02-18", party="other_organ"),
              ev("correction_requested", "2020-03-19"), ev("correction_received", "2020-04-18"),
              ev("consultation_ended", "2020-05-01")]
    result = run_clock(events, CAL, D("2020-06-10"))
    assert (result.state, result.due) == ("overdue", D("2020-05-18"))
    assert "2020-05-01 征求意见结束" in result.steps
