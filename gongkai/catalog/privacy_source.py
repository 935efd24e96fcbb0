"""The catalogue as a privacy source: what to scan in an item, how to redact it, what counts as released."""

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
    from gongkai.privacy.redact import redact_html, redact_text
    from gongkai.privacy.storage import redact_attachment

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
            redact_attachment(item.attachments.get(pk=int(key)), "catalog")
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
    changed_field="updated_at",
)
