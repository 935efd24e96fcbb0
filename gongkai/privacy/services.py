"""Release gate and finding decisions. Other apps call `check_release` before anything is published or sent.

High-confidence findings (checksum-valid numbers, labelled names and addresses) and parts that could not be
scanned block release until a reviewer redacts them or records an override with a reason; the rest are warnings.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
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
    """Keep decisions on earlier findings, add new ones, close the ones whose text is gone. Returns the object's
    current findings, newest first."""
    current = store_batch(label, [(object_id, object_label, agency, rows)], sweep)[object_id]
    return sorted(current, key=lambda f: (f.found_at, f.pk), reverse=True)


@transaction.atomic
def store_batch(label: str, objects, sweep=None, read_back: bool = True,
                _retry: bool = False) -> dict[str, list[StoredFinding]]:
    """`store_findings` for many objects [(object_id, object_label, agency, rows)] in a few queries (the sweep stores
    500 objects at a time): one read of their findings, one insert of the new ones, one update of the closed ones,
    one upsert of their scan marks. Returns each object's current findings; with `read_back` false (the sweep, which
    only counts them) the new ones are returned as built, without their database ids."""
    ids = [object_id for object_id, _, _, _ in objects]
    stored: dict[str, dict] = {object_id: {} for object_id in ids}
    for f in StoredFinding.objects.filter(object_type=label, object_id__in=ids).order_by("pk"):
        stored[f.object_id][(f.handle, f.type, f.text_hash)] = f
    new, closed, current = [], [], {}
    now = timezone.now()
    for object_id, object_label, agency, rows in objects:
        have, seen = stored[object_id], set()
        for handle, source, type_, label_, confidence, masked, context, text_hash, ground in rows:
            key = (handle, type_, text_hash)
            seen.add(key)
            if key not in have:              # the first row of a key makes the finding (as get_or_create would)
                have[key] = StoredFinding(
                    object_type=label, object_id=object_id, handle=handle, type=type_, text_hash=text_hash,
                    object_label=object_label[:300], agency=agency, source=source[:200], label=label_,
                    confidence=confidence, masked=masked[:200], context=context[:300], ground=ground, sweep=sweep)
                new.append(have[key])
        for key, f in have.items():
            if key not in seen and f.status == FindingStatus.OPEN:
                f.status, f.decided_at, f.reason = FindingStatus.REDACTED, now, "内容已修改或脱敏，复查未再检出"
                closed.append(f)
        current[object_id] = [f for key, f in have.items() if key in seen]
    try:
        with transaction.atomic():
            _insert(new, now)
    except IntegrityError:
        # another scan of one of these objects stored a finding since the read above: read again (once more)
        if _retry:
            raise
        return store_batch(label, objects, sweep, read_back, _retry=True)
    StoredFinding.objects.bulk_update(closed, ["status", "decided_at", "reason"])
    _mark_scanned(label, ids, now)
    if read_back and new:
        made = {(f.object_id, f.handle, f.type, f.text_hash): f for f in StoredFinding.objects.filter(
            object_type=label, object_id__in={f.object_id for f in new})}
        current = {object_id: [made.get((object_id, f.handle, f.type, f.text_hash), f) for f in findings]
                   for object_id, findings in current.items()}
    return current


_COLUMNS = [f for f in StoredFinding._meta.concrete_fields if not f.primary_key]


def _insert(new: list[StoredFinding], now) -> None:
    """Insert findings in one statement batch (the ORM's bulk_create spends ~100 µs a finding building SQL; a
    city-wide sweep stores hundreds of thousands)."""
    if not new:
        return
    table = connection.ops.quote_name(StoredFinding._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in _COLUMNS)
    rows = []
    for finding in new:
        finding.found_at = now
        rows.append([f.get_db_prep_save(getattr(finding, f.attname), connection) for f in _COLUMNS])
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(_COLUMNS))})", rows)


def _mark_scanned(label: str, ids: list[str], when) -> None:
    """Upsert the objects' scan marks in one statement batch: the ORM's bulk_create(update_conflicts=True) spends
    ~100 µs an object building SQL, which on a million-item sweep is most of the sweep (bench/bench_sweep.py)."""
    table = connection.ops.quote_name(ScanMark._meta.db_table)
    value = ScanMark._meta.get_field("scanned_at").get_db_prep_value(when, connection)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (object_type, object_id, scanned_at) VALUES (%s, %s, %s) "
            f"ON CONFLICT (object_type, object_id) DO UPDATE SET scanned_at = excluded.scanned_at",
            [(label, object_id, value) for object_id in ids])


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
