from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = "年度报告"

    def ready(self):
        from gongkai.core import registry

        from .staff_panels import report_due_rows

        registry.register_staff_panel(registry.StaffPanel("report-due", "年度报告发布提醒", report_due_rows))
