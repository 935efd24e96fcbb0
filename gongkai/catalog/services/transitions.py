"""The item's way to the public: submit → review (保密审查 + the privacy gate) → publish → withdraw.

Which action is allowed from which status is the workflow table's business (catalog/workflow.py); these functions
ask it once, through `move`, and do the rest of each step."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit, permissions

from ..models import Item
from ..workflow import ITEM
from .common import move, require, snapshot
from .generation import sync_search_on_commit
from .setup import issue_index_number


class ReleaseBlocked(ValidationError):
    """The privacy gate found high-confidence personal data: redact or override first."""


@transaction.atomic
def submit(actor, item: Item) -> Item:
    item = Item.objects.select_for_update().get(pk=item.pk)
    require(actor, permissions.HANDLE, item)
    move(item, "submit")
    item.save(update_fields=["status", "updated_at"])
    audit.record(actor, "item.submitted", item, "提交审核")
    return item


def review(actor, item: Item, approve: bool, note: str = "") -> Item:
    """保密审查 sign-off (art. 17). Approval also passes the privacy gate, or is refused.

    The gate runs (and stores its findings, audited) in its own transaction first, so a refusal leaves the item
    unchanged but keeps the findings for the reviewer to redact or override."""
    item = Item.objects.get(pk=item.pk)
    require(actor, permissions.REVIEW, item)
    if approve and item.disclosure == "proactive" and ITEM.can(item.status, "approve"):
        _privacy_gate(actor, item)
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        if approve:
            _check_not_own_draft(actor, item)
            return _approve(actor, item, note.strip())
        if not note.strip():
            raise ValidationError({"note": "退回时请写明原因"})
        move(item, "return")
        item.save(update_fields=["status", "updated_at"])
        audit.record(actor, "item.returned", item, f"审核退回：{note.strip()}")
        return item


def _check_not_own_draft(actor, item: Item) -> None:
    if (not settings.ALLOW_SELF_REVIEW and getattr(actor, "pk", None) and item.created_by_id == actor.pk):
        raise ValidationError({"note": "审核人不能审核自己起草的信息（职责分离）；请由本机关另一位审核人审核"})


def _approve(actor, item: Item, note: str) -> Item:
    move(item, "approve")
    item.secrecy_reviewer = actor if getattr(actor, "pk", None) else None
    item.secrecy_reviewed_at = timezone.now()
    item.save(update_fields=["status", "secrecy_reviewer", "secrecy_reviewed_at", "updated_at"])
    audit.record(actor, "item.reviewed", item, "保密审查通过" + (f"：{note}" if note else ""))
    return item


def _privacy_gate(actor, item: Item) -> None:
    from gongkai.privacy.services import check_release

    verdict = check_release(item, actor=actor)
    if verdict.blocked:
        raise ReleaseBlocked({"privacy": verdict.message})


@transaction.atomic
def publish(actor, item: Item, on: date | None = None) -> Item:
    """Publish a reviewed item: issue its 索引号 (gap-free, never changed) and put it in the catalogue."""
    item = Item.objects.select_for_update().select_related("agency").get(pk=item.pk)
    require(actor, permissions.HANDLE, item)
    move(item, "publish")
    if item.disclosure == "withheld":
        raise ValidationError({"disclosure": "不予公开的信息不能发布"})
    item.published_date = on or timezone.localdate()
    if not item.index_number:
        item.index_number = issue_index_number(item.agency, item.published_date, _first_category_code(item))
    item.save()
    audit.record(actor, "item.published", item, f"发布，索引号 {item.index_number}", after=snapshot(item))
    sync_search_on_commit(item)
    return item


def _first_category_code(item: Item) -> str:
    first = item.categories.order_by("sort_order", "id").first()
    return first.code if first else ""


@transaction.atomic
def withdraw(actor, item: Item, reason: str) -> Item:
    """撤回: the item leaves the catalogue; its public address shows a notice with the reason."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    require(actor, permissions.REVIEW, item)
    if not (reason or "").strip():
        raise ValidationError({"reason": "撤回时请写明原因"})
    move(item, "withdraw")
    item.withdrawn_reason = reason.strip()
    item.save(update_fields=["status", "withdrawn_reason", "updated_at"])
    audit.record(actor, "item.withdrawn", item, f"撤回：{item.withdrawn_reason}")
    sync_search_on_commit(item)
    return item
