"""Drafts: create and edit an item's fields, with the field rules and the art. 26 due date; pre-publication warnings."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit, permissions
from gongkai.core.models import Agency

from .. import vocab
from ..docnumber import normalize_doc_number
from ..models import Item
from ..sanitize import clean_html, html_to_text
from ..workflow import STATE_LABELS
from .common import move, require, snapshot
from .re_review import schedule_review

EDITABLE_FIELDS = ["title", "summary", "body", "doc_number", "doc_kind", "genre", "topic", "keywords", "written_date",
                   "formed_date", "effective_date", "repeal_date", "disclosure", "withholding_ground",
                   "withholding_reason", "channels", "interpretation_form"]
LABELS = {f.name: str(f.verbose_name) for f in Item._meta.fields}


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


def _field_errors(item: Item) -> dict[str, str]:
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
    return errors


def _validate(item: Item) -> None:
    if errors := _field_errors(item):
        raise ValidationError(errors)


def _set_publish_due(item: Item) -> None:
    from ..deadlines import publication_deadline

    due = publication_deadline(item.formed_date)
    item.publish_due, item.publish_due_provisional = due.due, due.provisional


def _check_categories(agency, categories):
    foreign = [c.name for c in categories if c.agency_id != agency.pk]
    if foreign:
        raise ValidationError({"categories": f"信息分类不属于本机构：{'、'.join(foreign)}"})


@transaction.atomic
def create_item(actor, agency: Agency, categories=(), co_issuers=(), **data) -> Item:
    require(actor, permissions.HANDLE, agency)
    item = Item(agency=agency, created_by=actor if getattr(actor, "pk", None) else None)
    data.setdefault("formed_date", None)
    _apply_fields(item, data)
    if item.formed_date is None and item.written_date:
        item.formed_date = item.written_date
    _validate(item)
    _check_categories(agency, categories)
    if item.disclosure == "withheld":
        schedule_review(item)
    _set_publish_due(item)
    item.save()
    item.categories.set(categories)
    item.co_issuers.set(co_issuers)
    audit.record(actor, "item.created", item, f"新建草稿：{item.title}", after=snapshot(item))
    return item


@transaction.atomic
def update_item(actor, item: Item, categories=None, co_issuers=None, **data) -> Item:
    item = Item.objects.select_for_update().get(pk=item.pk)
    require(actor, permissions.HANDLE, item)
    before = snapshot(item)
    move(item, "edit", message=f"{STATE_LABELS.get(item.status, item.status)}的信息不能直接修改；"
                               "已发布的信息请通过“修改”发布新版本")  # any edit sends it back for review
    _apply_fields(item, data)
    _validate(item)
    if categories is not None:
        _check_categories(item.agency, categories)
        item.categories.set(categories)
    if co_issuers is not None:
        item.co_issuers.set(co_issuers)
    if item.disclosure == "withheld" and not item.next_review_date:
        schedule_review(item)
    _set_publish_due(item)
    item.save()
    old, new = audit.diff(before, snapshot(item))
    changed = [LABELS.get(k, k) for k in data]
    audit.record(actor, "item.updated", item, "修改：" + ("、".join(changed) or "分类"), before=old, after=new)
    return item


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
