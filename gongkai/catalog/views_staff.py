"""Catalogue back office: drafting, review, publication, withdrawal, due lists. Access via core.permissions only."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core import permissions
from gongkai.core.forms import apply_validation_error
from gongkai.core.models import AuditEvent
from gongkai.core.views.portal import get_agency_by_code
from gongkai.core.views.staff import staff_required

from . import services
from .access import fetch_agency, fetch_item, offered_actions, right_for
from .forms import AttachmentForm, ItemForm, LinkForm, NoFieldsForm, ReasonForm, ReReviewForm, ReviewForm, SupersedeForm
from .models import Item, Status
from .workflow import UNPUBLISHED


@staff_required
def item_list(request):
    agencies = permissions.visible_agencies(request.user)
    qs = Item.objects.filter(agency__in=agencies).select_related("agency", "genre")
    status = request.GET.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(doc_number__icontains=q) | Q(index_number__icontains=q))
    if code := request.GET.get("agency"):
        qs = qs.filter(agency=get_agency_by_code(code))
    page = Paginator(qs.order_by("-updated_at", "-id"), 30).get_page(request.GET.get("page"))
    return render(request, "catalog/staff_list.html", {
        "page": page, "status": status, "q": q, "statuses": Status.choices,
        "agencies": permissions.visible_agencies(request.user, permissions.HANDLE)})


@staff_required
def due_list(request):
    """Art. 26: unpublished proactive items due within 5 days or overdue; 不予公开 items due for re-review."""
    today = timezone.localdate()
    agencies = permissions.visible_agencies(request.user)
    pending = Item.objects.filter(agency__in=agencies, disclosure="proactive",
                                  status__in=UNPUBLISHED,
                                  publish_due__isnull=False).select_related("agency").order_by("publish_due")
    overdue = [i for i in pending if i.publish_due < today]
    due_soon = [i for i in pending if today <= i.publish_due <= today + timedelta(days=7)]
    reviews = Item.objects.filter(agency__in=agencies, disclosure="withheld",
                                  next_review_date__lte=today).select_related("agency").order_by("next_review_date")
    return render(request, "catalog/staff_due.html", {"overdue": overdue, "due_soon": due_soon, "reviews": reviews,
                                                      "today": today})


def _item_fields(form) -> dict:
    """The ItemForm's fields as the drafting service takes them (categories apart; an unset choice is "")."""
    return {k: ("" if v is None and k in ("withholding_ground", "interpretation_form") else v)
            for k, v in form.cleaned_data.items() if k != "categories"}


@staff_required
def item_create(request):
    code = request.GET.get("agency") or request.POST.get("agency")
    if not code:
        choices = permissions.visible_agencies(request.user, permissions.HANDLE)
        return render(request, "catalog/staff_pick_agency.html", {"agencies": choices})
    agency = fetch_agency(request.user, permissions.HANDLE, code)
    services.seed_agency_catalog(agency)
    form = ItemForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = _item_fields(form)
        try:
            item = services.create_item(request.user, agency, categories=form.cleaned_data["categories"], **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "草稿已保存。")
            return redirect("catalog_staff:item", pk=item.pk)
    return render(request, "catalog/staff_form.html", {"form": form, "agency": agency, "item": None},
                  status=400 if form.errors else 200)


