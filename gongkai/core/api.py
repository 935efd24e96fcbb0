"""Core endpoints of /api/v1: agencies (public directory data) and the token holder."""

from datetime import date
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from . import permissions
from .models import Agency, AgencyKind, ApiToken


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

# Database ids are 32-bit on every backend the project runs on: a larger id is a parameter error, never a query.
MAX_ID = 2**31 - 1
AGENCY_CODE = 18          # 统一社会信用代码 (18) or 组织机构代码 (9)
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)     # the days a date field of the API accepts


def Day(default=None, **kwargs):  # noqa: N802  (a field factory, used like Field)
    return Field(default, ge=FIRST_DAY, le=LAST_DAY, **kwargs)


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "NUL")
    return value


# Every string the API reads: a NUL character is refused at the edge (PostgreSQL text cannot hold one).
Text = Annotated[str, AfterValidator(_no_nul)]


class Error(Schema):
    """Every refusal of /api/v1: a Chinese sentence naming what is wrong."""
    detail: str


def errors(*codes: int) -> dict:
    """The declared error responses of an operation: `response={200: Out, **errors(400, 404)}`."""
    return {code: Error for code in codes}


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


AgencyKindValue = Literal[tuple(AgencyKind.values)]


@router.get("/agencies", response={200: list[AgencyOut], **errors(400, 404)}, summary="机构列表")
def list_agencies(request, kind: AgencyKindValue | None = None,
                  under: Text | None = Query(None, max_length=AGENCY_CODE, description="上级机构代码")):
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


@router.get("/agencies/{code}", response={200: AgencyDetailOut, **errors(400, 404)}, summary="机构详情")
def agency_detail(request, code: Text = Path(..., max_length=AGENCY_CODE)):
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


@router.get("/me", response={200: MeOut, **errors(401)}, auth=token_auth, summary="当前令牌的工作人员及其角色")
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


@router.get("/workdays/add", response={200: WorkdaysOut, **errors(400, 422)}, tags=["工作日"],
            summary="第N个工作日（起算日不计入），附推算过程")
def workdays_add(request, start: Text = Query(..., max_length=10, pattern=r"^\d{4}-\d{2}-\d{2}$"),
                 n: int = Query(..., ge=0, le=1000)):
    from .calendar_service import get_calendar
    from .clock import add_workdays_explained

    try:
        day = date.fromisoformat(start)
    except ValueError:
        raise HttpError(422, f"start：日期无效 {start}（应为存在的日期，格式 YYYY-MM-DD）") from None
    if not 1900 <= day.year <= 2100:
        raise HttpError(422, "start：起算日应在 1900 年至 2100 年之间")
    due, steps, provisional, reason = add_workdays_explained(get_calendar(), day, n)
    return {"start": start, "n": n, "due": due.isoformat(), "provisional": provisional, "provisional_reason": reason,
            "steps": steps}
