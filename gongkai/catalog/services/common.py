"""What every catalogue service shares: the permission check, the audit snapshot, the one status-transition step."""

from django.core.exceptions import ValidationError

from gongkai.core import permissions

from ..models import Item
from ..workflow import ITEM, TransitionRefused, refusal


def require(actor, action, obj) -> None:
    if actor is not None:  # None = system / CLI
        permissions.require(actor, action, obj)


def snapshot(item: Item) -> dict:
    return {f: str(getattr(item, f)) if getattr(item, f) is not None else None for f in
            ["title", "status", "index_number", "doc_number", "validity", "disclosure", "published_date"]}


def move(item: Item, action: str, field: str = "status", message: str | None = None) -> None:
    """Set the item's status to where the workflow table sends `action`, or refuse in Chinese beside `field`."""
    try:
        item.status = ITEM.target(item.status, action)
    except TransitionRefused:
        raise ValidationError({field: message or refusal(item.status, action)}) from None
