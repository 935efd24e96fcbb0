"""State changes of applications. Every action adds a typed clock event, recomputes the due date with the one
clock engine (gongkai.core.clock), and writes an audit event, in one transaction. Two staff acting on one case at
once: the case row is locked and the version the form was based on is checked, so no update is lost."""

import secrets
from datetime import date

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core import audit, permissions
from gongkai.core.calendar_service import get_calendar
from gongkai.core.clock import ClockError, ClockResult, Event, run_clock
from gongkai.core.codes import uscc_error
from gongkai.core.law import APPLICANT_TYPES, outcome
from gongkai.privacy.recognizers.id_card import classify

from . import fees
from .models import Application, Channel, ClockEvent, Letter, LetterCounter, State

CORRECTION_DAYS = 15  # working days given to the applicant to correct [unverified: configurable]
PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CLOCK_CHANNEL = {"online": "online", "in_person": "in_person", "post": "post", "ordinary_letter": "ordinary_letter",
                 "fax": "fax", "other": "other"}


def _require(actor, action, obj):
    if actor is not None:
        permissions.require(actor, action, obj)


def _events(app: Application) -> list[Event]:
    return [Event(e.kind, e.date, channel=e.data.get("channel", ""), party=e.data.get("party", ""),
                  days=e.data.get("days", 0), approver=e.data.get("approver", ""), reason=e.data.get("reason", ""),
                  due=date.fromisoformat(e.data["due"]) if e.data.get("due") else None)
            for e in app.events.order_by("date", "id")]


def clock(app: Application, as_of: date | None = None) -> ClockResult | None:
    events = _events(app)
    if not events:
        return None
    return run_clock(events, get_calendar(), as_of or timezone.localdate())


def _apply_clock(app: Application) -> ClockResult | None:
    result = clock(app)
    if result is None:
        app.state = State.AWAITING_CONFIRMATION
        return None
    app.due_date, app.due_provisional = result.due, result.provisional
    if app.outcome:
        app.state = State.CLOSED
    elif result.outcome == "awaiting_correction":
        app.state = State.AWAITING_CORRECTION
    elif result.state == "paused":
        app.state = State.PAUSED
    else:
        app.state = State.PROCESSING
    return result


def _validate_applicant(data: dict) -> dict:
    errors = {}
    kinds = dict(APPLICANT_TYPES)
    if data.get("applicant_type") not in kinds:
        errors["applicant_type"] = "请选择申请人类型（自然人或法人、其他组织）"
    if not (data.get("applicant_name") or "").strip():
        errors["applicant_name"] = "请填写申请人姓名或名称"
    if not (data.get("description") or "").strip():
        errors["description"] = "请填写所需政府信息的名称、文号或便于查询的特征描述（第二十九条）"
    if not (data.get("contact_phone") or data.get("contact_email") or data.get("contact_address")):
        errors["contact_phone"] = "请至少填写一种联系方式"
    number = (data.get("id_number") or "").strip().upper()
    if data.get("applicant_type") == "natural_person":
        if data.get("id_kind", "居民身份证") == "居民身份证":
            if classify(number) != "valid18":
                errors["id_number"] = "居民身份证号码无效（应为18位，校验位和出生日期须正确）"
        elif not number:
            errors["id_number"] = "请填写身份证明文件号码"
    elif data.get("applicant_type") in kinds:
        if msg := uscc_error(number):
            errors["id_number"] = msg
    if errors:
        raise ValidationError(errors)
    return {**data, "id_number": number}


def _new_tracking_number(on: date) -> str:
    return f"YSQ{on:%Y%m%d}{secrets.randbelow(10**6):06d}"


def _create(agency, data: dict, channel: str) -> tuple[Application, str]:
    password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(10))
    fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()
              if k in {f.name for f in Application._meta.fields}}
    for _ in range(5):
        try:
            with transaction.atomic():
                app = Application.objects.create(agency=agency, channel=channel, password_hash=make_password(password),
                                                 tracking_number=_new_tracking_number(timezone.localdate()), **fields)
            return app, password
        except IntegrityError:
            continue
    raise RuntimeError("无法生成唯一的申请编号")


