"""Permission matrix through the views: every staff URL and every staff API route, tried by every demo role.

Routes are enumerated from Django's resolver (every pattern under /staff/ and /reports/, by namespaced URL name) and
from the ninja API's OpenAPI schema (every operation that declares a security scheme). A route missing from MATRIX
or API_MATRIX fails `test_every_staff_route_is_declared`: nobody can add a staff view and forget its permission.

Expected outcomes come from the role rules (permissions.ROLE_ACTIONS, SUBTREE_ROLES and the demo city's tree), never
from what the views answer today. Where a view disagrees, the (route, case, role) triple is listed in KNOWN_GAPS
with its reason; a gap that has been fixed fails the test too, so the list stays true.

Allowed means 2xx or a redirect that is not to the login page (a POST may also answer 400/422: it was let in and
refused the empty form); refused means 403. Anonymous visitors are sent to the login page (pages) or get 401 (API).
Every request runs in a savepoint that is rolled back, so a POST that succeeds changes nothing for the next role;
the demo city and its objects are built once per module (see `world`).
"""

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from gongkai.core import demo
from gongkai.core import permissions as P

pytestmark = pytest.mark.django_db

# ---------------------------------------------------------------------------------------------- who tries

ANON, NOROLE, SUPER = "anonymous", "norole", "superuser"
DEMO_ROLES = {username: (agency_key, role) for username, _name, agency_key, role in demo.STAFF}
SUBJECTS = (ANON, *DEMO_ROLES, NOROLE, SUPER)
PARENT = {key: parent for key, _full, _short, _kind, _org, parent, _division in demo.AGENCIES}
STAFF_PREFIXES = ("staff/", "reports/")


def chain(agency_key: str) -> list[str]:
    """The agency and its ancestors, from the demo city's declared tree."""
    keys = []
    while agency_key:
        keys.append(agency_key)
        agency_key = PARENT[agency_key]
    return keys


def expected(subject: str, action: str, agency_key: str) -> bool:
    """The role rules: a role grants its actions on its own agency; SUBTREE_ROLES also below it."""
    if subject == SUPER:
        return True
    if subject not in DEMO_ROLES:
        return False
    home, role = DEMO_ROLES[subject]
    if action not in P.ROLE_ACTIONS[role]:
        return False
    return home == agency_key or (role in P.SUBTREE_ROLES and home in chain(agency_key))


@dataclass(frozen=True)
class Rule:
    label: str
    allows: Callable[[str], bool]


def may(action: str, agency_key: str) -> Rule:
    return Rule(f"{action}@{agency_key}", lambda s: expected(s, action, agency_key))


def anywhere(action: str) -> Rule:
    return Rule(f"{action}@any", lambda s: any(expected(s, action, key) for key in PARENT))


def owner(username: str) -> Rule:
    return Rule(f"owner:{username}", lambda s: s in (username, SUPER))


PUBLIC = Rule("public", lambda s: True)
LOGGED_IN = Rule("logged-in", lambda s: s != ANON)
STAFF = Rule("staff", lambda s: s == SUPER or s in DEMO_ROLES)   # holds at least one role (staff_required)
SUPERVISOR = anywhere(P.SUPERVISE)                                # permissions.can_supervise_any
# platform-level powers (the holiday calendar): the office admin of a top-level government, or a superuser
PLATFORM = Rule("platform", lambda s: s in (SUPER, "gkb_admin"))


# ---------------------------------------------------------------------------------------------- what is tried

@dataclass(frozen=True)
class Case:
    label: str                                   # unique within its route: "GET", "POST submit", ...
    method: str
    rule: Rule
    kwargs: Callable = lambda w: {}              # URL kwargs from the world
    query: str = ""
    data: Callable = lambda w: {}                # POST body (pages: form data; API: JSON)
    hidden: bool = False                         # refused may also be 404 (object deliberately hidden)
    subjects: tuple = SUBJECTS                   # who tries (all, unless a case is too slow for everyone)


def get(rule, kwargs=lambda w: {}, label="GET", query=""):
    return Case(label, "GET", rule, kwargs, query)


def post(rule, kwargs=lambda w: {}, label="POST", data=lambda w: {}, query=""):
    return Case(label, "POST", rule, kwargs, query, data)


