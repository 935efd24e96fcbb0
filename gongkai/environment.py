"""Strict reading of GONGKAI_* environment variables for gongkai/settings.py.

A value that cannot be what the variable means (a boolean spelled "ture", a number spelled "5x") and a GONGKAI_
variable nobody reads (a typo such as GONGKAI_DEBGU) stop the process with ImproperlyConfigured naming the
variable, instead of silently falling back to a default the operator did not ask for. Nothing here writes to disk.
"""

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

PREFIX = "GONGKAI_"
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

# Variables read outside settings.py: by the test harness, the test suite and the benches. Allowed so that
# the unknown-variable check does not reject them.
TOOLING_VARIABLES = frozenset({
    "GONGKAI_TEST_DB_ONLY",        # tests/conftest.py: the PostgreSQL pass runs only data-layer tests
    "GONGKAI_TEST_POSTGRES_URL",   # scripts/run_tests.py: which PostgreSQL to test on
    "GONGKAI_TEST_REDIS_URL",      # scripts/run_tests.py: which Redis the shared-cache tests use
    "GONGKAI_CHROMIUM",            # tests/conftest.py: the Chromium binary for browser tests
    "GONGKAI_REPORT_CORPUS",       # tests and bench: folder of published annual reports
})


class Environment:
    """Typed reads of GONGKAI_* variables; remembers every name read so `check_unknown` can name typos."""

    def __init__(self, environ: Mapping[str, str] | None = None):
        self.environ = os.environ if environ is None else environ
        self.known: set[str] = set(TOOLING_VARIABLES)

    def _raw(self, name: str) -> str | None:
        self.known.add(name)
        value = self.environ.get(name)
        return None if value is None or value.strip() == "" else value.strip()

    def text(self, name: str, default: str) -> str:
        value = self._raw(name)
        return default if value is None else value

    def optional(self, name: str) -> str | None:
        return self._raw(name)

    def flag(self, name: str, default: bool = False) -> bool:
        value = self._raw(name)
        if value is None:
            return default
        if value.lower() in TRUE_WORDS:
            return True
        if value.lower() in FALSE_WORDS:
            return False
        raise ImproperlyConfigured(f"环境变量 {name} 的值 {value!r} 不是开关值：请使用 1/0、true/false、yes/no 或 on/off")

    def integer(self, name: str, default: int, minimum: int | None = None) -> int:
        value = self._raw(name)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            raise ImproperlyConfigured(f"环境变量 {name} 的值 {value!r} 不是整数") from None
        if minimum is not None and number < minimum:
            raise ImproperlyConfigured(f"环境变量 {name} 的值 {number} 过小：不能小于 {minimum}")
        return number

    def items(self, name: str, default: str = "") -> list[str]:
        return [part.strip() for part in self.text(name, default).split(",") if part.strip()]

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        value = self.text(name, default)
        if value.upper() not in choices:
            raise ImproperlyConfigured(f"环境变量 {name} 的值 {value!r} 无效：可选 {'、'.join(choices)}")
        return value.upper()

    def check_unknown(self) -> None:
        """Call after every read: a GONGKAI_* variable that nothing reads is a typo or a leftover."""
        unknown = sorted(n for n in self.environ if n.startswith(PREFIX) and n not in self.known)
        if unknown:
            raise ImproperlyConfigured(
                f"未知的环境变量：{'、'.join(unknown)}（可能是拼写错误）。可用的变量：{'、'.join(sorted(self.known))}")


def cache_config(url: str | None) -> dict:
    """CACHES["default"] for GONGKAI_CACHE_URL: local memory when unset, Redis for redis:// or rediss://."""
    if url is None:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "gongkai"}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "gongkai"}
    raise ImproperlyConfigured(f"环境变量 GONGKAI_CACHE_URL 的值 {url!r} 无效：应以 redis:// 或 rediss:// 开头（不设置则使用本进程内存缓存）")


def database_config(url: str) -> dict:
    """DATABASES["default"] for GONGKAI_DATABASE_URL (sqlite:///… or postgresql://…)."""
    import dj_database_url

    try:
        return dj_database_url.parse(url, conn_max_age=60)
    except ValueError as exc:
        raise ImproperlyConfigured(f"环境变量 GONGKAI_DATABASE_URL 的值无效（{exc}）：应为 sqlite:///路径 或 postgresql://用户@主机:端口/库名") from None
