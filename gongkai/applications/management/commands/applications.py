"""gongkai applications import FILE --agency CODE | gongkai applications remind [--days 5]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "依申请公开：导入台账（import）、发送到期提醒（remind，每日运行）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="导入申请台账（XLSX / CSV），全部成功才保存")
        imp.add_argument("file")
        imp.add_argument("--agency", required=True, help="受理机关代码")
        remind = sub.add_parser("remind", help="向承办人发送即将到期和已超期的提醒邮件")
        remind.add_argument("--days", type=int, default=5, help="提前几个工作日提醒")

    def handle(self, *args, action, **opts):
        from gongkai.core.management.commands.agencies import find_agency

        if action == "import":
            from gongkai.applications.ledger import LedgerFailed, import_ledger
            from gongkai.documents import UnreadableFile, read_file

            path = Path(opts["file"])
            if not path.exists():
                raise CommandError(f"文件不存在：{path}")
            agency = find_agency(opts["agency"])
            try:
                data = read_file(path)
            except UnreadableFile as exc:
                raise CommandError(f"无法导入：{exc}") from None
            try:
                report = import_ledger(None, agency, path.name, data)
            except LedgerFailed as exc:
                lines = [f"第{r}行 {c}：{m}" for r, c, m in exc.report.errors[:200]]
                raise CommandError("导入失败，未保存任何数据。错误：\n" + "\n".join(lines)) from None
            self.stdout.write(f"已导入 {report.created} 件申请到 {agency.full_name}。")
            return
        from gongkai.applications.reminders import send_reminders

        sent = send_reminders(opts["days"])
        self.stdout.write(f"已发送提醒 {sent} 封。")
