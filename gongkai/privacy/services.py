"""Release gate and finding decisions. Other apps call `check_release` before anything is published or sent.

High-confidence findings (checksum-valid numbers, labelled names and addresses) and parts that could not be
scanned block release until a reviewer redacts them or records an override with a reason; the rest are warnings.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit, permissions

from .findings import HIGH, PRIVACY_GROUND
from .models import FindingStatus, ScanMark, StoredFinding
from .registry import source_for
from .scanner import scan_text


@dataclass
class Verdict:
    blocked: bool
    findings: list[StoredFinding] = field(default_factory=list)

    @property
    def blocking(self) -> list[StoredFinding]:
        return [f for f in self.findings if f.confidence == HIGH and f.status == FindingStatus.OPEN]

    @property
    def message(self) -> str:
        if not self.blocked:
            return ""
        items = "；".join(f"{f.source}：{f.label} {f.masked}" for f in self.blocking[:5])
        more = len(self.blocking) - 5
        return (f"发现 {len(self.blocking)} 处可能的个人信息，须脱敏或由审核人确认后才能发布（依据{PRIVACY_GROUND}）："
                f"{items}" + (f" 等（另有 {more} 处）" if more > 0 else ""))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def scan_parts(parts) -> list[tuple]:
    """Pure part of a scan: [(handle, source, type, label, confidence, masked, context, text_hash, ground)]."""
    rows = []
    for part in parts:
        if part.problem:
            rows.append((part.handle, part.source, "unscannable", "未能扫描", HIGH, part.problem, "", _hash(part.problem),
                         "需人工核查"))
        for f in scan_text(part.text, part.source):
            if f.confidence != "info":
                rows.append((part.handle, part.source, f.type, f.label, f.confidence, f.masked, f.context,
                             _hash(f.text), f.ground))
    return rows


def store_findings(label: str, object_id: str, object_label: str, agency, rows, sweep=None) -> list[StoredFinding]:
    """Keep decisions on earlier findings, add new ones, close the ones whose text is gone."""
    seen_keys = set()
    for handle, source, type_, label_, confidence, masked, context, text_hash, ground in rows:
        seen_keys.add((handle, type_, text_hash))
        StoredFinding.objects.get_or_create(
            object_type=label, object_id=object_id, handle=handle, type=type_, text_hash=text_hash,
            defaults=dict(object_label=object_label[:300], agency=agency, source=source[:200], label=label_,
                          confidence=confidence, masked=masked[:200], context=context[:300], ground=ground, sweep=sweep))
    current = list(StoredFinding.objects.filter(object_type=label, object_id=object_id))
    for f in current:
        if (f.handle, f.type, f.text_hash) not in seen_keys and f.status == FindingStatus.OPEN:
            f.status, f.decided_at, f.reason = FindingStatus.REDACTED, timezone.now(), "内容已修改或脱敏，复查未再检出"
            f.save(update_fields=["status", "decided_at", "reason"])
    ScanMark.objects.update_or_create(object_type=label, object_id=object_id, defaults={"scanned_at": timezone.now()})
    return [f for f in current if (f.handle, f.type, f.text_hash) in seen_keys]


def scan_object(obj, sweep=None) -> list[StoredFinding]:
    """Scan every part of `obj`; store new findings (decisions on earlier ones are kept). Returns current findings."""
    source = source_for(obj)
    return store_findings(obj._meta.label_lower, str(obj.pk), str(obj), source.agency_of(obj),
                          scan_parts(source.parts(obj)), sweep)


@transaction.atomic
def check_release(obj, actor=None) -> Verdict:
    findings = scan_object(obj)
    verdict = Verdict(False, findings)
    verdict.blocked = bool(verdict.blocking)
    if verdict.blocked:
        audit.record(actor, "privacy.release_blocked", obj, verdict.message[:500], agency=source_for(obj).agency_of(obj))
    return verdict


def findings_for(obj) -> list[StoredFinding]:
    return list(StoredFinding.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("id"))


def _decide(actor, finding: StoredFinding, status: str, reason: str, verb: str) -> StoredFinding:
    permissions.require(actor, permissions.REVIEW, finding)
    if not reason.strip():
        raise ValidationError({"reason": f"{verb}须写明理由"})
    finding = StoredFinding.objects.select_for_update().get(pk=finding.pk)
    if finding.status != FindingStatus.OPEN:
        raise ValidationError({"status": f"该检查结果已处理（{finding.get_status_display()}）"})
    finding.status, finding.decided_by, finding.decided_at, finding.reason = status, actor, timezone.now(), reason.strip()
    finding.save()
    audit.record(actor, f"privacy.{status}", finding, f"{verb}：{finding.label} {finding.masked}（{finding.source}）：{reason.strip()}",
                 agency=finding.agency)
    return finding


@transaction.atomic
def override(actor, finding: StoredFinding, reason: str) -> StoredFinding:
    """The reviewer confirms release is lawful (e.g. the person consented; art. 15 public-interest balance)."""
    return _decide(actor, finding, FindingStatus.OVERRIDDEN, reason, "确认可以公开")


@transaction.atomic
def mark_not_personal(actor, finding: StoredFinding, reason: str) -> StoredFinding:
    return _decide(actor, finding, FindingStatus.NOT_PERSONAL, reason, "确认不属于个人信息")


@transaction.atomic
def redact(actor, obj, handles: list[str] | None = None) -> int:
    """Redact the parts holding open findings (or the given handles): really remove the text, keep the original in
    restricted storage, re-scan. Returns how many findings were closed."""
    source = source_for(obj)
    permissions.require(actor, permissions.REVIEW, source.agency_of(obj)) if actor is not None else None
    open_findings = StoredFinding.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk),
                                                 status=FindingStatus.OPEN).exclude(type="unscannable")
    handles = handles or sorted({f.handle for f in open_findings})
    if not handles:
        return 0
    before = open_findings.count()
    source.redact(obj, actor, handles)
    audit.record(actor, "privacy.redacted", obj, f"脱敏处理：{'、'.join(handles)}", agency=source.agency_of(obj))
    obj.refresh_from_db()
    scan_object(obj)
    after = StoredFinding.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk),
                                         status=FindingStatus.OPEN).exclude(type="unscannable").count()
    return before - after


@transaction.atomic
def withdraw(actor, finding: StoredFinding, reason: str) -> None:
    """From the findings page: withdraw the published information holding the finding."""
    from django.apps import apps

    from .registry import SOURCES

    source = SOURCES[finding.object_type]
    if source.withdraw is None:
        raise ValidationError({"action": "该类信息不支持撤回"})
    model = apps.get_model(finding.object_type)
    obj = model.objects.get(pk=finding.object_id)
    source.withdraw(obj, actor, reason or f"含个人信息：{finding.label}")
    StoredFinding.objects.filter(object_type=finding.object_type, object_id=finding.object_id,
                                 status=FindingStatus.OPEN).update(status=FindingStatus.WITHDRAWN, decided_by=actor,
                                                                   decided_at=timezone.now(), reason=reason)
