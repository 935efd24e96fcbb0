"""Redacting a stored attachment in place: the public file becomes the redacted copy, the original moves to
restricted storage (PRIVATE_ROOT, never served by URL). Shared by every source that has attachments."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile

from gongkai.documents import isolated

from .redact import redact_file


def redact_attachment(att, area: str) -> None:
    """`att` has: file (FileField), name, text, scan_problem, redacted, private_path, size; sha256 if present."""
    original = att.file.read() if att.file else b""
    att.file.close()
    data, name = redact_file(original, att.name)
    private = Path(settings.PRIVATE_ROOT) / area / f"{hashlib.sha256(original).hexdigest()}-{Path(att.name).name}"
    private.parent.mkdir(parents=True, exist_ok=True)
    private.write_bytes(original)
    old = att.file.name
    att.file.save(name, ContentFile(data), save=False)
    if old:
        att.file.storage.delete(old)
    extracted = isolated.extract_text(data, name)
    att.name, att.private_path, att.redacted, att.size = name, str(private), True, len(data)
    att.text, att.scan_problem = extracted.text, extracted.problem[:200]
    if hasattr(att, "sha256"):
        att.sha256 = hashlib.sha256(data).hexdigest()
    att.save()
