"""The job queue (后台任务): slow work enqueued with the change, run after commit, never lost.

- `enqueue(kind, payload, key=…)` writes a Job row inside the caller's transaction: the job exists exactly when the
  change does (a rolled-back change leaves no job; a committed one always has its job).
- Right after commit the same process runs the job (settings.JOBS_RUN_AFTER_COMMIT: INLINE in the committing
  thread, THREAD in a background thread so a request answers at once, OFF to leave it to workers), with the row as
  the safety net: if that process dies first, the row is still pending and any worker (`gongkai jobs work`, or the
  loop `gongkai serve` runs) claims it.
- Claiming is one conditional UPDATE (`… WHERE id = ? AND state = 'pending'`): of two workers racing for a row exactly
  one wins, on SQLite and PostgreSQL alike. A job whose worker died is reclaimed after `LEASE`.
- A failing job is retried with backoff up to `max_attempts`, then marked failed with its error.

Apps register handlers in `AppConfig.ready()`:

    jobs.register("search.index_item", index_item)    # handler(payload: dict, job: Job) -> None
"""

import logging
import os
import socket
import traceback
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import Job, JobState

log = logging.getLogger(__name__)

HANDLERS: dict[str, Callable] = {}
LEASE = timedelta(minutes=15)        # a running job not finished by then is taken to have lost its worker
BACKOFF_SECONDS = (5, 30, 120, 600, 1800)


def register(kind: str, handler: Callable) -> None:
    HANDLERS[kind] = handler


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def enqueue(kind: str, payload: dict | None = None, key: str = "", max_attempts: int = 5) -> Job | None:
    """Add a job in the current transaction. With a `key`, a pending job with the same key is the same job (returns
    None): enqueuing "reindex item 7" twice before a worker gets to it does the work once."""
    if kind not in HANDLERS:
        raise LookupError(f"no job handler registered for {kind!r}")
    try:
        with transaction.atomic():
            job = Job.objects.create(kind=kind, payload=payload or {}, key=key, max_attempts=max_attempts)
    except IntegrityError:
        if key and Job.objects.filter(key=key, state=JobState.PENDING).exists():
            return None
        raise
    mode = after_commit_mode()
    if mode == "INLINE":
        transaction.on_commit(lambda: run_claimed(claim(job_id=job.pk)))
    elif mode == "THREAD":
        transaction.on_commit(lambda: _background().submit(_run_in_thread, job.pk))
    return job


def after_commit_mode() -> str:
    mode = getattr(settings, "JOBS_RUN_AFTER_COMMIT", "INLINE")
    if mode is True:
        return "INLINE"
    if mode is False:
        return "OFF"
    return str(mode).upper()


_pool = None


def _background():
    """A small pool per process for jobs handed over after commit (THREAD mode)."""
    global _pool
    if _pool is None:
        from concurrent.futures import ThreadPoolExecutor

        _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="gongkai-job")
    return _pool


def _run_in_thread(job_id: int) -> None:
    from django.db import connection

    try:
        run_claimed(claim(job_id=job_id))
    except Exception:  # the row stays claimable after its lease; a worker or the serve loop retries it
        log.exception("background job %s could not run", job_id)
    finally:
        connection.close()


def _claimable(now):
    stale = now - LEASE
    return Q(state=JobState.PENDING, run_after__lte=now) | Q(state=JobState.RUNNING, claimed_at__lt=stale)


def claim(job_id: int | None = None, kinds: list[str] | None = None) -> Job | None:
    """Claim one job (a given one, or the oldest claimable) for this process; None if another got it first."""
    now = timezone.now()
    candidates = Job.objects.filter(_claimable(now))
    if job_id is not None:
        candidates = candidates.filter(pk=job_id)
    if kinds:
        candidates = candidates.filter(kind__in=kinds)
    for pk, state, claimed_at in candidates.order_by("run_after", "pk").values_list("pk", "state", "claimed_at")[:10]:
        won = Job.objects.filter(pk=pk, state=state, claimed_at=claimed_at).update(
            state=JobState.RUNNING, claimed_by=worker_name(), claimed_at=now)
        if won:
            return Job.objects.get(pk=pk)
    return None


def run_claimed(job: Job | None) -> Job | None:
    """Run a job this process has claimed; record success, or the error and the next attempt."""
    if job is None:
        return None
    handler = HANDLERS.get(job.kind)
    try:
        if handler is None:
            raise LookupError(f"no job handler registered for {job.kind!r}")
        handler(job.payload, job)
    except Exception as exc:  # a job's failure is recorded on the job, never lost in a log
        job.attempts += 1
        job.error = "".join(traceback.format_exception_only(exc)).strip()[:4000]
        if job.attempts >= job.max_attempts:
            job.state, job.finished_at = JobState.FAILED, timezone.now()
            log.error("job %s failed for good: %s", job, job.error)
        else:
            delay = BACKOFF_SECONDS[min(job.attempts - 1, len(BACKOFF_SECONDS) - 1)]
            job.state, job.run_after = JobState.PENDING, timezone.now() + timedelta(seconds=delay)
        job.claimed_by, job.claimed_at = "", None
        Job.objects.filter(pk=job.pk).update(attempts=job.attempts, error=job.error, state=job.state,
                                             run_after=job.run_after, finished_at=job.finished_at,
                                             claimed_by="", claimed_at=None)
        return job
    job.state, job.finished_at, job.error = JobState.DONE, timezone.now(), ""
    Job.objects.filter(pk=job.pk).update(state=job.state, finished_at=job.finished_at, error="", attempts=job.attempts + 1)
    return job


def progress(job: Job, done: int, total: int) -> None:
    """Report progress of a long job (shown by `gongkai jobs status` and on pages that follow a job)."""
    job.done, job.total = done, total
    Job.objects.filter(pk=job.pk).update(done=done, total=total)


def work(limit: int | None = None, kinds: list[str] | None = None) -> int:
    """Run claimable jobs until none is left (or `limit` ran). Returns how many ran."""
    ran = 0
    while limit is None or ran < limit:
        job = claim(kinds=kinds)
        if job is None:
            break
        run_claimed(job)
        ran += 1
    return ran


def counts() -> dict[str, int]:
    from django.db.models import Count

    return dict(Job.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