FGW, CITY, TOWN = "fgw", "city", "town"
code = {key: (lambda w, key=key: {"code": w.a[key].code}) for key in PARENT}
draft = lambda w: {"pk": w.draft.pk}                        # noqa: E731
case = lambda w: {"pk": w.app.pk}                           # noqa: E731
year_of = {key: (lambda w, key=key: {"pk": w.a[key].pk, "year": w.year}) for key in PARENT}
audit = lambda w: {"token": w.audit_token}                  # noqa: E731


def item_action(action: str, rule: Rule, data=lambda w: {}, pk=draft, label=""):
    return post(rule, lambda w: {**pk(w), "action": action}, label or f"POST {action}", data)


def case_action(action: str, rule: Rule, data=lambda w: {}, label=""):
    return post(rule, case, label or f"POST {action or '(empty)'}", lambda w: {"action": action, **data(w)})


def finding_action(action: str, rule: Rule):
    return post(rule, lambda w: {"pk": w.finding.pk, "action": action}, f"POST {action}",
                lambda w: {"reason": "测试"})


MATRIX: dict[str, list[Case]] = {
    # core staff pages
    "staff:home": [get(STAFF)],
    "staff:login": [get(PUBLIC)],
    "staff:logout": [post(PUBLIC)],
    "staff:password_change": [get(LOGGED_IN), post(LOGGED_IN)],
    "staff:password_reset": [get(PUBLIC)],
    "staff:password_reset_done": [get(PUBLIC)],
    "staff:password_reset_confirm": [get(PUBLIC, lambda w: {"uidb64": "x", "token": "y"})],
    "staff:tokens": [get(STAFF), post(STAFF)],
    # a token is its owner's alone: anyone else (a superuser included) does not even find it
    "staff:token_revoke": [replace(post(Rule("token-owner", lambda s: s == "fgw_handler"),
                                        lambda w: {"pk": w.token_rows["fgw_handler"].pk}), hidden=True)],
    "staff:agency": [get(may(P.VIEW, FGW), code[FGW], "GET fgw"), get(may(P.VIEW, CITY), code[CITY], "GET city"),
                     get(may(P.VIEW, TOWN), code[TOWN], "GET town")],
    "staff:agency_edit": [get(may(P.MANAGE, FGW), code[FGW], "GET fgw"), post(may(P.MANAGE, FGW), code[FGW], "POST fgw"),
                          get(may(P.MANAGE, TOWN), code[TOWN], "GET town")],
    "staff:agency_staff": [get(may(P.MANAGE, FGW), code[FGW]), post(may(P.MANAGE, FGW), code[FGW])],
    "staff:membership_revoke": [post(may(P.MANAGE, FGW), lambda w: {"pk": w.membership.pk})],
    "staff:calendar": [get(STAFF), post(PLATFORM)],
    # catalogue
    "catalog_staff:list": [get(STAFF)],
    "catalog_staff:due": [get(STAFF)],
    "catalog_staff:create": [get(STAFF, label="GET picker"),
                             get(may(P.HANDLE, FGW), query="?agency={fgw}", label="GET fgw"),
                             post(may(P.HANDLE, FGW), data=lambda w: {"agency": w.a[FGW].code})],
    "catalog_staff:gazette_create": [get(STAFF), post(STAFF, label="POST empty"),
                                     post(may(P.HANDLE, FGW), label="POST fgw", data=lambda w: {
                                         "agency": w.a[FGW].code, "year": w.year, "number": 1,
                                         "index_numbers": w.published.index_number})],
    "catalog_staff:item": [get(may(P.VIEW, FGW), draft)],
    "catalog_staff:edit": [get(may(P.HANDLE, FGW), draft), post(may(P.HANDLE, FGW), draft)],
    "catalog_staff:action": [
        item_action("submit", may(P.HANDLE, FGW)),
        item_action("review", may(P.REVIEW, FGW), pk=lambda w: {"pk": w.submitted.pk}),
        item_action("review", may(P.REVIEW, FGW), lambda w: {"decision": "approve"},
                    lambda w: {"pk": w.submitted.pk}, "POST review approve"),
        item_action("publish", may(P.HANDLE, FGW)),
        item_action("withdraw", may(P.REVIEW, FGW), pk=lambda w: {"pk": w.published.pk}),
        item_action("attach", may(P.HANDLE, FGW)),
        item_action("attach", may(P.HANDLE, FGW), lambda w: {"file": SimpleUploadedFile("附件.pdf", w.pdf)},
                    label="POST attach file"),
        item_action("supersede", may(P.HANDLE, FGW), pk=lambda w: {"pk": w.published.pk}),
        item_action("link", may(P.HANDLE, FGW)),
        item_action("link", may(P.HANDLE, FGW), lambda w: {"index_number": w.published.index_number},
                    label="POST link policy"),
        item_action("re_review", may(P.REVIEW, FGW)),
        item_action("nonsense", may(P.VIEW, FGW)),
    ],
    # applications
    "applications_staff:queue": [get(STAFF)],
    "applications_staff:register": [get(STAFF), post(STAFF, label="POST empty"),
                                    post(may(P.HANDLE, FGW), label="POST fgw", data=lambda w: {"agency": w.a[FGW].pk})],
    "applications_staff:templates": [get(anywhere(P.MANAGE)),
                                     get(may(P.MANAGE, FGW), query="?agency={fgw}", label="GET fgw"),
                                     post(may(P.MANAGE, FGW), data=lambda w: {"agency": w.a[FGW].code})],
    "applications_staff:case": [get(may(P.VIEW, FGW), case)],
    "applications_staff:action": [
        case_action("", may(P.HANDLE, FGW)),
        case_action("extension_granted", may(P.MANAGE, FGW)),
        case_action("reply", may(P.HANDLE, FGW)),
        case_action("reply", may(P.HANDLE, FGW), lambda w: {"reply-outcome": "granted"}, "POST reply granted"),
        case_action("delivery", may(P.HANDLE, FGW), lambda w: {"letter": w.letter.pk, "method": ""}),
        case_action("split", may(P.HANDLE, FGW)),
        case_action("proactive", may(P.HANDLE, FGW)),
        case_action("review_case", may(P.HANDLE, FGW)),
        case_action("attach", may(P.HANDLE, FGW)),
    ],
    "applications_staff:archive": [get(may(P.VIEW, FGW), case)],
    "applications_staff:id_proof": [get(may(P.HANDLE, FGW), case)],
    "applications_staff:letter": [get(may(P.VIEW, FGW), lambda w: {"pk": w.app.pk, "letter_id": w.letter.pk, "fmt": f},
                                      f"GET {f}") for f in ("docx", "pdf")],
    # privacy review
    "privacy:findings": [get(STAFF)],
    "privacy:decide": [finding_action(a, may(P.REVIEW, FGW)) for a in ("redact", "withdraw", "not_personal", "override")]
    + [finding_action("nonsense", may(P.REVIEW, FGW))],
    # annual reports and the report auditor
    "reports:index": [get(STAFF)],
    "reports:report": [get(may(P.VIEW, FGW), year_of[FGW], "GET fgw"), get(may(P.VIEW, TOWN), year_of[TOWN], "GET town"),
                       get(may(P.SUPERVISE, CITY), year_of[CITY], "GET city consolidated", "?consolidated=1")],
    "reports:sections": [post(may(P.HANDLE, FGW), year_of[FGW])],
    "reports:figure": [post(may(P.HANDLE, FGW), year_of[FGW])],
    "reports:import_figures": [post(may(P.HANDLE, FGW), year_of[FGW])],
    "reports:acknowledge": [post(may(P.REVIEW, FGW), year_of[FGW])],
    "reports:publish": [post(may(P.REVIEW, FGW), year_of[FGW])],
    "reports:drill": [get(may(P.VIEW, FGW), lambda w: {**year_of[FGW](w), "row": "new", "column": "total"})],
    "reports:download": [get(may(P.VIEW, FGW), lambda w, f=f: {**year_of[FGW](w), "fmt": f}, f"GET {f}")
                         for f in ("json", "xlsx", "pdf")]
    + [replace(get(may(P.VIEW, FGW), lambda w: {**year_of[FGW](w), "fmt": "docx"}, "GET docx"),
               subjects=(ANON, "fgw_viewer", "jyj_handler", "city_reviewer", NOROLE))]     # ~5 s a DOCX
    + [get(may(P.SUPERVISE, CITY), lambda w: {**year_of[CITY](w), "fmt": "xlsx"}, "GET city consolidated xlsx",
           "?consolidated=1")],
    "reports:audit": [get(STAFF), post(STAFF)],
    "reports:audit_result": [get(owner("fgw_handler"), audit)],
    "reports:audit_download": [get(owner("fgw_handler"), audit)],
}

