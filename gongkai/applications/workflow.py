"""The states of an application as a transition table: which action is allowed from which state and where it leads.
Services ask `CASE.target()` before they change a case; the case page offers `CASE.actions_from(state)`.

Actions are the clock's event kinds (gongkai.core.clock) plus the case actions that do not touch the clock (attach a
reply document, split under 一事一申请). Whether time is paused is the clock's to say: a consultation ends by itself
when the consulted party's window runs out, so between 办理中 and 暂停计时 the clock's result decides (`settle`).
"""

from gongkai.core.workflow import Workflow

AWAITING, PROCESSING, CORRECTION, PAUSED, CLOSED = "awaiting", "processing", "correction", "paused", "closed"

STATE_LABELS = {AWAITING: "待确认收到", PROCESSING: "办理中", CORRECTION: "待补正", PAUSED: "暂停计时", CLOSED: "已办结"}
ACTION_LABELS = {
    "received": "确认收到申请", "correction_requested": "补正告知", "correction_received": "收到补正材料",
    "consultation_started": "征求意见", "consultation_ended": "意见收到", "extension_granted": "延期答复",
    "fee_notice_sent": "发出收费通知", "fee_paid": "申请人缴费", "deferred": "延迟答复", "replied": "答复",
    "correction_deadline_missed": "逾期未补正", "fee_deadline_missed": "逾期未缴费",
    "attach": "添加答复附件", "split": "拆分申请",
}
CLOCK_ACTIONS = tuple(a for a in ACTION_LABELS if a not in ("attach", "split"))
OPEN_STATES = (AWAITING, PROCESSING, CORRECTION, PAUSED)

_RUNNING = {
    "correction_requested": CORRECTION, "consultation_started": PAUSED, "consultation_ended": PROCESSING,
    "extension_granted": PROCESSING, "fee_notice_sent": PAUSED, "fee_paid": PROCESSING,
    "fee_deadline_missed": CLOSED, "deferred": PROCESSING, "replied": CLOSED,
}
_PAUSED = {**_RUNNING, "extension_granted": PAUSED, "deferred": PAUSED, "consultation_started": PAUSED}
_CORRECTION = {"correction_received": PROCESSING, "correction_deadline_missed": CLOSED, "replied": CLOSED}

CASE = Workflow(
    "application",
    {
        (AWAITING, "received"): PROCESSING,
        **{(PROCESSING, action): target for action, target in _RUNNING.items()},
        **{(PAUSED, action): target for action, target in _PAUSED.items()},
        **{(CORRECTION, action): target for action, target in _CORRECTION.items()},
        **{(state, action): state for state in OPEN_STATES for action in ("attach", "split")},
    },
    state_labels=STATE_LABELS,
    action_labels=ACTION_LABELS,
)


def settle(target: str, clock_state: str | None) -> str:
    """The state a case is in after an action: the table's target, except that the clock (its result's `state`)
    says whether the time is paused."""
    if target in (PROCESSING, PAUSED) and clock_state is not None:
        return PAUSED if clock_state == "paused" else PROCESSING
    return target


def clock_actions_from(state: str) -> list[str]:
    """The clock actions the case page offers from `state`, in the order of ACTION_LABELS."""
    return [a for a in CLOCK_ACTIONS if CASE.can(state, a) and a != "replied"]
