"""Settings fail loudly and write nothing at import: strict GONGKAI_* parsing, the cache configuration, the
search settings, and start-up (directories and the secret key) made explicit."""

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongkai.environment import Environment, cache_config, database_config

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("raw, expected", [
    (None, False), ("", False), ("1", True), ("true", True), ("YES", True), (" on ", True),
    ("0", False), ("false", False), ("No", False), ("off", False),
])
def test_booleans(raw, expected):
    env = Environment({} if raw is None else {"GONGKAI_DEBUG": raw})
    assert env.flag("GONGKAI_DEBUG") is expected


@pytest.mark.parametrize("name, raw, read, words", [
    ("GONGKAI_DEBUG", "ture", lambda e: e.flag("GONGKAI_DEBUG"), "不是开关值"),
    ("GONGKAI_SECURE_COOKIES", "2", lambda e: e.flag("GONGKAI_SECURE_COOKIES"), "不是开关值"),
    ("GONGKAI_SESSION_HOURS", "8h", lambda e: e.integer("GONGKAI_SESSION_HOURS", 8), "不是整数"),
    ("GONGKAI_LOGIN_MAX_FAILURES", "0", lambda e: e.integer("GONGKAI_LOGIN_MAX_FAILURES", 5, minimum=1), "不能小于 1"),
    ("GONGKAI_LOG_LEVEL", "LOUD", lambda e: e.choice("GONGKAI_LOG_LEVEL", "WARNING", ("INFO", "WARNING")), "可选"),
])
def test_malformed_values_are_errors_naming_the_variable(name, raw, read, words):
    with pytest.raises(ImproperlyConfigured) as exc:
        read(Environment({name: raw}))
    assert name in str(exc.value) and words in str(exc.value)


def test_unknown_variable_is_an_error_naming_the_known_ones():
    env = Environment({"GONGKAI_DEBGU": "1", "GONGKAI_CHROMIUM": "/usr/bin/chromium", "PATH": "/bin"})
    env.flag("GONGKAI_DEBUG")
    with pytest.raises(ImproperlyConfigured) as exc:
        env.check_unknown()
    message = str(exc.value)
    assert "GONGKAI_DEBGU" in message and "GONGKAI_DEBUG" in message and "GONGKAI_CHROMIUM" not in message.split("。")[0]


def test_every_variable_the_code_reads_is_known():
    """A GONGKAI_ name anywhere in the code, tests, benches or scripts must pass the unknown-variable check."""
    import re

    from django.conf import settings  # noqa: F401  (settings are loaded: every name settings.py reads is known)

    import gongkai.settings as module

    names = set()
    for folder in ("gongkai", "tests", "bench", "scripts"):
        for path in (ROOT / folder).rglob("*.py"):
            names |= set(re.findall(r"\bGONGKAI_[A-Z_]+[A-Z]\b", path.read_text(encoding="utf-8")))
    assert names - module.env.known == {"GONGKAI_DEBGU"}   # the typo the examples here and in the docs use


@pytest.mark.parametrize("url, backend", [
    (None, "django.core.cache.backends.locmem.LocMemCache"),
    ("redis://127.0.0.1:6379/0", "django.core.cache.backends.redis.RedisCache"),
    ("rediss://cache.example:6380/1", "django.core.cache.backends.redis.RedisCache"),
])
def test_cache_configuration(url, backend):
    config = cache_config(url)
    assert config["BACKEND"] == backend
    if url:
        assert config["LOCATION"] == url


def test_unsupported_cache_or_database_url_is_an_error():
    with pytest.raises(ImproperlyConfigured, match="GONGKAI_CACHE_URL"):
        cache_config("memcached://127.0.0.1:11211")
    with pytest.raises(ImproperlyConfigured, match="GONGKAI_DATABASE_URL"):
        database_config("postgress://postgres@127.0.0.1/gongkai")
    assert database_config("sqlite:///var/x.sqlite3")["ENGINE"] == "django.db.backends.sqlite3"


# --- in a fresh process: what importing settings does and does not do ----------------------------------

