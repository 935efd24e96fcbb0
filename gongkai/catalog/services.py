"""State changes of the catalogue. One function per action, in one transaction, each writing an audit event.

Workflow: draft → submitted → reviewed (保密审查 by a 审核人 + the privacy gate) → published → withdrawn.
Validity (现行有效 / 已修改 / 已废止) changes by amend / repeal, linking old and new items.
"""

import hashlib
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core import audit, permissions
from gongkai.core.models import Agency
from gongkai.documents import ALLOWED_TYPES as ALLOWED
from gongkai.documents import content_type as sniff

from . import indexnumber, vocab
from .docnumber import normalize_doc_number
from .models import (
    Attachment,
    CatalogSettings,
    Category,
    GazetteEntry,
    GazetteIssue,
    Genre,
    IndexCounter,
    Item,
    Status,
    Topic,
)
from .sanitize import clean_html, html_to_text

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024

EDITABLE_FIELDS = ["title", "summary", "body", "doc_number", "doc_kind", "genre", "topic", "keywords", "written_date",
                   "formed_date", "effective_date", "repeal_date", "disclosure", "withholding_ground",
                   "withholding_reason", "channels", "interpretation_form"]
LABELS = {f.name: str(f.verbose_name) for f in Item._meta.fields}


class ReleaseBlocked(ValidationError):
    """The privacy gate found high-confidence personal data: redact or override first."""


def _require(actor, action, obj):
    if actor is not None:  # None = system / CLI
        permissions.require(actor, action, obj)


def _snapshot(item: Item) -> dict:
    return {f: str(getattr(item, f)) if getattr(item, f) is not None else None for f in
            ["title", "status", "index_number", "doc_number", "validity", "disclosure", "published_date"]}


# --- set-up ------------------------------------------------------------------------------------------

@transaction.atomic
def seed_vocabularies() -> None:
    for i, name in enumerate(vocab.GENRES):
        Genre.objects.get_or_create(name=name, defaults={"sort_order": i})
    for i, (top, children) in enumerate(vocab.TOPICS.items()):
        parent, _ = Topic.objects.get_or_create(name=top, parent=None, defaults={"sort_order": i})
        for j, child in enumerate(children):
            Topic.objects.get_or_create(name=child, parent=parent, defaults={"sort_order": j})


@transaction.atomic
def seed_agency_catalog(agency: Agency) -> None:
    """CatalogSettings and the seed 信息分类 tree for an agency (idempotent)."""
    CatalogSettings.objects.get_or_create(agency=agency)
    for i, (code, name, children) in enumerate(vocab.CATEGORY_TREE):
        parent, _ = Category.objects.get_or_create(agency=agency, code=code, defaults={"name": name, "sort_order": i})
        for j, (child_code, child_name) in enumerate(children):
            Category.objects.get_or_create(agency=agency, code=child_code,
                                           defaults={"name": child_name, "parent": parent, "sort_order": j})


@transaction.atomic
def set_index_pattern(actor, agency: Agency, pattern: str) -> None:
    _require(actor, permissions.MANAGE, agency)
    if msg := indexnumber.pattern_error(pattern):
        raise ValidationError({"index_pattern": msg})
    settings_row, _ = CatalogSettings.objects.get_or_create(agency=agency)
    before = settings_row.index_pattern
    settings_row.index_pattern = pattern
    settings_row.save()
    audit.record(actor, "catalog.index_pattern", agency, f"索引号模式改为 {pattern}（只影响此后发布的信息）",
                 before={"index_pattern": before}, after={"index_pattern": pattern})


# --- drafting ----------------------------------------------------------------------------------------

def _apply_fields(item: Item, data: dict) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({k: f"未知字段：{k}" for k in unknown})
    for key, value in data.items():
        setattr(item, key, value.strip() if isinstance(value, str) and key != "body" else value)
    if "body" in data:
        item.body = clean_html(item.body)
        item.body_text = html_to_text(item.body)
    if "doc_number" in data:
        doc = normalize_doc_number(item.doc_number)
        item.doc_number, item.doc_number_regular = doc.text, doc.regular