# The ninja API: operations that need a token, keyed "METHOD /api/v1/path" as in the OpenAPI schema.
today = lambda w: timezone.localdate().isoformat()            # noqa: E731
API_MATRIX: dict[str, list[Case]] = {
    "GET /api/v1/me": [get(LOGGED_IN)],
    "GET /api/v1/staff/applications": [get(STAFF)],
    "POST /api/v1/staff/applications/{case_id}/actions": [
        # a well-formed action (an unknown one is a schema 400 for everybody, before any object is read)
        post(may(P.HANDLE, FGW), lambda w: {"case_id": w.app.pk}, "POST correction_requested",
             lambda w: {"action": "correction_requested", "date": today(w), "note": ""}),
        post(may(P.MANAGE, FGW), lambda w: {"case_id": w.app.pk}, "POST extension_granted",
             lambda w: {"action": "extension_granted", "date": today(w), "days": 20}),
        post(may(P.HANDLE, FGW), lambda w: {"case_id": w.app.pk}, "POST reply",
             lambda w: {"action": "reply", "date": today(w)}),
    ],
    "POST /api/v1/catalog/items": [post(may(P.HANDLE, FGW), data=lambda w: {
        "agency": w.a[FGW].uscc, "title": "", "genre": "通知"})],
    "PATCH /api/v1/catalog/items/{item_id}": [Case("PATCH", "PATCH", may(P.HANDLE, FGW),
                                                   lambda w: {"item_id": w.draft.pk})],
    "GET /api/v1/catalog/staff/items/{item_id}": [get(may(P.VIEW, FGW), lambda w: {"item_id": w.draft.pk})],
}

