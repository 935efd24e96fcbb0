from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = "年度报告"

    def ready(self):
        from gongkai.core import registry

        from .staff_panels import report_due_rows

        registry.register_staff_panel(registry.StaffPanel("report-due", "年度报告发布提醒", report_due_rows))

        from gongkai.core import jobs, labels

        from .views.auditor import AUDIT_JOB, audit_job

        jobs.register(AUDIT_JOB, audit_job)

        from .deadlines import DUE_LABELS
        from .export import FORMAT_NAMES
        from .rules import RULE_NAMES, SEVERITY_NAMES

        labels.register("event", {
            "report.created": "新建年度报告",
            "report.sections_saved": "修改年度报告正文",
            "report.figure_set": "填报年度报告数字",
            "report.warning_acknowledged": "确认年度报告警告",
            "report.published": "发布年度报告",
            "report.audit": "审核已发布的年度报告",
        })
        labels.register("rule", RULE_NAMES)
        labels.register("severity", SEVERITY_NAMES)
        labels.register("report_format", FORMAT_NAMES)
        labels.register("report_due", DUE_LABELS)