def _validate(item: Item) -> None:
    errors: dict[str, str] = {}
    if not item.title:
        errors["title"] = "名称不能为空"
    if item.genre_id is None:
        errors["genre"] = "请选择体裁"
    if item.formed_date is None:
        errors["formed_date"] = "请填写形成/变更日期（第二十六条公开时限自该日起算）"
    if item.written_date and item.formed_date and item.formed_date < item.written_date:
        errors["formed_date"] = "形成/变更日期不能早于成文日期"
    if item.effective_date and item.repeal_date and item.repeal_date < item.effective_date:
        errors["repeal_date"] = "废止日期不能早于实施日期"
    if item.disclosure == "withheld":
        if not item.withholding_ground:
            errors["withholding_ground"] = "不予公开的信息必须选择不公开理由（第十四至十六条）"
        if not item.withholding_reason:
            errors["withholding_reason"] = "请说明适用不公开理由的具体情况"
    elif item.withholding_ground:
        errors["withholding_ground"] = "只有公开属性为“不予公开”的信息才填写不公开理由"
    if item.interpretation_form and item.genre_id and item.genre.name != "政策解读":
        errors["interpretation_form"] = "只有体裁为“政策解读”的信息才填写解读形式"
    bad_channels = [c for c in item.channels or [] if c not in vocab.CHANNELS]
    if bad_channels:
        errors["channels"] = f"未知公开方式：{'、'.join(bad_channels)}"
    if errors:
        raise ValidationError(errors)


def _set_publish_due(item: Item) -> None:
    from .deadlines import publication_deadline

    due = publication_deadline(item.formed_date)
    item.publish_due, item.publish_due_provisional = due.due, due.provisional


@transaction.atomic
def create_item(actor, agency: Agency, categories=(), co_issuers=(), **data) -> Item:
    _require(actor, permissions.HANDLE, agency)
    item = Item(agency=agency, created_by=actor if getattr(actor, "pk", None) else None)
    data.setdefault("formed_date", None)
    _apply_fields(item, data)
    if item.formed_date is None and item.written_date:
        item.formed_date = item.written_date
    _validate(item)
    _check_categories(agency, categories)
    if item.disclosure == "withheld":
        _schedule_review(item)
    _set_publish_due(item)
    item.save()
    item.categories.set(categories)
    item.co_issuers.set(co_issuers)
    audit.record(actor, "item.created", item, f"新建草稿：{item.title}", after=_snapshot(item))
    return item


def _check_categories(agency, categories):
    foreign = [c.name for c in categories if c.agency_id != agency.pk]
    if foreign:
        raise ValidationError({"categories": f"信息分类不属于本机构：{'、'.join(foreign)}"})


@transaction.atomic
def update_item(actor, item: Item, categories=None, co_issuers=None, **data) -> Item:
    item = Item.objects.select_for_update().get(pk=item.pk)
    _require(actor, permissions.HANDLE, item)
    if item.status not in (Status.DRAFT, Status.SUBMITTED):
        raise ValidationError({"status": f"{item.get_status_display()}的信息不能直接修改；已发布的信息请通过“修改”发布新版本"})
    before = _snapshot(item)
    _apply_fields(item, data)
    _validate(item)
    if categories is not None:
        _check_categories(item.agency, categories)
        item.categories.set(categories)
    if co_issuers is not None:
        item.co_issuers.set(co_issuers)
    if item.disclosure == "withheld" and not item.next_review_date:
        _schedule_review(item)
    _set_publish_due(item)
    item.status = Status.DRAFT  # any edit sends it back for review
    item.save()
    old, new = audit.diff(before, _snapshot(item))
    changed = [LABELS.get(k, k) for k in data]
    audit.record(actor, "item.updated", item, "修改：" + ("、".join(changed) or "分类"), before=old, after=new)
    return item


