"""The catalogue as a privacy source: what to scan in an item, how to redact it, what counts as released."""


from gongkai.privacy.registry import Part, Source

from .models import Attachment, Item, Status


def parts(item: Item) -> list[Part]:
    return _parts(item, item.attachments.all())


def parts_many(items: list[Item]) -> dict:
    """parts() for a page of the sweep: the items' attachments in one query (prefetch_related costs ~55 µs an
    item in Django's bookkeeping, half of reading a page; bench/bench_sweep.py)."""
    attachments: dict[int, list[Attachment]] = {}
    for att in Attachment.objects.filter(item_id__in=[item.pk for item in items]):   # Meta.ordering, as .all()
        attachments.setdefault(att.item_id, []).append(att)
    return {item.pk: _parts(item, attachments.get(item.pk, ())) for item in items}


def _parts(item: Item, attachments) -> list[Part]:
    result = [Part("标题", item.title, handle="field:title"), Part("内容概述", item.summary, handle="field:summary"),
              Part("正文", item.body_text, handle="field:body")]
    for att in attachments:
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
        from .search_sync import enqueue_index

        enqueue_index([item.pk])


def withdraw(item: Item, actor, reason: str) -> None:
    from . import services

    services.withdraw(actor, item, reason)


SOURCE = Source(
    label="catalog.item", parts=parts, redact=redact,
    published=lambda: Item.objects.filter(status=Status.PUBLISHED).select_related("agency").prefetch_related("attachments"),
    agency_of=lambda item: item.agency, changed_at=lambda item: item.updated_at, withdraw=withdraw,
    changed_field="updated_at", parts_many=parts_many,
)
