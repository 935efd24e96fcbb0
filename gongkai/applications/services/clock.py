"""Clock actions on a case. Every action adds a typed clock event, recomputes the due date with the one clock
engine (gongkai.core.clock) and writes an audit event, in one transaction. Two staff acting on one case at once:
the case row is locked and the version the form was based on is checked, so no update is lost."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.calendar_service import get_calendar
from gongkai.core.clock import ClockError, ClockResult, Event, run_clock
from gongkai.core.workflow import TransitionRefused

from ..access import permission_for, require
from ..models import Application, ClockEvent
from ..workflow import ACTION_LABELS, CASE, CLOCK_ACTIONS, CLOSED, settle
from .letters import issue_letter

CORRECTION_DAYS = 15  # working days given to the applicant to correct [unverified: configurable]
CLOCK_CHANNEL = {"online": "online", "in_person": "in_person", "post": "post", "ordinary_letter": "ordinary_letter",
                 "fax": "fax", "other": "other"}
# Clock actions that close the case with a table 三 row of their own.
CLOSING_OUTCOMES = {"correction_deadline_missed": "other.no_correction", "fee_deadline_missed": "other.fee_unpaid"}


def stored_events(app: Application) -> list[Event]:
    return [Event(e.kind, e.date, channel=e.data.get("channel", ""), party=e.data.get("party", ""),
                  days=e.data.get("days", 0), approver=e.data.get("approver", ""), reason=e.data.get("reason", ""),
                  due=date.fromisoformat(e.data["due"]) if e.data.get("due") else None)
            for e in app.events.order_by("date", "id")]


def clock(app: Application, as_of: date | None = None) -> ClockResult | None:
    """The clock's result for a case as of `as_of` (today by default); None before receipt is confirmed."""
    events = stored_events(app)
    if not events:
        return None
    return run_clock(events, get_calendar(), as_of or timezone.localdate())


def apply_clock(app: Application, target: str) -> ClockResult | None:
    """Store the clock's due date on the case and move it to `target` (the transition table's answer)."""
    result = clock(app)
    app.state = settle(target, result.state if result else None)
    if result is not None:
        app.due_date, app.due_provisional = result.due, result.provisional
    return result


def add_event(actor, app: Application, kind: str, on: date, note: str = "", **data) -> ClockEvent:
    """Store one clock event; the clock refuses events that do not fit (Chinese ValidationError, rolled back)."""
    event = ClockEvent.objects.create(application=app, kind=kind, date=on, data={k: v for k, v in data.items() if v},
                                      note=note, actor=actor if getattr(actor, "pk", None) else None)
    try:
        clock(app)
    except ClockError as exc:
        raise ValidationError({"event": str(exc)}) from exc
    return event


def locked(app: Application, expected_version: int | None) -> Application:
    """The case row, locked for this transaction; refused when another clerk changed it since the form was shown."""
    current = Application.objects.select_for_update().get(pk=app.pk)
    if expected_version is not None and current.version != expected_version:
        raise ValidationError({"version": "该申请已被其他工作人员修改，请刷新后重试"})
    return current


def target_state(app: Application, action: str) -> str:
    """The state `action` leads to from the case's state, or a Chinese ValidationError when it is not allowed."""
    try:
        return CASE.target(app.state, action)
    except TransitionRefused as exc:
        raise ValidationError({"action": exc.message}) from None


def _prepare_receipt(actor, app: Application, on: date, note: str, data: dict) -> None:
    data["channel"] = CLOCK_CHANNEL[app.channel]
    app.received_date = on


def _correction_deadline(on: date, given) -> date:
    if not given:
        return get_calendar().add_workdays(on, CORRECTION_DAYS).due
    if isinstance(given, str):
        try:
            return date.fromisoformat(given)
        except ValueError:
            raise ValidationError({"correction_due": f"补正期限日期无效：{given}"}) from None
    return given


def _prepare_correction(actor, app: Application, on: date, note: str, data: dict) -> None:
    if not note.strip():
        raise ValidationError({"note": "请一次性写明需要补正的内容"})
    # a reasonable correction deadline (not fixed by statute: default 15 working days, configurable)
    deadline = _correction_deadline(on, data.pop("correction_due", None))
    if deadline <= on:
        raise ValidationError({"correction_due": f"补正期限 {deadline} 不晚于补正告知日期 {on}，申请人无法补正"})
    data["due"] = deadline.isoformat()


def _prepare_extension(actor, app: Application, on: date, note: str, data: dict) -> None:
    if actor is not None:
        data.setdefault("approver", str(actor))


def _prepare_fee_notice(actor, app: Application, on: date, note: str, data: dict) -> None:
    data["reason"] = note
    app.fee_amount = int(data.pop("amount", 0))
    if app.fee_amount <= 0:
        raise ValidationError({"amount": "该申请按标准不收费（本月前10件免费；30页以内免费）"})


# What an action needs besides its clock event (a kind not listed needs nothing).
_PREPARE = {
    "received": _prepare_receipt,
    "correction_requested": _prepare_correction,
    "extension_granted": _prepare_extension,
    "fee_notice_sent": _prepare_fee_notice,
}


def _letter_kind(kind: str, data: dict) -> str | None:
    if kind == "consultation_started":
        return "consultation" if data.get("party") == "third_party" else None
    return {"correction_requested": "correction", "extension_granted": "extension", "fee_notice_sent": "fee"}.get(kind)


@transaction.atomic
def act(actor, app: Application, kind: str, on: date, note: str = "", expected_version: int | None = None,
        **data) -> Application:
    """One clock action on a case (confirm receipt, 补正, consultation, extension, fee, deferral)."""
    if kind not in CLOCK_ACTIONS or kind == "replied":
        raise ValidationError({"action": f"未知操作：{kind}"})
    app = locked(app, expected_version)
    require(actor, permission_for(kind), app)
    target = target_state(app, kind)
    if on > timezone.localdate():
        raise ValidationError({"date": "日期不能晚于今天"})
    if kind in _PREPARE:
        _PREPARE[kind](actor, app, on, note, data)
    add_event(actor, app, kind, on, note, **data)
    if kind in CLOSING_OUTCOMES:
        app.outcome, app.closed_date = CLOSING_OUTCOMES[kind], on
    result = apply_clock(app, target)
    app.version += 1
    app.save()
    if letter_kind := _letter_kind(kind, data):
        issue_letter(actor, app, letter_kind, on, note, due=result.due if result else None,
                     provisional=bool(result and result.provisional), amount=app.fee_amount)
    audit.record(actor, f"application.{kind}", app, f"{ACTION_LABELS[kind]}（{on}）" + (f"：{note}" if note else ""),
                 agency=app.agency)
    return app


def recompute_provisional() -> int:
    """After a holiday year is entered: recompute every open application whose due date was provisional."""
    changed = 0
    for app in Application.objects.filter(due_provisional=True).exclude(state=CLOSED):
        with transaction.atomic():
            app = Application.objects.select_for_update().get(pk=app.pk)
            apply_clock(app, app.state)
            app.save(update_fields=["due_date", "due_provisional", "state", "updated_at"])
        changed += 1
    return changed
