"""Core endpoints of /api/v1: agencies (public directory data) and the token holder."""

from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer

from . import permissions
from .models import Agency, ApiToken


class TokenAuth(HttpBearer):
    """Authorization: Bearer gk_… for staff scripts. Tokens are stored hashed."""

    def authenticate(self, request, token):
        row = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(token), revoked=False).first()
        if row is None or row.expired or not row.user.is_active:
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        return row.user


token_auth = TokenAuth()
router = Router(tags=["机构"])


class AgencyOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent: str | None
    division_code: str


class AgencyDetailOut(AgencyOut):
    office_name: str
    office_address: str
    office_hours: str
    office_phone: str
    office_fax: str
    office_postcode: str
    office_online: str
    children: list[str]


def agency_out(a: Agency, parent_code: str | None) -> dict:
    return {"code": a.code, "name": a.full_name, "short_name": a.short_name, "kind": a.kind,
            "kind_label": a.get_kind_display(), "parent": parent_code, "division_code": a.division_code}


@router.get("/agencies", response=list[AgencyOut], summary="机构列表")
def list_agencies(request, kind: str | None = None, under: str | None = None):
    qs = Agency.objects.select_related("parent").order_by("path")
    if kind:
        qs = qs.filter(kind=kind)
    if under:
        root = _get(under)
        qs = qs.filter(path__startswith=root.path)
    return [agency_out(a, a.parent.code if a.parent_id else None) for a in qs]


def _get(code: str) -> Agency:
    """Agencies are public directory data: read by code, no permission needed."""
    agency = Agency.objects.select_related("parent").by_code(code).first()
    if agency is None:
        raise HttpError(404, "没有找到该机构")
    return agency


@router.get("/agencies/{code}", response=AgencyDetailOut, summary="机构详情")
def agency_detail(request, code: str):
    a = _get(code)
    data = agency_out(a, a.parent.code if a.parent_id else None)
    data.update({f: getattr(a, f) for f in ("office_name", "office_address", "office_hours", "office_phone",
                                             "office_fax", "office_postcode", "office_online")})
    data["children"] = [c.code for c in a.children.order_by("sort_order", "id")]
    return data


class MeOut(Schema):
    username: str
    display_name: str
    roles: list[dict]


@router.get("/me", response=MeOut, auth=token_auth, summary="当前令牌的工作人员及其角色")
def me(request):
    user = request.auth
    return {"username": user.username, "display_name": user.display_name,
            "roles": [{"agency": m.agency.code, "role": m.role} for m in permissions.memberships(user)]}


class WorkdaysOut(Schema):
    start: str
    n: int
    due: str
    provisional: bool
    provisional_reason: str
    steps: list[str]


@router.get("/workdays/add", response=WorkdaysOut, tags=["工作日"], summary="第N个工作日（起算日不计入），附推算过程")
def workdays_add(request, start: str, n: int):
    from datetime import date

    from .calendar_service import get_calendar
    from .clock import add_workdays_explained

    try:
        day = date.fromisoformat(start)
    except ValueError:
        raise HttpError(422, f"start：日期无效 {start}（应为存在的日期，格式 YYYY-MM-DD）") from None
    if not 0 <= n <= 1000:
        raise HttpError(422, "n：工作日数应在 0 到 1000 之间")
    due, steps, provisional, reason = add_workdays_explained(get_calendar(), day, n)
    return {"start": start, "n": n, "due": due.isoformat(), "provisional": provisional, "provisional_reason": reason,
            "steps": steps}
