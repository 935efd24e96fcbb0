"""The database rate limiter (gongkai.core.ratelimit): counts per key and window, reset, expiry, and the limit
holding exactly when many threads (separate database connections) hit one key at once."""

import threading

import pytest
from django.db import connection

from gongkai.core import ratelimit
from gongkai.core.models import RateLimit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("limit, hits, expected", [
    (1, 2, [True, False]),
    (3, 5, [True, True, True, False, False]),
    (5, 5, [True] * 5),
])
def test_hits_within_the_limit_are_allowed(limit, hits, expected):
    assert [ratelimit.hit("k", limit, 60) for _ in range(hits)] == expected


def test_keys_are_counted_apart_and_reset_forgets():
    assert ratelimit.hit("a", 1, 60) and not ratelimit.hit("a", 1, 60)
    assert ratelimit.hit("b", 1, 60)
    assert ratelimit.remaining("a", 1) == 0 and ratelimit.remaining("c", 4) == 4
    ratelimit.reset("a")
    assert ratelimit.hit("a", 1, 60)


def test_release_gives_back_one_hit():
    assert ratelimit.hit("k", 2, 60) and ratelimit.hit("k", 2, 60)
    ratelimit.release("k")                    # e.g. the attempt succeeded: only failures count
    assert ratelimit.hit("k", 2, 60) and not ratelimit.hit("k", 2, 60)
    ratelimit.release("nothing-here")         # no row: nothing to give back


def test_a_new_window_starts_after_the_old_one_ends(monkeypatch):
    clock = {"ms": 1_000_000}
    monkeypatch.setattr(ratelimit, "_now_ms", lambda: clock["ms"])
    assert ratelimit.hit("k", 2, 10) and ratelimit.hit("k", 2, 10) and not ratelimit.hit("k", 2, 10)
    clock["ms"] += 9_999                      # still inside the 10 s window that began at the first hit
    assert not ratelimit.hit("k", 2, 10)
    clock["ms"] += 1                          # the window has ended: counting starts again
    assert ratelimit.hit("k", 2, 10) and ratelimit.hit("k", 2, 10) and not ratelimit.hit("k", 2, 10)
    clock["ms"] += 10_000
    assert ratelimit.purge_expired() == 1 and not RateLimit.objects.exists()


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        ratelimit.hit("k", 0, 60)
    with pytest.raises(ValueError):
        ratelimit.hit("k", 1, 0)


def run_in_threads(n: int, work) -> list:
    """Run work() in n threads released together, each on its own database connection."""
    barrier, results, lock = threading.Barrier(n), [], threading.Lock()

    def worker():
        try:
            barrier.wait()
            value = work()
            with lock:
                results.append(value)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == n
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_never_let_more_than_the_limit_through():
    limit = 25
    allowed = run_in_threads(16, lambda: sum(ratelimit.hit("busy", limit, 60) for _ in range(5)))
    assert sum(allowed) == limit                       # 80 hits, exactly `limit` allowed
    assert RateLimit.objects.get(key="busy").count == 80