# Public pages with parameters: how to fill them (pages without parameters are visited as they are).
PUBLIC_KWARGS: dict[str, Callable] = {
    "portal:agency": code[FGW], "portal:guide": code[FGW],
    "catalog:item": lambda w: {"pk": w.published.pk}, "catalog:item_print": lambda w: {"pk": w.published.pk},
    "catalog:attachment": lambda w: {"pk": w.published.pk, "att": w.attachment.pk},
    "catalog:topic": lambda w: {"pk": w.topic.pk}, "catalog:gazette": lambda w: {"pk": w.gazette.pk},
    "catalog:gazette_pdf": lambda w: {"pk": w.gazette.pk},
    "catalog:agency": code[FGW], "catalog:basic_catalog": code[FGW], "catalog:feed": code[FGW],
    "catalog:category": lambda w: {"code": w.a[FGW].code, "category": w.category},
    "catalog:category_feed": lambda w: {"code": w.a[FGW].code, "category": w.category},
    "applications:letter": lambda w: {"token": signing.dumps(w.letter.pk, salt="applicant-letter"), "fmt": "docx"},
    "applications:attachment": lambda w: {"token": "not-a-signed-token"},
}
PUBLIC_STATUS = {"applications:attachment": 404}   # a bad link is a Chinese 404, not a login page
PUBLIC_API_QUERY = {"GET /api/v1/agencies/{code}": lambda w: f"/api/v1/agencies/{w.a[FGW].uscc}",
                    "GET /api/v1/workdays/add": lambda w: "/api/v1/workdays/add?start=2026-03-02&n=20",
                    "GET /api/v1/catalog/items/{item_id}": lambda w: f"/api/v1/catalog/items/{w.published.pk}",
                    "GET /api/v1/catalog/search": lambda w: "/api/v1/catalog/search?q=通知"}


# ---------------------------------------------------------------------------------------------- known gaps

KNOWN_GAPS: dict[tuple[str, str, str], str] = {}


def gap(route: str, label: str, subjects: str, reason: str) -> None:
    for subject in subjects.split():
        KNOWN_GAPS[(route, label, subject)] = reason


