"""Public intake and status pages; staff queues and the case page. Every staff view reads its object through
applications.access (core.permissions.fetch), so the check cannot be forgotten."""

from dataclasses import dataclass
from typing import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core import permissions
from gongkai.core.calendar_service import get_calendar
from gongkai.core.forms import apply_validation_error
from gongkai.core.http import client_address
from gongkai.core.models import AuditEvent
from gongkai.core.views.staff import staff_required

from . import access, forms
from .forms import DeliveryForm
from .models import Application, Letter, ReplyAttachment, State
from .services import clock as clock_services
from .services import intake, letters, reply, review
from .workflow import CASE, clock_actions_from


def apply(request):
    form = forms.ApplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agency = data.pop("agency")
        proof = data.pop("id_proof", None)
        try:
            app, password = intake.submit_online(agency, data, proof.read() if proof else None,
                                                 proof.name if proof else "")
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return render(request, "applications/submitted.html", {"app": app, "password": password})
    return render(request, "applications/apply.html", {"form": form}, status=400 if form.errors else 200)


def _applicant_links(app: Application) -> tuple[list, list]:
    """Signed, expiring download links for the applicant's letters and (when information is released) attachments."""
    from django.core import signing

    letter_links = [(letter, signing.dumps(letter.pk, salt="applicant-letter")) for letter in app.letters.all()]
    attachments = []
    if reply.releases_information(app):
        attachments = [(a, signing.dumps(a.pk, salt="applicant-attachment")) for a in app.attachments.defer("text")]
    return letter_links, attachments


def status(request):
    """The applicant's page: state, due date with its derivation. Rate-limited; the same answer for a wrong number
    and a wrong password, so numbers cannot be enumerated."""
    form = forms.StatusForm(request.POST or None)
    app, result, error = None, None, ""
    if request.method == "POST" and form.is_valid():
        app, error = intake.query_with_limit(client_address(request),
                                             form.cleaned_data["tracking_number"], form.cleaned_data["password"])
        if app is not None and request.POST.get("correction"):
            try:
                app = intake.submit_correction(app, request.POST["correction"])
                messages.success(request, "补正材料已提交，答复期限自今日起重新计算。")
            except ValidationError as exc:
                error = "；".join(exc.messages)
        if app is not None:
            result = clock_services.clock(app)
    letter_links, attachments = _applicant_links(app) if app is not None else ([], [])
    return render(request, "applications/status.html", {
        "form": form, "app": app, "result": result, "error": error, "letters": letter_links,
        "attachments": attachments, "can_correct": app is not None and intake.can_correct_online(app),
    }, status=200 if not error else 400)


@staff_required
def queue(request):
    agencies = permissions.visible_agencies(request.user)
    qs = Application.objects.filter(agency__in=agencies).select_related("agency")
    today = timezone.localdate()
    horizon = get_calendar().add_workdays(today, 5).due
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
    form = forms.RegisterForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agency, channel, received = data.pop("agency"), data.pop("channel"), data.pop("received_date")
        try:
            app, password = intake.register(request.user, agency, data, channel, received)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"已登记，申请编号 {app.tracking_number}，查询密码 {password}（请告知申请人）。")
            return redirect("applications_staff:case", pk=app.pk)
    return render(request, "applications/register.html", {"form": form}, status=400 if form.errors else 200)


def _blank_forms(app: Application) -> dict:
    today = timezone.localdate()
    return {
        "clock": forms.ClockPanelForm(initial={"date": today, "version": app.version}, actions=clock_actions_from(app.state)),
        "reply": forms.ReplyForm(initial={"date": today, "version": app.version}, prefix="reply"),
        "attach": forms.AttachForm(),
        "split": forms.SplitForm(),
        "review_case": forms.ReviewCaseForm(initial={"filed_on": today}),
        "proactive": forms.ProactiveForm(),
    }


def _letter_rows(app: Application, failed: DeliveryForm | None) -> list:
    """Each letter with its delivery form: the one that failed keeps what was typed and its errors."""
    rows = []
    for letter in app.letters.all():
        if failed is not None and str(failed.data.get("letter")) == str(letter.pk):
            form = failed
        else:
            form = DeliveryForm(initial={"letter": letter.pk, "date": timezone.localdate()},
                                auto_id=f"id_delivery{letter.pk}_%s")
        rows.append((letter, form))
    return rows


