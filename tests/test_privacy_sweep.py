"""The sweep over published information: findings stored, reports per agency, incremental, resumable."""

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from gongkai.catalog.models import Genre, Item, Status
from gongkai.privacy.models import ScanMark, StoredFinding, SweepRun


def published(agency, n, pii_every=3):
    items = []
    genre = Genre.objects.get(name="公告")
    for i in range(n):
        body = f"第{i}号公告。" + ("当事人：王小明，身份证号：110101199003078515。" if i % pii_every == 0 else "无个人信息。")
        item = Item.objects.create(agency=agency, title=f"公告{i}", body=body, body_text=body, genre=genre,
                                   formed_date="2026-01-05", published_date="2026-01-10", status=Status.PUBLISHED,
                                   index_number=f"{agency.code}/2026-{i:05d}")
        items.append(item)
    return items


@pytest.mark.django_db(transaction=True)
def test_sweep_writes_findings_and_reports_and_only_rechecks_changes(demo_city, tmp_path):
    published(demo_city["fgw"], 9)
    published(demo_city["jyj"], 3)
    out = io.StringIO()
    call_command("privacy", "sweep", "--workers", "2", "--report-dir", str(tmp_path), stdout=out)
    assert "检查 12 条信息" in out.getvalue()
    open_ids = StoredFinding.objects.filter(status="open", type="id_card")
    assert open_ids.count() == 4 and StoredFinding.objects.filter(status="open", type="name").count() == 4
    xlsx = sorted(tmp_path.glob("*.xlsx"))
    assert len(xlsx) == 2 and len(list(tmp_path.glob("*.csv"))) == 2
    ws = load_workbook(xlsx[0]).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "机构" and all("110101199003078515" not in str(r) for r in rows)
    # second run: nothing changed, nothing re-scanned
    out = io.StringIO()
    call_command("privacy", "sweep", "--workers", "1", "--report-dir", str(tmp_path / "2"), stdout=out)
    assert "检查 0 条信息" in out.getvalue()
    # an edited item is re-checked; its finding is closed when the text is gone
    item = Item.objects.get(title="公告0", agency=demo_city["fgw"])
    Item.objects.filter(pk=item.pk).update(body_text="已更正，无个人信息。", body="已更正，无个人信息。")
    ScanMark.objects.filter(object_id=str(item.pk)).update(scanned_at="2000-01-01T00:00:00Z")
    out = io.StringIO()
    call_command("privacy", "sweep", "--workers", "1", "--report-dir", str(tmp_path / "3"), stdout=out)
    assert "检查 1 条信息" in out.getvalue()
    assert StoredFinding.objects.filter(object_id=str(item.pk), status="redacted").count() == 2


@pytest.mark.django_db(transaction=True)
def test_interrupted_sweep_resumes_where_it_stopped(demo_city, tmp_path):
    items = published(demo_city["fgw"], 6)
    SweepRun.objects.create(last_key=f"catalog.item:{items[2].pk}", done=3)  # an earlier run stopped here
    out = io.StringIO()
    call_command("privacy", "sweep", "--workers", "1", "--report-dir", str(tmp_path), stdout=out)
    assert "续跑" in out.getvalue() and "检查 6 条信息" in out.getvalue()  # 3 before + 3 now
    scanned = set(ScanMark.objects.values_list("object_id", flat=True))
    assert scanned == {str(i.pk) for i in items[3:]}


@pytest.mark.django_db
def test_findings_page_redact_and_not_personal(demo_city, client, settings, tmp_path):
    from gongkai.core.demo import DEMO_PASSWORD
    from gongkai.privacy.services import scan_object

    settings.MEDIA_ROOT = tmp_path
    [item] = published(demo_city["fgw"], 1)
    scan_object(item)
    client.post("/staff/login/", {"username": "jyj_handler", "password": DEMO_PASSWORD})
    assert "王" not in client.get("/staff/privacy/").content.decode().split("<tbody>")[1]  # other agency's finding hidden
    client.post("/staff/logout/")
    client.post("/staff/login/", {"username": "fgw_reviewer", "password": DEMO_PASSWORD})
    page = client.get("/staff/privacy/").content.decode()
    assert "1101**********8515" in page and "110101199003078515" not in page
    name = StoredFinding.objects.get(type="name")
    client.post(f"/staff/privacy/findings/{name.pk}/not_personal/", {"reason": "公开表彰名单"})
    assert StoredFinding.objects.get(pk=name.pk).status == "not_personal"
    idf = StoredFinding.objects.get(type="id_card")
    client.post(f"/staff/privacy/findings/{idf.pk}/redact/")
    item.refresh_from_db()
    assert "110101199003078515" not in item.body_text and StoredFinding.objects.get(pk=idf.pk).status == "redacted"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("changed_field", ["updated_at", ""])
def test_incremental_sweep_with_or_without_the_changed_field(demo_city, tmp_path, monkeypatch, changed_field):
    # a source that names the field its changed_at reads is compared before objects are loaded; one that does not
    # is compared object by object: the same items are re-checked either way
    from gongkai.privacy.registry import SOURCES
    monkeypatch.setattr(SOURCES["catalog.item"], "changed_field", changed_field)
    monkeypatch.setattr("gongkai.privacy.sweep.CHUNK", 4)             # several pages
    items = published(demo_city["fgw"], 10)
    call_command("privacy", "sweep", "--workers", "1", "--report-dir", str(tmp_path), stdout=io.StringIO())
    assert ScanMark.objects.count() == 10
    ScanMark.objects.filter(object_id__in=[str(items[1].pk), str(items[6].pk)]).update(
        scanned_at="2000-01-01T00:00:00Z")
    out = io.StringIO()
    call_command("privacy", "sweep", "--workers", "2", "--report-dir", str(tmp_path / "2"), stdout=out)
    assert "检查 2 条信息" in out.getvalue()
    assert SweepRun.objects.first().last_key == f"catalog.item:{items[-1].pk}"
    assert ScanMark.objects.filter(scanned_at__year=2000).count() == 0


@pytest.mark.django_db(transaction=True)
def test_sweep_reads_attachments_per_page_as_one_by_one(demo_city, tmp_path):
    # the catalogue gives the sweep a page's parts in one query (parts_many); they must be what parts() gives
    from gongkai.catalog.models import Attachment
    from gongkai.catalog.privacy_source import parts, parts_many
    items = published(demo_city["fgw"], 4)
    for item, names in [(items[0], ["b.pdf", "a.pdf"]), (items[2], ["c.docx"])]:
        for position, name in enumerate(names):
            Attachment.objects.create(item=item, name=name, content_type="application/pdf", size=1, sha256="0" * 64,
                                      text=f"{name} 联系人：李建国，手机13800138000", position=1 - position)
    Attachment.objects.create(item=items[2], name="bad.pdf", content_type="application/pdf", size=1, sha256="1" * 64,
                              scan_problem="无法扫描：文件已加密", position=5)
    fresh = list(Item.objects.filter(pk__in=[i.pk for i in items]).order_by("pk"))
    assert parts_many(fresh) == {item.pk: parts(item) for item in fresh}
    call_command("privacy", "sweep", "--workers", "2", "--report-dir", str(tmp_path), stdout=io.StringIO())
    assert set(StoredFinding.objects.filter(type="mobile").values_list("source", flat=True)) == {
        "附件：a.pdf", "附件：b.pdf", "附件：c.docx"}
    assert StoredFinding.objects.filter(type="unscannable", source="附件：bad.pdf").count() == 1
