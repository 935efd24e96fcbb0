"""Real redaction and the release gate: blocked by an ID number in an attachment, redacted, then released."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.catalog import services
from gongkai.catalog.models import Status
from gongkai.core.models import AuditEvent, User
from gongkai.documents import extract_text
from gongkai.privacy import services as privacy
from gongkai.privacy.models import FindingStatus, StoredFinding
from gongkai.privacy.redact import redact_docx, redact_html, redact_pdf, redact_text
from gongkai.privacy.scanner import scan_text
from tests.catalog_helpers import make_item
from tests.privacy_files import PII_LINE, docx_bytes, pdf_bytes


def high(text):
    return [f for f in scan_text(text) if f.confidence == "high"]


def test_text_and_html():
    assert not high(redact_text(PII_LINE))
    out = redact_html(f"<p><strong>{PII_LINE}</strong></p><p>其余内容</p>")
    assert "110101199003078515" not in out and "<strong>" in out and "其余内容" in out


def test_docx_runs_are_rewritten():
    out = redact_docx(docx_bytes())
    text = extract_text(out, "x.docx").text
    assert "110101199003078515" not in text and "王小明" not in text and "赵六" not in text
    import io

    import docx

    runs = docx.Document(io.BytesIO(out)).paragraphs[0].runs
    assert runs[0].bold and "■" in "".join(r.text for r in runs)   # formatting kept


def test_pdf_text_is_really_gone():
    out = redact_pdf(pdf_bytes(lines=(PII_LINE, "本通知自发布之日起施行。")))
    text = extract_text(out, "x.pdf").text
    assert "110101199003078515" not in text and "13800138000" not in text
    assert "本通知自发布之日起施行" in text and "第十五条" in text


@pytest.mark.django_db
def test_gate_blocks_then_redaction_releases(demo_city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    h, r = User.objects.get(username="fgw_handler"), User.objects.get(username="fgw_reviewer")
    item = make_item(demo_city["fgw"], h, title="关于某申请的答复")
    att = services.add_attachment(h, item, "材料.pdf", pdf_bytes())
    services.submit(h, item)
    with pytest.raises(services.ReleaseBlocked) as exc:
        services.review(r, item, True)
    assert "居民身份证号" in str(exc.value) and "1101**********8515" in str(exc.value)
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED  # nothing half-saved
    assert AuditEvent.objects.filter(action="privacy.release_blocked", object_id=str(item.pk)).exists()
    with pytest.raises(PermissionDenied):
        privacy.redact(User.objects.get(username="jyj_handler"), item)
    closed = privacy.redact(r, item)
    assert closed >= 2
    att.refresh_from_db()
    assert att.redacted and "（脱敏）" in att.name
    assert "110101199003078515" not in extract_text(att.file.read(), att.name).text
    assert Path(att.private_path).exists() and str(tmp_path / "private") in att.private_path
    item = services.review(r, item, True, "已脱敏")
    item = services.publish(h, item)
    assert item.status == Status.PUBLISHED


@pytest.mark.django_db
def test_override_needs_a_reason_and_is_audited(demo_city):
    h, r = User.objects.get(username="fgw_handler"), User.objects.get(username="fgw_reviewer")
    item = make_item(demo_city["fgw"], h, title="表彰名单", body="<p>申请人：王小明 同志获表彰</p>")
    verdict = privacy.check_release(item, r)
    assert verdict.blocked
    finding = verdict.blocking[0]
    with pytest.raises(ValidationError):
        privacy.override(r, finding, "")
    with pytest.raises(PermissionDenied):
        privacy.override(h, finding, "本人同意")   # a 承办人 cannot decide
    privacy.override(r, finding, "本人书面同意公开")
    assert not privacy.check_release(item, r).blocked
    assert StoredFinding.objects.get(pk=finding.pk).status == FindingStatus.OVERRIDDEN
    assert AuditEvent.objects.filter(action="privacy.overridden").exists()
    assert "王小明" not in finding.masked and "110101" not in "".join(StoredFinding.objects.values_list("masked", flat=True))


@pytest.mark.django_db
def test_unscannable_attachment_blocks_until_checked_by_a_person(demo_city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    h, r = User.objects.get(username="fgw_handler"), User.objects.get(username="fgw_reviewer")
    item = make_item(demo_city["fgw"], h, title="扫描件")
    services.add_attachment(h, item, "扫描件.pdf", pdf_bytes(image_only=True))
    verdict = privacy.check_release(item, r)
    assert verdict.blocked and verdict.blocking[0].type == "unscannable" and "无文字层" in verdict.blocking[0].masked
    privacy.override(r, verdict.blocking[0], "已人工逐页核查，无个人信息")
    assert not privacy.check_release(item, r).blocked
