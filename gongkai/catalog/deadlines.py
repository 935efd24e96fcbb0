"""Art. 26: proactive information is published within 20 working days of being formed or changed."""

from datetime import date

from gongkai.core.calendar_service import get_calendar
from gongkai.core.workdays import WorkdayResult

PUBLICATION_DAYS = 20  # art. 26; a law or regulation may set another limit


def publication_deadline(formed: date | None) -> WorkdayResult:
    if formed is None:
        return WorkdayResult(None)
    return get_calendar().add_workdays(formed, PUBLICATION_DAYS)


def recompute_provisional() -> int:
    """After a holiday year is entered: recompute every provisional publication deadline."""
    from .models import Item

    changed = 0
    for item in Item.objects.filter(publish_due_provisional=True).only("pk", "formed_date"):
        due = publication_deadline(item.formed_date)
        Item.objects.filter(pk=item.pk).update(publish_due=due.due, publish_due_provisional=due.provisional)
        changed += 1
    return changed
