"""The whole privacy sweep (`gongkai privacy sweep`), database included: items read, scanned on every core, findings
and scan marks stored, per-agency reports written; then the incremental re-run (nothing changed).

Run: .venv/bin/python bench/bench_sweep.py [--n 50000] [--workers 2]
Makes a throwaway SQLite database (or uses GONGKAI_DATABASE_URL) with the demo city and N published items whose
bodies come from the privacy bench corpus (~1.8k characters, 10% with personal information).
Target: the 蚌埠 sweep, 1,150,000 items in ≤ 2 minutes on this 2-core machine (≈ 10,000 items/s).
Printed beside it, measured in the same run: the scanner alone on the same texts and workers (bench_privacy's
figure), so the ratio says what the database and the rest of the sweep cost. The full sweep's CPU time (main process
and workers) is printed too: on a shared machine wall-clock time measures the neighbours, CPU time the sweep.
"""

import argparse
import resource
import sys
import time
from datetime import date
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchdb import demo_database  # noqa: E402
from privacy_corpus import corpus  # noqa: E402


def _scan_only(texts):
    from gongkai.privacy.scanner import scan_text
    began = time.perf_counter()
    for t in texts:
        scan_text(t)
    return time.perf_counter() - began


def _cpu_seconds() -> tuple[float, float]:
    """User + system time of this process, and of its children that have ended (the sweep's workers, once joined)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=50000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    demo_database()
    from django.db import connection, transaction

    from gongkai.catalog.models import Genre, Item
    from gongkai.core.models import Agency
    from gongkai.privacy.models import ScanMark, StoredFinding
    from gongkai.privacy.sweep import run_sweep

    agencies = list(Agency.objects.all())
    genre = Genre.objects.first()
    docs = corpus(args.n, seed=21)
    began = time.perf_counter()
    for start in range(0, args.n, 5000):
        rows = [Item(agency=agencies[i % len(agencies)], index_number=f"{agencies[i % len(agencies)].code}/S-{i:08d}",
                     title=f"关于第{i}号事项的通知", body_text=docs[i].text, genre=genre, formed_date=date(2025, 1, 2),
                     published_date=date(2025, 1, 2), status="published", disclosure="proactive")
                for i in range(start, min(args.n, start + 5000))]
        with transaction.atomic():
            Item.objects.bulk_create(rows, batch_size=5000)
    print(f"{args.n:,} items loaded in {time.perf_counter() - began:.0f} s, database: {connection.vendor}")

    import tempfile
    report_dir = tempfile.mkdtemp(prefix="gongkai-sweep-")
    began, cpu_began = time.perf_counter(), _cpu_seconds()
    message = run_sweep(workers=args.workers, full=True, report_dir=report_dir)
    full_s, cpu_ended = time.perf_counter() - began, _cpu_seconds()
    main_cpu, workers_cpu = cpu_ended[0] - cpu_began[0], cpu_ended[1] - cpu_began[1]
    full_cpu = main_cpu + workers_cpu
    marks, findings = ScanMark.objects.count(), StoredFinding.objects.count()
    began = time.perf_counter()
    run_sweep(workers=args.workers, report_dir=report_dir)
    again_s = time.perf_counter() - began

    texts = [d.text for d in docs]
    shard = (len(texts) + args.workers - 1) // args.workers
    with get_context("fork").Pool(args.workers) as pool:
        scan_s = max(pool.map(_scan_only, [texts[i:i + shard] for i in range(0, len(texts), shard)]))
    rate = args.n / full_s
    print(message)
    print(f"sweep, full     : {full_s:7.1f} s  {rate:9,.0f} items/s → 1,150,000 items in {1_150_000 / rate:,.0f} s "
          f"(target ≤ 120 s); {marks:,} scan marks, {findings:,} findings stored")
    print(f"sweep, full, CPU: {full_cpu:7.1f} s  {args.n / full_cpu:9,.0f} items per CPU-second (main process "
          f"{main_cpu:.1f} s + workers {workers_cpu:.1f} s)")
    print(f"sweep, unchanged: {again_s:7.1f} s  (re-checks only what changed)")
    print(f"scanner alone   : {scan_s:7.1f} s  {args.n / scan_s:9,.0f} items/s on {args.workers} workers, same texts, "
          f"same run; the sweep runs at {rate / (args.n / scan_s):.0%} of it")


if __name__ == "__main__":
    main()
