"""The reports app's panel on the staff home page (registered in ReportsConfig.ready()): for supervisors, the
agencies whose annual report for last year is overdue or due soon (条例 art. 49), each with a link to compile it."""

from django.urls import reverse
from django.utils import timezone

from gongkai.core import permissions
from gongkai.core.registry import PanelRow

from .deadlines import due_states


def report_due_rows(user, agencies: list) -> list[PanelRow]:
    if not permissions.can_supervise_any(user):
        return []
    report_year = timezone.localdate().year - 1
    rows = []
    for state in due_states(agencies, report_year):
        if state.status == "overdue":
            text = f"{state.agency.full_name}：已逾期（期限 {state.due:%Y-%m-%d}）"
        elif state.status == "due_soon":
            text = f"{state.agency.full_name}：将于 {state.due:%Y-%m-%d} 到期"
        else:
            continue
        url = reverse("reports:report", kwargs={"pk": state.agency.pk, "year": state.due.year - 1})
        rows.append(PanelRow(text, "编制", url, f"state-{state.status}"))
    return rows
