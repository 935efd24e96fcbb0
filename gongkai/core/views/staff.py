"""Staff back office. Every view asks gongkai.core.permissions; nothing else decides access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import permissions, registry, services
from ..forms import AgencyForm, RoleForm, StaffCreateForm, TokenForm, apply_validation_error
from ..models import Agency, ApiToken, AuditEvent, Membership, User


def staff_required(view):
    """Logged in and holding at least one role; otherwise 403 (never a silent empty page)."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not permissions.is_staff_member(request.user):
            raise PermissionDenied("您的账号没有任何机构的角色")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@staff_required
def home(request):
    agencies = permissions.visible_agencies(request.user).order_by("path")
    memberships = Membership.objects.filter(user=request.user).select_related("agency")
    visible = list(agencies)
    panels = []   # sections other apps add (gongkai.core.registry), e.g. reports due soon or overdue
    for panel in registry.staff_panels():
        rows = list(panel.rows(request.user, visible))
        if rows:
            panels.append((panel, rows))
    return render(request, "staff/home.html", {"agencies": visible, "memberships": memberships, "panels": panels})


@staff_required
def agency_detail(request, code):
    agency = permissions.fetch(request.user, permissions.VIEW, Agency.objects.by_code(code))
    events = Paginator(AuditEvent.objects.for_object(agency).select_related("actor"), 20).get_page(request.GET.get("page"))
    return render(request, "staff/agency.html", {
        "agency": agency,
        "children": permissions.visible_agencies(request.user).filter(parent=agency),
        "members": agency.memberships.select_related("user").order_by("role", "user__username"),
        "events": events,
        "can_manage": permissions.can(request.user, permissions.MANAGE, agency),
    })


@staff_required
def agency_edit(request, code):
    agency = permissions.fetch(request.user, permissions.MANAGE, Agency.objects.by_code(code))
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.update_agency(request.user, agency, **{k: v for k, v in form.cleaned_data.items()})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "机构信息已保存。")
            return redirect("staff:agency", code=agency.code)
    return render(request, "staff/agency_edit.html", {"agency": agency, "form": form},
                  status=400 if form.errors else 200)


@staff_required
def agency_staff(request, code):
    agency = permissions.fetch(request.user, permissions.MANAGE, Agency.objects.by_code(code))
    create_form = StaffCreateForm(request.POST if request.POST.get("form") == "create" else None, prefix="new")
    role_form = RoleForm(request.POST if request.POST.get("form") == "role" else None, prefix="role")
    if request.method == "POST":
        form = create_form if request.POST.get("form") == "create" else role_form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if form is create_form:
                    services.create_staff(request.user, data["username"], data["password"], data["display_name"],
                                          data["email"], agency=agency, role=data["role"])
                    messages.success(request, f"已新建工作人员 {data['username']}。")
                else:
                    user = User.objects.filter(username=data["username"]).first()
                    if user is None:
                        raise ValidationError({"username": f"用户不存在：{data['username']}"})
                    services.assign_role(request.user, user, agency, data["role"])
                    messages.success(request, f"已为 {user} 分配角色。")
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                return redirect("staff:agency_staff", code=agency.code)
    members = agency.memberships.select_related("user").order_by("role", "user__username")
    return render(request, "staff/agency_staff.html", {"agency": agency, "members": members,
                  "create_form": create_form, "role_form": role_form},
                  status=400 if (create_form.errors or role_form.errors) else 200)


@staff_required
@require_POST
def membership_revoke(request, pk):
    membership = permissions.fetch(request.user, permissions.MANAGE, Membership.objects.select_related("agency", "user"),
                                   pk=pk)
    services.revoke_role(request.user, membership)
    messages.success(request, "角色已撤销。")
    return redirect("staff:agency_staff", code=membership.agency.code)


@staff_required
def tokens(request):
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _, new_key = services.issue_api_token(request.user, request.user, form.cleaned_data["name"],
                                                  form.cleaned_data["days"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
    return render(request, "staff/tokens.html", {"form": form, "new_key": new_key,
                  "tokens": request.user.api_tokens.order_by("-created_at")}, status=400 if form.errors else 200)


@staff_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)   # only one's own tokens are even found
    services.revoke_api_token(request.user, token)
    messages.success(request, f"令牌 {token.prefix}… 已吊销。")
    return redirect("staff:tokens")
