"""The catalogue as a privacy source: what to scan in an item, how to redact it, what counts as released."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.privacy.registry import Part, Source

from .models import Item, Status


def parts(item: Item) -> list[Part]:
    result = [Part("标题", item.title, handle="field:title"), Part("内容概述", item.summary, handle="field:summary"),
              Part("正文", item.body_text, handle="field:body")]
    for att in item.attachments.all():
        result.append(Part(f"附件：{att.name}", att.text, att.scan_problem, handle=f"attachment:{att.pk}"))
    return result


def redact(item: Item, actor, handles: list[str]) -> None:
    from gongkai.privacy.extract import extract_text
    from gongkai.privacy.redact import redact_file, redact_html, redact_text

    from .sanitize import html_to_text

    item = Item.objects.select_for_update().get(pk=item.pk)
    for handle in handles:
        kind, _, key = handle.partition(":")
        if kind == "field":
            if key == "body":
                item.body = redact_html(item.body)
                item.body_text = html_to_text(item.body)
            elif key in ("title", "summary"):
                setattr(item, key, redact_text(getattr(item, key)))
            item.save()
        elif kind == "attachment":
            att = item.attachments.get(pk=int(key))
            original = att.file.read() if att.file else b""
            att.file.close()
            data, name = redact_file(original, att.name)
            # the original goes to restricted storage (never served by URL), the public file is the redacted copy
            private = Path(settings.PRIVATE_ROOT) / "catalog" / f"{hashlib.sha256(original).hexdigest()}-{att.name}"
            private.parent.mkdir(parents=True, exist_ok=True)
            private.write_bytes(original)
            old_name = att.file.name
            att.file.save(name, ContentFile(data), save=False)
            if old_name:
                att.file.storage.delete(old_name)
            extracted = extract_text(data, name)
            att.name, att.private_path, att.redacted = name, str(private), True
            att.text, att.scan_problem, att.size = extracted.text, extracted.problem[:200], len(data)
            att.sha256 = hashlib.sha256(data).hexdigest()
            att.save()
    if item.status == Status.PUBLISHED:
        from .search_sync import sync_item

        transaction.on_commit(lambda: sync_item(item.pk))


def withdraw(item: Item, actor, reason: str) -> None:
    from . import services

    services.withdraw(actor, item, reason)


SOURCE = Source(
    label="catalog.item", parts=parts, redact=redact,
    published=lambda: Item.objects.filter(status=Status.PUBLISHED).select_related("agency").prefetch_related("attachments"),
    agency_of=lambda item: item.agency, changed_at=lambda item: item.updated_at, withdraw=withdraw,
)
