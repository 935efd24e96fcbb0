"""gongkai workdays add 2026-02-10 20 [--explain] [--json]"""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.calendar_service import get_calendar
from gongkai.core.clock import add_workdays_explained


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期无效：{value}（应为存在的日期，格式 YYYY-MM-DD）") from None


class Command(BaseCommand):
    help = "工作日计算：add 起算日 N（起算日不计入，第N个工作日）、between 日期1 日期2"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add")
        add.add_argument("start")
        add.add_argument("n", type=int)
        add.add_argument("--explain", action="store_true", help="打印计算过程")
        add.add_argument("--json", action="store_true")
        between = sub.add_parser("between")
        between.add_argument("start")
        between.add_argument("end")

    def handle(self, *args, action, **opts):
        cal = get_calendar()
        if action == "between":
            self.stdout.write(str(cal.workdays_between(parse_date(opts["start"]), parse_date(opts["end"]))))
            return
        if opts["n"] < 0:
            raise CommandError("工作日数不能为负数")
        due, steps, provisional, reason = add_workdays_explained(cal, parse_date(opts["start"]), opts["n"])
        if opts["json"]:
            self.stdout.write(json.dumps({"due": due.isoformat(), "provisional": provisional, "reason": reason,
                                          "steps": steps}, ensure_ascii=False))
            return
        self.stdout.write(due.isoformat() + ("（暂定）" if provisional else ""))
        if opts["explain"]:
            for step in steps:
                self.stdout.write("  " + step)
