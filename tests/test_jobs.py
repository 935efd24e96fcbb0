"""The job queue: enqueued with the change, run after commit, claimed once, retried, never lost."""

import threading

import pytest
from django.db import connection, transaction

from gongkai.core import jobs
from gongkai.core.models import Job, JobState

RAN: list = []


def record_payload(payload, job):
    RAN.append(payload["n"])


def fail_always(payload, job):
    raise RuntimeError("磁盘已满")


@pytest.fixture(autouse=True)
def handlers():
    RAN.clear()
    jobs.register("test.record", record_payload)
    jobs.register("test.fail", fail_always)
    yield
    jobs.HANDLERS.pop("test.record", None)
    jobs.HANDLERS.pop("test.fail", None)


@pytest.mark.django_db
def test_a_job_runs_after_its_change_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            job = jobs.enqueue("test.record", {"n": 1})
            assert RAN == []                       # not before commit
    assert RAN == [1]
    assert Job.objects.get(pk=job.pk).state == JobState.DONE


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_no_job():
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        jobs.enqueue("test.record", {"n": 2})
        1 / 0
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_a_job_whose_process_died_is_run_by_a_worker(settings):
    settings.JOBS_RUN_AFTER_COMMIT = "OFF"        # as if the process ended right after commit
    jobs.enqueue("test.record", {"n": 3})
    assert RAN == []
    assert jobs.work() == 1
    assert RAN == [3]
    assert jobs.work() == 0                       # done once


@pytest.mark.django_db
def test_the_same_key_is_one_pending_job(settings):
    settings.JOBS_RUN_AFTER_COMMIT = "OFF"
    assert jobs.enqueue("test.record", {"n": 4}, key="item:4") is not None
    assert jobs.enqueue("test.record", {"n": 4}, key="item:4") is None
    jobs.work()
    assert RAN == [4]
    assert jobs.enqueue("test.record", {"n": 4}, key="item:4") is not None   # after it ran, a new one may wait


@pytest.mark.django_db
def test_failures_are_retried_then_kept_with_their_error(settings):
    settings.JOBS_RUN_AFTER_COMMIT = "OFF"
    job = jobs.enqueue("test.fail", {}, max_attempts=2)
    jobs.run_claimed(jobs.claim(job_id=job.pk))
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.PENDING, 1) and "磁盘已满" in job.error
    assert job.run_after > job.created_at                       # backoff
    Job.objects.filter(pk=job.pk).update(run_after=job.created_at)
    jobs.work()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.FAILED, 2)


@pytest.mark.django_db
def test_an_unknown_kind_is_refused_at_enqueue():
    with pytest.raises(LookupError):
        jobs.enqueue("test.nobody", {})


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_run_the_same_job(settings):
    settings.JOBS_RUN_AFTER_COMMIT = "OFF"
    for n in range(40):
        jobs.enqueue("test.record", {"n": n})
    errors = []

    def worker():
        try:
            jobs.work()
        except Exception as exc:  # a worker crash must fail the test, not vanish in a thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(RAN) == list(range(40))                      # each exactly once
    assert Job.objects.filter(state=JobState.DONE).count() == 40


@pytest.mark.django_db(transaction=True)
def test_thread_mode_answers_at_once_and_runs_the_job_in_the_background(settings):
    import time

    settings.JOBS_RUN_AFTER_COMMIT = "THREAD"
    with transaction.atomic():
        job = jobs.enqueue("test.record", {"n": 7})
    for _ in range(100):
        if Job.objects.get(pk=job.pk).state == JobState.DONE:
            break
        time.sleep(0.05)
    assert RAN == [7] and Job.objects.get(pk=job.pk).state == JobState.DONE