def add_attachment(actor, item: Item, name: str, data: bytes) -> Attachment:
    """Type is sniffed from content; size is limited; text is extracted for search and the privacy gate."""
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": f"附件过大：{len(data) // 1024 // 1024} MB，上限 {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB"})
    if not data:
        raise ValidationError({"file": "附件为空文件"})
    content_type = sniff(data)
    if content_type is None:
        raise ValidationError({"file": f"不支持的附件类型（按文件内容识别）：{name}。允许：{'、'.join(ALLOWED.values())}"})
    extracted = extract_text(name, data)
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        _require(actor, permissions.HANDLE, item)
        if item.status not in (Status.DRAFT, Status.SUBMITTED):
            raise ValidationError({"file": "只有草稿或待审核的信息可以添加附件"})
        att = Attachment(item=item, name=name[:200], content_type=content_type, size=len(data),
                         sha256=hashlib.sha256(data).hexdigest(), text=extracted.text,
                         scan_problem=extracted.problem[:200], position=item.attachments.count())
        att.file.save(name, ContentFile(data), save=False)
        att.save()
        if item.status == Status.SUBMITTED:
            item.status = Status.DRAFT
            item.save(update_fields=["status"])
        audit.record(actor, "item.attachment_added", item, f"添加附件：{name}（{ALLOWED[content_type]}，{len(data)} 字节）")
    return att


def extract_text(name: str, data: bytes):
    from gongkai.documents import extract_text as privacy_extract

    return privacy_extract(data, name)


# --- workflow ----------------------------------------------------------------------------------------

def _transition(item: Item, allowed_from: tuple, to: str, verb: str) -> None:
    if item.status not in allowed_from:
        labels = "、".join(Status(s).label for s in allowed_from)
        raise ValidationError({"status": f"只有{labels}的信息可以{verb}（当前：{item.get_status_display()}）"})
    item.status = to


@transaction.atomic
def submit(actor, item: Item) -> Item:
    item = Item.objects.select_for_update().get(pk=item.pk)
    _require(actor, permissions.HANDLE, item)
    _transition(item, (Status.DRAFT,), Status.SUBMITTED, "提交审核")
    item.save(update_fields=["status", "updated_at"])
    audit.record(actor, "item.submitted", item, "提交审核")
    return item


def review(actor, item: Item, approve: bool, note: str = "") -> Item:
    """保密审查 sign-off (art. 17). Approval also passes the privacy gate, or is refused.

    The gate runs (and stores its findings, audited) in its own transaction first, so a refusal leaves the item
    unchanged but keeps the findings for the reviewer to redact or override."""
    item = Item.objects.get(pk=item.pk)
    _require(actor, permissions.REVIEW, item)
    if approve and item.disclosure == "proactive" and item.status == Status.SUBMITTED:
        _privacy_gate(actor, item)
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        if not approve:
            if not note.strip():
                raise ValidationError({"note": "退回时请写明原因"})
            _transition(item, (Status.SUBMITTED,), Status.DRAFT, "退回")
            item.save(update_fields=["status", "updated_at"])
            audit.record(actor, "item.returned", item, f"审核退回：{note.strip()}")
            return item
        _transition(item, (Status.SUBMITTED,), Status.REVIEWED, "审核通过")
        item.secrecy_reviewer = actor if getattr(actor, "pk", None) else None
        item.secrecy_reviewed_at = timezone.now()
        item.save(update_fields=["status", "secrecy_reviewer", "secrecy_reviewed_at", "updated_at"])
        audit.record(actor, "item.reviewed", item, "保密审查通过" + (f"：{note.strip()}" if note.strip() else ""))
        return item


def _privacy_gate(actor, item: Item) -> None:
    from gongkai.privacy.services import check_release

    verdict = check_release(item, actor=actor)
    if verdict.blocked:
        raise ReleaseBlocked({"privacy": verdict.message})


@transaction.atomic
def publish(actor, item: Item, on: date | None = None) -> Item:
    """Publish a reviewed item: issue its 索引号 (gap-free, never changed) and put it in the catalogue."""
    item = Item.objects.select_for_update().select_related("agency").get(pk=item.pk)
    _require(actor, permissions.HANDLE, item)
    _transition(item, (Status.REVIEWED,), Status.PUBLISHED, "发布")
    if item.disclosure == "withheld":
        raise ValidationError({"disclosure": "不予公开的信息不能发布"})
    item.published_date = on or timezone.localdate()
    if not item.index_number:
        item.index_number = issue_index_number(item.agency, item.published_date, _first_category_code(item))
    item.save()
    audit.record(actor, "item.published", item, f"发布，索引号 {item.index_number}", after=_snapshot(item))
    _sync_search_on_commit(item)
    return item


def _first_category_code(item: Item) -> str:
    first = item.categories.order_by("sort_order", "id").first()
    return first.code if first else ""


def issue_index_number(agency: Agency, day: date, category_code: str = "") -> str:
    """Next serial for the agency and period, under a row lock: concurrent publishers get distinct, gap-free serials."""
    pattern = CatalogSettings.objects.filter(agency=agency).values_list("index_pattern", flat=True).first() \
        or indexnumber.DEFAULT_PATTERN
    period = indexnumber.serial_period(pattern, day)
    counter = IndexCounter.objects.select_for_update().filter(agency=agency, period=period).first()
    if counter is None:
        try:
            with transaction.atomic():
                counter = IndexCounter.objects.create(agency=agency, period=period, last=0)
        except IntegrityError:  # another publisher created it first; lock theirs
            counter = IndexCounter.objects.select_for_update().get(agency=agency, period=period)
        counter = IndexCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    codes = indexnumber.AgencyCodes(agency.uscc or "", agency.org_code or "", agency.division_code)
    return indexnumber.render(pattern, codes, day, counter.last, category_code)


@transaction.atomic
def withdraw(actor, item: Item, reason: str) -> Item:
    """撤回: the item leaves the catalogue; its public address shows a notice with the reason."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    _require(actor, permissions.REVIEW, item)
    if not (reason or "").strip():
        raise ValidationError({"reason": "撤回时请写明原因"})
    _transition(item, (Status.PUBLISHED,), Status.WITHDRAWN, "撤回")
    item.withdrawn_reason = reason.strip()
    item.save(update_fields=["status", "withdrawn_reason", "updated_at"])
    audit.record(actor, "item.withdrawn", item, f"撤回：{item.withdrawn_reason}")
    _sync_search_on_commit(item)
    return item


@transaction.atomic
def mark_amended(actor, old: Item, new: Item) -> Item:
    """`new` amends `old`: old becomes 已修改 and links to new (关联 both ways)."""
    return _supersede(actor, old, new, "amended", "amended_by", "修改")


@transaction.atomic
def mark_repealed(actor, old: Item, new: Item | None, on: date | None = None) -> Item:
    """`old` is repealed (by `new` when given): 已废止 with 废止日期."""
    item = _supersede(actor, old, new, "repealed", "repealed_by", "废止")
    item.repeal_date = on or (new.published_date if new and new.published_date else timezone.localdate())
    item.save(update_fields=["repeal_date"])
    return item


def _supersede(actor, old: Item, new: Item | None, validity: str, link: str, verb: str) -> Item:
    old = Item.objects.select_for_update().get(pk=old.pk)
    _require(actor, permissions.HANDLE, old)
    if old.status != Status.PUBLISHED:
        raise ValidationError({"validity": f"只有已发布的信息可以标记为已{verb}"})
    if new is not None and new.pk == old.pk:
        raise ValidationError({link: f"信息不能{verb}自身"})
    if new is not None and new.status != Status.PUBLISHED:
        raise ValidationError({link: f"{verb}文件须先发布：{new.title}"})
    before = _snapshot(old)
    old.validity = validity
    setattr(old, link, new)
    old.save()
    audit.record(actor, f"item.{validity}", old, f"标记为已{verb}" + (f"，{verb}文件：{new.title}（{new.index_number}）" if new else ""),
                 before=before, after=_snapshot(old))
    _sync_search_on_commit(old)
    return old


@transaction.atomic
def link_interpretation(actor, interpretation: Item, policy: Item) -> None:
    """政策解读 ↔ policy: shown as 关联阅读 on both pages."""
    _require(actor, permissions.HANDLE, interpretation)
    if interpretation.genre.name != "政策解读":
        raise ValidationError({"interprets": f"“{interpretation.title}”的体裁不是政策解读"})
    if policy.pk == interpretation.pk:
        raise ValidationError({"interprets": "解读不能关联自身"})
    interpretation.interprets.add(policy)
    audit.record(actor, "item.interpretation_linked", interpretation, f"关联解读的政策文件：{policy.title}")


def publication_warnings(item: Item) -> list[str]:
    """Warnings (not errors) shown before publishing: 三同步 for 行政规范性文件, an irregular 文号, late publication."""
    warnings = []
    if item.doc_kind == "normative" and not item.interpretations.exists():
        warnings.append("行政规范性文件应与解读材料同步起草、同步审签、同步发布（三同步），本文件尚未关联政策解读")
    if item.doc_number and not item.doc_number_regular:
        warnings.append(f"文号格式不规范：{item.doc_number}（应如 国办函〔2020〕109号）")
    if item.publish_due and timezone.localdate() > item.publish_due:
        warnings.append(f"已超过第二十六条规定的公开时限（{item.publish_due:%Y-%m-%d}）")
    return warnings


# --- 不予公开 and periodic re-review (art. 18) -------------------------------------------------------------

def _schedule_review(item: Item) -> None:
    days = vocab.REVIEW_INTERVAL_DAYS.get(item.withholding_ground, vocab.DEFAULT_REVIEW_INTERVAL_DAYS)
    item.next_review_date = timezone.localdate() + timedelta(days=days)


@transaction.atomic
def record_re_review(actor, item: Item, outcome: str, note: str) -> Item:
    """outcome: 'keep' (stay withheld, next date set), 'proactive' or 'on_request' (goes back through review)."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    _require(actor, permissions.REVIEW, item)
    if item.disclosure != "withheld":
        raise ValidationError({"disclosure": "只有不予公开的信息需要定期复审"})
    if outcome not in ("keep", "proactive", "on_request"):
        raise ValidationError({"outcome": f"未知复审结论：{outcome}"})
    if not note.strip():
        raise ValidationError({"note": "请填写复审意见"})
    before = _snapshot(item)
    if outcome == "keep":
        _schedule_review(item)
    else:
        item.disclosure, item.withholding_ground, item.withholding_reason = outcome, "", ""
        item.next_review_date = None
        item.status = Status.DRAFT  # publication goes through the art. 17 review again
    item.save()
    audit.record(actor, "item.re_reviewed", item, f"不予公开定期复审：{dict(keep='继续不予公开', proactive='转为主动公开', on_request='转为依申请公开')[outcome]}；{note.strip()}",
                 before=before, after=_snapshot(item))
    return item


# --- 政府公报 -------------------------------------------------------------------------------------------

@transaction.atomic
def create_gazette_issue(actor, agency: Agency, year: int, number: int, items: list[Item], title: str = "",
                         published_date: date | None = None) -> GazetteIssue:
    _require(actor, permissions.HANDLE, agency)
    if GazetteIssue.objects.filter(agency=agency, year=year, number=number).exists():
        raise ValidationError({"number": f"{year}年第{number}期公报已存在"})
    unpublished = [i.title for i in items if i.status != Status.PUBLISHED]
    if unpublished:
        raise ValidationError({"items": f"公报只能收录已发布的信息：{'、'.join(unpublished)}"})
    issue = GazetteIssue.objects.create(agency=agency, year=year, number=number, title=title,
                                        published_date=published_date)
    for position, item in enumerate(items):
        GazetteEntry.objects.create(issue=issue, item=item, position=position)
    audit.record(actor, "gazette.created", issue, f"编印公报：{issue}，收录 {len(items)} 件", agency=agency)
    return issue


# --- search sync -------------------------------------------------------------------------------------

def _sync_search_on_commit(item: Item) -> None:
    from .search_sync import sync_item

    bump_generation(item.agency_id)
    transaction.on_commit(lambda: sync_item(item.pk))


def bump_generation(agency_id: int) -> None:
    """Invalidate the cached per-agency figures of the public list pages."""
    from django.core.cache import cache

    key = f"catalog:gen:{agency_id}"
    cache.set(key, cache.get(key, 0) + 1, None)