@staff_required
def item_edit(request, pk):
    item = fetch_item(request.user, permissions.HANDLE, pk)
    form = ItemForm(request.POST or None, instance=item, agency=item.agency,
                    initial={"categories": item.categories.all()})
    if request.method == "POST" and form.is_valid():
        data = _item_fields(form)
        try:
            services.update_item(request.user, Item.objects.get(pk=pk), categories=form.cleaned_data["categories"], **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("catalog_staff:item", pk=pk)
    return render(request, "catalog/staff_form.html", {"form": form, "agency": item.agency, "item": item},
                  status=400 if form.errors else 200)


def _render_item(request, item: Item, bound_form=None, status: int = 200):
    """The staff item page: facts, privacy findings, the forms of the actions on offer, the audit trail."""
    findings = []
    try:
        from gongkai.privacy.services import findings_for

        findings = findings_for(item)
    except ImportError:
        findings = []
    forms = {name: form_class(auto_id=AUTO_IDS.get(name, "id_%s")) for name, (form_class, _) in ITEM_ACTIONS.items()}
    if bound_form is not None:
        forms[bound_form[0]] = bound_form[1]
    events = Paginator(AuditEvent.objects.for_object(item), 20).get_page(request.GET.get("page"))
    return render(request, "catalog/staff_item.html", {
        "item": item, "events": events, "warnings": services.publication_warnings(item), "findings": findings,
        "offered": offered_actions(request.user, item), "can_review": permissions.can(request.user, permissions.REVIEW, item),
        "forms": forms, "attachments": item.attachments.defer("text"),    # the extracted text can be megabytes
    }, status=status)


@staff_required
def item_detail(request, pk):
    return _render_item(request, fetch_item(request.user, permissions.VIEW, pk))


# --- the actions on the staff item page: one form and one step each ----------------------------------------

def _submit(user, item, data):
    services.submit(user, item)
    return "已提交审核。"


def _review(user, item, data):
    approve = data["decision"] == "approve"
    services.review(user, item, approve, data["note"])
    return "审核通过。" if approve else "已退回。"


def _publish(user, item, data):
    item = services.publish(user, item)
    return f"已发布，索引号 {item.index_number}。"


def _withdraw(user, item, data):
    services.withdraw(user, item, data["reason"])
    return "已撤回。"


def _attach(user, item, data):
    upload = data["file"]
    services.add_attachment(user, item, upload.name, upload.read())
    return f"已添加附件 {upload.name}。"


def _supersede(user, item, data):
    if data["action"] == "amended":
        services.mark_amended(user, item, data["by"])
    else:
        services.mark_repealed(user, item, data["by"])
    return "有效性已更新。"


def _link(user, item, data):
    policy = data["index_number"]
    services.link_interpretation(user, item, policy)
    return f"已关联：{policy.title}"


def _re_review(user, item, data):
    services.record_re_review(user, item, data["outcome"], data["note"])
    return "复审结论已记录。"


ITEM_ACTIONS = {
    "submit": (NoFieldsForm, _submit),
    "review": (ReviewForm, _review),
    "publish": (NoFieldsForm, _publish),
    "withdraw": (ReasonForm, _withdraw),
    "attach": (AttachmentForm, _attach),
    "supersede": (SupersedeForm, _supersede),
    "link": (LinkForm, _link),
    "re_review": (ReReviewForm, _re_review),
}
AUTO_IDS = {"re_review": "id_rr_%s"}  # two forms on the page have a "note"


@staff_required
@require_POST
def item_action(request, pk, action):
    """Run one action: on success back to the item page; on a refusal the page again, with what was typed kept, each
    error beside its field and the errors without a field of their own at the top."""
    if action not in ITEM_ACTIONS:
        fetch_item(request.user, permissions.VIEW, pk)
        return redirect("catalog_staff:item", pk=pk)
    item = fetch_item(request.user, right_for(action), pk)
    form_class, perform = ITEM_ACTIONS[action]
    form = form_class(request.POST, request.FILES, auto_id=AUTO_IDS.get(action, "id_%s"))
    if form.is_valid():
        try:
            messages.success(request, perform(request.user, item, form.cleaned_data))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("catalog_staff:item", pk=pk)
    item = fetch_item(request.user, permissions.VIEW, pk)
    on_page = action in offered_actions(request.user, item)  # else its form is not shown: all errors to the top
    for field, errors in form.errors.items():
        if field == NON_FIELD_ERRORS or not on_page:
            for error in errors:
                messages.error(request, error)
    return _render_item(request, item, (action, form), status=400)


@staff_required
def gazette_create(request):
    """编印一期政府公报: pick published items by 索引号, in order."""
    from .forms import GazetteForm

    agencies = permissions.visible_agencies(request.user, permissions.HANDLE).order_by("path")
    form = GazetteForm(request.POST or None)
    form.fields["agency"].choices = [(a.code, a.full_name) for a in agencies]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agency = fetch_agency(request.user, permissions.HANDLE, data["agency"])
        numbers = [n.strip() for n in data["index_numbers"].splitlines() if n.strip()]
        found = {i.index_number: i for i in Item.objects.filter(index_number__in=numbers)}
        missing = [n for n in numbers if n not in found]
        if missing:
            form.add_error("index_numbers", f"没有这些索引号的信息：{'、'.join(missing)}")
        else:
            try:
                issue = services.create_gazette_issue(request.user, agency, data["year"], data["number"],
                                                      [found[n] for n in numbers], data["title"], data["published_date"])
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, f"已编印 {issue}。")
                return redirect("catalog:gazette", pk=issue.pk)
    return render(request, "catalog/staff_gazette.html", {"form": form}, status=400 if form.errors else 200)
