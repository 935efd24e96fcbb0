"""The catalogue item's transition table: which action leads where, and the Chinese refusal otherwise."""

import pytest

from gongkai.catalog.workflow import ITEM, UNPUBLISHED, refusal
from gongkai.core.workflow import TransitionRefused

ALLOWED = [
    ("draft", "edit", "draft"),
    ("submitted", "edit", "draft"),
    ("draft", "attach", "draft"),
    ("submitted", "attach", "draft"),
    ("draft", "submit", "submitted"),
    ("submitted", "approve", "reviewed"),
    ("submitted", "return", "draft"),
    ("reviewed", "publish", "published"),
    ("published", "withdraw", "withdrawn"),
    ("published", "amend", "published"),
    ("published", "repeal", "published"),
]

REFUSED = [
    ("draft", "publish", "只有已审核的信息可以发布（当前：草稿）"),
    ("reviewed", "edit", "只有草稿、待审核的信息可以修改（当前：已审核）"),
    ("published", "attach", "只有草稿、待审核的信息可以添加附件（当前：已发布）"),
    ("submitted", "submit", "只有草稿的信息可以提交审核（当前：待审核）"),
    ("draft", "approve", "只有待审核的信息可以审核通过（当前：草稿）"),
    ("withdrawn", "withdraw", "只有已发布的信息可以撤回（当前：已撤回）"),
    ("withdrawn", "publish", "只有已审核的信息可以发布（当前：已撤回）"),
    ("reviewed", "repeal", "只有已发布的信息可以标记为已废止（当前：已审核）"),
]


@pytest.mark.parametrize("state, action, target", ALLOWED)
def test_allowed_transitions(state, action, target):
    assert ITEM.target(state, action) == target


@pytest.mark.parametrize("state, action, words", REFUSED)
def test_refused_transitions_are_worded_from_the_table(state, action, words):
    with pytest.raises(TransitionRefused):
        ITEM.target(state, action)
    assert refusal(state, action) == words


def test_nothing_leaves_withdrawn_and_the_art26_clock_runs_until_published():
    assert ITEM.actions_from("withdrawn") == []
    assert UNPUBLISHED == ["draft", "submitted", "reviewed"]
