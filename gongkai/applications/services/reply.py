"""Answering an application: the reply (through the privacy gate when it releases information), the documents
released with it, the fee, 一事一申请 splits, the flags of similar requests and art. 44 proactive disclosure."""

from datetime import date
from difflib import SequenceMatcher

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.core import audit, permissions
from gongkai.core.law import OUTCOMES, outcome
from gongkai.documents import ALLOWED_TYPES, content_type, isolated

from .. import fees
from ..access import require
from ..models import Application, ClockEvent, ReplyAttachment
from .clock import add_event, apply_clock, locked, target_state
from .letters import issue_letter

# Outcomes that release information (table 三 rows （一） 予以公开 and （二） 部分公开): they pass the privacy gate,
# their attachments reach the applicant, and they may become 主动公开 (art. 44).
RELEASING = frozenset(o.key for o in OUTCOMES if o.label.startswith(("（一）", "（二）")))


def releases_information(app: Application) -> bool:
    return app.outcome in RELEASING


def check_reply_release(actor, app: Application, outcome_key: str) -> None:
    """Replies that provide information pass the privacy gate first (findings kept when refused)."""
    if outcome_key not in RELEASING:
        return
    from gongkai.privacy.services import check_release

    verdict = check_release(app, actor)
    if verdict.blocked:
        raise ValidationError({"privacy": verdict.message})


def reply(actor, app: Application, on: date, outcome_key: str, note: str = "",
          expected_version: int | None = None) -> Application:
    """Answer and close. A reply that provides information passes the privacy gate first, in its own transaction,
    so a refusal keeps the findings for the reviewer while the case stays unchanged."""
    chosen = outcome(outcome_key)
    if chosen is None:
        raise ValidationError({"outcome": f"办理结果不存在：{outcome_key}"})
    require(actor, permissions.HANDLE, app)
    check_reply_release(actor, Application.objects.get(pk=app.pk), chosen.key)
    with transaction.atomic():
        app = locked(app, expected_version)
        target = target_state(app, "replied")
        add_event(actor, app, "replied", on, note)
        app.outcome, app.closed_date = chosen.key, on
        apply_clock(app, target)
        app.version += 1
        app.save()
        issue_letter(actor, app, "reply", on, note)
        audit.record(actor, "application.replied", app, f"答复：{chosen.label}（{chosen.basis}）", agency=app.agency)
    return app


def add_reply_attachment(actor, app: Application, name: str, data: bytes) -> ReplyAttachment:
    """A document released with the reply; its text is kept for the privacy gate."""
    from gongkai.catalog.services import MAX_ATTACHMENT_BYTES

    if not data or len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": "附件为空或超过大小上限"})
    kind = content_type(data)
    if kind is None:
        raise ValidationError({"file": f"不支持的附件类型（按文件内容识别）：{name}。允许：{'、'.join(ALLOWED_TYPES.values())}"})
    extracted = isolated.extract_text(data, name)
    with transaction.atomic():
        app = locked(app, None)
        require(actor, permissions.HANDLE, app)
        target_state(app, "attach")
        att = ReplyAttachment(application=app, name=name[:200], content_type=kind, size=len(data),
                              text=extracted.text, scan_problem=extracted.problem[:200])
        att.file.save(name, ContentFile(data), save=False)
        att.save()
        audit.record(actor, "application.attachment_added", app, f"添加答复附件：{name}", agency=app.agency)
    return att


def fee_for(app: Application, method: str, pages: int = 0) -> int:
    """信息处理费 for this application: 按件 by the applicant's count in the calendar month, or 按量 by pages."""
    if method == "per_page":
        return fees.fee_by_pages(pages)
    day = app.received_date or timezone.localdate()
    earlier = Q(received_date__lt=day) | Q(received_date=day, pk__lt=app.pk)
    month = Application.objects.filter(earlier, applicant_name=app.applicant_name, id_number=app.id_number,
                                       received_date__year=day.year, received_date__month=day.month).count()
    return fees.fee_per_application(month + 1)


def _split_part(app: Application, number: int, text: str) -> Application:
    part = Application.objects.create(
        agency=app.agency, tracking_number=f"{app.tracking_number}-{number}", password_hash=app.password_hash, parent=app,
        applicant_type=app.applicant_type, applicant_name=app.applicant_name, id_kind=app.id_kind,
        id_number=app.id_number, contact_phone=app.contact_phone, contact_email=app.contact_email,
        contact_address=app.contact_address, description=text, form_wanted=app.form_wanted,
        delivery_wanted=app.delivery_wanted, channel=app.channel, received_date=app.received_date)
    for e in app.events.all():
        ClockEvent.objects.create(application=part, kind=e.kind, date=e.date, data=e.data, note=e.note, actor=e.actor)
    apply_clock(part, app.state)
    part.save()
    return part


@transaction.atomic
def split(actor, app: Application, descriptions: list[str]) -> list[Application]:
    """一事一申请: split an application asking for several things into separate applications (same applicant,
    receipt and clock events), each with its own outcome. The original keeps the first item."""
    app = locked(app, None)
    require(actor, permissions.HANDLE, app)
    target_state(app, "split")
    items = [d.strip() for d in descriptions if d.strip()]
    if len(items) < 2:
        raise ValidationError({"descriptions": "拆分至少需要两项申请内容"})
    parts = [_split_part(app, i, text) for i, text in enumerate(items[1:], start=2)]
    app.description = items[0]
    app.version += 1
    app.save()
    audit.record(actor, "application.split", app, f"按一事一申请拆分为 {len(items)} 件：" +
                 "、".join([app.tracking_number] + [p.tracking_number for p in parts]), agency=app.agency)
    return [app, *parts]


def similar_requests(app: Application, limit: int = 10) -> dict:
    """Flags for the case page: the same applicant asking again (重复申请, art. 36(六)), the applicant's count this
    month (信息处理费 and art. 35), and other applicants asking for the same information (art. 44)."""

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

    require(actor, permissions.HANDLE, app)
    if not releases_information(app):
        raise ValidationError({"outcome": "只有予以公开或部分公开的信息可以转为主动公开"})
    item = catalog.create_item(actor, app.agency, title=app.description[:300], genre=Genre.objects.get(name="其他"),
                               formed_date=app.closed_date or timezone.localdate(),
                               summary=f"依申请公开后转为主动公开（第四十四条），来源申请 {app.tracking_number}")
    audit.record(actor, "application.proposed_proactive", app, f"转为主动公开：目录草稿 {item.pk}", agency=app.agency)
    return item
