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

        from gongkai.core import registry

        from .demo import load_catalog_demo
        from .search_sync import reindex

        registry.register_demo_loader(registry.DemoLoader(
            "catalog", load_catalog_demo, "主动公开目录：新建信息 {count} 条（含政策解读、公报）。", then=reindex))

        from gongkai.core import jobs

        from .search_sync import INDEX_JOB, index_job

        jobs.register(INDEX_JOB, index_job)

        from .labels import register as register_labels

        register_labels()
