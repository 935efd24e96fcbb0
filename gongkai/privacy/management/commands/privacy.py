"""gongkai privacy scan FILE... [--json] | gongkai privacy sweep [--agency CODE] [--since DATE] [--workers N]"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "个人信息检查：扫描文件（scan）、排查已公开信息（sweep）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        scan = sub.add_parser("scan", help="扫描文件（文本、HTML、PDF、DOCX、XLSX）")
        scan.add_argument("files", nargs="+")
        scan.add_argument("--json", action="store_true")
        sweep = sub.add_parser("sweep", help="排查全部已公开信息和附件（可中断、可续跑、只复查变化的信息）")
        sweep.add_argument("--agency", default="")
        sweep.add_argument("--since", default="")
        sweep.add_argument("--workers", type=int, default=0, help="进程数（默认全部 CPU 核）")
        sweep.add_argument("--full", action="store_true", help="全部重新检查，而不只检查变化的信息")
        sweep.add_argument("--report-dir", default="", help="按机构写出 XLSX 和 CSV 报告的目录")

    def handle(self, *args, action, **opts):
        if action == "scan":
            return self._scan(opts["files"], opts["json"])
        from gongkai.privacy.sweep import run_sweep

        summary = run_sweep(agency_code=opts["agency"], since=opts["since"], workers=opts["workers"],
                            full=opts["full"], report_dir=opts["report_dir"], stdout=self.stdout)
        self.stdout.write(summary)

    def _scan(self, files, as_json):
        from gongkai.documents import extract_text
        from gongkai.privacy.scanner import scan_text

        results = []
        for name in files:
            path = Path(name)
            if not path.exists():
                raise CommandError(f"文件不存在：{path}")
            extracted = extract_text(path.read_bytes(), path.name)
            findings = scan_text(extracted.text, path.name)
            results.append({"file": str(path), "kind": extracted.kind, "scanned": extracted.scanned,
                            "problem": extracted.problem,
                            "findings": [{k: v for k, v in f.to_dict().items() if k != "text"} for f in findings]})
        if as_json:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=1))
            return
        for r in results:
            self.stdout.write(f"{r['file']}：" + (r["problem"] or f"检出 {len(r['findings'])} 处"))
            for f in r["findings"]:
                self.stdout.write(f"  [{f['confidence']}] {f['label']} {f['masked']} （{f['context']}）")
