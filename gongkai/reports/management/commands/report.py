"""`gongkai report check FILE [--previous FILE] [--json]` and `gongkai report audit DIR|ZIP [-o findings.xlsx]`."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core import labels
from gongkai.documents import UnreadableFile, read_file
from gongkai.reports.auditor import check_many, check_report, iter_files
from gongkai.reports.export import findings_workbook


class Command(BaseCommand):
    help = "年度报告：检查一份已发布的报告，或批量审核一个文件夹/压缩包"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="检查一份报告")
        check.add_argument("file")
        check.add_argument("--previous", help="上一年度的报告（用于跨年度结转核对）")
        check.add_argument("--json", action="store_true", help="输出 report-data JSON（含 findings）")
        run = sub.add_parser("audit", help="批量审核文件夹或 zip 中的报告")
        run.add_argument("path")
        run.add_argument("-o", "--output", default="findings.xlsx")
        run.add_argument("--workers", type=int, default=2)
        build = sub.add_parser("build", help="生成本平台机构的年度报告")
        build.add_argument("--agency", required=True, help="机构全称、简称或统一社会信用代码")
        build.add_argument("--year", type=int, required=True)
        build.add_argument("--format", choices=["json", "html", "docx", "xlsx", "pdf"], default="json")
        build.add_argument("--consolidated", action="store_true", help="汇总本级及下属机构（全市/全县）")
        build.add_argument("-o", "--output", help="输出文件（默认打印到屏幕，仅 json/html）")
        figures = sub.add_parser("figures", help="导入表二中平台无法统计的数字（XLSX）")
        figures.add_argument("file")
        due = sub.add_parser("due", help="年度报告发布期限：临近和逾期的机构")
        due.add_argument("--year", type=int, required=True)
        remind = sub.add_parser("remind", help="邮件提醒即将到期或已逾期的年度报告（每日运行）")
        remind.add_argument("--year", type=int)
        remind.add_argument("--days", type=int, default=15)

    def handle(self, *args, action, **options):
        if action == "check":
            return self.check_one(options)
        if action == "build":
            return self.build(options)
        if action == "figures":
            return self.import_figures(options)
        if action == "due":
            return self.due(options)
        if action == "remind":
            from gongkai.reports.reminders import send_report_reminders
            sent = send_report_reminders(options["year"], options["days"])
            self.stdout.write(f"已发送 {sent} 封提醒邮件")
            return None
        return self.audit_many(options)

    def _agency(self, name: str):
        from django.db.models import Q

        from gongkai.core.models import Agency

        matches = list(Agency.objects.filter(Q(full_name=name) | Q(short_name=name) | Q(uscc=name) | Q(org_code=name)))
        if len(matches) != 1:
            raise CommandError(f"找不到机构：{name}" if not matches else f"“{name}”对应多个机构，请使用全称")
        return matches[0]

    def build(self, options):
        from django.core.exceptions import ValidationError

        from gongkai.reports import render
        from gongkai.reports.generator import build_report
        from gongkai.reports.models import AnnualReport

        agency = self._agency(options["agency"])
        try:
            built = build_report(agency, options["year"], options["consolidated"],
                                 AnnualReport.objects.filter(agency=agency, year=options["year"],
                                                             consolidated=options["consolidated"]).first())
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        fmt = options["format"]
        if fmt == "json":
            payload = json.dumps(built.report.to_json(), ensure_ascii=False, indent=1).encode()
        elif fmt == "html":
            payload = render.to_html(built.report, built.sections).encode()
        elif fmt == "docx":
            payload = render.to_docx(built.report, built.sections)
        elif fmt == "pdf":
            payload = render.to_pdf(built.report, built.sections)
        else:
            parts = [(a.full_name, build_report(a, options["year"]).report) for a in built.agencies] \
                if options["consolidated"] else None
            payload = render.to_xlsx(built.report, parts)
        if options["output"]:
            Path(options["output"]).write_bytes(payload)
            self.stdout.write(f"已生成 {options['output']}：错误 {len(built.errors)} 条，警告 {len(built.warnings)} 条")
        elif fmt in ("json", "html"):
            self.stdout.write(payload.decode())
        else:
            raise CommandError("docx/xlsx/pdf 格式请用 -o 指定输出文件")
        for f in built.report.findings:
            self.stderr.write(f"[{labels.label('severity', f.severity)}] {f.rule}：{f.message}")

    def import_figures(self, options):
        from django.core.exceptions import ValidationError

        from gongkai.reports import services

        try:
            count = services.import_manual_figures(None, self._read(options["file"]))
        except ValidationError as exc:
            raise CommandError("导入失败，未保存任何数据：\n" + "\n".join(exc.messages)) from None
        self.stdout.write(f"已导入 {count} 项数字")

    def due(self, options):
        from gongkai.core.models import Agency
        from gongkai.reports.deadlines import DUE_LABELS, due_states

        for state in due_states(list(Agency.objects.order_by("path")), options["year"]):
            self.stdout.write(f"{DUE_LABELS[state.status]}\t{state.due:%Y-%m-%d}\t{state.agency.full_name}")

    def _read(self, name: str) -> bytes:
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"找不到文件：{name}")
        try:
            return read_file(path)
        except UnreadableFile as exc:
            raise CommandError(f"无法读取 {name}：{exc}") from None

    def check_one(self, options):
        previous = None
        if options["previous"]:
            previous = check_report(self._read(options["previous"]), options["previous"])
        report = check_report(self._read(options["file"]), options["file"], previous)
        if options["json"]:
            self.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"发布机关：{report.issuer or '（未识别）'}　年度：{report.year or '（未识别）'}　"
                          f"格式：{labels.label('report_format', report.format)}")
        apps = report.applications
        if "new" in apps:
            self.stdout.write(f"本年新收 {apps['new'].get('total')}，办结 {apps.get('outcome_total', {}).get('total')}，"
                              f"结转 {apps.get('carried_out', {}).get('total')}")
        if not report.findings:
            self.stdout.write("未发现问题。")
        for f in report.findings:
            self.stdout.write(f"[{labels.label('severity', f.severity)}] {f.rule} {f.where}：{f.message}")

    def audit_many(self, options):
        from tqdm import tqdm

        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"找不到：{path}")
        items = list(iter_files(path))
        if not items:
            raise CommandError("没有找到报告文件（支持 txt、html、docx、xlsx、xls、pdf，或其 zip 压缩包）")
        with tqdm(total=len(items), desc="审核报告", unit="份", file=sys.stderr) as bar:
            results = check_many(items, progress=bar.update, workers=options["workers"])
        Path(options["output"]).write_bytes(findings_workbook([(name, report) for name, report, _ in results]))
        errors = sum(1 for _, r, _ in results for f in r.findings if f.severity == "error")
        warnings = sum(1 for _, r, _ in results for f in r.findings if f.severity == "warning")
        self.stdout.write(f"已审核 {len(results)} 份报告：错误 {errors} 条，警告 {warnings} 条。结果：{options['output']}")
