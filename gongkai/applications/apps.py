from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self):
        from gongkai.core.calendar_service import PROVISIONAL_HOOKS

        from .services import recompute_provisional

        if recompute_provisional not in PROVISIONAL_HOOKS:
            PROVISIONAL_HOOKS.append(recompute_provisional)

        from gongkai.privacy.registry import register

        from .privacy_source import SOURCE

        register(SOURCE)
