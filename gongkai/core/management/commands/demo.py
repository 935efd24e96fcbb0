"""gongkai demo: load the fictional demo city 示范市 (idempotent) and print the demo staff logins.

After the agencies and staff, every app's demo loader runs (gongkai.core.registry, registered in ready())."""

from django.core.management.base import BaseCommand

from gongkai.core import registry
from gongkai.core.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "载入演示城市“示范市”：机构、工作人员、主动公开目录（可重复执行，不会重复创建）"

    def add_arguments(self, parser):
        parser.add_argument("--no-catalog", action="store_true", help="只载入机构和工作人员")

    def handle(self, *args, **opts):
        created, logins = load_demo()
        self.stdout.write(f"示范市：新建机构 {len(created)} 个（已存在的保持不变）。")
        if not opts["no_catalog"]:
            for loader in registry.demo_loaders():
                count = loader.load()
                if count and loader.then is not None:
                    loader.then()
                self.stdout.write(loader.summary.format(count=count))
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, role, agency in logins:
            self.stdout.write(f"  {username:<14} {role:<8} {agency}")
