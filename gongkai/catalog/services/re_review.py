"""不予公开 and its periodic re-review (art. 18)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit, permissions

from .. import vocab
from ..models import Item, Status
from .common import require, snapshot

RE_REVIEW_OUTCOMES = {"keep": "继续不予公开", "proactive": "转为主动公开", "on_request": "转为依申请公开"}


def schedule_review(item: Item) -> None:
    days = vocab.REVIEW_INTERVAL_DAYS.get(item.withholding_ground, vocab.DEFAULT_REVIEW_INTERVAL_DAYS)
    item.next_review_date = timezone.localdate() + timedelta(days=days)


@transaction.atomic
def record_re_review(actor, item: Item, outcome: str, note: str) -> Item:
    """outcome: 'keep' (stay withheld, next date set), 'proactive' or 'on_request' (goes back through review)."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    require(actor, permissions.REVIEW, item)
    if item.disclosure != "withheld":
        raise ValidationError({"disclosure": "只有不予公开的信息需要定期复审"})
    if outcome not in RE_REVIEW_OUTCOMES:
        raise ValidationError({"outcome": f"未知复审结论：{outcome}"})
    if not note.strip():
        raise ValidationError({"note": "请填写复审意见"})
    before = snapshot(item)
    if outcome == "keep":
        schedule_review(item)
    else:
        item.disclosure, item.withholding_ground, item.withholding_reason = outcome, "", ""
        item.next_review_date = None
        item.status = Status.DRAFT  # publication goes through the art. 17 review again, whatever the state was
    item.save()
    audit.record(actor, "item.re_reviewed", item, f"不予公开定期复审：{RE_REVIEW_OUTCOMES[outcome]}；{note.strip()}",
                 before=before, after=snapshot(item))
    return item
