"""Catalogue back office: drafting, review, publication, withdrawal, due lists. Access via core.permissions only."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core import permissions
from gongkai.core.models import AuditEvent
from gongkai.core.views.portal import get_agency_by_code
from gongkai.core.views.staff import staff_required

from . import services
from .forms import AttachmentForm, ItemForm, LinkForm, ReasonForm, ReviewForm, SupersedeForm
from .models import Item, Status


def _errors_to_messages(request, exc: ValidationError):
    for field, msgs in exc.message_dict.items():
        for msg in msgs:
            messages.error(request, msg)


def _get_item(request, pk, action=permissions.VIEW) -> Item:
    item = get_object_or_404(Item.objects.select_related("agency", "genre", "topic"), pk=pk)
    permissions.require(request.user, action, item)
    return item


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
                                  status__in=[Status.DRAFT, Status.SUBMITTED, Status.REVIEWED],
                                  publish_due__isnull=False).select_related("agency").order_by("publish_due")
    overdue = [i for i in pending if i.publish_due < today]
    due_soon = [i for i in pending if today <= i.publish_due <= today + timedelta(days=7)]
    reviews = Item.objects.filter(agency__in=agencies, disclosure="withheld",
                                  next_review_date__lte=today).select_related("agency").order_by("next_review_date")
    return render(request, "catalog/staff_due.html", {"overdue": overdue, "due_soon": due_soon, "reviews": reviews,
                                                      "today": today})


@staff_required
def item_create(request):
    code = request.GET.get("agency") or request.POST.get("agency")
    agency = get_agency_by_code(code) if code else None
    if agency is None:
        choices = permissions.visible_agencies(request.user, permissions.HANDLE)
        return render(request, "catalog/staff_pick_agency.html", {"agencies": choices})
    permissions.require(request.user, permissions.HANDLE, agency)
    services.seed_agency_catalog(agency)
    form = ItemForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("categories",)}
        data = {k: ("" if v is None and k in ("withholding_ground", "interpretation_form") else v) for k, v in data.items()}
        try:
            item = services.create_item(request.user, agency, categories=form.cleaned_data["categories"], **data)
        except ValidationError as exc:
            for field, msgs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, msgs)
        else:
            messages.success(request, "草稿已保存。")
            return redirect("catalog_staff:item", pk=item.pk)
    return render(request, "catalog/staff_form.html", {"form": form, "agency": agency, "item": None},
                  status=400 if form.errors else 200)


@staff_required
def item_edit(request, pk):
    item = _get_item(request, pk, permissions.HANDLE)
    form = ItemForm(request.POST or None, instance=item, agency=item.agency,
                    initial={"categories": item.categories.all()})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "categories"}
        data = {k: ("" if v is None and k in ("withholding_ground", "interpretation_form") else v) for k, v in data.items()}
        try:
            services.update_item(request.user, Item.objects.get(pk=pk), categories=form.cleaned_data["categories"], **data)
        except ValidationError as exc:
            for field, msgs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, msgs)
        else:
            messages.success(request, "已保存。")
            return redirect("catalog_staff:item", pk=pk)
    return render(request, "catalog/staff_form.html", {"form": form, "agency": item.agency, "item": item},
                  status=400 if form.errors else 200)


@staff_required
def item_detail(request, pk):
    item = _get_item(request, pk)
    user = request.user
    findings = []
    try:
        from gongkai.privacy.services import findings_for

        findings = findings_for(item)
    except ImportError:
        findings = []
    events = Paginator(AuditEvent.objects.for_object(item), 20).get_page(request.GET.get("page"))
    return render(request, "catalog/staff_item.html", {
        "item": item, "events": events, "warnings": services.publication_warnings(item),
        "can_handle": permissions.can(user, permissions.HANDLE, item),
        "can_review": permissions.can(user, permissions.REVIEW, item),
        "attachment_form": AttachmentForm(), "review_form": ReviewForm(), "reason_form": ReasonForm(),
        "supersede_form": SupersedeForm(), "link_form": LinkForm(), "findings": findings,
    })


@staff_required
@require_POST
def item_action(request, pk, action):
    item = _get_item(request, pk)
    try:
        if action == "submit":
            services.submit(request.user, item)
            messages.success(request, "已提交审核。")
        elif action == "review":
            form = ReviewForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"decision": "请选择审核结论"})
            approve = form.cleaned_data["decision"] == "approve"
            services.review(request.user, item, approve, form.cleaned_data["note"])
            messages.success(request, "审核通过。" if approve else "已退回。")
        elif action == "publish":
            item = services.publish(request.user, item)
            messages.success(request, f"已发布，索引号 {item.index_number}。")
        elif action == "withdraw":
            services.withdraw(request.user, item, request.POST.get("reason", ""))
            messages.success(request, "已撤回。")
        elif action == "attach":
            form = AttachmentForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ValidationError({"file": "请选择要上传的文件"})
            upload = form.cleaned_data["file"]
            services.add_attachment(request.user, item, upload.name, upload.read())
            messages.success(request, f"已添加附件 {upload.name}。")
        elif action == "supersede":
            form = SupersedeForm(request.POST)
            form.is_valid()
            by = None
            if number := form.cleaned_data.get("by_index_number", "").strip():
                by = Item.objects.filter(index_number=number).first()
                if by is None:
                    raise ValidationError({"by": f"没有索引号为 {number} 的信息"})
            if form.cleaned_data.get("action") == "amended":
                if by is None:
                    raise ValidationError({"by": "请填写修改文件的索引号"})
                services.mark_amended(request.user, item, by)
            else:
                services.mark_repealed(request.user, item, by)
            messages.success(request, "有效性已更新。")
        elif action == "link":
            number = request.POST.get("index_number", "").strip()
            policy = Item.objects.filter(index_number=number).first()
            if policy is None:
                raise ValidationError({"index_number": f"没有索引号为 {number} 的信息"})
            services.link_interpretation(request.user, item, policy)
            messages.success(request, f"已关联：{policy.title}")
        elif action == "re_review":
            services.record_re_review(request.user, item, request.POST.get("outcome", ""), request.POST.get("note", ""))
            messages.success(request, "复审结论已记录。")
        else:
            return redirect("catalog_staff:item", pk=pk)
    except ValidationError as exc:
        _errors_to_messages(request, exc)
    return redirect("catalog_staff:item", pk=pk)


@staff_required
def gazette_create(request):
    """编印一期政府公报: pick published items by 索引号, in order."""
    from .forms import GazetteForm

    agencies = permissions.visible_agencies(request.user, permissions.HANDLE).order_by("path")
    form = GazetteForm(request.POST or None)
    form.fields["agency"].choices = [(a.code, a.full_name) for a in agencies]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agency = get_agency_by_code(data["agency"])
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
                for field, msgs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, msgs)
            else:
                messages.success(request, f"已编印 {issue}。")
                return redirect(f"/disclosure/gazette/{issue.pk}/")
    return render(request, "catalog/staff_gazette.html", {"form": form}, status=400 if form.errors else 200)
