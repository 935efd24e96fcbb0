"""gongkai serve [--host 127.0.0.1] [--port 8000]: a production WSGI server (waitress) with static files."""

import os
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

JOB_LOOP_SECONDS = 10


def start_job_loop() -> None:
    """One machine needs no separate worker: slow work runs in background threads after each commit, and a loop picks
    up whatever is left (jobs of a process that died, retries after backoff)."""
    if "GONGKAI_JOBS_RUN_AFTER_COMMIT" not in os.environ:
        settings.JOBS_RUN_AFTER_COMMIT = "THREAD"
    if settings.JOBS_RUN_AFTER_COMMIT == "OFF":
        return

    def loop():
        from django.db import connection

        from gongkai.core import jobs

        while True:
            try:
                jobs.work()
            except Exception:  # the loop must outlive a bad job or a locked database
                jobs.log.exception("job loop")
            finally:
                connection.close()
            time.sleep(JOB_LOOP_SECONDS)

    threading.Thread(target=loop, name="gongkai-job-loop", daemon=True).start()


class Command(BaseCommand):
    help = "启动 Web 服务（waitress）"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **opts):
        from django.core.wsgi import get_wsgi_application
        from waitress import serve

        from gongkai.core.startup import prepare

        prepare()   # the var directory and the secret key every worker thread signs with
        application = get_wsgi_application()
        start_job_loop()
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"gongkai 正在运行：http://{host}:{port}/  （Ctrl+C 停止）")
        serve(application, host=host, port=port, threads=threads, ident="gongkai")
