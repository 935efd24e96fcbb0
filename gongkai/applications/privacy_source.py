"""Replies to applications as a privacy source: the reply note and attachments are checked before release."""

from gongkai.privacy.registry import Part, Source

from .models import Application, State


def parts(app: Application) -> list[Part]:
    return [Part(f"答复附件：{a.name}", a.text, a.scan_problem, handle=f"attachment:{a.pk}") for a in app.attachments.all()]


def redact(app: Application, actor, handles: list[str]) -> None:
    from gongkai.privacy.storage import redact_attachment

    for handle in handles:
        kind, _, key = handle.partition(":")
        if kind == "attachment":
            redact_attachment(app.attachments.get(pk=int(key)), "replies")


SOURCE = Source(label="applications.application", parts=parts, redact=redact,
                published=lambda: Application.objects.filter(state=State.CLOSED, outcome__in=["granted", "partly_granted"]),
                agency_of=lambda app: app.agency, changed_at=lambda app: app.updated_at)