OUTSIDE_FGW = "city_reviewer county_admin jyj_handler town_handler"   # no role reaching fgw
FGW_NO_HANDLE = "fgw_reviewer fgw_viewer"                             # see fgw, may not handle
gap("applications_staff:register", "POST fgw", f"{OUTSIDE_FGW} {FGW_NO_HANDLE}",
    "deliberate: the agency is a choice limited to the user's reach, so another agency is an invalid choice (400) "
    "and never reaches the service (which would refuse it with 403)")
gap("catalog_staff:gazette_create", "POST fgw", f"{OUTSIDE_FGW} {FGW_NO_HANDLE}",
    "deliberate: the agency is a choice limited to the user's reach (400 for any other)")


# ---------------------------------------------------------------------------------------------- the world


def _tiny_pdf(text: str) -> bytes:
    from reportlab.pdfgen import canvas

    from gongkai.core.pdf import cjk_font

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont(cjk_font(), 12)
    c.drawString(72, 720, text)
    c.save()
    return buf.getvalue()


PERSON = {"applicant_type": "natural_person", "applicant_name": "张三", "id_number": "110101199003078515",
          "contact_phone": "13800138000", "description": "示发改〔2026〕12号文件全文", "consent": True}


def _catalog(w, fgw):
    from gongkai.catalog import services
    from gongkai.catalog.models import Topic
    from tests.catalog_helpers import make_item

    w.draft = make_item(fgw, title="草稿：关于做好政务公开工作的通知")
    w.submitted = services.submit(None, make_item(fgw, title="待审核：关于开展专项检查的通知"))
    w.pdf = _tiny_pdf("附件内容")
    published = make_item(fgw, title="关于公布2026年重点项目的通知")
    w.attachment = services.add_attachment(None, published, "附件.pdf", w.pdf)
    w.published = services.publish(None, services.review(None, services.submit(None, published), True))
    w.category = w.published.categories.first().code
    w.topic = Topic.objects.first()
    w.gazette = services.create_gazette_issue(None, fgw, w.year, 1, [w.published], "测试公报")


def _applications(w, fgw):
    from gongkai.applications.services import clock, intake

    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
    app, _ = intake.submit_online(fgw, dict(PERSON), png, "id.png")
    app = clock.act(None, app, "received", timezone.localdate() - timedelta(days=1))
    w.app = clock.act(None, app, "consultation_started", timezone.localdate(), "征求第三方意见", party="third_party")
    w.letter = w.app.letters.get()


def _privacy(w, fgw):
    from gongkai.privacy.services import scan_object
    from tests.catalog_helpers import make_item

    item = make_item(fgw, title="关于张三的处理决定", body="<p>当事人：张三，身份证号码：110101199003078515。</p>")
    w.finding = scan_object(item)[0]


def _users(w):
    from gongkai.core import services
    from gongkai.core.models import Membership, User

    w.u = {name: User.objects.get(username=name) for name in DEMO_ROLES}
    w.u[NOROLE] = User.objects.create_user("matrix_norole", password="Norole-pass-2026")
    w.u[SUPER] = User.objects.create_superuser("matrix_super", password="Super-pass-2026")
    issued = {name: services.issue_api_token(None, user, "matrix") for name, user in w.u.items()}
    w.tokens = {name: key for name, (_, key) in issued.items()}
    w.token_rows = {name: token for name, (token, _) in issued.items()}
    w.membership = Membership.objects.get(user__username="fgw_viewer")


def _audit_upload(w):
    client = Client()
    client.force_login(w.u["fgw_handler"])
    response = client.post("/reports/audit/", {"files": [SimpleUploadedFile("报告.txt", "不是年度报告".encode())]})
    assert response.status_code == 302, response.status_code
    w.audit_token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    from gongkai.core import jobs

    jobs.work()          # the reading is a job; inside the world's transaction nothing runs it after commit


