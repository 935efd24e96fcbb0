"""Daily reminders: staff who handle an agency's applications hear about cases due within N working days and
overdue ones (run `gongkai applications remind` once a day, e.g. from cron)."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from gongkai.core.calendar_service import get_calendar
from gongkai.core.models import Membership, Role

from .models import Application, State


def send_reminders(days: int = 5) -> int:
    today = timezone.localdate()
    horizon = get_calendar().add_workdays(today, days).due
    open_cases = Application.objects.exclude(state__in=[State.CLOSED, State.AWAITING_CONFIRMATION]).filter(
        due_date__lte=horizon).select_related("agency").order_by("agency_id", "due_date")
    by_agency: dict = {}
    for app in open_cases:
        by_agency.setdefault(app.agency, []).append(app)
    sent = 0
    for agency, apps in by_agency.items():
        to = sorted({m.user.email for m in Membership.objects.filter(
            agency=agency, role__in=[Role.HANDLER, Role.AGENCY_ADMIN]).select_related("user") if m.user.email})
        if not to:
            continue
        lines = [f"{a.tracking_number}  答复期限 {a.due_date}{'（已超期）' if a.due_date < today else ''}" for a in apps]
        send_mail(f"{settings.SITE_NAME}：{agency.full_name} 有 {len(apps)} 件申请即将到期或已超期",
                  "\n".join(lines), settings.DEFAULT_FROM_EMAIL, to)
        sent += 1
    return sent
