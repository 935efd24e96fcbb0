"""附件: type sniffed from content, size limited, text extracted for search and the privacy gate."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.core import audit, permissions
from gongkai.documents import ALLOWED_TYPES as ALLOWED
from gongkai.documents import content_type as sniff

from ..models import Attachment, Item
from .common import move, require

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


def _check_upload(name: str, data: bytes) -> str:
    """The upload's content type, or a Chinese refusal beside the file field."""
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": f"附件过大：{len(data) // 1024 // 1024} MB，上限 {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB"})
    if not data:
        raise ValidationError({"file": "附件为空文件"})
    content_type = sniff(data)
    if content_type is None:
        raise ValidationError({"file": f"不支持的附件类型（按文件内容识别）：{name}。允许：{'、'.join(ALLOWED.values())}"})
    return content_type


def add_attachment(actor, item: Item, name: str, data: bytes) -> Attachment:
    """Adding an attachment to a submitted item sends it back to draft: what was reviewed has changed."""
    content_type = _check_upload(name, data)
    extracted = extract_text(name, data)
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        require(actor, permissions.HANDLE, item)
        was = item.status
        move(item, "attach", field="file", message="只有草稿或待审核的信息可以添加附件")
        att = Attachment(item=item, name=name[:200], content_type=content_type, size=len(data),
                         sha256=hashlib.sha256(data).hexdigest(), text=extracted.text,
                         scan_problem=extracted.problem[:200], position=item.attachments.count())
        att.file.save(name, ContentFile(data), save=False)
        att.save()
        if item.status != was:
            item.save(update_fields=["status"])
        audit.record(actor, "item.attachment_added", item, f"添加附件：{name}（{ALLOWED[content_type]}，{len(data)} 字节）")
    return att


def extract_text(name: str, data: bytes):
    from gongkai.documents import isolated

    return isolated.extract_text(data, name)
