from django import forms

from . import vocab
from .models import Category, Genre, Item, Topic
from .services.re_review import RE_REVIEW_OUTCOMES


class ItemForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(label="公开方式", choices=[(c, c) for c in vocab.CHANNELS], required=False,
                                         widget=forms.CheckboxSelectMultiple)
    categories = forms.ModelMultipleChoiceField(label="信息分类", queryset=Category.objects.none(), required=False,
                                                widget=forms.SelectMultiple(attrs={"size": 8}))

    class Meta:
        model = Item
        fields = ["title", "doc_number", "doc_kind", "genre", "topic", "categories", "summary", "body", "keywords",
                  "written_date", "formed_date", "effective_date", "repeal_date", "disclosure", "withholding_ground",
                  "withholding_reason", "channels", "interpretation_form"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 12}),
            "withholding_reason": forms.Textarea(attrs={"rows": 2}),
            **{f: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
               for f in ("written_date", "formed_date", "effective_date", "repeal_date")},
        }

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = Category.objects.filter(agency=agency).select_related("parent")
        self.fields["categories"].label_from_instance = lambda c: f"{c.parent.name} › {c.name}" if c.parent_id else c.name
        self.fields["genre"].queryset = Genre.objects.all()
        self.fields["topic"].queryset = Topic.objects.filter(parent__isnull=False).select_related("parent")
        self.fields["formed_date"].required = False
        for name in ("withholding_ground", "interpretation_form"):
            self.fields[name].required = False

    def validate_unique(self):
        pass

    def _post_clean(self):  # validation lives in services (Chinese messages per field)
        pass


# --- one form per action on the staff item page (views_staff.ITEM_ACTIONS) ------------------------------------

class NoFieldsForm(forms.Form):
    """An action that needs nothing typed (提交审核, 发布): the button is the whole form."""


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件（PDF、DOCX、XLSX、图片）", error_messages={"required": "请选择要上传的文件"})


class ReasonForm(forms.Form):
    reason = forms.CharField(label="撤回原因", widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "撤回时请写明原因"})


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label="审核结论", choices=[("approve", "通过（保密审查同意发布）"), ("return", "退回修改")],
                                 widget=forms.RadioSelect, error_messages={"required": "请选择审核结论"})
    note = forms.CharField(label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _item_by_index_number(number: str) -> Item:
    item = Item.objects.filter(index_number=number).first()
    if item is None:
        raise forms.ValidationError(f"没有索引号为 {number} 的信息")
    return item


class SupersedeForm(forms.Form):
    action = forms.ChoiceField(label="操作", choices=[("amended", "已被修改"), ("repealed", "已被废止")])
    by_index_number = forms.CharField(label="修改或废止本件的文件的索引号", required=False)

    def clean(self):
        data = super().clean()
        number = (data.get("by_index_number") or "").strip()
        try:
            data["by"] = _item_by_index_number(number) if number else None
        except forms.ValidationError as exc:
            self.add_error("by_index_number", exc)
        else:
            if data.get("action") == "amended" and data["by"] is None:
                self.add_error("by_index_number", "请填写修改文件的索引号")
        return data


class LinkForm(forms.Form):
    index_number = forms.CharField(label="所解读政策文件的索引号", error_messages={"required": "请填写所解读政策文件的索引号"})

    def clean_index_number(self):
        return _item_by_index_number(self.cleaned_data["index_number"].strip())


class ReReviewForm(forms.Form):
    outcome = forms.ChoiceField(label="复审结论", choices=list(RE_REVIEW_OUTCOMES.items()), widget=forms.RadioSelect,
                                error_messages={"required": "请选择复审结论"})
    note = forms.CharField(label="复审意见", widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": "请填写复审意见"})


class GazetteForm(forms.Form):
    agency = forms.ChoiceField(label="编印机构")
    year = forms.IntegerField(label="年份", min_value=1949, max_value=2100)
    number = forms.IntegerField(label="期号", min_value=1, max_value=999)
    title = forms.CharField(label="标题（可不填）", required=False, max_length=100)
    published_date = forms.DateField(label="出版日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    index_numbers = forms.CharField(label="收录信息的索引号（每行一个，按目录顺序）", widget=forms.Textarea(attrs={"rows": 8}))
