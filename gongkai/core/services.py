"""State changes of the core app. One function per action: validates, changes, audits, in one transaction.

Errors are django.core.exceptions.ValidationError with a Chinese message per field; nothing is saved then.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from . import audit, codes, permissions
from .models import Agency, AgencyKind, ApiToken, Membership, Role, User

AGENCY_FIELDS = [
    "full_name", "short_name", "kind", "uscc", "org_code", "division_code", "sort_order", "office_name",
    "office_address", "office_hours", "office_phone", "office_fax", "office_postcode", "office_online",
]
FIELD_LABELS = {f.name: str(f.verbose_name) for f in Agency._meta.fields}
FIELD_LABELS["parent"] = "上级机构"


def _snapshot(agency: Agency) -> dict:
    data = {f: getattr(agency, f) for f in AGENCY_FIELDS}
    data["parent"] = agency.parent.full_name if agency.parent_id else None
    return data


def _clean_agency_data(data: dict) -> dict:
    cleaned = {}
    for key, value in data.items():
        if key not in AGENCY_FIELDS:
            raise ValidationError({key: f"未知字段：{key}"})
        cleaned[key] = value.strip() if isinstance(value, str) else value
    for key in ("uscc", "org_code"):
        if key in cleaned:
            cleaned[key] = codes.clean_code(cleaned[key] or "") or None
    return cleaned


def _validate_agency(agency: Agency, parent: Agency | None) -> None:
    errors: dict[str, str] = {}
    if not agency.full_name:
        errors["full_name"] = "机构全称不能为空"
    if agency.kind not in AgencyKind.values:
        errors["kind"] = f"机构类型无效：{agency.kind}（可选：{'、'.join(AgencyKind.labels)}）"
    if not agency.uscc and not agency.org_code:
        errors["uscc"] = "统一社会信用代码和组织机构代码至少填写一项"
    if agency.uscc and (msg := codes.uscc_error(agency.uscc)):
        errors["uscc"] = msg
    if agency.org_code and (msg := codes.org_code_error(agency.org_code)):
        errors["org_code"] = msg
    if agency.division_code and (msg := codes.division_code_error(agency.division_code)):
        errors["division_code"] = msg
    if parent is not None and agency.pk and parent.is_within(agency):
        errors["parent"] = f"上级机构不能是本机构或其下级机构（{parent.full_name}）"
    qs = Agency.objects.exclude(pk=agency.pk) if agency.pk else Agency.objects.all()
    if agency.full_name and qs.filter(full_name=agency.full_name).exists():
        errors["full_name"] = f"机构全称已存在：{agency.full_name}"
    if agency.uscc and qs.filter(uscc=agency.uscc).exists():
        errors["uscc"] = f"统一社会信用代码已被其他机构使用：{agency.uscc}"
    if agency.org_code and qs.filter(org_code=agency.org_code).exists():
        errors["org_code"] = f"组织机构代码已被其他机构使用：{agency.org_code}"
    if errors:
        raise ValidationError(errors)


def _set_path(agency: Agency, parent: Agency | None) -> None:
    agency.parent = parent
    prefix = parent.path if parent else "/"
    agency.path = f"{prefix}{agency.pk}/"
    agency.depth = prefix.count("/") - 1


@transaction.atomic
def create_agency(actor, parent: Agency | None = None, **data) -> Agency:
    agency = Agency(**_clean_agency_data(data))
    _validate_agency(agency, parent)
    agency.parent = parent
    try:
        with transaction.atomic():
            agency.save()
    except IntegrityError as exc:  # a concurrent insert of the same name or code
        raise ValidationError({"full_name": "机构全称或代码已存在"}) from exc
    _set_path(agency, parent)
    agency.save(update_fields=["path", "depth", "parent"])
    audit.record(actor, "agency.created", agency, f"新建机构：{agency.full_name}", after=_snapshot(agency))
    return agency


@transaction.atomic
def update_agency(actor, agency: Agency, parent: Agency | None | str = "unchanged", **data) -> Agency:
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    before = _snapshot(agency)
    for key, value in _clean_agency_data(data).items():
        setattr(agency, key, value)
    new_parent = agency.parent if parent == "unchanged" else parent
    _validate_agency(agency, new_parent)
    old_path = agency.path
    if new_parent != agency.parent or parent != "unchanged":
        _set_path(agency, new_parent)
    agency.save()
    if agency.path != old_path:  # move the whole subtree: rewrite descendants' path prefixes
        for child in Agency.objects.filter(path__startswith=old_path).exclude(pk=agency.pk):
            child.path = agency.path + child.path[len(old_path):]
            child.depth = child.path.count("/") - 2
            child.save(update_fields=["path", "depth"])
    old, new = audit.diff(before, _snapshot(agency))
    if new:
        audit.record(actor, "agency.updated", agency, "修改：" + "、".join(FIELD_LABELS.get(k, k) for k in new),
                     before=old, after=new)
    return agency


def _role_value(role: str) -> str:
    by_label = {label: value for value, label in Role.choices}
    value = by_label.get(role, role)
    if value not in Role.values:
        raise ValidationError({"role": f"未知角色：{role}（可选：{'、'.join(Role.labels)}）"})
    return value


@transaction.atomic
def create_staff(actor, username: str, password: str, display_name: str = "", email: str = "",
                 agency: Agency | None = None, role: str | None = None) -> User:
    username = (username or "").strip()
    errors = {}
    if not username:
        errors["username"] = "用户名不能为空"
    elif User.objects.filter(username=username).exists():
        errors["username"] = f"用户名已存在：{username}"
    if role is not None and agency is None:
        errors["agency"] = "分配角色时必须指定机构"
    role_value = None
    if role is not None:
        try:
            role_value = _role_value(role)
            if agency is not None:
                _check_grant(actor, role_value, agency)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    user = User(username=username, display_name=display_name, email=email)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = "；".join(exc.messages)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    audit.record(actor, "staff.created", user, f"新建工作人员：{username}", after={"username": username,
                 "display_name": display_name}, agency=agency)
    if role_value:
        assign_role(actor, user, agency, role_value)
    return user


def _check_grant(actor, role: str, agency: Agency) -> None:
    if not permissions.may_grant(actor, role, agency):
        raise ValidationError({"role": f"您不能在{agency.full_name}授予或撤销“{Role(role).label}”：角色只能授予到您自己的权限范围以内"})


@transaction.atomic
def assign_role(actor, user: User, agency: Agency, role: str) -> Membership:
    value = _role_value(role)
    _check_grant(actor, value, agency)
    membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=value)
    if created:
        audit.record(actor, "role.assigned", membership, f"分配角色：{user} 在 {agency.full_name} 任 {Role(value).label}",
                     after={"user": user.username, "role": value}, agency=agency)
    return membership


@transaction.atomic
def revoke_role(actor, membership: Membership) -> None:
    _check_grant(actor, membership.role, membership.agency)
    audit.record(actor, "role.revoked", membership, f"撤销角色：{membership}",
                 before={"user": membership.user.username, "role": membership.role}, agency=membership.agency)
    membership.delete()


TOKEN_DAYS_CHOICES = (30, 90, 180, 365)


@transaction.atomic
def issue_api_token(actor, user: User, name: str, days: int = 90) -> tuple[ApiToken, str]:
    """Returns the token and its key; the key is not stored and cannot be shown again. Every token expires."""
    if days not in TOKEN_DAYS_CHOICES:
        raise ValidationError({"days": f"有效期应为 {'、'.join(map(str, TOKEN_DAYS_CHOICES))} 天之一"})
    key = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, name=name or "API", key_hash=ApiToken.hash_key(key), prefix=key[:8],
                                    expires_at=timezone.now() + timedelta(days=days))
    audit.record(actor, "token.issued", token, f"签发 API 令牌：{token.name}（{token.prefix}…，有效期 {days} 天）")
    return token, key


@transaction.atomic
def revoke_api_token(actor, token: ApiToken) -> ApiToken:
    """Revoke a token at once; its owner or a superuser only."""
    if actor is not None and not (actor.is_superuser or actor.pk == token.user_id):
        raise PermissionDenied("只能吊销自己的 API 令牌")
    updated = ApiToken.objects.filter(pk=token.pk, revoked=False).update(revoked=True, revoked_at=timezone.now())
    if updated:
        audit.record(actor, "token.revoked", token, f"吊销 API 令牌：{token.name}（{token.prefix}…）")
    token.refresh_from_db()
    return token


@transaction.atomic
def change_password(actor, user: User, new_password: str) -> None:
    validate_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit.record(actor, "staff.password_changed", user, "修改密码")


# --- login lockout -------------------------------------------------------------------------------
# Every step is one conditional UPDATE, so parallel attempts on one account (several processes, several
# servers) can never check more than LOGIN_MAX_FAILURES passwords before the lock: an attempt is reserved
# (counted) before its password is checked, and only while the account is unlocked and under the limit.

def is_locked(user: User) -> bool:
    return bool(user.locked_until and user.locked_until > timezone.now())


def _unlocked(now) -> Q:
    return Q(locked_until__isnull=True) | Q(locked_until__lte=now)


def begin_login_attempt(username: str) -> bool:
    """Reserve one password check for `username`. False: the account is locked (or the limit's worth of checks
    is already under way), so the password must not be checked. An unknown username is not counted."""
    reserved = User.objects.filter(_unlocked(timezone.now()), username=username,
                                   failed_logins__lt=settings.LOGIN_MAX_FAILURES,
                                   ).update(failed_logins=F("failed_logins") + 1)
    return bool(reserved) or not User.objects.filter(username=username).exists()


@transaction.atomic
def record_login_failure(username: str) -> bool:
    """A reserved check failed (it is already counted). Locks the account when the limit is reached; True then."""
    now = timezone.now()
    locked = User.objects.filter(_unlocked(now), username=username, failed_logins__gte=settings.LOGIN_MAX_FAILURES,
                                 ).update(locked_until=now + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES),
                                          failed_logins=0)
    if locked:
        audit.record(None, "staff.locked", User.objects.get(username=username),
                     f"连续登录失败{settings.LOGIN_MAX_FAILURES}次，锁定{settings.LOGIN_LOCKOUT_MINUTES}分钟")
    return bool(locked)


@transaction.atomic
def record_login_success(user: User) -> None:
    User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)   # the reserved check included
    audit.record(user, "staff.login", user, "登录")
