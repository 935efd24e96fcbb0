"""Staff page: open personal-information findings with one-click redact / withdraw / not-personal-data."""

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from gongkai.core import permissions
from gongkai.core.views.staff import staff_required

from . import services
from .models import FindingStatus, StoredFinding, SweepRun
from .redact import RedactionFailed


@staff_required
def findings(request):
    qs = StoredFinding.objects.filter(agency__in=permissions.visible_agencies(request.user)).select_related("agency")
    status = request.GET.get("status", FindingStatus.OPEN)
    if status in FindingStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("agency__path", "-found_at", "id"), 50).get_page(request.GET.get("page"))
    return render(request, "privacy/findings.html", {"page": page, "status": status, "statuses": FindingStatus.choices,
                                                     "last_sweep": SweepRun.objects.first()})


def _apply(request, finding: StoredFinding, action: str) -> str:
    """Carry out one decision; the message for the person who made it."""
    reason = request.POST.get("reason", "")
    if action == "redact":
        obj = apps.get_model(finding.object_type).objects.get(pk=finding.object_id)
        return f"已脱敏，关闭 {services.redact(request.user, obj, [finding.handle])} 处检查结果。"
    if action == "withdraw":
        services.withdraw(request.user, finding, reason)
        return "已撤回该信息。"
    if action == "not_personal":
        services.mark_not_personal(request.user, finding, reason)
        return "已标记为不属于个人信息。"
    if action == "override":
        services.override(request.user, finding, reason)
        return "已确认可以公开。"
    return ""


def _back(request):
    """Where to go after a decision: the `next` the form sent when it points into this site, else the findings."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect("privacy:findings")


@staff_required
@require_POST
def decide(request, pk, action):
    finding = permissions.fetch(request.user, permissions.REVIEW, StoredFinding.objects.select_related("agency"),
                                pk=pk)
    try:
        done = _apply(request, finding, action)
    except ValidationError as exc:
        for msg in exc.messages:
            messages.error(request, msg)
    except RedactionFailed as exc:  # e.g. a file type that cannot be redacted automatically
        messages.error(request, str(exc))
    else:
        if done:
            messages.success(request, done)
    return _back(request)