def _case_page(request, app: Application, failed: tuple[str, object] | None = None, status: int = 200):
    from gongkai.privacy.services import findings_for

    page_forms = _blank_forms(app)
    if failed is not None and failed[0] in page_forms:
        page_forms[failed[0]] = failed[1]
    handling = permissions.can(request.user, permissions.HANDLE, app)
    return render(request, "applications/case.html", {
        "app": app, "attachments": app.attachments.defer("text"), "result": clock_services.clock(app), "events": app.events.select_related("actor"),
        "findings": findings_for(app), "flags": reply.similar_requests(app),
        "can_review": permissions.can(request.user, permissions.REVIEW, app),
        "audit": AuditEvent.objects.for_object(app)[:50], "forms": page_forms,
        "letters": _letter_rows(app, failed[1] if failed and failed[0] == "delivery" else None),
        "can_handle": handling, "can_act": handling and bool(CASE.actions_from(app.state)),
        "clock_actions": clock_actions_from(app.state), "can_reply": CASE.can(app.state, "replied"),
        "can_propose_proactive": reply.releases_information(app),
    }, status=status)


@staff_required
def case(request, pk):
    return _case_page(request, access.get_case(request.user, permissions.VIEW, pk))


def _version(form) -> int | None:
    return form.cleaned_data.get("version")


def _clock_action(request, app, form) -> str:
    data = form.cleaned_data
    clock_services.act(request.user, app, data["action"], data["date"], data["note"],
                       expected_version=_version(form), **form.service_data(app))
    return "已记录。"


def _reply(request, app, form) -> str:
    data = form.cleaned_data
    reply.reply(request.user, app, data["date"], data["outcome"], data["note"], expected_version=_version(form))
    return "已答复。"


def _attach(request, app, form) -> str:
    upload = form.cleaned_data["file"]
    reply.add_reply_attachment(request.user, app, upload.name, upload.read())
    return f"已添加答复附件 {upload.name}。"


def _split(request, app, form) -> str:
    parts = reply.split(request.user, app, form.cleaned_data["descriptions"].splitlines())
    return f"已拆分为 {len(parts)} 件。"


def _review_case(request, app, form) -> str:
    data = form.cleaned_data
    review.record_review_case(request.user, app.agency, data["route"], data["case_number"], data["body"],
                              data["filed_on"], application=app)
    return "已记录复议/诉讼案件。"


def _delivery(request, app, form) -> str:
    data = form.cleaned_data
    letter = get_object_or_404(Letter, pk=data["letter"], application=app)
    letters.record_delivery(request.user, letter, data["method"], data["date"], data["proof"])
    return "已记录送达。"


def _proactive(request, app, form) -> str:
    item = reply.propose_proactive(request.user, app)
    return f"已生成主动公开草稿（第四十四条）：{item.title}"


@dataclass(frozen=True)
class CaseAction:
    panel: str                       # the form on the case page that shows this action (and its errors)
    perform: Callable                # (request, app, valid form) → the success message
    form: type | None = None         # the form that validates it (clock actions: chosen by action name)
    prefix: str | None = None


CASE_ACTIONS = {
    "reply": CaseAction("reply", _reply, forms.ReplyForm, prefix="reply"),
    "attach": CaseAction("attach", _attach, forms.AttachForm),
    "split": CaseAction("split", _split, forms.SplitForm),
    "review_case": CaseAction("review_case", _review_case, forms.ReviewCaseForm),
    "delivery": CaseAction("delivery", _delivery, DeliveryForm),
    "proactive": CaseAction("proactive", _proactive, forms.ProactiveForm),
}
CLOCK_ACTION = CaseAction("clock", _clock_action)


def _bound_form(request, app, name: str, action: CaseAction):
    if action is CLOCK_ACTION:
        return forms.CLOCK_ACTION_FORMS.get(name, forms.ClockActionForm)(request.POST, actions=clock_actions_from(app.state))
    return action.form(request.POST, request.FILES, prefix=action.prefix)


