"""Public intake and status pages; staff queues and the case page. Access is decided by core.permissions only."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core import permissions
from gongkai.core.models import AuditEvent
from gongkai.core.views.staff import staff_required

from . import services
from .forms import ApplyForm, RegisterForm, ReplyForm, StatusForm
from .models import Application, State

STATUS_LABELS = {"running": "计时中", "paused": "暂停计时", "stopped": "已停止计时", "overdue": "已超期"}


def _form_errors(form, exc: ValidationError):
    for field, msgs in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, msgs)


def apply(request):
    form = ApplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agency = data.pop("agency")
        proof = data.pop("id_proof", None)
        try:
            app, password = services.submit_online(agency, data, proof.read() if proof else None,
                                                   proof.name if proof else "")
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            return render(request, "applications/submitted.html", {"app": app, "password": password})
    return render(request, "applications/apply.html", {"form": form}, status=400 if form.errors else 200)


def status(request):
    """The applicant's page: state, due date with its derivation. Rate-limited; the same answer for a wrong number
    and a wrong password, so numbers cannot be enumerated."""
    form = StatusForm(request.POST or None)
    app, result, error = None, None, ""
    if request.method == "POST" and form.is_valid():
        app, error = services.query_with_limit(request.META.get("REMOTE_ADDR", ""),
                                               form.cleaned_data["tracking_number"], form.cleaned_data["password"])
        if app is not None and request.POST.get("correction"):
            try:
                app = services.submit_correction(app, request.POST["correction"])
                messages.success(request, "补正材料已提交，答复期限自今日起重新计算。")
            except ValidationError as exc:
                error = "；".join(m for msgs in exc.message_dict.values() for m in msgs)
        if app is not None:
            result = services.clock(app)
    letters, attachments = [], []
    if app is not None:
        from django.core import signing

        letters = [(letter, signing.dumps(letter.pk, salt="applicant-letter")) for letter in app.letters.all()]
        if app.outcome in services.RELEASING:
            attachments = [(a, signing.dumps(a.pk, salt="applicant-attachment")) for a in app.attachments.all()]
    return render(request, "applications/status.html", {"form": form, "app": app, "result": result, "error": error,
                                                        "labels": STATUS_LABELS, "letters": letters,
                                                        "attachments": attachments},
                  status=200 if not error else 400)


@staff_required
def queue(request):
    agencies = permissions.visible_agencies(request.user)
    qs = Application.objects.filter(agency__in=agencies).select_related("agency")
    today = timezone.localdate()
    from gongkai.core.calendar_service import get_calendar

    horizon = get_calendar().add_workdays(today, 5).due
    from django.db.models import Count

    tabs = {
        "new": ("新收待办", qs.filter(state=State.PROCESSING).annotate(n=Count("events")).filter(n=1)),
        "awaiting": ("待确认收到", qs.filter(state=State.AWAITING_CONFIRMATION)),
        "open": ("办理中", qs.exclude(state__in=[State.CLOSED, State.AWAITING_CONFIRMATION])),
        "due": ("5个工作日内到期", qs.exclude(state=State.CLOSED).filter(due_date__gte=today, due_date__lte=horizon)),
        "overdue": ("已超期", qs.exclude(state=State.CLOSED).filter(due_date__lt=today)),
        "paused": ("暂停计时", qs.filter(state__in=[State.PAUSED, State.AWAITING_CORRECTION])),
        "closed": ("已办结", qs.filter(state=State.CLOSED)),
    }
    current = request.GET.get("tab", "open")
    label, rows = tabs.get(current, tabs["open"])
    return render(request, "applications/queue.html", {"tabs": [(k, v[0], v[1].count()) for k, v in tabs.items()],
                                                       "current": current, "rows": rows.order_by("due_date", "id")[:200]})


@staff_required
def register(request):
    agencies = permissions.visible_agencies(request.user, permissions.HANDLE)
    form = RegisterForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agency, channel, received = data.pop("agency"), data.pop("channel"), data.pop("received_date")
        try:
            app, password = services.register(request.user, agency, data, channel, received)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"已登记，申请编号 {app.tracking_number}，查询密码 {password}（请告知申请人）。")
            return redirect("applications_staff:case", pk=app.pk)
    return render(request, "applications/register.html", {"form": form}, status=400 if form.errors else 200)


@staff_required
def case(request, pk):
    app = get_object_or_404(Application.objects.select_related("agency"), pk=pk)
    permissions.require(request.user, permissions.VIEW, app)
    from gongkai.privacy.services import findings_for

    return render(request, "applications/case.html", {
        "app": app, "result": services.clock(app), "events": app.events.select_related("actor"),
        "findings": findings_for(app), "flags": services.similar_requests(app), "can_review": permissions.can(request.user, permissions.REVIEW, app),
        "audit": AuditEvent.objects.for_object(app)[:50], "reply_form": ReplyForm(initial={"date": timezone.localdate()}, prefix="reply"),
        "can_handle": permissions.can(request.user, permissions.HANDLE, app),
        "can_manage": permissions.can(request.user, permissions.MANAGE, app), "today": timezone.localdate(),
        "labels": STATUS_LABELS, "actions": ACTIONS,
    })


ACTIONS = [("received", "确认收到申请"), ("correction_requested", "一次性告知补正"), ("correction_received", "收到补正材料"),
           ("correction_deadline_missed", "逾期未补正（视为放弃）"), ("consultation_started", "书面征求第三方/其他机关意见"),
           ("consultation_ended", "收到意见"), ("extension_granted", "延期答复（须负责人同意）"),
           ("fee_notice_sent", "发出收费通知"), ("fee_paid", "申请人已缴费"), ("fee_deadline_missed", "逾期未缴费（视为放弃）"),
           ("deferred", "延迟答复（第三十五条）")]


@staff_required
@require_POST
def case_action(request, pk):
    app = get_object_or_404(Application, pk=pk)
    post = request.POST
    if post.get("action") == "reply":
        post = {"action": "reply", "date": post.get("reply-date", ""), "outcome": post.get("reply-outcome", ""),
                "note": post.get("reply-note", ""), "version": post.get("version", "")}
    try:
        on = date.fromisoformat(post.get("date") or timezone.localdate().isoformat())
    except ValueError:
        messages.error(request, "请填写有效日期")
        return redirect("applications_staff:case", pk=pk)
    version = int(post.get("version") or app.version)
    try:
        if post.get("action") == "delivery":
            from .models import Letter

            letter = get_object_or_404(Letter, pk=int(post.get("letter", 0)), application=app)
            services.record_delivery(request.user, letter, post.get("method", ""), on, post.get("note", ""))
            messages.success(request, "已记录送达。")
        elif post.get("action") == "split":
            parts = services.split(request.user, app, post.get("note", "").splitlines())
            messages.success(request, f"已拆分为 {len(parts)} 件。")
        elif post.get("action") == "proactive":
            item = services.propose_proactive(request.user, app)
            messages.success(request, f"已生成主动公开草稿（第四十四条）：{item.title}")
        elif post.get("action") == "review_case":
            services.record_review_case(request.user, app.agency, post.get("route", ""), post.get("case_number", ""),
                                        post.get("body", ""), on, application=app)
            messages.success(request, "已记录复议/诉讼案件。")
        elif post.get("action") == "attach":
            upload = request.FILES.get("file")
            if upload is None:
                raise ValidationError({"file": "请选择要上传的文件"})
            services.add_reply_attachment(request.user, app, upload.name, upload.read())
            messages.success(request, f"已添加答复附件 {upload.name}。")
        elif post.get("action") == "reply":
            services.reply(request.user, app, on, post.get("outcome", ""), post.get("note", ""), expected_version=version)
            messages.success(request, "已答复。")
        else:
            kind = post.get("action", "")
            data = {}
            if kind == "consultation_started":
                data["party"] = post.get("party", "third_party")
            if kind == "extension_granted":
                data["days"] = int(post.get("days") or 0)
            if kind == "fee_notice_sent":
                data["amount"] = services.fee_for(app, post.get("method", "per_application"), int(post.get("pages") or 0))
            if kind == "deferred":
                data["due"] = post.get("due", "")
                data["reason"] = post.get("note", "")
            services.act(request.user, app, kind, on, post.get("note", ""), expected_version=version, **data)
            messages.success(request, "已记录。")
    except ValidationError as exc:
        for msgs in exc.message_dict.values():
            for msg in msgs:
                messages.error(request, msg)
    except ValueError as exc:
        messages.error(request, str(exc))
    return redirect("applications_staff:case", pk=pk)


def _letter_response(letter, fmt: str):
    from django.http import HttpResponse

    from .letters import render_docx, render_pdf

    args = (letter.title, letter.number, letter.paragraphs, letter.application.agency.full_name, letter.date)
    if fmt == "pdf":
        response = HttpResponse(render_pdf(*args), content_type="application/pdf")
    else:
        response = HttpResponse(render_docx(*args),
                                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(letter.title + '-' + letter.number)}.{fmt}"
    return response


@staff_required
def staff_letter(request, pk, letter_id, fmt):
    from .models import Letter

    letter = get_object_or_404(Letter.objects.select_related("application__agency"), pk=letter_id, application_id=pk)
    permissions.require(request.user, permissions.VIEW, letter)
    return _letter_response(letter, fmt)


def applicant_letter(request, token, fmt):
    """Download for the applicant: a signed, expiring link handed out by the status page after the password check."""
    from django.core import signing
    from django.http import Http404

    from .models import Letter

    try:
        letter_id = signing.loads(token, salt="applicant-letter", max_age=3600)
    except signing.BadSignature:
        raise Http404("链接无效或已过期，请重新查询") from None
    return _letter_response(get_object_or_404(Letter, pk=letter_id), fmt)


def applicant_attachment(request, token):
    from django.core import signing
    from django.http import FileResponse, Http404

    from .models import ReplyAttachment

    try:
        pk = signing.loads(token, salt="applicant-attachment", max_age=3600)
    except signing.BadSignature:
        raise Http404("链接无效或已过期，请重新查询") from None
    att = get_object_or_404(ReplyAttachment.objects.select_related("application"), pk=pk)
    if att.application.outcome not in services.RELEASING:
        raise Http404("没有找到该附件")
    return FileResponse(att.file.open("rb"), as_attachment=True, filename=att.name, content_type=att.content_type)


@staff_required
def id_proof(request, pk):
    """Staff of the agency view the identity proof; it is never reachable by a public URL."""
    from pathlib import Path

    from django.http import FileResponse, Http404

    app = get_object_or_404(Application, pk=pk)
    permissions.require(request.user, permissions.HANDLE, app)
    if not app.id_proof_path or not Path(app.id_proof_path).exists():
        raise Http404("没有身份证明材料")
    return FileResponse(open(app.id_proof_path, "rb"), as_attachment=True, filename=Path(app.id_proof_path).name)


@staff_required
def case_archive(request, pk):
    from django.http import HttpResponse

    from .archive import case_pdf

    app = get_object_or_404(Application.objects.select_related("agency"), pk=pk)
    permissions.require(request.user, permissions.VIEW, app)
    response = HttpResponse(case_pdf(app), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{app.tracking_number}.pdf"'
    return response


@staff_required
def letter_templates(request):
    """Agency admins edit the wording of their letters (placeholders like {申请人})."""
    from gongkai.core.views.portal import get_agency_by_code

    from .letters import KINDS, PLACEHOLDERS
    from .models import LetterTemplate

    agencies = permissions.visible_agencies(request.user, permissions.MANAGE).order_by("path")
    code = request.GET.get("agency") or request.POST.get("agency")
    agency = get_agency_by_code(code) if code else agencies.first()
    if agency is None:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("只有机构管理员可以修改告知书模板")
    permissions.require(request.user, permissions.MANAGE, agency)
    errors = {}
    if request.method == "POST":
        try:
            services.save_letter_template(request.user, agency, request.POST.get("kind", ""), request.POST.get("text", ""))
            messages.success(request, "模板已保存。")
            return redirect(f"/staff/applications/templates/?agency={agency.code}")
        except ValidationError as exc:
            errors = exc.message_dict
    current = {t.kind: t.text for t in LetterTemplate.objects.filter(agency=agency)}
    return render(request, "applications/templates.html", {
        "agency": agency, "agencies": agencies, "kinds": [(k, v, current.get(k, "")) for k, v in KINDS.items()],
        "placeholders": PLACEHOLDERS, "errors": errors}, status=400 if errors else 200)
