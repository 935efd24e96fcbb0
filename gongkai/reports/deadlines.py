"""When each agency's annual report is due (art. 49) and where it stands: published, overdue, due soon, open."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from gongkai.core.models import Agency, AgencyKind

from .models import AnnualReport, ReportStatus

GOVERNMENT_KINDS = (AgencyKind.GOVERNMENT, AgencyKind.TOWNSHIP, AgencyKind.STREET_OFFICE)
DUE_DEPARTMENT = (1, 31)      # art. 49: departments publish by 1月31日 (configurable)
DUE_GOVERNMENT = (3, 31)      # art. 49: governments by 3月31日
DUE_LABELS = {"published": "已发布", "overdue": "已逾期", "due_soon": "即将到期", "open": "未到期"}


def due_date(agency: Agency, year: int) -> date:
    month, day = DUE_GOVERNMENT if agency.kind in GOVERNMENT_KINDS else DUE_DEPARTMENT
    return date(year + 1, month, day)


@dataclass
class DueState:
    agency: Agency
    due: date
    status: str           # "published" / "overdue" / "due_soon" / "open"
    record: AnnualReport | None


def due_states(agencies, year: int, today: date | None = None, soon_days: int = 15) -> list[DueState]:
    today = today or timezone.localdate()
    published = {r.agency_id: r for r in AnnualReport.objects.filter(agency__in=agencies, year=year, consolidated=False)}
    out = []
    for agency in agencies:
        due, record = due_date(agency, year), published.get(agency.pk)
        if record and record.status == ReportStatus.PUBLISHED:
            status = "published"
        elif today > due:
            status = "overdue"
        elif (due - today).days <= soon_days:
            status = "due_soon"
        else:
            status = "open"
        out.append(DueState(agency, due, status, record))
    return out
