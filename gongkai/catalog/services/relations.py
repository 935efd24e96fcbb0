"""Links between items: 有效性 (amended / repealed by a newer item) and 政策解读 ↔ policy."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit, permissions

from ..models import Item, Status
from .common import move, require, snapshot
from .generation import sync_search_on_commit

# validity code → (workflow action, link field, verb)
SUPERSEDING = {"amended": ("amend", "amended_by", "修改"), "repealed": ("repeal", "repealed_by", "废止")}


@transaction.atomic
def mark_amended(actor, old: Item, new: Item) -> Item:
    """`new` amends `old`: old becomes 已修改 and links to new (关联 both ways)."""
    return _supersede(actor, old, new, "amended")


@transaction.atomic
def mark_repealed(actor, old: Item, new: Item | None, on: date | None = None) -> Item:
    """`old` is repealed (by `new` when given): 已废止 with 废止日期."""
    item = _supersede(actor, old, new, "repealed")
    item.repeal_date = on or (new.published_date if new and new.published_date else timezone.localdate())
    item.save(update_fields=["repeal_date"])
    return item


def _supersede(actor, old: Item, new: Item | None, validity: str) -> Item:
    action, link, verb = SUPERSEDING[validity]
    old = Item.objects.select_for_update().get(pk=old.pk)
    require(actor, permissions.HANDLE, old)
    move(old, action, field="validity", message=f"只有已发布的信息可以标记为已{verb}")
    if new is not None and new.pk == old.pk:
        raise ValidationError({link: f"信息不能{verb}自身"})
    if new is not None and new.status != Status.PUBLISHED:
        raise ValidationError({link: f"{verb}文件须先发布：{new.title}"})
    before = snapshot(old)
    old.validity = validity
    setattr(old, link, new)
    old.save()
    audit.record(actor, f"item.{validity}", old, f"标记为已{verb}" + (f"，{verb}文件：{new.title}（{new.index_number}）" if new else ""),
                 before=before, after=snapshot(old))
    sync_search_on_commit(old)
    return old


@transaction.atomic
def link_interpretation(actor, interpretation: Item, policy: Item) -> None:
    """政策解读 ↔ policy: shown as 关联阅读 on both pages."""
    require(actor, permissions.HANDLE, interpretation)
    if not interpretation.is_interpretation:
        raise ValidationError({"interprets": f"“{interpretation.title}”的体裁不是政策解读"})
    if policy.pk == interpretation.pk:
        raise ValidationError({"interprets": "解读不能关联自身"})
    interpretation.interprets.add(policy)
    audit.record(actor, "item.interpretation_linked", interpretation, f"关联解读的政策文件：{policy.title}")
