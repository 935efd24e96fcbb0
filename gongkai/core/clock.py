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


def validate(events: list[Event], rules: ClockRules) -> None:
    if not events:
        raise ClockError("事件列表为空：至少需要“收到申请”事件")
    seen: set[str] = set()
    for i, e in enumerate(events, 1):
        name = f"第{i}个事件（{KIND_LABELS.get(e.kind, e.kind)}）"
        if e.kind not in KINDS:
            raise ClockError(f"{name}：未知事件类型 {e.kind}")
        if i == 1 and e.kind != "received":
            raise ClockError(f"{name}：第一个事件必须是“收到申请”")
        if i > 1 and e.kind == "received":
            raise ClockError(f"{name}：“收到申请”只能出现一次")
        if i > 1 and e.day < events[i - 2].day:
            raise ClockError(f"{name}：日期 {_fmt(e.day)} 早于前一个事件的日期 {_fmt(events[i - 2].day)}，事件须按时间顺序排列")
        if e.kind == "received" and e.channel not in CHANNELS:
            raise ClockError(f"{name}：未知渠道 {e.channel!r}（可选：{'、'.join(CHANNELS)}）")
        if e.kind == "correction_requested" and "correction_requested" in seen:
            raise ClockError(f"{name}：补正只能一次性告知，不能再次要求补正")
        if e.kind in ("correction_received", "correction_deadline_missed") and "correction_requested" not in seen:
            raise ClockError(f"{name}：没有补正告知，不能收到补正或逾期未补正")
        if e.kind == "correction_received" and "correction_received" in seen:
            raise ClockError(f"{name}：补正材料已经收到过")
        if e.kind == "consultation_started" and e.party not in PARTIES:
            raise ClockError(f"{name}：征求意见对象应为 third_party（第三方）或 other_organ（其他机关）")
        if e.kind == "consultation_ended" and seen_open(events[:i - 1], "consultation_started", "consultation_ended") is False:
            raise ClockError(f"{name}：没有进行中的征求意见")
        if e.kind == "extension_granted":
            limit = rules.legacy_extension_max if events[0].day < rules.legacy_until else rules.extension_max
            if "extension_granted" in seen:
                raise ClockError(f"{name}：延期只能一次")
            if not 1 <= e.days <= limit:
                raise ClockError(f"{name}：延长期限为 {e.days} 个工作日，最长不得超过 {limit} 个工作日")
            if not e.approver:
                raise ClockError(f"{name}：延期须经政府信息公开工作机构负责人同意，请填写批准人")
        if e.kind == "fee_notice_sent" and "fee_notice_sent" in seen:
            raise ClockError(f"{name}：每件申请只能发出一次收费通知（按件或按量，只能选择一种方式）")
        if e.kind in ("fee_paid", "fee_deadline_missed") and "fee_notice_sent" not in seen:
            raise ClockError(f"{name}：没有收费通知")
        if e.kind == "deferred" and (e.due is None or not e.reason):
            raise ClockError(f"{name}：延迟答复须填写新的答复期限和理由")
        if "replied" in seen or "correction_deadline_missed" in seen or "fee_deadline_missed" in seen:
            raise ClockError(f"{name}：申请已经办结，之后不能再有事件")
        seen.add(e.kind)


def seen_open(events: list[Event], start_kind: str, end_kind: str) -> bool:
    state = False
    for e in events:
        if e.kind == start_kind:
            state = True
        elif e.kind == end_kind:
            state = False
    return state