@transaction.atomic
def submit_online(agency, data: dict, id_proof: bytes | None = None, id_proof_name: str = "") -> tuple[Application, str]:
    """The public online form. Returns the application and its query password (shown once). An identity proof goes to
    restricted storage (PRIVATE_ROOT), never to a public URL."""
    data = _validate_applicant(data)
    if not data.get("consent"):
        raise ValidationError({"consent": "请阅读并同意个人信息处理说明"})
    if id_proof is not None:
        from gongkai.documents import content_type as sniff

        if len(id_proof) > 10 * 1024 * 1024 or sniff(id_proof) not in ("image/png", "image/jpeg", "application/pdf"):
            raise ValidationError({"id_proof": "身份证明材料应为不超过10MB的 JPG、PNG 图片或 PDF 文件"})
    app, password = _create(agency, {k: v for k, v in data.items() if k != "consent"}, Channel.ONLINE)
    if id_proof is not None:
        from pathlib import Path

        from django.conf import settings

        path = Path(settings.PRIVATE_ROOT) / "id-proofs" / f"{app.tracking_number}-{Path(id_proof_name).name or 'proof'}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(id_proof)
        app.id_proof_path = str(path)
        app.save(update_fields=["id_proof_path"])
    audit.record(None, "application.submitted", app, f"在线提交申请 {app.tracking_number}", agency=agency)
    return app, password


@transaction.atomic
def register(actor, agency, data: dict, channel: str, received: date) -> tuple[Application, str]:
    """Staff register an application received 当面 / by post / 平常信函 / fax, with its receipt date (art. 31)."""
    _require(actor, permissions.HANDLE, agency)
    if channel not in Channel.values:
        raise ValidationError({"channel": f"未知渠道：{channel}"})
    if received > timezone.localdate():
        raise ValidationError({"received_date": "收到申请之日不能晚于今天"})
    data = _validate_applicant(data)
    app, password = _create(agency, data, channel)
    _add(actor, app, "received", received, channel=CLOCK_CHANNEL[channel])
    app.received_date = received
    _apply_clock(app)
    app.save()
    audit.record(actor, "application.registered", app, f"登记申请 {app.tracking_number}（{app.get_channel_display()}，"
                 f"收到之日 {received}）", agency=agency)
    return app, password


def _add(actor, app: Application, kind: str, on: date, note: str = "", **data) -> ClockEvent:
    event = ClockEvent.objects.create(application=app, kind=kind, date=on, data={k: v for k, v in data.items() if v},
                                      note=note, actor=actor if getattr(actor, "pk", None) else None)
    try:
        clock(app)
    except ClockError as exc:
        raise ValidationError({"event": str(exc)}) from exc
    return event


def _locked(app: Application, expected_version: int | None) -> Application:
    current = Application.objects.select_for_update().get(pk=app.pk)
    if expected_version is not None and current.version != expected_version:
        raise ValidationError({"version": "该申请已被其他工作人员修改，请刷新后重试"})
    if current.state == State.CLOSED:
        raise ValidationError({"state": "该申请已办结"})
    return current


ACTION_LABELS = {
    "received": "确认收到申请", "correction_requested": "补正告知", "correction_received": "收到补正材料",
    "consultation_started": "征求意见", "consultation_ended": "意见收到", "extension_granted": "延期答复",
    "fee_notice_sent": "发出收费通知", "fee_paid": "申请人缴费", "deferred": "延迟答复", "replied": "答复",
    "correction_deadline_missed": "逾期未补正", "fee_deadline_missed": "逾期未缴费",
}