def _shown_form(request, app, action: CaseAction, form):
    """The form the page shows again: for clock actions the whole panel, with what was typed and every error."""
    if action is not CLOCK_ACTION:
        return form
    panel = forms.ClockPanelForm(request.POST, actions=clock_actions_from(app.state))
    panel.is_valid()
    for field, errors in form.errors.items():
        if field not in panel.errors:
            panel.add_error(field if field in panel.fields else None, errors)
    return panel


@staff_required
@require_POST
def case_action(request, pk):
    """One form per action, chosen by the action's name; a refusal re-shows the page with the typed values kept and
    the reason beside the field, nothing half-saved (each service is one transaction)."""
    name = request.POST.get("action", "")
    app = access.get_case(request.user, access.permission_for(name), pk)   # checked before any form is read
    action = CASE_ACTIONS.get(name, CLOCK_ACTION)
    form = _bound_form(request, app, name, action)
    if form.is_valid():
        try:
            messages.success(request, action.perform(request, app, form))
            return redirect("applications_staff:case", pk=pk)
        except ValidationError as exc:
            apply_validation_error(form, exc)
    shown = _shown_form(request, app, action, form)
    messages.error(request, "未保存：" + "；".join(m for errors in shown.errors.values() for m in errors))
    return _case_page(request, app, (action.panel, shown), status=400)


def _letter_response(letter, fmt: str):
    from urllib.parse import quote

    from django.http import HttpResponse

    from .letters import render_docx, render_pdf

    args = (letter.title, letter.number, letter.paragraphs, letter.application.agency.full_name, letter.date)
    if fmt == "pdf":
        response = HttpResponse(render_pdf(*args), content_type="application/pdf")
    else:
        response = HttpResponse(render_docx(*args),
                                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(letter.title + '-' + letter.number)}.{fmt}"
    return response


@staff_required
def staff_letter(request, pk, letter_id, fmt):
    return _letter_response(access.get_letter(request.user, permissions.VIEW, pk, letter_id), fmt)


def _signed(token: str, salt: str) -> int:
    from django.core import signing

    try:
        return signing.loads(token, salt=salt, max_age=3600)
    except signing.BadSignature:
        raise Http404("链接无效或已过期，请重新查询") from None


def applicant_letter(request, token, fmt):
    """Download for the applicant: a signed, expiring link handed out by the status page after the password check."""
    return _letter_response(get_object_or_404(Letter, pk=_signed(token, "applicant-letter")), fmt)


def applicant_attachment(request, token):
    from django.http import FileResponse

    att = get_object_or_404(ReplyAttachment.objects.select_related("application").defer("text"),
                            pk=_signed(token, "applicant-attachment"))
    if not reply.releases_information(att.application):
        raise Http404("没有找到该附件")
    return FileResponse(att.file.open("rb"), as_attachment=True, filename=att.name, content_type=att.content_type)


@staff_required
def id_proof(request, pk):
    """Staff of the agency view the identity proof; it is never reachable by a public URL."""
    from pathlib import Path

    from django.http import FileResponse

    app = access.get_case(request.user, permissions.HANDLE, pk)
    if not app.id_proof_path or not Path(app.id_proof_path).exists():
        raise Http404("没有身份证明材料")
    return FileResponse(open(app.id_proof_path, "rb"), as_attachment=True, filename=Path(app.id_proof_path).name)


@staff_required
def case_archive(request, pk):
    from django.http import HttpResponse

    from .archive import case_pdf

    app = access.get_case(request.user, permissions.VIEW, pk)
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
        raise PermissionDenied("只有机构管理员可以修改告知书模板")
    permissions.require(request.user, permissions.MANAGE, agency)
    errors = {}
    if request.method == "POST":
        try:
            letters.save_letter_template(request.user, agency, request.POST.get("kind", ""), request.POST.get("text", ""))
            messages.success(request, "模板已保存。")
            return redirect(f"{reverse('applications_staff:templates')}?agency={agency.code}")
        except ValidationError as exc:
            errors = exc.message_dict
    current = {t.kind: t.text for t in LetterTemplate.objects.filter(agency=agency)}
    return render(request, "applications/templates.html", {
        "agency": agency, "agencies": agencies, "kinds": [(k, v, current.get(k, "")) for k, v in KINDS.items()],
        "placeholders": PLACEHOLDERS, "errors": errors}, status=400 if errors else 200)
