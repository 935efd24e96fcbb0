"""How an application comes in: the applicant's online form, staff registering a letter / visit / fax, the query
password and the status query, and the applicant's online 补正."""

import secrets
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as NumberInvalid

from gongkai.core import audit, permissions, ratelimit
from gongkai.core.codes import uscc_error
from gongkai.core.law import APPLICANT_TYPES
from gongkai.documents import content_type

from ..access import require
from ..models import Application, Channel
from ..workflow import CASE
from .clock import CLOCK_CHANNEL, add_event, apply_clock, locked, target_state

PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ID_PROOF_TYPES = ("image/png", "image/jpeg", "application/pdf")
ID_PROOF_MAX_BYTES = 10 * 1024 * 1024
QUERY_LIMIT = 10                # failed status queries per tracking number per hour
QUERY_LIMIT_PER_ADDRESS = 50    # … and per client address (an office behind one NAT address has many applicants)


def resident_id_valid(number: str) -> bool:
    """居民身份证号码 (GB 11643): 18 characters, a real birth date and the right check digit."""
    try:
        number = ric.compact(number).upper()
        if len(number) != 18 or not number[:17].isdigit() or ric.calc_check_digit(number) != number[17]:
            return False
        born = ric.get_birth_date(number)
    except (NumberInvalid, ValueError):
        return False
    return date(1900, 1, 1) <= born <= timezone.localdate()


def _identity_error(data: dict, number: str) -> str | None:
    if data.get("applicant_type") == "natural_person":
        if data.get("id_kind", "居民身份证") == "居民身份证":
            return None if resident_id_valid(number) else "居民身份证号码无效（应为18位，校验位和出生日期须正确）"
        return None if number else "请填写身份证明文件号码"
    if data.get("applicant_type") in dict(APPLICANT_TYPES):
        return uscc_error(number)
    return None


def validate_applicant(data: dict) -> dict:
    """The applicant's particulars (art. 29), every problem named beside its field; the id number normalised."""
    errors = {}
    if data.get("applicant_type") not in dict(APPLICANT_TYPES):
        errors["applicant_type"] = "请选择申请人类型（自然人或法人、其他组织）"
    if not (data.get("applicant_name") or "").strip():
        errors["applicant_name"] = "请填写申请人姓名或名称"
    if not (data.get("description") or "").strip():
        errors["description"] = "请填写所需政府信息的名称、文号或便于查询的特征描述（第二十九条）"
    if not (data.get("contact_phone") or data.get("contact_email") or data.get("contact_address")):
        errors["contact_phone"] = "请至少填写一种联系方式"
    number = (data.get("id_number") or "").strip().upper()
    if msg := _identity_error(data, number):
        errors["id_number"] = msg
    if errors:
        raise ValidationError(errors)
    return {**data, "id_number": number}


def new_tracking_number(on: date) -> str:
    return f"YSQ{on:%Y%m%d}{secrets.randbelow(10**6):06d}"


def new_query_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(10))


def new_credentials() -> tuple[str, str]:
    """A query password and its hash. Hashing is slow on purpose (PBKDF2), so it is done before the write
    transaction opens: a writer holds the database (on SQLite, the whole file) only for the inserts."""
    password = new_query_password()
    return password, make_password(password)


def _create(agency, data: dict, channel: str, password_hash: str) -> Application:
    fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()
              if k in {f.name for f in Application._meta.fields}}
    for _ in range(5):
        try:
            with transaction.atomic():
                app = Application.objects.create(agency=agency, channel=channel, password_hash=password_hash,
                                                 tracking_number=new_tracking_number(timezone.localdate()), **fields)
            return app
        except IntegrityError:
            continue
    raise RuntimeError("无法生成唯一的申请编号")


def _check_id_proof(id_proof: bytes | None) -> None:
    if id_proof is not None and (len(id_proof) > ID_PROOF_MAX_BYTES or content_type(id_proof) not in ID_PROOF_TYPES):
        raise ValidationError({"id_proof": "身份证明材料应为不超过10MB的 JPG、PNG 图片或 PDF 文件"})


def _store_id_proof(app: Application, id_proof: bytes, name: str) -> None:
    """Restricted storage (PRIVATE_ROOT), never a public URL."""
    path = Path(settings.PRIVATE_ROOT) / "id-proofs" / f"{app.tracking_number}-{Path(name).name or 'proof'}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(id_proof)
    app.id_proof_path = str(path)
    app.save(update_fields=["id_proof_path"])