@transaction.atomic
def act(actor, app: Application, kind: str, on: date, note: str = "", expected_version: int | None = None,
        **data) -> Application:
    """One clock action on a case (confirm receipt, 补正, consultation, extension, fee, deferral)."""
    app = _locked(app, expected_version)
    _require(actor, permissions.MANAGE if kind == "extension_granted" else permissions.HANDLE, app)
    if on > timezone.localdate():
        raise ValidationError({"date": "日期不能晚于今天"})
    if kind == "received":
        if app.received_date:
            raise ValidationError({"event": "已经确认收到"})
        data["channel"] = CLOCK_CHANNEL[app.channel]
        app.received_date = on
    elif app.received_date is None:
        raise ValidationError({"event": "请先确认收到申请"})
    if kind == "correction_requested":
        if not note.strip():
            raise ValidationError({"note": "请一次性写明需要补正的内容"})
        # a reasonable correction deadline (not fixed by statute: default 15 working days, configurable)
        deadline = data.pop("correction_due", None) or get_calendar().add_workdays(on, CORRECTION_DAYS).due
        if isinstance(deadline, str):
            try:
                deadline = date.fromisoformat(deadline)
            except ValueError:
                raise ValidationError({"correction_due": f"补正期限日期无效：{deadline}"}) from None
        if deadline <= on:
            raise ValidationError({"correction_due": f"补正期限 {deadline} 不晚于补正告知日期 {on}，申请人无法补正"})
        data["due"] = deadline.isoformat()
    if kind == "extension_granted" and actor is not None:
        data.setdefault("approver", str(actor))
    if kind == "fee_notice_sent":
        data["reason"] = note
        app.fee_amount = int(data.pop("amount", 0))
        if app.fee_amount <= 0:
            raise ValidationError({"amount": "该申请按标准不收费（本月前10件免费；30页以内免费）"})
    _add(actor, app, kind, on, note, **data)
    if kind == "correction_deadline_missed":
        app.outcome, app.closed_date = "other.no_correction", on
    elif kind == "fee_deadline_missed":
        app.outcome, app.closed_date = "other.fee_unpaid", on
    result = _apply_clock(app)
    app.version += 1
    app.save()
    letter_kind = {"correction_requested": "correction", "extension_granted": "extension", "fee_notice_sent": "fee",
                   "consultation_started": "consultation" if data.get("party") == "third_party" else None}.get(kind)
    if letter_kind:
        issue_letter(actor, app, letter_kind, on, note, due=result.due if result else None,
                     provisional=bool(result and result.provisional), amount=app.fee_amount)
    audit.record(actor, f"application.{kind}", app, f"{ACTION_LABELS.get(kind, kind)}（{on}）" + (f"：{note}" if note else ""),
                 agency=app.agency)
    return app


def reply(actor, app: Application, on: date, outcome_key: str, note: str = "",
          expected_version: int | None = None) -> Application:
    """Answer and close. A reply that provides information passes the privacy gate first, in its own transaction,
    so a refusal keeps the findings for the reviewer while the case stays unchanged."""
    chosen = outcome(outcome_key)
    if chosen is None:
        raise ValidationError({"outcome": f"办理结果不存在：{outcome_key}"})
    _require(actor, permissions.HANDLE, app)
    check_reply_release(actor, Application.objects.get(pk=app.pk), chosen.key)
    with transaction.atomic():
        app = _locked(app, expected_version)
        if app.received_date is None:
            raise ValidationError({"event": "请先确认收到申请"})
        _add(actor, app, "replied", on, note)
        app.outcome, app.closed_date = chosen.key, on
        _apply_clock(app)
        app.version += 1
        app.save()
        issue_letter(actor, app, "reply", on, note)
        audit.record(actor, "application.replied", app, f"答复：{chosen.label}（{chosen.basis}）", agency=app.agency)
    return app


def fee_for(app: Application, method: str, pages: int = 0) -> int:
    """信息处理费 for this application: 按件 by the applicant's count in the calendar month, or 按量 by pages."""
    if method == "per_page":
        return fees.fee_by_pages(pages)
    day = app.received_date or timezone.localdate()
    from django.db.models import Q

    earlier = Q(received_date__lt=day) | Q(received_date=day, pk__lt=app.pk)
    month = Application.objects.filter(earlier, applicant_name=app.applicant_name, id_number=app.id_number,
                                       received_date__year=day.year, received_date__month=day.month).count()
    return fees.fee_per_application(month + 1)


