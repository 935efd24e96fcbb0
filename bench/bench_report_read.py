"""Report auditor throughput: text and HTML reports read and checked per second, on 1 and 2 worker processes.

Run: .venv/bin/python bench/bench_report_read.py [--n 400]
Target: ≥ 50 text/HTML reports per second on 2 cores. Material: the corpus's real text reports
(../shared/corpus/reports) and the HTML sample of tests/report_samples.py (a 2021 report in a layout table).
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
import django  # noqa: E402

django.setup()          # the document layer imports apps with models; spawned workers run this too

from gongkai.reports.auditor import check_many  # noqa: E402

CORPUS = Path(os.environ.get("GONGKAI_REPORT_CORPUS", ROOT.parent / "shared" / "corpus" / "reports"))


def material(n: int):
    import report_samples

    files = [(p.name, p.read_bytes(), "") for p in sorted(CORPUS.glob("*.txt"))]
    files.append(("sample.html", report_samples.html(), ""))
    return [(f"{i}-{name}", data, problem) for i in range(n // len(files) + 1) for name, data, problem in files][:n]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=400)
    args = parser.parse_args()
    items = material(args.n)
    size = sum(len(d) for _, d, _ in items) / len(items) / 1024
    print(f"{len(items)} reports (text and HTML, mean {size:.0f} KB)")
    results = {}
    for workers in (1, 2):
        start = time.perf_counter()
        out = check_many(items, workers=workers)
        elapsed = time.perf_counter() - start
        results[workers] = len(out) / elapsed
        print(f"{workers} worker(s): {results[workers]:.0f} reports/s ({elapsed:.2f} s, incl. process start-up)")
    print(f"target ≥ 50 reports/s on 2 cores: {'met' if results[2] >= 50 else 'NOT met'} "
          f"(2 workers / 1 worker = {results[2] / results[1]:.2f}×)")


if __name__ == "__main__":
    main()
