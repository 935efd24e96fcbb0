"""A published item page under load: `gongkai serve` against the same page's HTML from a static file server.

Run: .venv/bin/python bench/bench_load.py [--duration 15] [--connections 64] [--threads 2]
Makes a throwaway var directory (SQLite), runs `gongkai migrate` and `gongkai demo`, starts `gongkai serve` on a free
127.0.0.1 port, saves one published item page to a file, serves that file with `python -m http.server` on another
port, and runs wrk (`apt-get install wrk`) against both. Prints requests/s, p50/p99 latency and non-2xx counts for
each, and the ratio gongkai/static. Everything it starts it stops; it ends by itself.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"没有在 {seconds} 秒内启动：{url}")


def gongkai(*args: str, env: dict, **kwargs) -> subprocess.Popen | subprocess.CompletedProcess:
    command = [sys.executable, "-c", "from gongkai.cli import main; main()", *args]
    if kwargs.pop("background", False):
        return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return subprocess.run(command, env=env, check=True, capture_output=True, timeout=600)


def to_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url: str, args) -> dict:
    out = subprocess.run(["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency",
                          "--timeout", "10s", url], capture_output=True, text=True, check=True,
                         timeout=args.duration + 60).stdout
    latency = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)\s*$", out, re.M))
    if set(latency) != {"50", "99"}:
        raise SystemExit(f"wrk 的输出无法解析：\n{out}")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)$", out, re.M)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "requests": int(re.search(r"(\d+) requests in", out).group(1)),
            "p50_ms": to_ms(latency["50"]), "p99_ms": to_ms(latency["99"]),
            "non2xx": int(non2xx.group(1)) if non2xx else 0, "socket_errors": errors.group(1) if errors else "none"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("需要 wrk：apt-get install -y wrk")
    var = Path(tempfile.mkdtemp(prefix="gongkai-load-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.update(GONGKAI_VAR_DIR=str(var), GONGKAI_DEBUG="")
    processes = []
    try:
        gongkai("migrate", "--noinput", env=env)
        gongkai("demo", env=env)
        app_port, static_port = free_port(), free_port()
        processes.append(gongkai("serve", "--port", str(app_port), env=env, background=True))
        base = f"http://127.0.0.1:{app_port}"
        wait_for(f"{base}/api/v1/catalog/items?limit=1")
        with urllib.request.urlopen(f"{base}/api/v1/catalog/items?limit=1", timeout=10) as r:
            item = json.load(r)["items"][0]
        page_url = base + item["url"]
        site = var / "static-copy"
        site.mkdir()
        with urllib.request.urlopen(page_url, timeout=10) as r:
            html = r.read()
        (site / "item.html").write_bytes(html)
        processes.append(subprocess.Popen([sys.executable, "-m", "http.server", str(static_port), "--bind", "127.0.0.1",
                                           "--directory", str(site)], stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))
        static_url = f"http://127.0.0.1:{static_port}/item.html"
        wait_for(static_url)
        print(f"page: {item['url']} ({len(html):,} bytes); wrk -t{args.threads} -c{args.connections} "
              f"-d{args.duration}s each; gongkai serve = waitress, 8 threads, SQLite")
        results = {"gongkai": run_wrk(page_url, args), "static": run_wrk(static_url, args)}
        print(f"{'':10}{'req/s':>10}{'requests':>10}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>9}  socket errors")
        for name, r in results.items():
            print(f"{name:10}{r['rps']:>10.1f}{r['requests']:>10}{r['p50_ms']:>10.2f}{r['p99_ms']:>10.2f}"
                  f"{r['non2xx']:>9}  {r['socket_errors']}")
        g, s = results["gongkai"], results["static"]
        print(f"ratio gongkai/static: req/s {g['rps'] / s['rps']:.2f}, p50 {g['p50_ms'] / s['p50_ms']:.1f}x, "
              f"p99 {g['p99_ms'] / s['p99_ms']:.1f}x")
    finally:
        for p in processes:
            p.terminate()
        for p in processes:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
