"""Plug-in points through which upper apps extend core pages and commands without core importing them.

Apps register in their `AppConfig.ready()`:

    registry.register_demo_loader(registry.DemoLoader("catalog", load_catalog_demo, "主动公开目录：新建信息 {count} 条。"))
    registry.register_staff_panel(registry.StaffPanel("report-due", "年度报告发布提醒", report_due_rows))

Registration is idempotent by name (ready() may run more than once in tests); the order of registration is the
order of use, which follows INSTALLED_APPS.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoLoader:
    """One step of `gongkai demo` after the agencies and staff: `load()` returns how many records it created;
    `then()` runs only when that number is not zero (e.g. rebuild an index); `summary` is printed with {count}."""

    name: str
    load: Callable[[], int]
    summary: str
    then: Callable[[], object] | None = None


@dataclass(frozen=True)
class PanelRow:
    """One line of a staff home panel: text, an optional link, and a CSS state class (e.g. "state-overdue")."""

    text: str
    link_text: str = ""
    url: str = ""
    css_class: str = ""


@dataclass(frozen=True)
class StaffPanel:
    """A section of the staff home page. `rows(user, agencies)` gets the user and the agencies they may see
    (a list, ordered by the tree); the panel is shown only when it returns at least one row. `name` is the
    section's HTML id."""

    name: str
    title: str
    rows: Callable[[object, list], Iterable[PanelRow]]


_demo_loaders: dict[str, DemoLoader] = {}
_staff_panels: dict[str, StaffPanel] = {}


def register_demo_loader(loader: DemoLoader) -> None:
    _demo_loaders[loader.name] = loader


def demo_loaders() -> list[DemoLoader]:
    return list(_demo_loaders.values())


def register_staff_panel(panel: StaffPanel) -> None:
    _staff_panels[panel.name] = panel


def staff_panels() -> list[StaffPanel]:
    return list(_staff_panels.values())
