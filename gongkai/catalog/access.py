"""How catalogue views and API endpoints read objects and decide what a person may do with them.

Every read goes through `gongkai.core.permissions.fetch` (object, or 404, or 403); what the staff item page offers
comes from the workflow table for the item's status plus the person's rights, so no template repeats a state list."""

from gongkai.core import permissions

from .models import Item
from .workflow import ITEM

# Page action → (the right it needs, workflow actions of which one must be allowed from the item's status;
# None = not a status change, offered by `_OTHER_CONDITIONS`).
PAGE_ACTIONS = {
    "edit": (permissions.HANDLE, ("edit",)),
    "submit": (permissions.HANDLE, ("submit",)),
    "attach": (permissions.HANDLE, ("attach",)),
    "review": (permissions.REVIEW, ("approve", "return")),
    "publish": (permissions.HANDLE, ("publish",)),
    "withdraw": (permissions.REVIEW, ("withdraw",)),
    "supersede": (permissions.HANDLE, ("amend", "repeal")),
    "link": (permissions.HANDLE, None),
    "re_review": (permissions.REVIEW, None),
}

_OTHER_CONDITIONS = {
    "link": lambda item: item.is_interpretation,                # 政策解读 ↔ policy, in any status
    "re_review": lambda item: item.disclosure == "withheld",    # art. 18, in any status
}


def fetch_item(user, action: str, pk: int) -> Item:
    return permissions.fetch(user, action, Item.objects.select_related("agency", "genre", "topic"), pk=pk)


def right_for(page_action: str) -> str:
    return PAGE_ACTIONS[page_action][0]


def offered_actions(user, item: Item) -> set[str]:
    """The page actions `user` may take on `item` now."""
    rights = {right for right in (permissions.HANDLE, permissions.REVIEW) if permissions.can(user, right, item)}
    offered = set()
    for page_action, (right, steps) in PAGE_ACTIONS.items():
        if right not in rights:
            continue
        allowed = any(ITEM.can(item.status, step) for step in steps) if steps else _OTHER_CONDITIONS[page_action](item)
        if allowed:
            offered.add(page_action)
    return offered


def fetch_agency(user, action: str, code: str):
    """The agency with this 统一社会信用代码 or 组织机构代码 if `user` may `action` it; 404 / 403 otherwise."""
    from gongkai.core.models import Agency

    pk = (Agency.objects.filter(uscc=code).values_list("pk", flat=True).first()
          or Agency.objects.filter(org_code=code).values_list("pk", flat=True).first())
    return permissions.fetch(user, action, Agency, pk=pk)
