from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "gongkai.privacy"
    label = "privacy"
    verbose_name = "个人信息保护"

    def ready(self):
        from gongkai.core import labels

        from .findings import HIGH, INFO, LOW, MEDIUM
        from .models import FindingStatus

        labels.register("confidence", {HIGH: "高", MEDIUM: "中", LOW: "低", INFO: "仅提示"})
        labels.register("finding_status", FindingStatus.choices)
        labels.register("event", {
            "privacy.release_blocked": "发布被拦截（含个人信息）",
            "privacy.redacted": "脱敏处理",
            # services._decide records f"privacy.{status}" for the decided status
            f"privacy.{FindingStatus.OVERRIDDEN}": "确认可以公开",
            f"privacy.{FindingStatus.NOT_PERSONAL}": "确认不属于个人信息",
            f"privacy.{FindingStatus.WITHDRAWN}": "撤回含个人信息的信息",
        })
