from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    label = "catalog"
    verbose_name = "主动公开目录"

    def ready(self):
        from gongkai.core.calendar_service import PROVISIONAL_HOOKS

        from .deadlines import recompute_provisional

        if recompute_provisional not in PROVISIONAL_HOOKS:
            PROVISIONAL_HOOKS.append(recompute_provisional)

        from gongkai.privacy.registry import register

        from .privacy_source import SOURCE

        register(SOURCE)

        from .labels import register as register_labels

        register_labels()
