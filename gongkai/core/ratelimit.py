"""A rate limiter kept in the database, so every process and server shares one count per key.

    if not ratelimit.hit(f"status-query:{ip}", limit=10, window_seconds=60):
        ...refuse (HTTP 429)...

To limit failures only (e.g. wrong passwords), count every attempt before checking it and `release` on success;
checking first and counting after would let parallel attempts all pass the check.

`hit` is one statement — an INSERT … ON CONFLICT DO UPDATE … RETURNING on the key's row — so two processes
hitting the same key at the same moment are serialised by the database (PostgreSQL's row lock on conflict,
SQLite's single writer) and the limit holds exactly under concurrency, without a read-modify-write. A window
starts at a key's first hit and lasts window_seconds; hits while it lasts are counted, refused ones included.
"""

import time

from django.db import connection
from django.db.models import F

from .models import RateLimit


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def _upsert_sql() -> str:
    table = connection.ops.quote_name(RateLimit._meta.db_table)
    key, end, count = (connection.ops.quote_name(c) for c in ("key", "window_end_ms", "count"))
    return (
        f"INSERT INTO {table} ({key}, {end}, {count}) VALUES (%s, %s, 1) "
        f"ON CONFLICT ({key}) DO UPDATE SET "
        f"{count} = CASE WHEN {table}.{end} > %s THEN {table}.{count} + 1 ELSE 1 END, "
        f"{end} = CASE WHEN {table}.{end} > %s THEN {table}.{end} ELSE excluded.{end} END "
        f"RETURNING {count}"
    )


def hit(key: str, limit: int, window_seconds: float) -> bool:
    """Count one hit on `key`; True when it is within `limit` hits of the current window (allowed)."""
    if limit < 1 or window_seconds <= 0:
        raise ValueError("limit must be ≥ 1 and window_seconds > 0")
    now = _now_ms()
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(), [key[:200], now + int(window_seconds * 1000), now, now])
        (count,) = cursor.fetchone()
    return count <= limit


def remaining(key: str, limit: int) -> int:
    """Hits left in the key's current window (for a Retry-After or a friendly message)."""
    row = RateLimit.objects.filter(key=key[:200], window_end_ms__gt=_now_ms()).values_list("count", flat=True).first()
    return max(0, limit - (row or 0))


def release(key: str) -> None:
    """Give back one hit of the current window: for limits on failures, where each attempt is counted first
    (so parallel attempts cannot slip past the limit) and a success then returns its hit."""
    RateLimit.objects.filter(key=key[:200], count__gt=0, window_end_ms__gt=_now_ms()).update(count=F("count") - 1)


def reset(key: str) -> None:
    """Forget the key's count (e.g. after a successful check that should not count against the person)."""
    RateLimit.objects.filter(key=key[:200]).delete()


def purge_expired() -> int:
    """Delete the rows of windows that have ended; returns how many. Safe at any time."""
    deleted, _ = RateLimit.objects.filter(window_end_ms__lte=_now_ms()).delete()
    return deleted
