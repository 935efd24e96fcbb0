"""The one way to write an audit event (审计日志)."""

from typing import Any

from django.db import transaction

from .models import AuditEvent


def _agency_of(obj):
    from .models import Agency

    if isinstance(obj, Agency):
        return obj
    return getattr(obj, "agency", None)


def record(actor, action: str, obj, summary: str, before: dict | None = None, after: dict | None = None,
           agency=None) -> AuditEvent:
    """Append an event for `obj`. Must run inside the transaction that makes the change."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must be called inside the transaction of the change")
    label = "系统" if actor is None else (getattr(actor, "display_name", "") or actor.get_username())
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=label[:100],
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:300],
        agency=agency if agency is not None else _agency_of(obj),
        summary=summary[:500],
        before=_jsonable(before),
        after=_jsonable(after),
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict, dict]:
    """Only the fields that changed, for a short before/after summary."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def _jsonable(data):
    if data is None:
        return None
    return {k: (v if isinstance(v, (str, int, float, bool, type(None), list, dict)) else str(v)) for k, v in data.items()}
