"""The one permission module: "may this user do this to this object?"

Views, the API and services ask only `fetch` (read an object and check it in one call), `can`, `require` or
`visible_agencies`. Objects are agencies or
anything with an `agency` attribute (or a `permission_agency()` method).

Scope: a 公开办管理员 acts on its agency and everything under it; every other role acts on its own
agency only. Superusers may do everything.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Agency, Membership, Role

VIEW = "view"            # see staff pages and records
HANDLE = "handle"        # 承办: draft, register, process cases
REVIEW = "review"        # 审核: sign off before release
MANAGE = "manage"        # edit the agency's details and its staff
SUPERVISE = "supervise"  # cross-agency supervision, reports for a government

ACTIONS = (VIEW, HANDLE, REVIEW, MANAGE, SUPERVISE)

# Which actions each role grants. Data, not code paths.
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.OFFICE_ADMIN: frozenset({VIEW, HANDLE, REVIEW, MANAGE, SUPERVISE}),
    Role.AGENCY_ADMIN: frozenset({VIEW, HANDLE, MANAGE}),
    Role.HANDLER: frozenset({VIEW, HANDLE}),
    Role.REVIEWER: frozenset({VIEW, REVIEW}),
    Role.READONLY: frozenset({VIEW}),
}
# Roles whose reach includes the agency's subtree.
SUBTREE_ROLES = frozenset({Role.OFFICE_ADMIN})

ACTION_LABELS = {VIEW: "查看", HANDLE: "办理", REVIEW: "审核", MANAGE: "管理", SUPERVISE: "监督"}


def agency_of(obj) -> Agency | None:
    if isinstance(obj, Agency):
        return obj
    if hasattr(obj, "permission_agency"):
        return obj.permission_agency()
    return getattr(obj, "agency", None)


def _memberships(user) -> list[Membership]:
    cache = getattr(user, "_gongkai_memberships", None)
    if cache is None:
        cache = list(Membership.objects.filter(user=user).select_related("agency"))
        user._gongkai_memberships = cache
    return cache


def memberships(user) -> list[Membership]:
    """The user's roles (with their agencies), read once per request."""
    return _memberships(user)


def can(user, action: str, obj) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    agency = agency_of(obj)
    if agency is None:
        return False
    for m in _memberships(user):
        if action not in ROLE_ACTIONS.get(m.role, ()):
            continue
        if m.agency_id == agency.pk:
            return True
        if m.role in SUBTREE_ROLES and agency.is_within(m.agency):
            return True
    return False


def require(user, action: str, obj) -> None:
    if not can(user, action, obj):
        raise PermissionDenied(f"您没有{ACTION_LABELS.get(action, action)}此对象的权限")


def fetch(user, action: str, model_or_queryset, **lookup):
    """Fetch-and-check, the way every staff view and API endpoint reads an object: the object if `user` may
    `action` it; Http404 if there is none; PermissionDenied (Chinese 403) if there is one but not for this user.

        item = permissions.fetch(request.user, permissions.HANDLE, Item, pk=pk)
    """
    obj = get_object_or_404(model_or_queryset, **lookup)
    require(user, action, obj)
    return obj


def visible_agencies(user, action: str = VIEW):
    """Agencies on which `user` may perform `action`, as a queryset."""
    qs = Agency.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.is_superuser:
        return qs
    from django.db.models import Q

    q = Q(pk__in=[])
    for m in _memberships(user):
        if action not in ROLE_ACTIONS.get(m.role, ()):
            continue
        q |= Q(path__startswith=m.agency.path) if m.role in SUBTREE_ROLES else Q(pk=m.agency_id)
    return qs.filter(q)


def is_staff_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and (user.is_superuser or _memberships(user)))


def may_grant(user, role: str, agency: Agency) -> bool:
    """May `user` grant (or revoke) `role` at `agency`? Only up to the granter's own reach: MANAGE on the agency, and
    the subtree role 公开办管理员 only from a superuser or a 公开办管理员 whose subtree holds the agency — so an
    agency admin can never make itself or anyone else office admin, nor act on agencies above it. `user=None` is the
    command line (the operator of the machine)."""
    if user is None:
        return True
    if not can(user, MANAGE, agency):
        return False
    if role in SUBTREE_ROLES and not user.is_superuser:
        return any(m.role in SUBTREE_ROLES and agency.is_within(m.agency) for m in _memberships(user))
    return True


PLATFORM_ONLY = "只有本级人民政府公开办管理员或系统管理员可以修改全平台设置（如节假日安排）"


def can_manage_platform(user) -> bool:
    """Platform-wide powers that move every agency's deadlines (the holiday calendar): superusers and the
    公开办管理员 of a top-level government only — not a county's or a department's."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(m.role in SUBTREE_ROLES and m.agency.parent_id is None for m in _memberships(user))


def can_supervise_any(user) -> bool:
    """Platform-wide settings (the holiday calendar): superusers and any 公开办管理员."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(m.role in SUBTREE_ROLES for m in _memberships(user))


def can_open_audit(user, owner_id: int | None) -> bool:
    """A report audit (uploaded published reports) is seen by the staff member who ran it, or a superuser."""
    return bool(user.is_authenticated and (user.is_superuser or (owner_id is not None and user.pk == owner_id)))
