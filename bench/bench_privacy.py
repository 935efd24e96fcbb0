"""Personal-information scanning: quality and throughput, gongkai vs Presidio on the same corpus, in one run.

Run: .venv/bin/python bench/bench_privacy.py [--n 20000] [--presidio-n 500] [--workers 2] [--profile 25]
Presidio needs its own venv (never a project dependency):
    python3 -m venv .venv-bench && .venv-bench/bin/pip install presidio-analyzer spacy
Targets: recall ≥ 99.5% for checksum types and phones, precision ≥ 99%; ≈10,000 items/s on 2 cores
(1.15 M items in ≤ 2 min); ≥ 50× Presidio's throughput.

The 2-worker rate is all documents over the slowest worker's scan time (each worker builds its own shard first, so
no documents are pickled and generation is not timed). --profile N prints cProfile's N costliest functions of a
separate one-core pass (stdlib profiler: nothing installed).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from privacy_corpus import corpus  # noqa: E402

from gongkai.privacy.scanner import scan_text  # noqa: E402

CHECKSUM_TYPES = {"id_card", "bank_card", "mobile"}


def quality(docs, found):
    """found: per doc, [(type, start, end)]. Returns (recall of checksum types + phones, recall all, precision)."""
    tp = fn = fp = tp_c = fn_c = 0
    for doc, spans in zip(docs, found):
        for t, s, e in doc.truth:
            hit = any(fs < e and s < fe for _, fs, fe in spans)
            tp, fn = tp + hit, fn + (not hit)
            if t in CHECKSUM_TYPES:
                tp_c, fn_c = tp_c + hit, fn_c + (not hit)
        for _, fs, fe in spans:
            if not any(fs < e and s < fe for _, s, e in doc.truth):
                fp += 1
    found_total = sum(len(s) for s in found)
    return (tp_c / max(1, tp_c + fn_c), tp / max(1, tp + fn), (found_total - fp) / max(1, found_total))


def _ours(texts):
    return [[(f.type, f.start, f.end) for f in scan_text(t) if f.confidence != "info"] for t in texts]


def _worker(args):
    n, seed = args  # each worker builds and scans its own shard (no documents pickled across processes)
    docs = corpus(n, seed=seed)
    began = time.perf_counter()
    for d in docs:
        scan_text(d.text)
    return n, time.perf_counter() - began


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--presidio-n", type=int, default=500)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    docs = corpus(args.n)
    texts = [d.text for d in docs]
    avg = sum(map(len, texts)) / len(texts)
    began = time.perf_counter()
    ours = _ours(texts)
    one_core = len(texts) / (time.perf_counter() - began)
    recall_c, recall, precision = quality(docs, ours)
    shard = args.n // args.workers
    with get_context("fork").Pool(args.workers) as pool:
        timed = pool.map(_worker, [(shard, 200 + i) for i in range(args.workers)])
    done = sum(n for n, _ in timed)
    all_cores = done / max(t for _, t in timed)
    print(f"corpus: {args.n:,} documents, {avg:,.0f} characters each, 10% with injected personal information")
    print(f"gongkai  1 core : {one_core:10,.0f} docs/s   recall(checksum+phone) {recall_c:.2%}  recall(all) {recall:.2%}"
          f"  precision {precision:.2%}")
    print(f"gongkai {args.workers} workers: {all_cores:8,.0f} docs/s   → 1,150,000 items in {1_150_000 / all_cores:,.0f} s"
          f" on {args.workers} workers (target ≤ 120 s); {done:,} docs")
    _presidio(args, docs, ours, one_core)
    if args.profile:
        import cProfile
        import pstats
        profiler = cProfile.Profile()
        profiler.runcall(_ours, texts[:5000])
        print(f"profile of one core, {min(5000, len(texts)):,} documents:")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)


def _presidio(args, docs, ours, one_core):
    bench_python = ROOT / ".venv-bench" / "bin" / "python"
    if not bench_python.exists():
        print("Presidio: not run — create .venv-bench first (see this file's docstring)")
        return
    sample = docs[:args.presidio_n]
    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "corpus.jsonl", Path(tmp) / "out.json"
        path.write_text("\n".join(json.dumps({"text": d.text}, ensure_ascii=False) for d in sample), encoding="utf-8")
        subprocess.run([str(bench_python), str(ROOT / "bench" / "presidio_runner.py"), str(path), str(out)], check=True)
        result = json.loads(out.read_text())
    theirs = len(sample) / result["seconds"]
    p_recall_c, p_recall, p_precision = quality(sample, [[tuple(s) for s in spans] for spans in result["spans"]])
    o_recall_c, o_recall, o_precision = quality(sample, ours[:args.presidio_n])
    print(f"Presidio 1 core : {theirs:10,.0f} docs/s   recall(checksum+phone) {p_recall_c:.2%}  recall(all) {p_recall:.2%}"
          f"  precision {p_precision:.2%}   (same {len(sample)} documents; gongkai there: {o_recall_c:.2%} / "
          f"{o_recall:.2%} / {o_precision:.2%})")
    print(f"ratio (1 core, measured in this run): gongkai is {one_core / theirs:,.1f}× Presidio (target ≥ 50×;"
          f" against the reference figure of ~190 docs/s: {one_core / 190:,.0f}×)")


if __name__ == "__main__":
    main()
