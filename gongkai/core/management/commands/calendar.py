"""gongkai calendar import FILE [--replace] | gongkai calendar coverage"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.core import calendar_service


class Command(BaseCommand):
    help = "法定节假日与调休：录入国务院年度通知（import）、查看覆盖年份（coverage）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="录入一年的节假日安排（格式见 docs/calendar.md）")
        imp.add_argument("file")
        imp.add_argument("--replace", action="store_true", help="替换已录入的同一年度")
        sub.add_parser("coverage", help="已录入的年份范围")

    def handle(self, *args, action, **opts):
        if action == "coverage":
            cov = calendar_service.coverage()
            if cov is None:
                self.stdout.write("尚未录入任何年度的节假日安排")
                return
            first, last, missing = cov
            self.stdout.write(f"已覆盖 {first}–{last} 年" + (f"（缺 {'、'.join(map(str, missing))} 年）" if missing else ""))
            self.stdout.write(f"{last + 1} 年起按周六、周日休息暂算，结果标注为“暂定”")
            return
        path = Path(opts["file"])
        if not path.exists():
            raise CommandError(f"文件不存在：{path}")
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CommandError("文件不是 UTF-8 编码") from None
        try:
            cy = calendar_service.import_notice(None, text, f"导入：{path.name}", replace=opts["replace"])
        except ValidationError as exc:
            raise CommandError("未录入，文件有误：\n" + "\n".join(exc.message_dict.get("file", exc.messages))) from None
        self.stdout.write(f"已录入 {cy.year} 年节假日安排：{cy.notice_title}（{cy.days.count()} 天）")
