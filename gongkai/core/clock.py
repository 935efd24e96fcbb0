"""The statutory clock (pure, no Django): typed events in, state + due date + a derivation a clerk can read out.

Events (ordered by date; same-day events in the order given):
  received(channel)              收到申请; the receipt date per art. 31 is the event's date
  correction_requested           补正告知 (once; due within 7 working days of receipt): the clock stops
  correction_received            补正材料收到: the reply period RESTARTS from this day
  correction_deadline_missed     逾期不补正 → 视为放弃申请 (stopped)
  consultation_started(party)    征求意见 (third_party 第三方 / other_organ 其他机关): time not counted
  consultation_ended             意见收到 (or the consulted party's 15 working days ran out)
  extension_granted(days, approver)   延期 (≤ 20 working days, once, approved by the office head)
  fee_notice_sent / fee_paid / fee_deadline_missed   信息处理费 (payment window 20 working days from the day
                                 after the notice; the reply clock pauses meanwhile unless rules say otherwise)
  deferred(due, reason)          art. 35 延迟答复 to a date set by hand
  replied                        答复 (stopped)
Pause boundaries: the day a pause starts still counts; the day it ends is treated like a start day, so counting
resumes on the next working day ([unverified] default of law.md §5.8, configurable via ClockRules).
"""

from dataclasses import asdict, dataclass, field
from datetime import date

from .workdays import Calendar

CHANNELS = {
    "in_person": "当面提交，以提交之日为收到之日",
    "post": "邮寄，以签收之日为收到之日",
    "ordinary_letter": "平常信函，以与申请人确认之日为收到之日",
    "online": "互联网渠道，以双方确认之日为收到之日",
    "fax": "传真，以双方确认之日为收到之日",
    "other": "其他渠道，以双方确认之日为收到之日",
}
PARTIES = {"third_party": "第三方", "other_organ": "其他机关"}
KINDS = ("received", "correction_requested", "correction_received", "correction_deadline_missed",
         "consultation_started", "consultation_ended", "extension_granted", "fee_notice_sent", "fee_paid",
         "fee_deadline_missed", "deferred", "replied")
KIND_LABELS = {"received": "收到申请", "correction_requested": "补正告知", "correction_received": "收到补正",
               "correction_deadline_missed": "逾期未补正", "consultation_started": "征求意见",
               "consultation_ended": "意见收到", "extension_granted": "延期答复", "fee_notice_sent": "收费通知",
               "fee_paid": "缴费", "fee_deadline_missed": "逾期未缴费", "deferred": "延迟答复（第三十五条）",
               "replied": "答复"}


class ClockError(ValueError):
    """Bad events: the message names the event (1-based position and kind)."""


@dataclass(frozen=True)
class Event:
    kind: str
    day: date
    channel: str = ""
    party: str = ""
    days: int = 0
    approver: str = ""
    reason: str = ""
    due: date | None = None


@dataclass(frozen=True)
class ClockRules:
    """Periods in working days. Data, not code: [unverified] points are switchable."""

    reply_days: int = 20                  # art. 33
    extension_max: int = 20               # art. 33
    correction_notice_days: int = 7       # art. 30
    consultation_days: int = 15           # arts 32, 34
    fee_payment_days: int = 20            # 109号
    pause_during_fee_window: bool = True  # [unverified]: local practice mostly pauses
    legacy_until: date = date(2019, 5, 15)  # applications received before this use the 2007 rule
    legacy_reply_days: int = 15
    legacy_extension_max: int = 15