def submit_online(agency, data: dict, id_proof: bytes | None = None, id_proof_name: str = "") -> tuple[Application, str]:
    """The public online form. Returns the application and its query password (shown once). An identity proof goes to
    restricted storage (PRIVATE_ROOT), never to a public URL. Validation and hashing happen before the one short
    write transaction."""
    data = validate_applicant(data)
    if not data.get("consent"):
        raise ValidationError({"consent": "请阅读并同意个人信息处理说明"})
    _check_id_proof(id_proof)
    password, password_hash = new_credentials()
    with transaction.atomic():
        app = _create(agency, {k: v for k, v in data.items() if k != "consent"}, Channel.ONLINE, password_hash)
        if id_proof is not None:
            _store_id_proof(app, id_proof, id_proof_name)
        audit.record(None, "application.submitted", app, f"在线提交申请 {app.tracking_number}", agency=agency)
    return app, password


def register(actor, agency, data: dict, channel: str, received: date) -> tuple[Application, str]:
    """Staff register an application received 当面 / by post / 平常信函 / fax, with its receipt date (art. 31)."""
    require(actor, permissions.HANDLE, agency)
    if channel not in Channel.values:
        raise ValidationError({"channel": f"未知渠道：{channel}"})
    if received > timezone.localdate():
        raise ValidationError({"received_date": "收到申请之日不能晚于今天"})
    data = validate_applicant(data)
    password, password_hash = new_credentials()
    with transaction.atomic():
        return _register(actor, agency, data, channel, received, password_hash), password


def _register(actor, agency, data: dict, channel: str, received: date, password_hash: str) -> Application:
    app = _create(agency, data, channel, password_hash)
    target = target_state(app, "received")
    add_event(actor, app, "received", received, channel=CLOCK_CHANNEL[channel])
    app.received_date = received
    apply_clock(app, target)
    app.save()
    audit.record(actor, "application.registered", app, f"登记申请 {app.tracking_number}（{app.get_channel_display()}，"
                 f"收到之日 {received}）", agency=agency)
    return app


def check_query(tracking_number: str, password: str) -> Application | None:
    app = Application.objects.filter(tracking_number=tracking_number.strip().upper()).first()
    if app is None:
        make_password(password)   # the same hashing work as a real number: a miss must not answer faster
        return None
    if not check_password(password.strip().upper(), app.password_hash):
        return None
    return app


def query_with_limit(client_key: str, tracking_number: str, password: str) -> tuple[Application | None, str]:
    """(application, error). Wrong number and wrong password give the same answer, in the same time. Failures are
    limited per tracking number (guessing one case's password) and per client address (trying many numbers), each
    counted atomically in the database so every process sees the same count; a successful query does not count."""
    keys = [(f"apply-status:number:{tracking_number.strip().upper()[:40]}", QUERY_LIMIT),
            (f"apply-status:address:{client_key}", QUERY_LIMIT_PER_ADDRESS)]
    allowed = [ratelimit.hit(key, limit, 3600) for key, limit in keys]   # count every key, even after a refusal
    if not all(allowed):
        return None, "查询失败次数过多，请一小时后再试。"
    app = check_query(tracking_number, password)
    if app is None:
        return None, "申请编号或查询密码不正确。"
    for key, _ in keys:
        ratelimit.release(key)
    return app, ""


def can_correct_online(app: Application) -> bool:
    """The status page offers the 补正 form only while the case waits for it."""
    return CASE.can(app.state, "correction_received")


@transaction.atomic
def submit_correction(app: Application, text: str) -> Application:
    """The applicant corrects the application online (after the 补正 notice); the period restarts today."""
    app = locked(app, None)
    if not can_correct_online(app):
        raise ValidationError({"correction": "该申请目前不需要补正"})
    if not text.strip():
        raise ValidationError({"correction": "请填写补正内容"})
    target = target_state(app, "correction_received")
    today = timezone.localdate()
    app.description = f"{app.description}\n【补正 {today}】{text.strip()}"
    add_event(None, app, "correction_received", today, text.strip())
    apply_clock(app, target)
    app.version += 1
    app.save()
    audit.record(None, "application.corrected", app, "申请人在线提交补正材料", agency=app.agency)
    return app
