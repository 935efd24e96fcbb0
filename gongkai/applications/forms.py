from django import forms

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


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(label="办理结果", choices=[(o.key, o.label) for o in OUTCOMES])
    date = forms.DateField(label="答复日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    note = forms.CharField(label="答复说明", widget=forms.Textarea(attrs={"rows": 3}), required=False)
