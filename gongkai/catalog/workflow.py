"""The catalogue item's workflow as one transition table (pure, no Django).

draft → submitted → reviewed (保密审查 by a 审核人 + the privacy gate) → published → withdrawn. A returned item goes
back to draft; any edit or new attachment sends a submitted item back to draft. 有效性 (amend / repeal) changes
only on a published item and leaves it published.

Services ask `ITEM.target()` before they change a status; the staff item page offers `ITEM.actions_from()`.
"""

from gongkai.core.workflow import TransitionRefused, Workflow

STATE_LABELS = {
    "draft": "草稿",
    "submitted": "待审核",
    "reviewed": "已审核",
    "published": "已发布",
    "withdrawn": "已撤回",
}

ACTION_LABELS = {
    "edit": "修改",
    "attach": "添加附件",
    "submit": "提交审核",
    "approve": "审核通过",
    "return": "退回",
    "publish": "发布",
    "withdraw": "撤回",
    "amend": "标记为已修改",
    "repeal": "标记为已废止",
}

ITEM = Workflow(
    "item",
    {
        ("draft", "edit"): "draft",
        ("submitted", "edit"): "draft",
        ("draft", "attach"): "draft",
        ("submitted", "attach"): "draft",
        ("draft", "submit"): "submitted",
        ("submitted", "approve"): "reviewed",
        ("submitted", "return"): "draft",
        ("reviewed", "publish"): "published",
        ("published", "withdraw"): "withdrawn",
        ("published", "amend"): "published",
        ("published", "repeal"): "published",
    },
    state_labels=STATE_LABELS,
    action_labels=ACTION_LABELS,
)


def sources_of(action: str) -> list[str]:
    """States from which `action` is allowed, in table order."""
    return list(dict.fromkeys(state for (state, act) in ITEM.transitions if act == action))


def refusal(state: str, action: str) -> str:
    """'只有已审核的信息可以发布（当前：草稿）': the Chinese refusal, worded from the table."""
    allowed = "、".join(STATE_LABELS[s] for s in sources_of(action))
    return f"只有{allowed}的信息可以{ACTION_LABELS[action]}（当前：{STATE_LABELS.get(state, state)}）"


def states_reaching(goal: str) -> list[str]:
    """States from which `goal` can still be reached (the goal itself excluded): e.g. the items still waiting to be
    published, whose art. 26 clock runs."""
    reached, frontier = set(), {goal}
    while frontier:
        frontier = {s for (s, _), t in ITEM.transitions.items() if t in frontier and s not in reached and s != goal}
        reached |= frontier
    return [s for s in STATE_LABELS if s in reached]


UNPUBLISHED = states_reaching("published")


__all__ = ["ITEM", "STATE_LABELS", "ACTION_LABELS", "UNPUBLISHED", "TransitionRefused", "refusal", "sources_of",
           "states_reaching"]
