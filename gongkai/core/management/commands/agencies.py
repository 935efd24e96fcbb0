"""gongkai agencies list [--json] | gongkai agencies add ..."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.core import services
from gongkai.core.models import Agency, AgencyKind


def find_agency(code: str) -> Agency:
    agency = Agency.objects.filter(uscc=code).first() or Agency.objects.filter(org_code=code).first()
    if agency is None:
        raise CommandError(f"没有找到机构代码为 {code} 的机构")
    return agency


def raise_validation(exc: ValidationError):
    lines = [f"{field}：{'；'.join(msgs)}" for field, msgs in exc.message_dict.items()]
    raise CommandError("输入有误，未保存：\n" + "\n".join(lines))


class Command(BaseCommand):
    help = "机构：列出（list）或新增（add）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        ls = sub.add_parser("list", help="列出全部机构")
        ls.add_argument("--json", action="store_true", help='每个机构输出 {"code","name","kind","parent"}')
        add = sub.add_parser("add", help="新增机构")
        add.add_argument("--name", required=True, help="机构全称")
        add.add_argument("--kind", required=True, help="机构类型：" + "、".join(AgencyKind.labels))
        add.add_argument("--uscc", default="", help="统一社会信用代码")
        add.add_argument("--org-code", default="", help="组织机构代码")
        add.add_argument("--parent", default=None, help="上级机构代码")
        add.add_argument("--short-name", default="")
        add.add_argument("--division-code", default="")

    def handle(self, *args, action, **opts):
        if action == "list":
            rows = [{"code": a.code, "name": a.full_name, "kind": a.kind, "parent": a.parent.code if a.parent_id else None}
                    for a in Agency.objects.select_related("parent").order_by("path")]
            if opts["json"]:
                self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            else:
                for r in rows:
                    self.stdout.write(f"{r['code']}\t{r['name']}\t{AgencyKind(r['kind']).label}")
            return
        by_label = {label: value for value, label in AgencyKind.choices}
        kind = by_label.get(opts["kind"], opts["kind"])
        parent = find_agency(opts["parent"]) if opts["parent"] else None
        try:
            agency = services.create_agency(None, parent=parent, full_name=opts["name"], kind=kind, uscc=opts["uscc"],
                                            org_code=opts["org_code"], short_name=opts["short_name"],
                                            division_code=opts["division_code"])
        except ValidationError as exc:
            raise_validation(exc)
        self.stdout.write(f"已新增机构：{agency.full_name}（{agency.code}）")