def check_query(tracking_number: str, password: str) -> Application | None:
    app = Application.objects.filter(tracking_number=tracking_number.strip().upper()).first()
    if app is None or not check_password(password.strip().upper(), app.password_hash):
        return None
    return app


def recompute_provisional() -> int:
    """After a holiday year is entered: recompute every open application whose due date was provisional."""
    changed = 0
    for app in Application.objects.filter(due_provisional=True).exclude(state=State.CLOSED):
        with transaction.atomic():
            app = Application.objects.select_for_update().get(pk=app.pk)
            _apply_clock(app)
            app.save(update_fields=["due_date", "due_provisional", "state", "updated_at"])
        changed += 1
    return changed


def issue_letter(actor, app: Application, kind: str, on: date, note: str = "", due=None, provisional=False,
                 amount: int = 0) -> Letter:
    """Number and store a letter (inside the caller's transaction); DOCX/PDF are rendered from it on demand."""
    from .letters import KINDS, NUMBER_PATTERN, letter_text

    counter, _ = LetterCounter.objects.select_for_update().get_or_create(agency=app.agency, year=on.year)
    counter.last += 1
    counter.save(update_fields=["last"])
    number = NUMBER_PATTERN.format(short=(app.agency.short_name or app.agency.full_name)[:6], year=on.year, seq=counter.last)
    letter = Letter.objects.create(application=app, kind=kind, title=KINDS[kind], number=number, date=on,
                                   paragraphs=letter_text(kind, app, on, note, due, provisional, amount))
    audit.record(actor, "application.letter", app, f"出具{letter.title}（{letter.number}）", agency=app.agency)
    return letter


def add_reply_attachment(actor, app: Application, name: str, data: bytes):
    from django.core.files.base import ContentFile

    from gongkai.catalog.services import MAX_ATTACHMENT_BYTES
    from gongkai.documents import ALLOWED_TYPES as ALLOWED
    from gongkai.documents import content_type as sniff
    from gongkai.documents import extract_text

    from .models import ReplyAttachment

    if not data or len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": "附件为空或超过大小上限"})
    content_type = sniff(data)
    if content_type is None:
        raise ValidationError({"file": f"不支持的附件类型（按文件内容识别）：{name}。允许：{'、'.join(ALLOWED.values())}"})
    extracted = extract_text(data, name)
    with transaction.atomic():
        app = _locked(app, None)
        _require(actor, permissions.HANDLE, app)
        att = ReplyAttachment(application=app, name=name[:200], content_type=content_type, size=len(data),
                              text=extracted.text, scan_problem=extracted.problem[:200])
        att.file.save(name, ContentFile(data), save=False)
        att.save()
        audit.record(actor, "application.attachment_added", app, f"添加答复附件：{name}", agency=app.agency)
    return att


RELEASING = {"granted", "partly_granted"}


def check_reply_release(actor, app: Application, outcome_key: str) -> None:
    """Replies that provide information pass the privacy gate first (findings kept when refused)."""
    if outcome_key not in RELEASING:
        return
    from gongkai.privacy.services import check_release

    verdict = check_release(app, actor)
    if verdict.blocked:
        raise ValidationError({"privacy": verdict.message})


