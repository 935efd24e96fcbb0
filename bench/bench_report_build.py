"""Annual report generator at city scale: the consolidated report of a city of 50 agencies with 100,000 applications
in the year and 1,000,000 catalogue items, built with all checks.

Run: .venv/bin/python bench/bench_report_build.py [--items 1000000] [--applications 100000] [--runs 5]
Makes a throwaway SQLite database (or uses GONGKAI_DATABASE_URL). Target: ≤ 1 s per consolidated build.
"""

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchdb import demo_database  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    demo_database()
    from django.db import connection, transaction

    from gongkai.applications.models import Application, ReviewCase
    from gongkai.catalog.models import Genre, Item
    from gongkai.core.law import APPLICANT_TYPES, OUTCOMES
    from gongkai.core.models import Agency, AgencyKind
    from gongkai.reports.generator import build_report

    city = Agency.objects.get(full_name="示范市人民政府")
    from gongkai.core import services as core_services
    from gongkai.core.codes import make_uscc
    for n in range(50 - Agency.objects.count()):
        core_services.create_agency(None, city, full_name=f"示范市第{n + 1}局", kind=AgencyKind.DEPARTMENT,
                                    uscc=make_uscc("11", "350100", f"B{n:07d}"))
    agencies = list(Agency.objects.subtree(city))
    rng = random.Random(8)
    began = time.perf_counter()
    genres = list(Genre.objects.all())
    kinds = ["normative"] * 2 + ["regulation"] + ["other"] * 47
    for start in range(0, args.items, 20000):
        rows = []
        for i in range(start, min(args.items, start + 20000)):
            d = date(2016, 1, 1) + timedelta(days=rng.randrange(3650))
            rows.append(Item(agency=agencies[i % len(agencies)], index_number=f"B-{i:08d}", title=f"第{i}号",
                             genre=rng.choice(genres), formed_date=d, published_date=d, status="published",
                             doc_kind=rng.choice(kinds), disclosure="proactive"))
        with transaction.atomic():
            Item.objects.bulk_create(rows, batch_size=5000)
    columns = [k for k, _ in APPLICANT_TYPES]
    outcomes = [o.key for o in OUTCOMES]
    for start in range(0, args.applications, 20000):
        rows = []
        for i in range(start, min(args.applications, start + 20000)):
            received = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
            closed = received + timedelta(days=rng.randrange(5, 40))
            open_ = closed.year > 2025 or rng.random() < 0.02
            rows.append(Application(agency=agencies[i % len(agencies)], tracking_number=f"A{i:08d}",
                                    applicant_type=rng.choice(columns), applicant_name="申请人", description="某信息",
                                    channel="online", received_date=received, state="closed" if not open_ else "open",
                                    outcome="" if open_ else rng.choice(outcomes), closed_date=None if open_ else closed))
        with transaction.atomic():
            Application.objects.bulk_create(rows, batch_size=5000)
    ReviewCase.objects.bulk_create([ReviewCase(agency=agencies[i % len(agencies)], route=rng.choice(["review", "litigation"]),
                                               case_number=f"R{i}", body="复议机关", filed_on=date(2025, 6, 1))
                                    for i in range(500)])
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    print(f"{len(agencies)} agencies, {args.applications:,} applications, {args.items:,} items loaded in "
          f"{time.perf_counter() - began:.0f} s; database: {connection.vendor}")
    if args.profile:
        import cProfile
        import pstats
        cProfile.runctx("build_report(city, 2025, consolidated=True)", globals(), locals(), "/tmp/build.prof")
        pstats.Stats("/tmp/build.prof").sort_stats("cumulative").print_stats(25)
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        built = build_report(city, 2025, consolidated=True)
        times.append(time.perf_counter() - t)
    assert built.report.applications["new"]["total"] == args.applications
    errors = [f.rule for f in built.errors]
    print(f"consolidated build with all checks: median {statistics.median(times) * 1000:.0f} ms, best "
          f"{min(times) * 1000:.0f} ms over {args.runs} runs (target ≤ 1000 ms: "
          f"{'met' if statistics.median(times) <= 1 else 'NOT met'}); errors found: {errors or 'none'}")


if __name__ == "__main__":
    main()
