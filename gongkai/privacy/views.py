"""Staff page: open personal-information findings with one-click redact / withdraw / not-personal-data."""

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.core import permissions
from gongkai.core.views.staff import staff_required

from . import services
from .models import FindingStatus, StoredFinding, SweepRun


@staff_required
def findings(request):
    qs = StoredFinding.objects.filter(agency__in=permissions.visible_agencies(request.user)).select_related("agency")
    status = request.GET.get("status", FindingStatus.OPEN)
    if status in FindingStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("agency__path", "-found_at", "id"), 50).get_page(request.GET.get("page"))
    return render(request, "privacy/findings.html", {"page": page, "status": status, "statuses": FindingStatus.choices,
                                                     "last_sweep": SweepRun.objects.first()})


@staff_required
@require_POST
def decide(request, pk, action):
    finding = get_object_or_404(StoredFinding.objects.select_related("agency"), pk=pk)
    permissions.require(request.user, permissions.REVIEW, finding)
    reason = request.POST.get("reason", "")
    try:
        if action == "redact":
            obj = apps.get_model(finding.object_type).objects.get(pk=finding.object_id)
            closed = services.redact(request.user, obj, [finding.handle])
            messages.success(request, f"已脱敏，关闭 {closed} 处检查结果。")
        elif action == "withdraw":
            services.withdraw(request.user, finding, reason)
            messages.success(request, "已撤回该信息。")
        elif action == "not_personal":
            services.mark_not_personal(request.user, finding, reason)
            messages.success(request, "已标记为不属于个人信息。")
        elif action == "override":
            services.override(request.user, finding, reason)
            messages.success(request, "已确认可以公开。")
    except ValidationError as exc:
        for msgs in exc.message_dict.values():
            for msg in msgs:
                messages.error(request, msg)
    except Exception as exc:  # e.g. a file type that cannot be redacted automatically
        from .redact import RedactionFailed

        if not isinstance(exc, RedactionFailed):
            raise
        messages.error(request, str(exc))
    return redirect(request.POST.get("next") or "privacy:findings")
