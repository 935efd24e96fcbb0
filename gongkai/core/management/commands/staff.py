"""gongkai staff add USERNAME --agency CODE --role 承办人 [--password P] [--name 姓名] | gongkai staff list"""

import getpass
import secrets

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.core import services
from gongkai.core.models import Membership, Role, User

from .agencies import find_agency, raise_validation


class Command(BaseCommand):
    help = "工作人员：新增（add）、分配角色（grant）或列出（list）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="新增工作人员")
        add.add_argument("username")
        add.add_argument("--agency", help="机构代码")
        add.add_argument("--role", help="角色：" + "、".join(Role.labels) + "（或英文值）")
        add.add_argument("--password", help="初始密码；省略时交互输入，或用 --generate-password")
        add.add_argument("--generate-password", action="store_true")
        add.add_argument("--name", default="", help="姓名")
        add.add_argument("--email", default="")
        add.add_argument("--superuser", action="store_true", help="系统管理员（全部机构）")
        grant = sub.add_parser("grant", help="为已有账号分配角色")
        grant.add_argument("username")
        grant.add_argument("--agency", required=True)
        grant.add_argument("--role", required=True)
        sub.add_parser("list", help="列出工作人员及角色")

    def handle(self, *args, action, **opts):
        if action == "list":
            for m in Membership.objects.select_related("user", "agency").order_by("user__username"):
                self.stdout.write(f"{m.user.username}\t{m.user.display_name}\t{m.agency.full_name}\t{m.get_role_display()}")
            return
        agency = find_agency(opts["agency"]) if opts.get("agency") else None
        if action == "grant":
            user = User.objects.filter(username=opts["username"]).first()
            if user is None:
                raise CommandError(f"用户不存在：{opts['username']}")
            try:
                services.assign_role(None, user, agency, opts["role"])
            except ValidationError as exc:
                raise_validation(exc)
            self.stdout.write(f"已分配：{user.username} 在 {agency.full_name} 任 {opts['role']}")
            return
        password = opts["password"]
        generated = False
        if not password and opts["generate_password"]:
            password, generated = secrets.token_urlsafe(12), True
        if not password:
            password = getpass.getpass("初始密码：")
        try:
            user = services.create_staff(None, opts["username"], password, opts["name"], opts["email"],
                                         agency=agency, role=opts["role"])
        except ValidationError as exc:
            raise_validation(exc)
        if opts["superuser"]:
            User.objects.filter(pk=user.pk).update(is_superuser=True)
        self.stdout.write(f"已新增工作人员：{user.username}" + (f"，初始密码：{password}" if generated else ""))
