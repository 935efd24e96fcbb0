"""gongkai jobs work [--forever] [--kind K] | status | retry: the job queue's worker and its state."""

import time

from django.core.management.base import BaseCommand

from gongkai.core import jobs
from gongkai.core.models import Job, JobState


class Command(BaseCommand):
    help = "后台任务：work 执行待办任务（--forever 常驻）、status 查看各状态数量、retry 重试失败任务"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        work = sub.add_parser("work")
        work.add_argument("--forever", action="store_true", help="常驻运行，每隔几秒检查新任务")
        work.add_argument("--kind", action="append", help="只执行这些类型的任务")
        work.add_argument("--interval", type=float, default=2.0)
        sub.add_parser("status")
        sub.add_parser("retry")

    def handle(self, *args, action, **opts):
        if action == "status":
            counts = jobs.counts()
            for state in JobState:
                self.stdout.write(f"{state.label}：{counts.get(state.value, 0)}")
            for job in Job.objects.filter(state=JobState.FAILED).order_by("-pk")[:20]:
                self.stdout.write(f"  失败 {job}：{job.error.splitlines()[-1] if job.error else ''}")
            return
        if action == "retry":
            n = Job.objects.filter(state=JobState.FAILED).update(state=JobState.PENDING, attempts=0)
            self.stdout.write(f"已将 {n} 个失败任务重新排队")
            return
        while True:
            ran = jobs.work(kinds=opts["kind"])
            if ran:
                self.stdout.write(f"执行了 {ran} 个任务")
            if not opts["forever"]:
                return
            time.sleep(opts["interval"])
