from django.apps import AppConfig

# Audit event kinds the core app records (gongkai.core.services, calendar_service, views.auth).
EVENT_LABELS = {
    "agency.created": "新建机构",
    "agency.updated": "修改机构信息",
    "staff.created": "新建工作人员",
    "staff.login": "登录",
    "staff.locked": "账号锁定",
    "staff.password_changed": "修改密码",
    "role.assigned": "分配角色",
    "role.revoked": "撤销角色",
    "token.issued": "签发 API 令牌",
    "token.revoked": "吊销 API 令牌",
    "calendar.imported": "录入节假日安排",
}


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "机构与人员"

    def ready(self):
        from . import labels, permissions
        from .models import Role

        labels.register("event", EVENT_LABELS)
        labels.register("role", Role.choices)
        labels.register("action", permissions.ACTION_LABELS)