def _build_world(tmp) -> SimpleNamespace:
    from gongkai.catalog.models import Genre
    from gongkai.catalog.services import seed_vocabularies
    from gongkai.core.calendar_service import seed_from_chinesecalendar
    from gongkai.core.models import Agency, CalendarYear

    if not CalendarYear.objects.exists():
        seed_from_chinesecalendar()
    if not Genre.objects.exists():
        seed_vocabularies()
    demo.load_demo()
    w = SimpleNamespace(tmp=tmp, year=timezone.localdate().year - 1)
    w.a = {key: Agency.objects.get(full_name=full) for key, full, *_ in demo.AGENCIES}
    _users(w)
    _catalog(w, w.a[FGW])
    _applications(w, w.a[FGW])
    _privacy(w, w.a[FGW])
    _audit_upload(w)
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo city and one object of each kind, built once for the module inside a transaction that is rolled
    back at the end (each test then runs in a savepoint of it, and each request in a savepoint of that)."""
    tmp = tmp_path_factory.mktemp("matrix")
    overrides = override_settings(MEDIA_ROOT=tmp / "media", PRIVATE_ROOT=tmp / "private",
                                  PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                                  ALLOWED_HOSTS=["testserver"])
    with django_db_blocker.unblock(), overrides:
        from django.core.cache import cache

        cache.clear()
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _build_world(tmp)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()


# ---------------------------------------------------------------------------------------------- running a case


def _outcome(response) -> str:
    status = response.status_code
    location = response.get("Location", "") if 300 <= status < 400 else ""
    if location.startswith("/staff/login/"):
        return "login"
    if status < 400:
        return "ok"
    return {400: "invalid", 401: "401", 403: "refused", 404: "404", 405: "405", 422: "invalid"}.get(status, str(status))


def _wanted(case: Case, subject: str, api: bool) -> set[str]:
    if subject == ANON and case.rule is not PUBLIC:
        return {"401"} if api else {"login"}
    if case.rule.allows(subject):
        return {"ok", "invalid"} if case.method != "GET" else {"ok"}
    return {"refused", "404"} if case.hidden else {"refused"}


def _send(client: Client, case: Case, url: str, world, headers: dict):
    if case.method == "GET":
        return client.get(url, **headers)
    data = case.data(world)
    if "/api/" in url:
        return client.generic(case.method, url, json.dumps(data), content_type="application/json",
                              **headers)
    return client.post(url, data, **headers)


def _try(client: Client, case: Case, url: str, world, headers: dict) -> str:
    """One request in a savepoint that is always rolled back; the outcome, or the exception's name."""
    from django.core.cache import cache

    with transaction.atomic():
        try:
            return _outcome(_send(client, case, url, world, headers))
        except Exception as exc:  # noqa: BLE001 - a crash is a finding to report, not a reason to stop the walk
            return f"exception {type(exc).__name__}: {str(exc)[:80]}"
        finally:
            transaction.set_rollback(True)
            cache.clear()


def _login(client: Client, world, subject: str) -> None:
    client.logout()
    if subject != ANON:
        client.force_login(world.u[subject])