def run_clock(events: list[Event], cal: Calendar, as_of: date, rules: ClockRules = ClockRules()) -> ClockResult:
    validate(events, rules)
    received = events[0]
    legacy = received.day < rules.legacy_until
    reply_days = rules.legacy_reply_days if legacy else rules.reply_days
    steps = [f"{_fmt(received.day)} 收到申请（{CHANNELS[received.channel]}）"]
    if legacy:
        steps.append("2019年5月15日前收到的申请，适用原《条例》：15个工作日答复，可延长15个工作日")
    warnings: list[str] = []
    provisional_reasons: list[str] = []

    period_start = received.day
    extension = 0
    pauses: list[tuple[date, date | None, str]] = []   # (start, end or None if open, label)
    deferred_due: date | None = None
    outcome = ""
    stopped_on: date | None = None
    awaiting_correction = False
    correction_stop: date | None = None   # counting stops when 补正 is requested
    fee_payment_due = None
    consult_limit: date | None = None

    notice = cal.add_workdays(received.day, rules.correction_notice_days)
    correction_notice_due = notice.due
    if notice.provisional:
        provisional_reasons.append(notice.reason)

    for e in events[1:]:
        label = KIND_LABELS[e.kind]
        if e.kind == "correction_requested":
            if e.day > correction_notice_due:
                warnings.append(f"补正告知于 {_fmt(e.day)} 发出，超过收到申请后7个工作日的期限（{_fmt(correction_notice_due)}）")
            steps.append(f"{_fmt(e.day)} 一次性告知补正，答复期限停止计算，待收到补正材料后重新计算")
            awaiting_correction, correction_stop = True, e.day
        elif e.kind == "correction_received":
            awaiting_correction, correction_stop = False, None
            period_start, pauses, extension = e.day, [], 0
            steps.append(f"{_fmt(e.day)} 收到补正材料，答复期限自该日重新起算（第三十条）")
        elif e.kind == "correction_deadline_missed":
            outcome, stopped_on = "abandoned_no_correction", e.day
            steps.append(f"{_fmt(e.day)} 申请人无正当理由逾期不补正，视为放弃申请")
        elif e.kind == "consultation_started":
            window = cal.add_workdays(e.day, rules.consultation_days)
            consult_limit = window.due
            pauses.append((e.day, None, f"征求{PARTIES[e.party]}意见"))
            steps.append(f"{_fmt(e.day)} 书面征求{PARTIES[e.party]}意见，征求意见期间不计入答复期限；"
                         f"对方应在 {_fmt(window.due)} 前（{rules.consultation_days}个工作日）提出意见")
        elif e.kind == "consultation_ended":
            start, _, what = pauses[-1]
            pauses[-1] = (start, e.day, what)
            consult_limit = None
            steps.append(f"{_fmt(e.day)} {what}结束，自次日起恢复计算")
        elif e.kind == "extension_granted":
            extension = e.days
            steps.append(f"{_fmt(e.day)} 经{e.approver}同意延长答复期限{e.days}个工作日，并告知申请人")
        elif e.kind == "fee_notice_sent":
            window = cal.add_workdays(e.day, rules.fee_payment_days)
            fee_payment_due = window.due
            steps.append(f"{_fmt(e.day)} 发出收费通知，申请人应自收到通知次日起{rules.fee_payment_days}个工作日内"
                         f"（{_fmt(window.due)} 前）缴费")
            if window.provisional:
                provisional_reasons.append(window.reason)
            if rules.pause_during_fee_window:
                pauses.append((e.day, None, "等待缴费"))
                steps.append("缴费期间答复期限暂停计算")
        elif e.kind == "fee_paid":
            if rules.pause_during_fee_window and pauses and pauses[-1][1] is None:
                start, _, what = pauses[-1]
                pauses[-1] = (start, e.day, what)
            steps.append(f"{_fmt(e.day)} 申请人已缴费，自次日起恢复计算")
        elif e.kind == "fee_deadline_missed":
            outcome, stopped_on = "abandoned_unpaid", e.day
            steps.append(f"{_fmt(e.day)} 申请人逾期未缴纳信息处理费，视为放弃申请")
        elif e.kind == "deferred":
            deferred_due = e.due
            steps.append(f"{_fmt(e.day)} 依第三十五条确定延迟答复期限至 {_fmt(e.due)}：{e.reason}")
        elif e.kind == "replied":
            outcome, stopped_on = "replied", e.day
        del label

    # an open consultation ends by itself when the consulted party's window has run out
    if pauses and pauses[-1][1] is None and consult_limit is not None and as_of > consult_limit:
        start, _, what = pauses[-1]
        pauses[-1] = (start, consult_limit, what)
        steps.append(f"{_fmt(consult_limit)} 对方逾期未提出意见，{what}期间结束，自次日起恢复计算")

    if correction_stop is not None:
        used = max(0, cal.workdays_between(period_start, correction_stop))
        return ClockResult("stopped", None, used, max(0, reply_days - used), bool(provisional_reasons), "；".join(provisional_reasons),
                           outcome or "awaiting_correction", steps, warnings, correction_notice_due, fee_payment_due)

    # working days needed = the period + the working days spent in closed pauses
    total = reply_days + extension
    paused_days = 0
    for start, end, what in pauses:
        if end is not None:
            n = cal.workdays_between(start, end)
            paused_days += n
            steps.append(f"{what}：{_fmt(start)} 至 {_fmt(end)}，{n}个工作日不计入")
    due, span_steps, provisional, reason = add_workdays_explained(cal, period_start, total + paused_days)
    if provisional:
        provisional_reasons.append(reason)
    steps += span_steps[:-1]
    if paused_days or extension:
        steps.append(f"答复期限 {_fmt(due)}（{reply_days}个工作日" + (f" + 延长{extension}个工作日" if extension else "") +
                     (f"，另扣除暂停的{paused_days}个工作日" if paused_days else "") + "）")
    else:
        steps.append(f"第{total}个工作日 {_fmt(due)}，为答复期限")
    if deferred_due:
        due = deferred_due
        steps.append(f"按第三十五条延迟答复，答复期限为 {_fmt(due)}")

    end = stopped_on or as_of
    open_pause = pauses and pauses[-1][1] is None
    used = cal.workdays_between(period_start, end)
    for start, stop, _ in pauses:
        used -= cal.workdays_between(start, min(stop or end, end))
    used = max(0, used)
    left = max(0, total - used)

    if outcome:
        state = "stopped"
        if outcome == "replied":
            late = stopped_on > due
            steps.append(f"{_fmt(stopped_on)} 答复" + ("，已超过答复期限" if late else "，在答复期限内"))
            if late:
                warnings.append(f"答复日期 {_fmt(stopped_on)} 晚于答复期限 {_fmt(due)}")
    elif open_pause:
        state = "paused"
        steps.append(f"截至 {_fmt(as_of)} 处于暂停中（{pauses[-1][2]}）；上述期限按暂停于今日结束估算，恢复后顺延")
    elif as_of > due:
        state = "overdue"
    else:
        state = "running"
    reason = "；".join(dict.fromkeys(r for r in provisional_reasons if r))
    return ClockResult(state, due, used, left, bool(reason), reason, outcome, steps, warnings, correction_notice_due,
                       fee_payment_due)


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