@dataclass
class ClockResult:
    state: str                     # running / paused / stopped / overdue
    due: date | None
    used: int
    left: int
    provisional: bool
    provisional_reason: str = ""
    outcome: str = ""              # replied / awaiting_correction / abandoned_no_correction / abandoned_unpaid / ""
    steps: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    correction_notice_due: date | None = None
    fee_payment_due: date | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        for key in ("due", "correction_notice_due", "fee_payment_due"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


def _fmt(d: date) -> str:
    return d.isoformat()


def explain_span(cal: Calendar, start: date, end: date) -> list[str]:
    """Chinese lines naming the holidays skipped and the make-up days counted in (start, end]."""
    lines = []
    runs: list[tuple[date, date, str]] = []
    for d, name in cal.off_days(start, end):
        if runs and runs[-1][2] == name and (d - runs[-1][1]).days <= 3:
            runs[-1] = (runs[-1][0], d, name)
        else:
            runs.append((d, d, name))
    for a, b, name in runs:
        lines.append(f"{_fmt(a)} 至 {_fmt(b)} {name}假期不计" if a != b else f"{_fmt(a)} {name}假期不计")
    makeups = cal.makeup_days(start, end)
    if makeups:
        lines.append("、".join(_fmt(d) for d, _ in makeups) + " 调休上班计入")
    return lines


def add_workdays_explained(cal: Calendar, start: date, n: int, what: str = "工作日") -> tuple[date, list[str], bool, str]:
    result = cal.add_workdays(start, n)
    steps = [f"{_fmt(start)} 起算日不计入，自次日起计算{n}个{what}"] if n else []
    if n and not cal.is_workday(start):
        steps[-1] += f"（{_fmt(start)} 非工作日，其后第一个工作日为第1个工作日）"
    steps += explain_span(cal, start, result.due)
    if result.provisional:
        steps.append(f"暂定：{result.reason}")
    steps.append(f"第{n}个工作日 {_fmt(result.due)}")
    return result.due, steps, result.provisional, result.reason


FINAL_KINDS = frozenset({"replied", "correction_deadline_missed", "fee_deadline_missed"})


def _order_problem(i: int, e: Event, events: list[Event]) -> str | None:
    """Checks every event passes, whatever its kind: a known kind, 收到申请 first and once, dates in order."""
    if e.kind not in KINDS:
        return f"未知事件类型 {e.kind}"
    if i == 1 and e.kind != "received":
        return "第一个事件必须是“收到申请”"
    if i > 1 and e.kind == "received":
        return "“收到申请”只能出现一次"
    if i > 1 and e.day < events[i - 2].day:
        return f"日期 {_fmt(e.day)} 早于前一个事件的日期 {_fmt(events[i - 2].day)}，事件须按时间顺序排列"
    return None


def _check_received(e: Event, seen: set[str], earlier: list[Event], rules: ClockRules) -> str | None:
    if e.channel not in CHANNELS:
        return f"未知渠道 {e.channel!r}（可选：{'、'.join(CHANNELS)}）"
    return None


def _check_correction_requested(e, seen, earlier, rules) -> str | None:
    if "correction_requested" in seen:
        return "补正只能一次性告知，不能再次要求补正"
    return None


def _check_correction_answer(e, seen, earlier, rules) -> str | None:
    if "correction_requested" not in seen:
        return "没有补正告知，不能收到补正或逾期未补正"
    if e.kind == "correction_received" and "correction_received" in seen:
        return "补正材料已经收到过"
    return None


def _check_consultation_started(e, seen, earlier, rules) -> str | None:
    if e.party not in PARTIES:
        return "征求意见对象应为 third_party（第三方）或 other_organ（其他机关）"
    return None


def _check_consultation_ended(e, seen, earlier, rules) -> str | None:
    if not seen_open(earlier, "consultation_started", "consultation_ended"):
        return "没有进行中的征求意见"
    return None


def _check_extension(e, seen, earlier, rules) -> str | None:
    limit = rules.legacy_extension_max if earlier[0].day < rules.legacy_until else rules.extension_max
    if "extension_granted" in seen:
        return "延期只能一次"
    if not 1 <= e.days <= limit:
        return f"延长期限为 {e.days} 个工作日，最长不得超过 {limit} 个工作日"
    if not e.approver:
        return "延期须经政府信息公开工作机构负责人同意，请填写批准人"
    return None


def _check_fee_notice(e, seen, earlier, rules) -> str | None:
    if "fee_notice_sent" in seen:
        return "每件申请只能发出一次收费通知（按件或按量，只能选择一种方式）"
    return None


def _check_fee_answer(e, seen, earlier, rules) -> str | None:
    if "fee_notice_sent" not in seen:
        return "没有收费通知"
    return None


def _check_deferred(e, seen, earlier, rules) -> str | None:
    if e.due is None or not e.reason:
        return "延迟答复须填写新的答复期限和理由"
    return None


# What each kind of event needs from the events before it (a kind not listed needs nothing).
_CHECKS = {
    "received": _check_received,
    "correction_requested": _check_correction_requested,
    "correction_received": _check_correction_answer,
    "correction_deadline_missed": _check_correction_answer,
    "consultation_started": _check_consultation_started,
    "consultation_ended": _check_consultation_ended,
    "extension_granted": _check_extension,
    "fee_notice_sent": _check_fee_notice,
    "fee_paid": _check_fee_answer,
    "fee_deadline_missed": _check_fee_answer,
    "deferred": _check_deferred,
}


def validate(events: list[Event], rules: ClockRules) -> None:
    if not events:
        raise ClockError("事件列表为空：至少需要“收到申请”事件")
    seen: set[str] = set()
    for i, e in enumerate(events, 1):
        problem = _order_problem(i, e, events)
        if problem is None and e.kind in _CHECKS:
            problem = _CHECKS[e.kind](e, seen, events[:i - 1], rules)
        if problem is None and seen & FINAL_KINDS:
            problem = "申请已经办结，之后不能再有事件"
        if problem:
            raise ClockError(f"第{i}个事件（{KIND_LABELS.get(e.kind, e.kind)}）：{problem}")
        seen.add(e.kind)


def seen_open(events: list[Event], start_kind: str, end_kind: str) -> bool:
    state = False
    for e in events:
        if e.kind == start_kind:
            state = True
        elif e.kind == end_kind:
            state = False
    return state


@dataclass
class Pause:
    start: date
    end: date | None   # None while the pause is still open
    what: str


@dataclass
class ClockState:
    """What the events have done so far, filled in one event at a time by the handlers below."""

    cal: Calendar
    rules: ClockRules
    reply_days: int
    period_start: date                      # the reply period counts from here (receipt, or 补正 received)
    correction_notice_due: date
    steps: list[str]
    warnings: list[str] = field(default_factory=list)
    provisional_reasons: list[str] = field(default_factory=list)
    extension: int = 0
    pauses: list[Pause] = field(default_factory=list)
    deferred_due: date | None = None
    outcome: str = ""
    stopped_on: date | None = None
    correction_stop: date | None = None     # counting stops when 补正 is requested
    fee_payment_due: date | None = None
    consult_limit: date | None = None       # an open consultation ends by itself after this day

    @property
    def open_pause(self) -> Pause | None:
        return self.pauses[-1] if self.pauses and self.pauses[-1].end is None else None


def _start(received: Event, cal: Calendar, rules: ClockRules) -> ClockState:
    legacy = received.day < rules.legacy_until
    steps = [f"{_fmt(received.day)} 收到申请（{CHANNELS[received.channel]}）"]
    if legacy:
        steps.append("2019年5月15日前收到的申请，适用原《条例》：15个工作日答复，可延长15个工作日")
    notice = cal.add_workdays(received.day, rules.correction_notice_days)
    state = ClockState(cal, rules, rules.legacy_reply_days if legacy else rules.reply_days, received.day,
                       notice.due, steps)
    if notice.provisional:
        state.provisional_reasons.append(notice.reason)
    return state


def _on_correction_requested(s: ClockState, e: Event) -> None:
    if e.day > s.correction_notice_due:
        s.warnings.append(f"补正告知于 {_fmt(e.day)} 发出，超过收到申请后7个工作日的期限（{_fmt(s.correction_notice_due)}）")
    s.steps.append(f"{_fmt(e.day)} 一次性告知补正，答复期限停止计算，待收到补正材料后重新计算")
    s.correction_stop = e.day


def _on_correction_received(s: ClockState, e: Event) -> None:
    s.correction_stop = None
    s.period_start, s.pauses, s.extension = e.day, [], 0
    s.steps.append(f"{_fmt(e.day)} 收到补正材料，答复期限自该日重新起算（第三十条）")


def _on_correction_deadline_missed(s: ClockState, e: Event) -> None:
    s.outcome, s.stopped_on = "abandoned_no_correction", e.day
    s.steps.append(f"{_fmt(e.day)} 申请人无正当理由逾期不补正，视为放弃申请")


def _on_consultation_started(s: ClockState, e: Event) -> None:
    window = s.cal.add_workdays(e.day, s.rules.consultation_days)
    s.consult_limit = window.due
    s.pauses.append(Pause(e.day, None, f"征求{PARTIES[e.party]}意见"))
    s.steps.append(f"{_fmt(e.day)} 书面征求{PARTIES[e.party]}意见，征求意见期间不计入答复期限；"
                   f"对方应在 {_fmt(window.due)} 前（{s.rules.consultation_days}个工作日）提出意见")


def _on_consultation_ended(s: ClockState, e: Event) -> None:
    s.consult_limit = None
    if not s.pauses:
        # the consultation began before 补正 restarted the period, and the restart dropped its pause
        s.steps.append(f"{_fmt(e.day)} 征求意见结束")
        return
    pause = s.pauses[-1]
    pause.end = e.day
    s.steps.append(f"{_fmt(e.day)} {pause.what}结束，自次日起恢复计算")


def _on_extension_granted(s: ClockState, e: Event) -> None:
    s.extension = e.days
    s.steps.append(f"{_fmt(e.day)} 经{e.approver}同意延长答复期限{e.days}个工作日，并告知申请人")


def _on_fee_notice_sent(s: ClockState, e: Event) -> None:
    window = s.cal.add_workdays(e.day, s.rules.fee_payment_days)
    s.fee_payment_due = window.due
    s.steps.append(f"{_fmt(e.day)} 发出收费通知，申请人应自收到通知次日起{s.rules.fee_payment_days}个工作日内"
                   f"（{_fmt(window.due)} 前）缴费")
    if window.provisional:
        s.provisional_reasons.append(window.reason)
    if s.rules.pause_during_fee_window:
        s.pauses.append(Pause(e.day, None, "等待缴费"))
        s.steps.append("缴费期间答复期限暂停计算")


def _on_fee_paid(s: ClockState, e: Event) -> None:
    if s.rules.pause_during_fee_window and s.open_pause:
        s.open_pause.end = e.day
    s.steps.append(f"{_fmt(e.day)} 申请人已缴费，自次日起恢复计算")


def _on_fee_deadline_missed(s: ClockState, e: Event) -> None:
    s.outcome, s.stopped_on = "abandoned_unpaid", e.day
    s.steps.append(f"{_fmt(e.day)} 申请人逾期未缴纳信息处理费，视为放弃申请")


def _on_deferred(s: ClockState, e: Event) -> None:
    s.deferred_due = e.due
    s.steps.append(f"{_fmt(e.day)} 依第三十五条确定延迟答复期限至 {_fmt(e.due)}：{e.reason}")


def _on_replied(s: ClockState, e: Event) -> None:
    s.outcome, s.stopped_on = "replied", e.day


# One handler per kind of event after 收到申请 (validate() has already refused anything else).
HANDLERS = {
    "correction_requested": _on_correction_requested,
    "correction_received": _on_correction_received,
    "correction_deadline_missed": _on_correction_deadline_missed,
    "consultation_started": _on_consultation_started,
    "consultation_ended": _on_consultation_ended,
    "extension_granted": _on_extension_granted,
    "fee_notice_sent": _on_fee_notice_sent,
    "fee_paid": _on_fee_paid,
    "fee_deadline_missed": _on_fee_deadline_missed,
    "deferred": _on_deferred,
    "replied": _on_replied,
}


def _end_lapsed_consultation(s: ClockState, as_of: date) -> None:
    """An open consultation ends by itself when the consulted party's window has run out."""
    pause = s.open_pause
    if pause and s.consult_limit is not None and as_of > s.consult_limit:
        pause.end = s.consult_limit
        s.steps.append(f"{_fmt(s.consult_limit)} 对方逾期未提出意见，{pause.what}期间结束，自次日起恢复计算")


def _awaiting_correction(s: ClockState) -> ClockResult:
    used = max(0, s.cal.workdays_between(s.period_start, s.correction_stop))
    return ClockResult("stopped", None, used, max(0, s.reply_days - used), bool(s.provisional_reasons),
                       "；".join(s.provisional_reasons), s.outcome or "awaiting_correction", s.steps, s.warnings,
                       s.correction_notice_due, s.fee_payment_due)


def _due_date(s: ClockState) -> date:
    """The reply period + the extension + the working days spent in closed pauses, counted from period_start."""
    total = s.reply_days + s.extension
    paused_days = 0
    for pause in s.pauses:
        if pause.end is not None:
            n = s.cal.workdays_between(pause.start, pause.end)
            paused_days += n
            s.steps.append(f"{pause.what}：{_fmt(pause.start)} 至 {_fmt(pause.end)}，{n}个工作日不计入")
    due, span_steps, provisional, reason = add_workdays_explained(s.cal, s.period_start, total + paused_days)
    if provisional:
        s.provisional_reasons.append(reason)
    s.steps += span_steps[:-1]
    if paused_days or s.extension:
        s.steps.append(f"答复期限 {_fmt(due)}（{s.reply_days}个工作日" +
                       (f" + 延长{s.extension}个工作日" if s.extension else "") +
                       (f"，另扣除暂停的{paused_days}个工作日" if paused_days else "") + "）")
    else:
        s.steps.append(f"第{total}个工作日 {_fmt(due)}，为答复期限")
    if s.deferred_due:
        due = s.deferred_due
        s.steps.append(f"按第三十五条延迟答复，答复期限为 {_fmt(due)}")
    return due


def _used(s: ClockState, as_of: date) -> int:
    """Working days counted so far: from period_start to the stop (or as_of), less the days paused."""
    end = s.stopped_on or as_of
    used = s.cal.workdays_between(s.period_start, end)
    for pause in s.pauses:
        used -= s.cal.workdays_between(pause.start, min(pause.end or end, end))
    return max(0, used)


def _final_state(s: ClockState, due: date, as_of: date) -> str:
    if s.outcome:
        if s.outcome == "replied":
            late = s.stopped_on > due
            s.steps.append(f"{_fmt(s.stopped_on)} 答复" + ("，已超过答复期限" if late else "，在答复期限内"))
            if late:
                s.warnings.append(f"答复日期 {_fmt(s.stopped_on)} 晚于答复期限 {_fmt(due)}")
        return "stopped"
    if s.open_pause:
        s.steps.append(f"截至 {_fmt(as_of)} 处于暂停中（{s.pauses[-1].what}）；上述期限按暂停于今日结束估算，恢复后顺延")
        return "paused"
    return "overdue" if as_of > due else "running"


def run_clock(events: list[Event], cal: Calendar, as_of: date, rules: ClockRules = ClockRules()) -> ClockResult:
    validate(events, rules)
    s = _start(events[0], cal, rules)
    for e in events[1:]:
        HANDLERS[e.kind](s, e)
    _end_lapsed_consultation(s, as_of)
    if s.correction_stop is not None:
        return _awaiting_correction(s)
    due = _due_date(s)
    used = _used(s, as_of)
    left = max(0, s.reply_days + s.extension - used)
    state = _final_state(s, due, as_of)
    reason = "；".join(dict.fromkeys(r for r in s.provisional_reasons if r))
    return ClockResult(state, due, used, left, bool(reason), reason, s.outcome, s.steps, s.warnings,
                       s.correction_notice_due, s.fee_payment_due)


def events_from_json(data: list[dict]) -> list[Event]:
    """Parse the documented JSON events format (docs/clock.md). Errors name the event."""
    events = []
    if not isinstance(data, list):
        raise ClockError("事件文件应为 JSON 数组，或含 events 数组的对象")
    for i, raw in enumerate(data, 1):
        if not isinstance(raw, dict):
            raise ClockError(f"第{i}个事件：应为 JSON 对象")
        kind = raw.get("type") or raw.get("kind")
        try:
            day = date.fromisoformat(str(raw.get("date")))
            due = date.fromisoformat(raw["due"]) if raw.get("due") else None
        except ValueError:
            raise ClockError(f"第{i}个事件（{KIND_LABELS.get(kind, kind)}）：日期无效 {raw.get('date')!r}"
                             f"{'' if not raw.get('due') else ' / ' + repr(raw.get('due'))}，应为存在的日期，格式 YYYY-MM-DD") from None
        try:
            days = int(raw.get("days", 0) or 0)
        except (TypeError, ValueError):
            raise ClockError(f"第{i}个事件（{KIND_LABELS.get(kind, kind)}）：days 应为整数") from None
        events.append(Event(kind=kind, day=day, channel=raw.get("channel", ""), party=raw.get("party", ""), days=days,
                            approver=raw.get("approver", ""), reason=raw.get("reason", ""), due=due))
    return events


@dataclass(frozen=True)
class TimeLimit:
    """A configurable time limit for other workflows (留言 replies, 12345 hotline orders, art. 26 publication):
    N working days or N natural days from a start date, start day not counted."""

    n: int
    unit: str = "workdays"   # "workdays" 工作日 or "days" 自然日
    label: str = ""

    def due(self, cal: Calendar, start: date) -> tuple[date, bool, str]:
        """(due date, provisional, reason)."""
        if self.n < 0:
            raise ValueError("时限不能为负数")
        if self.unit == "days":
            from datetime import timedelta

            return start + timedelta(days=self.n), False, ""
        if self.unit != "workdays":
            raise ValueError(f"未知时限单位：{self.unit}（workdays 工作日 / days 自然日）")
        result = cal.add_workdays(start, self.n)
        return result.due, result.provisional, result.reason
