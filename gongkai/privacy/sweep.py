"""Sweep every published item and attachment for personal information (the 蚌埠 job: 1.15 million items).

Uses all cores (workers scan; the main process reads and writes the database), shows a progress bar, can be
interrupted and resumed (the run keeps its last key), re-checks only what changed since it was last scanned
(unless --full), stores findings, and writes an XLSX and a CSV report per agency.
"""

import csv
import os
import sys
from datetime import date
from multiprocessing import get_context
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone
from tqdm import tqdm

from gongkai.core.models import Agency

from .models import ScanMark, StoredFinding, SweepRun
from .registry import SOURCES, Part
from .services import scan_parts, store_findings

CHUNK = 500


def _scan_chunk(chunk):
    """Worker: pure scanning of [(key, [(source, text, problem, handle)])]."""
    return [(key, scan_parts([Part(s, t, p, h) for s, t, p, h in parts])) for key, parts in chunk]


def _candidates(source, agency, since, full, after_pk):
    qs = source.published()
    if agency is not None:
        qs = qs.filter(agency__path__startswith=agency.path)
    if since:
        qs = qs.filter(updated_at__date__gte=since)
    if after_pk:
        qs = qs.filter(pk__gt=after_pk)
    if not full:
        marks = dict(ScanMark.objects.filter(object_type=source.label).values_list("object_id", "scanned_at"))
        return [o for o in qs.order_by("pk") if str(o.pk) not in marks or source.changed_at(o) > marks[str(o.pk)]]
    return list(qs.order_by("pk"))


def run_sweep(agency_code: str = "", since: str = "", workers: int = 0, full: bool = False, report_dir: str = "",
              stdout=None) -> str:
    agency = None
    if agency_code:
        agency = Agency.objects.filter(uscc=agency_code).first() or Agency.objects.filter(org_code=agency_code).first()
        if agency is None:
            from django.core.management import CommandError

            raise CommandError(f"没有找到机构 {agency_code}")
    since_date = date.fromisoformat(since) if since else None
    run = SweepRun.objects.filter(finished_at__isnull=True, agency_code=agency_code, since=since_date).first()
    resumed = run is not None
    if run is None:
        run = SweepRun.objects.create(agency_code=agency_code, since=since_date)
    workers = workers or os.cpu_count() or 1
    found = 0
    for label, source in SOURCES.items():
        after = int(run.last_key.split(":")[1]) if run.last_key.startswith(label + ":") else 0
        objects = _candidates(source, agency, since_date, full or resumed, after)
        run.total = run.done + len(objects)
        run.save(update_fields=["total"])
        chunks = [objects[i:i + CHUNK] for i in range(0, len(objects), CHUNK)]
        payload = ([(o.pk, [(p.source, p.text, p.problem, p.handle) for p in source.parts(o)]) for o in chunk]
                   for chunk in chunks)
        by_pk = {o.pk: o for o in objects}
        bar = tqdm(total=len(objects), desc="个人信息排查", unit="条", file=sys.stderr, disable=None, initial=0)
        ctx = get_context("fork")
        pool = ctx.Pool(workers) if workers > 1 else None
        try:
            results = pool.imap(_scan_chunk, payload) if pool else map(_scan_chunk, payload)
            for batch in results:
                with transaction.atomic():
                    for pk, rows in batch:
                        obj = by_pk[pk]
                        current = store_findings(label, str(pk), str(obj), source.agency_of(obj), rows, sweep=run)
                        found += sum(1 for f in current if f.status == "open")
                    run.done += len(batch)
                    run.last_key = f"{label}:{batch[-1][0]}"
                    run.findings_count = found
                    run.save(update_fields=["done", "last_key", "findings_count"])
                bar.update(len(batch))
        finally:
            bar.close()
            if pool:
                pool.close()
                pool.join()
            close_old_connections()
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    out_dir = Path(report_dir or Path(settings.VAR_DIR) / "privacy-reports" / f"sweep-{run.pk}")
    files = write_reports(out_dir, agency)
    return (f"排查完成{'（续跑）' if resumed else ''}：检查 {run.done} 条信息，待处理的个人信息 {found} 处；"
            f"报告 {len(files)} 个文件，位于 {out_dir}")


def write_reports(out_dir: Path, agency=None) -> list[Path]:
    from openpyxl import Workbook

    out_dir.mkdir(parents=True, exist_ok=True)
    qs = StoredFinding.objects.filter(status="open").select_related("agency").order_by("agency__path", "object_id")
    if agency is not None:
        qs = qs.filter(agency__path__startswith=agency.path)
    header = ["机构", "信息", "位置", "类型", "内容（已遮盖）", "上下文（已遮盖）", "可信度", "依据", "发现时间"]
    by_agency: dict = {}
    for f in qs:
        by_agency.setdefault(f.agency, []).append([f.agency.full_name, f.object_label, f.source, f.label, f.masked,
                                                   f.context, f.confidence, f.ground, f"{f.found_at:%Y-%m-%d %H:%M}"])
    files = []
    for ag, rows in by_agency.items():
        stem = out_dir / f"{ag.code}-{ag.short_name or ag.full_name}"
        wb = Workbook()
        ws = wb.active
        ws.title = "个人信息排查"
        ws.append(header)
        for row in rows:
            ws.append(row)
        wb.save(stem.with_suffix(".xlsx"))
        with stem.with_suffix(".csv").open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)
        files += [stem.with_suffix(".xlsx"), stem.with_suffix(".csv")]
    return files
