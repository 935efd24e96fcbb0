"""`gongkai report check FILE [--previous FILE] [--json]` and `gongkai report audit DIR|ZIP [-o findings.xlsx]`."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.reports.audit import audit, check_report, iter_files
from gongkai.reports.export import FORMAT, SEVERITY, findings_workbook


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

    def handle(self, *args, action, **options):
        if action == "check":
            return self.check_one(options)
        return self.audit_many(options)

    def _read(self, name: str) -> bytes:
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"找不到文件：{name}")
        return path.read_bytes()

    def check_one(self, options):
        previous = None
        if options["previous"]:
            previous = check_report(self._read(options["previous"]), options["previous"])
        report = check_report(self._read(options["file"]), options["file"], previous)
        if options["json"]:
            self.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"发布机关：{report.issuer or '（未识别）'}　年度：{report.year or '（未识别）'}　"
                          f"格式：{FORMAT.get(report.format, report.format)}")
        apps = report.applications
        if "new" in apps:
            self.stdout.write(f"本年新收 {apps['new'].get('total')}，办结 {apps.get('outcome_total', {}).get('total')}，"
                              f"结转 {apps.get('carried_out', {}).get('total')}")
        if not report.findings:
            self.stdout.write("未发现问题。")
        for f in report.findings:
            self.stdout.write(f"[{SEVERITY.get(f.severity, f.severity)}] {f.rule} {f.where}：{f.message}")

    def audit_many(self, options):
        from tqdm import tqdm

        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"找不到：{path}")
        items = list(iter_files(path))
        if not items:
            raise CommandError("没有找到报告文件（支持 txt、html、docx、xlsx、xls、pdf，或其 zip 压缩包）")
        with tqdm(total=len(items), desc="审核报告", unit="份", file=sys.stderr) as bar:
            results = audit(items, progress=bar.update, workers=options["workers"])
        Path(options["output"]).write_bytes(findings_workbook(results))
        errors = sum(1 for _, r in results for f in r.findings if f.severity == "error")
        warnings = sum(1 for _, r in results for f in r.findings if f.severity == "warning")
        self.stdout.write(f"已审核 {len(results)} 份报告：错误 {errors} 条，警告 {warnings} 条。结果：{options['output']}")
