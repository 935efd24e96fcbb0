"""政府公报: an issue whose contents are published catalogue items, in order."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core import audit, permissions
from gongkai.core.models import Agency

from ..models import GazetteEntry, GazetteIssue, Item, Status
from .common import require


@transaction.atomic
def create_gazette_issue(actor, agency: Agency, year: int, number: int, items: list[Item], title: str = "",
                         published_date: date | None = None) -> GazetteIssue:
    require(actor, permissions.HANDLE, agency)
    if GazetteIssue.objects.filter(agency=agency, year=year, number=number).exists():
        raise ValidationError({"number": f"{year}年第{number}期公报已存在"})
    unpublished = [i.title for i in items if i.status != Status.PUBLISHED]
    if unpublished:
        raise ValidationError({"items": f"公报只能收录已发布的信息：{'、'.join(unpublished)}"})
    issue = GazetteIssue.objects.create(agency=agency, year=year, number=number, title=title,
                                        published_date=published_date)
    for position, item in enumerate(items):
        GazetteEntry.objects.create(issue=issue, item=item, position=position)
    audit.record(actor, "gazette.created", issue, f"编印公报：{issue}，收录 {len(items)} 件", agency=agency)
    return issue