@transaction.atomic
def record_review_case(actor, agency, route: str, case_number: str, body: str, filed_on: date,
                       application: Application | None = None, result: str = "pending", decided_on=None):
    from .models import ReviewCase

    _require(actor, permissions.HANDLE, agency)
    errors = {}
    if route not in dict(ReviewCase.ROUTES):
        errors["route"] = f"未知途径：{route}"
    if result not in dict(ReviewCase.RESULTS):
        errors["result"] = f"未知结果：{result}"
    if result != "pending" and decided_on is None:
        errors["decided_on"] = "已审结的案件请填写审结日期"
    if not case_number.strip():
        errors["case_number"] = "请填写案号"
    if ReviewCase.objects.filter(agency=agency, case_number=case_number.strip()).exists():
        errors["case_number"] = f"案号已存在：{case_number}"
    if application is not None and application.agency_id != agency.pk:
        errors["application"] = "关联的申请不属于本机关"
    if errors:
        raise ValidationError(errors)
    case = ReviewCase.objects.create(agency=agency, application=application, route=route, case_number=case_number.strip(),
                                     body=body, filed_on=filed_on, result=result, decided_on=decided_on)
    audit.record(actor, "review_case.recorded", case, f"记录{case}（{case.get_result_display()}）", agency=agency)
    return case


QUERY_LIMIT = 10  # failed status queries per client address per hour


def query_with_limit(client_key: str, tracking_number: str, password: str) -> tuple[Application | None, str]:
    """(application, error). Wrong number and wrong password give the same answer; too many failures lock out."""
    from django.core.cache import cache

    key = f"apply-status:{client_key}"
    if cache.get(key, 0) >= QUERY_LIMIT:
        return None, "查询失败次数过多，请一小时后再试。"
    app = check_query(tracking_number, password)
    if app is None:
        cache.set(key, cache.get(key, 0) + 1, 3600)
        return None, "申请编号或查询密码不正确。"
    return app, ""


@transaction.atomic
def split(actor, app: Application, descriptions: list[str]) -> list[Application]:
    """一事一申请: split an application asking for several things into separate applications (same applicant,
    receipt and clock events), each with its own outcome. The original keeps the first item."""
    app = _locked(app, None)
    _require(actor, permissions.HANDLE, app)
    items = [d.strip() for d in descriptions if d.strip()]
    if len(items) < 2:
        raise ValidationError({"descriptions": "拆分至少需要两项申请内容"})
    parts = []
    for i, text in enumerate(items[1:], start=2):
        part = Application.objects.create(
            agency=app.agency, tracking_number=f"{app.tracking_number}-{i}", password_hash=app.password_hash, parent=app,
            applicant_type=app.applicant_type, applicant_name=app.applicant_name, id_kind=app.id_kind,
            id_number=app.id_number, contact_phone=app.contact_phone, contact_email=app.contact_email,
            contact_address=app.contact_address, description=text, form_wanted=app.form_wanted,
            delivery_wanted=app.delivery_wanted, channel=app.channel, received_date=app.received_date)
        for e in app.events.all():
            ClockEvent.objects.create(application=part, kind=e.kind, date=e.date, data=e.data, note=e.note, actor=e.actor)
        _apply_clock(part)
        part.save()
        parts.append(part)
    app.description = items[0]
    app.version += 1
    app.save()
    audit.record(actor, "application.split", app, f"按一事一申请拆分为 {len(items)} 件：" +
                 "、".join([app.tracking_number] + [p.tracking_number for p in parts]), agency=app.agency)
    return [app, *parts]


def similar_requests(app: Application, limit: int = 10) -> dict:
    """Flags for the case page: the same applicant asking again (重复申请, art. 36(六)), the applicant's count this
    month (信息处理费 and art. 35), and other applicants asking for the same information (art. 44)."""
    from difflib import SequenceMatcher

    def same(a: str, b: str) -> bool:
        return SequenceMatcher(None, a, b).ratio() >= 0.8

    others = Application.objects.filter(agency=app.agency).exclude(pk=app.pk).exclude(parent=app).order_by("-id")[:500]
    mine = [o for o in others if o.applicant_name == app.applicant_name and o.id_number == app.id_number]
    day = app.received_date or timezone.localdate()
    return {
        "repeats": [o for o in mine if same(o.description, app.description)][:limit],
        "month_count": sum(1 for o in mine if o.received_date and (o.received_date.year, o.received_date.month)
                           == (day.year, day.month)) + 1,
        "same_information": [o for o in others if o.applicant_name != app.applicant_name
                             and same(o.description, app.description)][:limit],
    }