def python(code: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_") and k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env={**clean, "DJANGO_SETTINGS_MODULE": "gongkai.settings", **env})


def test_importing_settings_writes_nothing(tmp_path):
    var = tmp_path / "var"
    done = python("import gongkai.settings as s; print(repr(s.SECRET_KEY), s.SEARCH_DIR, s.CACHES['default']['BACKEND'])",
                  GONGKAI_VAR_DIR=str(var))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["''", str(var / "search"), "django.core.cache.backends.locmem.LocMemCache"]
    assert not var.exists()


def test_a_typo_stops_the_process_with_a_chinese_message(tmp_path):
    done = python("import gongkai.settings", GONGKAI_VAR_DIR=str(tmp_path), GONGKAI_DEBGU="1")
    assert done.returncode != 0 and "ImproperlyConfigured" in done.stderr and "未知的环境变量：GONGKAI_DEBGU" in done.stderr
    exe = os.path.join(os.path.dirname(sys.executable), "gongkai")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    done = subprocess.run([exe, "check"], capture_output=True, text=True,
                          env={**clean, "GONGKAI_VAR_DIR": str(tmp_path), "GONGKAI_SESSION_HOURS": "eight"})
    assert done.returncode != 0 and "配置错误" in done.stderr and "GONGKAI_SESSION_HOURS" in done.stderr


def test_start_up_makes_the_key_once_and_every_process_reads_it(tmp_path):
    code = ("import django; django.setup(); from django.conf import settings; from gongkai.core.startup import prepare; "
            "prepare(); print(settings.SECRET_KEY)")
    first = python(code, GONGKAI_VAR_DIR=str(tmp_path))
    second = python(code, GONGKAI_VAR_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == second.stdout.strip() == (tmp_path / "secret_key").read_text().strip()
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600" and (tmp_path / "static").is_dir()
    read_only = python("import gongkai.settings as s; print(s.SECRET_KEY)", GONGKAI_VAR_DIR=str(tmp_path))
    assert read_only.stdout.strip() == first.stdout.strip()
    given = python(code, GONGKAI_VAR_DIR=str(tmp_path / "other"), GONGKAI_SECRET_KEY="from-the-environment")
    assert given.stdout.strip() == "from-the-environment" and not (tmp_path / "other" / "secret_key").exists()


def test_search_settings_follow_the_environment(tmp_path):
    done = python("import gongkai.settings as s; print(s.SEARCH_DIR, s.SEARCH_BACKEND)", GONGKAI_VAR_DIR=str(tmp_path),
                  GONGKAI_SEARCH_DIR=str(tmp_path / "idx"), GONGKAI_SEARCH_BACKEND="pathlib.PurePosixPath")
    assert done.stdout.split() == [str(tmp_path / "idx"), "pathlib.PurePosixPath"]


# --- Redis: one cache shared by processes --------------------------------------------------------------

# scripts/run_tests.py starts a throwaway redis-server when none answers on 127.0.0.1:6379 and names it here.
REDIS = os.environ.get("GONGKAI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_up() -> bool:
    host_port = REDIS.split("//", 1)[1].split("/", 1)[0]
    host, port = host_port.rsplit(":", 1)
    try:
        socket.create_connection((host, int(port)), timeout=1).close()
        return True
    except OSError:
        return False


def test_a_value_cached_in_one_process_is_seen_by_another(tmp_path):
    if not redis_up():
        pytest.fail(f"{REDIS} 无 Redis：scripts/run_tests.py 会在没有 Redis 时启动一个临时 redis-server（需要 Debian 的 redis-server）")
    key, value = f"gongkai-test-{uuid.uuid4().hex}", uuid.uuid4().hex
    setup = "import django; django.setup(); from django.conf import settings; from django.core.cache import cache; "
    wrote = python(setup + f"assert settings.CACHES['default']['BACKEND'].endswith('RedisCache'); cache.set({key!r}, {value!r}, 30)",
                   GONGKAI_VAR_DIR=str(tmp_path), GONGKAI_CACHE_URL=REDIS)
    assert wrote.returncode == 0, wrote.stderr
    read = python(setup + f"print(cache.get({key!r})); cache.delete({key!r})", GONGKAI_VAR_DIR=str(tmp_path),
                  GONGKAI_CACHE_URL=REDIS)
    assert read.returncode == 0, read.stderr
    assert read.stdout.strip() == value
