"""gongkai clock FILE.json [--as-of DATE] [--json]: run the statutory clock on an events file (docs/clock.md)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.core.calendar_service import get_calendar
from gongkai.core.clock import ClockError, ClockRules, events_from_json, run_clock

from .workdays import parse_date

STATES = {"running": "计时中", "paused": "暂停", "stopped": "已停止", "overdue": "已超期"}


class Command(BaseCommand):
    help = "按事件文件计算依申请公开答复期限，并给出推算过程"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--as-of", help="按哪一天判断状态（默认今天）")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, file, as_of, **opts):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"文件不存在：{path}")
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise CommandError(f"不是有效的 JSON 文件：{exc}") from None
        if isinstance(data, dict):
            rules = ClockRules(**{k: v for k, v in data.get("rules", {}).items() if k in ClockRules.__dataclass_fields__})
            data = data.get("events")
        else:
            rules = ClockRules()
        try:
            result = run_clock(events_from_json(data), get_calendar(), parse_date(as_of) if as_of else timezone.localdate(), rules)
        except ClockError as exc:
            raise CommandError(str(exc)) from None
        if opts["json"]:
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"状态：{STATES[result.state]}；答复期限：{result.due or '—'}"
                          f"{'（暂定）' if result.provisional else ''}；已用 {result.used} 个工作日，剩余 {result.left} 个")
        for step in result.steps:
            self.stdout.write("  " + step)
        for w in result.warnings:
            self.stdout.write("  注意：" + w)
