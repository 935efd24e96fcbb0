from django import forms

from gongkai.core import law
from gongkai.core.law import APPLICANT_TYPES, OUTCOMES
from gongkai.core.models import Agency

from .models import Channel


class ApplyForm(forms.Form):
    agency = forms.ModelChoiceField(label="向哪个机关申请", queryset=Agency.objects.order_by("path"))
    applicant_type = forms.ChoiceField(label="申请人类型", choices=APPLICANT_TYPES, widget=forms.RadioSelect)
    applicant_name = forms.CharField(label="姓名或名称", max_length=100)
    id_kind = forms.ChoiceField(label="身份证明", choices=[("居民身份证", "居民身份证"), ("护照", "护照"),
                                                       ("港澳台居民证件", "港澳台居民证件"), ("统一社会信用代码", "统一社会信用代码（法人或其他组织）")])
    id_number = forms.CharField(label="证件号码或统一社会信用代码", max_length=40)
    contact_phone = forms.CharField(label="联系电话", max_length=40, required=False)
    contact_email = forms.EmailField(label="电子邮箱", required=False)
    contact_address = forms.CharField(label="通信地址", max_length=200, required=False)
    description = forms.CharField(label="所需政府信息的名称、文号或便于查询的特征描述", widget=forms.Textarea(attrs={"rows": 4}))
    form_wanted = forms.ChoiceField(label="获取信息的形式", choices=[("纸质", "纸质"), ("电子", "电子")])
    delivery_wanted = forms.ChoiceField(label="获取信息的方式", choices=[("邮寄", "邮寄"), ("电子邮件", "电子邮件"), ("自行领取", "自行领取"),
                                                                 ("网上下载", "网上下载")])
    id_proof = forms.FileField(label="身份证明材料（图片或 PDF，仅受理机关工作人员可见）", required=False)
    consent = forms.BooleanField(label="我已阅读并同意：申请人信息仅用于办理本申请，不会在任何公开页面、检索或公开数据中出现", required=True)


class StatusForm(forms.Form):
    tracking_number = forms.CharField(label="申请编号", max_length=30)
    password = forms.CharField(label="查询密码", max_length=20, widget=forms.PasswordInput)


class RegisterForm(ApplyForm):
    channel = forms.ChoiceField(label="收到渠道", choices=[c for c in Channel.choices if c[0] != "online"])
    received_date = forms.DateField(label="收到申请之日", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        del self.fields["consent"]


# The case page: one form per action. Clock actions share one panel on the page (an action chooser and the fields
# the actions use); each action validates only its own fields.
CLOCK_ACTION_CHOICES = {
    "received": "确认收到申请", "correction_requested": "一次性告知补正", "correction_received": "收到补正材料",
    "correction_deadline_missed": "逾期未补正（视为放弃）", "consultation_started": "书面征求第三方/其他机关意见",
    "consultation_ended": "收到意见", "extension_granted": "延期答复（须负责人同意）", "fee_notice_sent": "发出收费通知",
    "fee_paid": "申请人已缴费", "fee_deadline_missed": "逾期未缴费（视为放弃）", "deferred": "延迟答复（第三十五条）",
}
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ClockActionForm(forms.Form):
    """A clock action with only a date and a note (confirm receipt, 补正 received, fee paid, …)."""

    action = forms.ChoiceField(label="操作", choices=list(CLOCK_ACTION_CHOICES.items()))
    date = forms.DateField(label="日期", widget=DATE_INPUT)
    note = forms.CharField(label="说明（补正内容、意见、理由等）", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, actions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if actions is not None:
            self.fields["action"].choices = [(a, CLOCK_ACTION_CHOICES[a]) for a in actions]

    def service_data(self, app) -> dict:
        """The action's own fields, as services.clock.act takes them."""
        return {}


class ConsultationForm(ClockActionForm):
    party = forms.ChoiceField(label="征求意见对象", choices=[("third_party", "第三方"), ("other_organ", "其他机关")])

    def service_data(self, app) -> dict:
        return {"party": self.cleaned_data["party"]}


class ExtensionForm(ClockActionForm):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20)

    def service_data(self, app) -> dict:
        return {"days": self.cleaned_data["days"]}


class FeeNoticeForm(ClockActionForm):
    method = forms.ChoiceField(label="收费方式", choices=[("per_application", "按件计收"), ("per_page", "按量计收")])
    pages = forms.IntegerField(label="页数", min_value=0, required=False)

    def service_data(self, app) -> dict:
        from .services.reply import fee_for

        return {"amount": fee_for(app, self.cleaned_data["method"], self.cleaned_data["pages"] or 0)}


class DeferralForm(ClockActionForm):
    due = forms.DateField(label="延迟答复期限", widget=DATE_INPUT)

    def service_data(self, app) -> dict:
        return {"due": self.cleaned_data["due"].isoformat(), "reason": self.cleaned_data["note"]}


class ClockPanelForm(ConsultationForm, ExtensionForm, FeeNoticeForm, DeferralForm):
    """What the page shows for the clock actions: every field any of them uses, none required but the action."""

    field_order = ["action", "date", "note", "party", "days", "method", "pages", "due", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.required = name in ("action", "date")


CLOCK_ACTION_FORMS = {"consultation_started": ConsultationForm, "extension_granted": ExtensionForm,
                      "fee_notice_sent": FeeNoticeForm, "deferred": DeferralForm}


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(label="办理结果", choices=[(o.key, o.label) for o in OUTCOMES])
    date = forms.DateField(label="答复日期", widget=DATE_INPUT)
    note = forms.CharField(label="答复说明", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AttachForm(forms.Form):
    file = forms.FileField(label="上传答复附件")


class SplitForm(forms.Form):
    descriptions = forms.CharField(label="一事一申请：每行一项申请内容", widget=forms.Textarea(attrs={"rows": 3}))


class ReviewCaseForm(forms.Form):
    route = forms.ChoiceField(label="复议/诉讼途径", choices=law.REVIEW_ROUTES)
    case_number = forms.CharField(label="案号", max_length=60)
    body = forms.CharField(label="复议机关或法院", max_length=100, required=False)
    filed_on = forms.DateField(label="受理日期", widget=DATE_INPUT)


class DeliveryForm(forms.Form):
    letter = forms.IntegerField(widget=forms.HiddenInput)
    method = forms.CharField(label="送达方式", max_length=30)
    date = forms.DateField(label="送达日期", widget=DATE_INPUT)
    proof = forms.CharField(label="凭证", max_length=60, required=False)


class ProactiveForm(forms.Form):
    """Art. 44: nothing to fill in."""
