#!/usr/bin/env python3
"""Run the whole suite on SQLite, then every data-layer test again on a real PostgreSQL.

PostgreSQL is, in order: $GONGKAI_TEST_POSTGRES_URL; a server answering on 127.0.0.1:5432 (user postgres);
otherwise a throwaway cluster started here (temp dir, free port) and stopped at the end.
Each run creates fresh test databases and drops them. Extra arguments go to pytest.
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def can_connect(url: str) -> bool:
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
        return True
    except Exception:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThrowawayCluster:
    def __init__(self):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not bins:
            sys.exit("找不到 PostgreSQL（initdb）。请安装 postgresql 软件包，或设置 GONGKAI_TEST_POSTGRES_URL。")
        self.bindir = Path(bins[-1]).parent
        self.dir = Path(tempfile.mkdtemp(prefix="gongkai-pg-"))
        self.port = free_port()
        self.as_user = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            shutil.chown(self.dir, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def run(self, *args):
        subprocess.run([*self.as_user, *args], check=True, stdout=subprocess.DEVNULL)

    def start(self) -> str:
        data = self.dir / "data"
        self.run(str(self.bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.run(str(self.bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(self.dir / "log"),
                 "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self):
        try:
            self.run(str(self.bindir / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


class ThrowawayRedis:
    """A redis-server on a free port, keeping nothing on disk, for the shared-cache tests."""

    def __init__(self):
        self.port = free_port()
        self.proc = None

    def start(self) -> str:
        binary = shutil.which("redis-server")
        if not binary:
            sys.exit("找不到 redis-server。请安装 redis-server 软件包，或设置 GONGKAI_TEST_REDIS_URL。")
        self.proc = subprocess.Popen([binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no"], stdout=subprocess.DEVNULL)
        for _ in range(50):
            if port_open(self.port):
                break
            time.sleep(0.1)
        return f"redis://127.0.0.1:{self.port}/15"

    def stop(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def redis_url() -> tuple[str, "ThrowawayRedis | None"]:
    if os.environ.get("GONGKAI_TEST_REDIS_URL"):
        return os.environ["GONGKAI_TEST_REDIS_URL"], None
    if port_open(6379):
        return "redis://127.0.0.1:6379/15", None
    print("== 127.0.0.1:6379 无 Redis，启动临时 redis-server", flush=True)
    server = ThrowawayRedis()
    return server.start(), server


def pytest(env_extra: dict, args: list[str]) -> int:
    env = {**os.environ, **env_extra}
    return subprocess.call([PYTHON, "-m", "pytest", *args], cwd=ROOT, env=env)


def main() -> int:
    args = sys.argv[1:]
    var = Path(tempfile.mkdtemp(prefix="gongkai-test-var-"))
    cluster = None
    redis_url_, redis = redis_url()
    os.environ["GONGKAI_TEST_REDIS_URL"] = redis_url_
    try:
        print("== 第一轮：SQLite（全部测试）", flush=True)
        rc_sqlite = pytest({"GONGKAI_DATABASE_URL": f"sqlite:///{var / 'test.sqlite3'}", "GONGKAI_VAR_DIR": str(var)}, args)

        url = os.environ.get("GONGKAI_TEST_POSTGRES_URL")
        if not url:
            local = "postgresql://postgres@127.0.0.1:5432/postgres"
            if can_connect(local):
                url = local
            else:
                print("== 127.0.0.1:5432 无 PostgreSQL，启动临时集群", flush=True)
                cluster = ThrowawayCluster()
                url = cluster.start()
        print(f"== 第二轮：PostgreSQL（数据层测试）{url.split('@')[-1]}", flush=True)
        rc_pg = pytest({"GONGKAI_DATABASE_URL": url, "GONGKAI_VAR_DIR": str(var), "GONGKAI_TEST_DB_ONLY": "1"}, args)
    finally:
        if cluster:
            cluster.stop()
        if redis:
            redis.stop()
        shutil.rmtree(var, ignore_errors=True)
    print(f"== SQLite: {'通过' if rc_sqlite == 0 else '失败'}；PostgreSQL: {'通过' if rc_pg == 0 else '失败'}")
    return 0 if rc_sqlite == 0 and rc_pg == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
