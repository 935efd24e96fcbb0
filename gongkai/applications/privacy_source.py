"""Replies to applications as a privacy source: the reply note and attachments are checked before release."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile

from gongkai.privacy.registry import Part, Source

from .models import Application, State


def parts(app: Application) -> list[Part]:
    return [Part(f"答复附件：{a.name}", a.text, a.scan_problem, handle=f"attachment:{a.pk}") for a in app.attachments.all()]


def redact(app: Application, actor, handles: list[str]) -> None:
    from gongkai.privacy.extract import extract_text
    from gongkai.privacy.redact import redact_file

    for handle in handles:
        kind, _, key = handle.partition(":")
        if kind != "attachment":
            continue
        att = app.attachments.get(pk=int(key))
        original = att.file.read()
        att.file.close()
        data, name = redact_file(original, att.name)
        private = Path(settings.PRIVATE_ROOT) / "replies" / f"{hashlib.sha256(original).hexdigest()}-{att.name}"
        private.parent.mkdir(parents=True, exist_ok=True)
        private.write_bytes(original)
        old = att.file.name
        att.file.save(name, ContentFile(data), save=False)
        att.file.storage.delete(old)
        extracted = extract_text(data, name)
        att.name, att.private_path, att.redacted, att.size = name, str(private), True, len(data)
        att.text, att.scan_problem = extracted.text, extracted.problem[:200]
        att.save()


SOURCE = Source(label="applications.application", parts=parts, redact=redact,
                published=lambda: Application.objects.filter(state=State.CLOSED, outcome__in=["granted", "partly_granted"]),
                agency_of=lambda app: app.agency, changed_at=lambda app: app.updated_at)
