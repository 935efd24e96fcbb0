"""Sweep every published item and attachment for personal information (the 蚌埠 job: 1.15 million items).

Uses all cores (workers scan; the main process reads and writes the database), shows a progress bar, can be
interrupted and resumed (the run keeps its last key), re-checks only what changed since it was last scanned
(unless --full), stores findings, and writes an XLSX and a CSV report per agency.
"""

import csv
import os
import sys
from collections import deque
from datetime import date
from multiprocessing import get_context
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone
from tqdm import tqdm

from gongkai.core import labels
from gongkai.core.models import Agency

from .models import ScanMark, StoredFinding, SweepRun
from .registry import SOURCES, Part
from .services import scan_parts, store_batch

CHUNK = 500


def _scan_chunk(chunk):
    """Worker: pure scanning of [(key, [(source, text, problem, handle)])] (one page)."""
    return [(key, scan_parts([Part(s, t, p, h) for s, t, p, h in parts])) for key, parts in chunk]


def _pages(source, label, agency, since, after_pk, only_changed):
    """(last pk, objects checked, objects to scan) for the source's published objects after `after_pk`, in pk
    order, CHUNK at a time (keyset pages: memory stays flat over a million items). With `only_changed`, objects
    scanned since they last changed are left out, by comparing their scan marks with `changed_field` before any
    object is loaded when the source names that field."""
    qs = _published(source, agency, since)
    if source.parts_many:
        qs = qs.prefetch_related(None)         # parts_many reads what a page needs itself
    last = after_pk
    while True:
        if only_changed and source.changed_field:
            keys = list(qs.prefetch_related(None).filter(pk__gt=last).order_by("pk")
                        .values_list("pk", source.changed_field)[:CHUNK])
            if not keys:
                return
            last = keys[-1][0]
            marks = _marks(label, [pk for pk, _ in keys])
            changed = [pk for pk, at in keys if str(pk) not in marks or at > marks[str(pk)]]
            yield last, len(keys), list(qs.filter(pk__in=changed).order_by("pk")) if changed else []
            continue
        page = list(qs.filter(pk__gt=last).order_by("pk")[:CHUNK])
        if not page:
            return
        last = page[-1].pk
        if only_changed:
            marks = _marks(label, [o.pk for o in page])
            todo = [o for o in page if str(o.pk) not in marks or source.changed_at(o) > marks[str(o.pk)]]
        else:
            todo = page
        yield last, len(page), todo


def _marks(label, pks) -> dict:
    """When each of these objects was last scanned (one query)."""
    return dict(ScanMark.objects.filter(object_type=label, object_id__in=[str(pk) for pk in pks])
                .values_list("object_id", "scanned_at"))


def _published(source, agency, since):
    """The source's published objects, within `agency` and changed since `since` when given."""
    qs = source.published()
    if agency is not None:
        qs = qs.filter(agency__path__startswith=agency.path)
    if since:
        qs = qs.filter(updated_at__date__gte=since)
    return qs


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
    pool = get_context("fork").Pool(workers) if workers > 1 else None
    try:
        for label, source in SOURCES.items():
            after = int(run.last_key.split(":")[1]) if run.last_key.startswith(label + ":") else 0
            total = _published(source, agency, since_date).filter(pk__gt=after).count()
            run.total = run.done + total
            run.save(update_fields=["total"])
            bar = tqdm(total=total, desc="个人信息排查", unit="条", file=sys.stderr, disable=None)
            pending: deque = deque()     # pages being scanned, stored in order so the resume point only moves on
            try:
                for last, checked, todo in _pages(source, label, agency, since_date, after, not (full or resumed)):
                    parts = source.parts_many(todo) if source.parts_many else {o.pk: source.parts(o) for o in todo}
                    payload = [(pk, [(p.source, p.text, p.problem, p.handle) for p in each]) for pk, each in parts.items()]
                    scanned = pool.apply_async(_scan_chunk, (payload,)) if pool else _Done(_scan_chunk(payload))
                    pending.append((last, checked, todo, scanned))
                    if len(pending) > 2 * workers:
                        _store(run, label, source, *pending.popleft(), bar)
                while pending:
                    _store(run, label, source, *pending.popleft(), bar)
            finally:
                bar.close()
    finally:
        if pool:
            pool.terminate()
            pool.join()
        close_old_connections()
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    out_dir = Path(report_dir or Path(settings.VAR_DIR) / "privacy-reports" / f"sweep-{run.pk}")
    files = write_reports(out_dir, agency)
    return (f"排查完成{'（续跑）' if resumed else ''}：检查 {run.done} 条信息，待处理的个人信息 {run.findings_count} 处；"
            f"报告 {len(files)} 个文件，位于 {out_dir}")


class _Done:
    """A result already computed (one worker: no pool)."""

    def __init__(self, value):
        self.value = value

    def get(self):
        return self.value


def _store(run, label, source, last, checked, todo, scanned, bar) -> None:
    """Store one scanned page and move the resume point past it, in one transaction."""
    by_pk = {o.pk: o for o in todo}
    with transaction.atomic():
        results = scanned.get()
        current = store_batch(label, [(str(pk), str(by_pk[pk]), source.agency_of(by_pk[pk]), rows)
                                      for pk, rows in results], sweep=run, read_back=False) if results else {}
        run.done += len(todo)
        run.last_key = f"{label}:{last}"
        run.findings_count += sum(1 for findings in current.values() for f in findings if f.status == "open")
        run.save(update_fields=["done", "last_key", "findings_count"])
    bar.update(checked)


def write_reports(out_dir: Path, agency=None) -> list[Path]:
    """An XLSX and a CSV of open findings per agency. Rows are read as values and the workbook is streamed
    (openpyxl's write-only mode): a city-wide sweep can leave hundreds of thousands of findings."""
    from openpyxl import Workbook

    out_dir.mkdir(parents=True, exist_ok=True)
    qs = StoredFinding.objects.filter(status="open").order_by("agency__path", "object_id", "pk")
    if agency is not None:
        qs = qs.filter(agency__path__startswith=agency.path)
    header = ["机构", "信息", "位置", "类型", "内容（已遮盖）", "上下文（已遮盖）", "可信度", "依据", "发现时间"]
    agencies = {a.pk: a for a in Agency.objects.all()}
    by_agency: dict = {}
    for agency_id, *row, confidence, ground, found_at in qs.values_list(
            "agency_id", "object_label", "source", "label", "masked", "context", "confidence", "ground",
            "found_at").iterator(5000):
        ag = agencies[agency_id]
        by_agency.setdefault(ag, []).append([ag.full_name, *row, labels.label("confidence", confidence), ground,
                                             f"{timezone.localtime(found_at):%Y-%m-%d %H:%M}"])
    files = []
    for ag, rows in by_agency.items():
        stem = out_dir / f"{ag.code}-{ag.short_name or ag.full_name}"
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("个人信息排查")
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
