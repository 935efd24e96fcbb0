"""/api/v1/applications: public submit and status query (tracking number + password); staff cases and actions."""

import datetime as dt
from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Path, Query, Router, Schema
from ninja import Status as HttpStatus
from ninja.errors import HttpError

from gongkai.core import permissions
from gongkai.core.api import AGENCY_CODE, MAX_ID, Day, Text, errors, token_auth
from gongkai.core.http import client_address
from gongkai.core.law import APPLICANT_TYPES, OUTCOMES
from gongkai.core.models import Agency

from . import access
from .models import Application, State
from .services import clock, intake, reply
from .workflow import CLOCK_ACTIONS

router = Router(tags=["依申请公开"])


DESCRIPTION = 5000      # characters: the 特征描述 of the information wanted


class ApplyIn(Schema):
    agency: Text = Field(..., max_length=AGENCY_CODE)
    applicant_type: Literal[tuple(code for code, _ in APPLICANT_TYPES)]
    applicant_name: Text = Field(..., max_length=100)
    id_kind: Text = Field("居民身份证", max_length=30)
    id_number: Text = Field(..., max_length=40)
    contact_phone: Text = Field("", max_length=40)
    contact_email: Text = Field("", max_length=254)
    contact_address: Text = Field("", max_length=200)
    description: Text = Field(..., max_length=DESCRIPTION)
    form_wanted: Text = Field("", max_length=30)
    delivery_wanted: Text = Field("", max_length=30)
    consent: bool


class Submitted(Schema):
    tracking_number: str
    password: str


class StatusIn(Schema):
    tracking_number: Text = Field(..., max_length=30)
    password: Text = Field(..., max_length=40)


class StatusOut(Schema):
    tracking_number: str
    agency: str
    state: str
    received_date: date | None
    due_date: date | None
    due_provisional: bool
    outcome: str
    steps: list[str]


def _agency(code: str) -> Agency:
    agency = Agency.objects.filter(uscc=code).first() or Agency.objects.filter(org_code=code).first()
    if agency is None:
        raise HttpError(422, f"agency：没有找到机构 {code}")
    return agency


@router.post("/applications", response={201: Submitted, **errors(400, 413, 422, 429)}, summary="在线提交政府信息公开申请")
def submit(request, payload: ApplyIn):
    data = payload.dict(exclude={"agency"})
    app, password = intake.submit_online(_agency(payload.agency), data)
    return HttpStatus(201, {"tracking_number": app.tracking_number, "password": password})


@router.post("/applications/status", response={200: StatusOut, **errors(400, 404, 413, 429)}, summary="凭申请编号和查询密码查询办理进度")
def status(request, payload: StatusIn):
    app, error = intake.query_with_limit(client_address(request), payload.tracking_number, payload.password)
    if app is None:
        raise HttpError(429 if "过多" in error else 404, error.rstrip("。"))
    result = clock.clock(app)
    return {"tracking_number": app.tracking_number, "agency": app.agency.full_name, "state": app.state,
            "received_date": app.received_date, "due_date": app.due_date, "due_provisional": app.due_provisional,
            "outcome": app.outcome, "steps": result.steps if result else []}


class CaseOut(Schema):
    id: int
    tracking_number: str
    agency: str
    state: str
    due_date: date | None
    due_provisional: bool
    outcome: str
    version: int


def case_out(app: Application) -> dict:
    return {"id": app.pk, "tracking_number": app.tracking_number, "agency": app.agency.code, "state": app.state,
            "due_date": app.due_date, "due_provisional": app.due_provisional, "outcome": app.outcome,
            "version": app.version}


StateValue = Literal[tuple(State.values)]


@router.get("/staff/applications", response={200: list[CaseOut], **errors(400, 401, 403)}, auth=token_auth,
            summary="本人可见的申请（工作人员）")
def cases(request, state: StateValue | None = None, limit: int = Query(50, ge=1, le=200),
          offset: int = Query(0, ge=0, le=1_000_000)):
    if not permissions.is_staff_member(request.auth):
        raise HttpError(403, "您的账号没有任何机构的角色")      # never a silent empty list
    qs = Application.objects.filter(agency__in=permissions.visible_agencies(request.auth)).select_related("agency")
    if state:
        qs = qs.filter(state=state)
    return [case_out(a) for a in qs.order_by("due_date", "id")[offset:offset + limit]]


class ActionIn(Schema):
    action: Literal[tuple(a for a in CLOCK_ACTIONS if a != "replied") + ("reply",)]   # a clock event kind, or "reply"
    date: dt.date = Day(...)
    note: Text = Field("", max_length=2000)
    version: int | None = Field(None, ge=0, le=MAX_ID)
    party: Literal["", "third_party", "other_organ"] = ""
    days: int = Field(0, ge=0, le=100)
    outcome: Literal[("",) + tuple(o.key for o in OUTCOMES)] = ""


@router.post("/staff/applications/{case_id}/actions", response={200: CaseOut, **errors(400, 401, 403, 404, 413, 422)},
             auth=token_auth, summary="办理操作（工作人员）")
def act(request, payload: ActionIn, case_id: int = Path(..., ge=1, le=MAX_ID)):
    app = access.get_case(request.auth, access.permission_for(payload.action), case_id)
    try:
        if payload.action == "reply":
            app = reply.reply(request.auth, app, payload.date, payload.outcome, payload.note, payload.version)
        else:
            extra = {k: v for k, v in {"party": payload.party, "days": payload.days}.items() if v}
            app = clock.act(request.auth, app, payload.action, payload.date, payload.note, payload.version, **extra)
    except ValidationError as exc:
        raise HttpError(422, "；".join(m for msgs in exc.message_dict.values() for m in msgs)) from None
    return case_out(app)
