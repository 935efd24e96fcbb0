"""gongkai catalog import FILE.xlsx|csv|jsonl [--skip-invalid] | gongkai catalog seed"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm


class Command(BaseCommand):
    help = "主动公开目录：导入既有目录（import）、为全部机构生成信息分类（seed）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="导入 XLSX / CSV / JSONL（列名见 docs/catalog-import.md）")
        imp.add_argument("file")
        imp.add_argument("--skip-invalid", action="store_true", help="跳过有错误的行，导入其余各行")
        sub.add_parser("seed", help="为每个机构生成默认信息分类和索引号设置（可重复执行）")

    def handle(self, *args, action, **opts):
        from gongkai.catalog import services
        from gongkai.catalog.importer import ImportFailed, import_items
        from gongkai.core.models import Agency
        from gongkai.documents import UnreadableFile, read_file

        if action == "seed":
            services.seed_vocabularies()
            for agency in Agency.objects.all():
                services.seed_agency_catalog(agency)
            self.stdout.write("已生成体裁、主题分类和各机构的信息分类。")
            return
        path = Path(opts["file"])
        if not path.exists():
            raise CommandError(f"文件不存在：{path}")
        services.seed_vocabularies()
        for agency in Agency.objects.all():
            services.seed_agency_catalog(agency)
        try:
            data = read_file(path)
        except UnreadableFile as exc:
            raise CommandError(f"无法导入：{exc}") from None
        with tqdm(desc="导入", unit="条", file=sys.stderr, disable=None) as bar:
            try:
                report = import_items(None, path.name, data, skip_invalid=opts["skip_invalid"],
                                      progress=bar.update)
            except ImportFailed as exc:
                lines = [f"第{r}行 {col}：{msg}" for r, col, msg in exc.report.errors[:200]]
                more = len(exc.report.errors) - 200
                raise CommandError("导入失败，未保存任何数据。错误：\n" + "\n".join(lines) +
                                   (f"\n……另有 {more} 处错误" if more > 0 else "")) from None
        self.stdout.write(f"已导入 {report.created} 条；已存在而跳过 {report.skipped_existing} 条；"
                          f"有错误而跳过 {len({r for r, _, _ in report.errors})} 行。")
        for r, col, msg in report.errors[:50]:
            self.stdout.write(f"  第{r}行 {col}：{msg}")