def _walk(route: str, cases: list[Case], world, url_of, api: bool) -> list[str]:
    """Every case of `route` × every subject; the mismatches against the rules, known gaps taken into account."""
    mismatches = []
    client = Client()
    for case in cases:
        url = url_of(case)
        for subject in case.subjects:
            headers = {}
            if api:
                if subject != ANON:
                    headers["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens[subject]}"
            else:
                _login(client, world, subject)
            got, wanted = _try(client, case, url, world, headers), _wanted(case, subject, api)
            gap_reason = KNOWN_GAPS.get((route, case.label, subject))
            if got not in wanted and gap_reason is None:
                mismatches.append(f"{route} [{case.label}] {subject}: got {got}, rule {case.rule.label} wants "
                                  f"{'/'.join(sorted(wanted))}")
            elif got in wanted and gap_reason is not None:
                mismatches.append(f"{route} [{case.label}] {subject}: fixed ({got}) — remove from KNOWN_GAPS")
    return mismatches


def _page_url(name: str, world):
    def url_of(case: Case) -> str:
        return reverse(name, kwargs=case.kwargs(world)) + case.query.format(**{k: a.code for k, a in world.a.items()})
    return url_of


def _api_url(route: str, world):
    def url_of(case: Case) -> str:
        return route.split(" ", 1)[1].format(**case.kwargs(world)) + case.query
    return url_of


# ---------------------------------------------------------------------------------------------- enumeration


def walk_patterns(patterns, prefix="", namespace=None):
    """(route, namespaced URL name) of every pattern, recursing into includes."""
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(n for n in (namespace, p.namespace) if n) or None
            yield from walk_patterns(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), (f"{namespace}:{p.name}" if namespace and p.name else p.name)


def staff_routes() -> dict[str, str]:
    return {name or f"(unnamed) {route}": route for route, name in walk_patterns(get_resolver().url_patterns)
            if route.startswith(STAFF_PREFIXES)}


def api_operations() -> dict[str, bool]:
    """'METHOD /api/v1/path' → whether the operation needs a token (declares a security scheme)."""
    from gongkai.api import api

    schema = api.get_openapi_schema()
    return {f"{method.upper()} {path}": bool(op.get("security"))
            for path, ops in schema["paths"].items() for method, op in ops.items()}


# ---------------------------------------------------------------------------------------------- the tests


def test_every_staff_route_is_declared():
    pages, operations = staff_routes(), api_operations()
    problems = [f"new staff URL without a declared permission: {name} (/{pages[name]})" for name in pages
                if name not in MATRIX]
    problems += [f"MATRIX names a URL that no longer exists: {name}" for name in MATRIX if name not in pages]
    problems += [f"new staff API route without a declared permission: {op}" for op, token in operations.items()
                 if token and op not in API_MATRIX]
    problems += [f"API_MATRIX names a route that is not a token route: {op}" for op in API_MATRIX
                 if not operations.get(op)]
    problems += [f"KNOWN_GAPS names an undeclared case: {key}" for key in KNOWN_GAPS
                 if key[1] not in {c.label for c in {**MATRIX, **API_MATRIX}.get(key[0], [])}]
    labels = [(route, c.label) for route, cases in {**MATRIX, **API_MATRIX}.items() for c in cases]
    problems += [f"duplicate case label: {key}" for key in set(labels) if labels.count(key) > 1]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_staff_url(world, name):
    mismatches = _walk(name, MATRIX[name], world, _page_url(name, world), api=False)
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize("route", sorted(API_MATRIX))
def test_staff_api_route(world, route):
    mismatches = _walk(route, API_MATRIX[route], world, _api_url(route, world), api=True)
    assert not mismatches, "\n".join(mismatches)


def _public_pages(world) -> tuple[list[tuple[str, str]], list[str]]:
    """(name, URL) of every public page, and the problems of filling them."""
    api_prefix = "api/v1/"
    pages, problems = [], []
    for route, name in walk_patterns(get_resolver().url_patterns):
        if route.startswith(STAFF_PREFIXES) or (route.startswith(api_prefix) and name not in
                                                 ("api:openapi-json", "api:openapi-view")):
            continue
        if "<" not in route:
            pages.append((name, reverse(name)))
        elif name in PUBLIC_KWARGS:
            pages.append((name, reverse(name, kwargs=PUBLIC_KWARGS[name](world))))
        else:
            problems.append(f"public URL with parameters and no way to fill them in PUBLIC_KWARGS: {name}")
    return pages, problems


def test_public_pages_answer_anonymously(world):
    pages, problems = _public_pages(world)
    client = Client()
    for name, url in pages:
        status = client.get(url).status_code
        wanted = PUBLIC_STATUS.get(name)
        if (status != wanted) if wanted else not (200 <= status < 300):
            problems.append(f"{name} {url}: anonymous GET answered {status}")
    for op, token in api_operations().items():
        method, path = op.split(" ", 1)
        if token:
            continue
        url = PUBLIC_API_QUERY[op](world) if op in PUBLIC_API_QUERY else path
        response = client.get(url) if method == "GET" else client.post(url, "{}", content_type="application/json")
        if response.status_code in (401, 403) or response.status_code >= 500 or \
                (method == "GET" and response.status_code != 200):
            problems.append(f"{op}: anonymous {method} answered {response.status_code}")
    assert not problems, "\n".join(problems)


def test_expected_follows_the_role_rules():
    """The helper itself, on the rules spelled out in permissions' docstring."""
    assert expected("gkb_admin", P.SUPERVISE, "town") and expected("county_admin", P.MANAGE, "town")
    assert not expected("county_admin", P.VIEW, "fgw") and not expected("fgw_admin", P.REVIEW, "fgw")
    assert expected("fgw_reviewer", P.REVIEW, "fgw") and not expected("city_reviewer", P.VIEW, "fgw")
    assert not expected(NOROLE, P.VIEW, "fgw") and expected(SUPER, P.MANAGE, "town")
