"""Workflows as transition tables (pure, no Django import).

A workflow is data: which action moves an object from which state to which state. Services ask the table before
they change anything (`target`), views ask it which actions to offer (`actions_from`), templates never repeat it.

    ITEM = Workflow("item", {("draft", "submit"): "in_review", ("in_review", "approve"): "approved"})
    ITEM.target("draft", "submit")   # → "in_review"; an action not allowed from a state raises TransitionRefused
"""

from dataclasses import dataclass, field


class TransitionRefused(ValueError):
    """The action is not allowed from the object's current state. `message` is Chinese, for the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Workflow:
    name: str
    transitions: dict[tuple[str, str], str]
    state_labels: dict[str, str] = field(default_factory=dict)
    action_labels: dict[str, str] = field(default_factory=dict)

    def can(self, state: str, action: str) -> bool:
        return (state, action) in self.transitions

    def target(self, state: str, action: str) -> str:
        try:
            return self.transitions[(state, action)]
        except KeyError:
            raise TransitionRefused(
                f"当前状态为“{self.state_labels.get(state, state)}”，不能{self.action_labels.get(action, action)}"
            ) from None

    def actions_from(self, state: str) -> list[str]:
        return [action for (source, action) in self.transitions if source == state]

    def states(self) -> set[str]:
        return {s for s, _ in self.transitions} | set(self.transitions.values())
