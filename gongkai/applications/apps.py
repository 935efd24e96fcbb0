from django.apps import AppConfig

# Audit event kinds written by this app (AuditEvent.action) and their Chinese words; application.{kind} for every
# clock action is added from the transition table's action labels.
EVENT_LABELS = {
    "application.submitted": "在线提交申请",
    "application.registered": "登记申请",
    "application.corrected": "申请人在线补正",
    "application.imported": "台账导入申请",
    "application.letter": "出具告知书",
    "application.delivered": "告知书送达",
    "application.attachment_added": "添加答复附件",
    "application.split": "拆分申请（一事一申请）",
    "application.proposed_proactive": "转为主动公开",
    "review_case.recorded": "记录复议/诉讼案件",
    "review_case.decided": "复议/诉讼案件审结",
    "letter_template.saved": "修改告知书模板",
    "letter_template.reset": "告知书模板恢复默认",
}
# The clock's result state (gongkai.core.clock.ClockResult.state).
CLOCK_STATE_LABELS = {"running": "计时中", "paused": "暂停计时", "stopped": "已停止计时", "overdue": "已超期"}


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self):
        from gongkai.core import labels
        from gongkai.core.calendar_service import PROVISIONAL_HOOKS
        from gongkai.core.clock import KIND_LABELS
        from gongkai.privacy.registry import register

        from .privacy_source import SOURCE
        from .services.clock import recompute_provisional
        from .workflow import ACTION_LABELS, CLOCK_ACTIONS, STATE_LABELS

        if recompute_provisional not in PROVISIONAL_HOOKS:
            PROVISIONAL_HOOKS.append(recompute_provisional)
        register(SOURCE)
        labels.register("event", EVENT_LABELS)
        labels.register("event", {f"application.{kind}": ACTION_LABELS[kind] for kind in CLOCK_ACTIONS})
        labels.register("clock", KIND_LABELS)
        labels.register("clock.state", CLOCK_STATE_LABELS)
        labels.register("state.application", STATE_LABELS)