@transaction.atomic
def propose_proactive(actor, app: Application):
    """Art. 44: information several applicants asked for may become 主动公开 — creates a catalogue draft."""
    from gongkai.catalog import services as catalog
    from gongkai.catalog.models import Genre

    _require(actor, permissions.HANDLE, app)
    if app.outcome not in RELEASING:
        raise ValidationError({"outcome": "只有予以公开或部分公开的信息可以转为主动公开"})
    item = catalog.create_item(actor, app.agency, title=app.description[:300], genre=Genre.objects.get(name="其他"),
                               formed_date=app.closed_date or timezone.localdate(),
                               summary=f"依申请公开后转为主动公开（第四十四条），来源申请 {app.tracking_number}")
    audit.record(actor, "application.proposed_proactive", app, f"转为主动公开：目录草稿 {item.pk}", agency=app.agency)
    return item


@transaction.atomic
def submit_correction(app: Application, text: str) -> Application:
    """The applicant corrects the application online (after the 补正 notice); the period restarts today."""
    app = _locked(app, None)
    if app.state != State.AWAITING_CORRECTION:
        raise ValidationError({"correction": "该申请目前不需要补正"})
    if not text.strip():
        raise ValidationError({"correction": "请填写补正内容"})
    today = timezone.localdate()
    app.description = f"{app.description}\n【补正 {today}】{text.strip()}"
    _add(None, app, "correction_received", today, text.strip())
    _apply_clock(app)
    app.version += 1
    app.save()
    audit.record(None, "application.corrected", app, "申请人在线提交补正材料", agency=app.agency)
    return app


@transaction.atomic
def record_delivery(actor, letter, method: str, on: date, proof: str = ""):
    """送达: how and when a letter reached the applicant (with a proof reference, e.g. a registered-mail number)."""
    _require(actor, permissions.HANDLE, letter)
    if not method.strip():
        raise ValidationError({"delivery": "请填写送达方式"})
    letter.delivery, letter.delivered_on = f"{method.strip()}{('（' + proof.strip() + '）') if proof.strip() else ''}"[:30], on
    letter.save(update_fields=["delivery", "delivered_on"])
    audit.record(actor, "application.delivered", letter.application, f"{letter.title}（{letter.number}）已送达：{letter.delivery}，{on}",
                 agency=letter.application.agency)
    return letter


@transaction.atomic
def save_letter_template(actor, agency, kind: str, text: str):
    from .letters import KINDS, template_error
    from .models import LetterTemplate

    _require(actor, permissions.MANAGE, agency)
    if kind not in KINDS:
        raise ValidationError({"kind": f"未知告知书类型：{kind}"})
    if not text.strip():
        LetterTemplate.objects.filter(agency=agency, kind=kind).delete()
        audit.record(actor, "letter_template.reset", agency, f"{KINDS[kind]}恢复默认模板")
        return None
    if msg := template_error(text):
        raise ValidationError({"text": msg})
    template, _ = LetterTemplate.objects.update_or_create(agency=agency, kind=kind, defaults={"text": text})
    audit.record(actor, "letter_template.saved", agency, f"修改{KINDS[kind]}模板", after={"text": text[:400]})
    return template


@transaction.atomic
def decide_review_case(actor, case, result: str, decided_on: date):
    """Record the result of a 复议/诉讼 case when it is decided (table 四 counts results as of year end)."""
    from .models import ReviewCase

    _require(actor, permissions.HANDLE, case.agency)
    if result not in dict(ReviewCase.RESULTS) or result == "pending":
        raise ValidationError({"result": "请选择审结结果：维持、纠正或其他结果"})
    if decided_on < case.filed_on:
        raise ValidationError({"decided_on": "审结日期早于受理日期"})
    before = {"result": case.result}
    case.result, case.decided_on = result, decided_on
    case.save(update_fields=["result", "decided_on"])
    audit.record(actor, "review_case.decided", case, f"{case} 审结：{case.get_result_display()}", before=before,
                 after={"result": result}, agency=case.agency)
    return case
