"""Annual-report reminders (art. 49): each agency's admins and handlers hear when its report is due within N days or
overdue, and the 公开办 of the government above hears the list (run `gongkai report remind` daily, e.g. from cron)."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from gongkai.core.models import Agency, Membership, Role

from .deadlines import due_states


def _emails(agencies, roles) -> list[str]:
    return sorted({m.user.email for m in Membership.objects.filter(agency__in=agencies, role__in=roles)
                   .select_related("user") if m.user.email})


def send_report_reminders(year: int | None = None, days: int = 15) -> int:
    """E-mails sent. Agencies whose report is published are left alone."""
    today = timezone.localdate()
    year = year or today.year - 1
    states = [s for s in due_states(list(Agency.objects.order_by("path")), year, today, soon_days=days)
              if s.status in ("overdue", "due_soon")]
    sent = 0
    for state in states:
        to = _emails([state.agency], [Role.AGENCY_ADMIN, Role.HANDLER])
        if not to:
            continue
        when = f"已于 {state.due:%Y年%m月%d日} 逾期" if state.status == "overdue" else f"应于 {state.due:%Y年%m月%d日} 前发布"
        send_mail(f"{settings.SITE_NAME}：{state.agency.full_name}{year}年政府信息公开工作年度报告{when}",
                  f"《政府信息公开条例》第四十九条：请在平台“年度报告”中编制、审核并发布 {year} 年度报告。", settings.DEFAULT_FROM_EMAIL,
                  to)
        sent += 1
    supervisors: dict[str, list] = {}
    for state in states:            # the office admins above each agency get one list
        for email in _emails(Agency.objects.filter(pk__in=[*state.agency.ancestor_ids, state.agency.pk]),
                             [Role.OFFICE_ADMIN]):
            supervisors.setdefault(email, []).append(state)
    for email, items in supervisors.items():
        lines = [f"{s.agency.full_name}  期限 {s.due:%Y-%m-%d}{'（已逾期）' if s.status == 'overdue' else ''}" for s in items]
        send_mail(f"{settings.SITE_NAME}：{len(items)} 个机构的{year}年度报告即将到期或已逾期", "\n".join(lines),
                  settings.DEFAULT_FROM_EMAIL, [email])
        sent += 1
    return sent
