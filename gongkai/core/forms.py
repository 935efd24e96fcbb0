from django import forms
from django.core.exceptions import ValidationError

from .models import Agency, Role


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["full_name", "short_name", "kind", "uscc", "org_code", "division_code", "sort_order",
                  "office_name", "office_address", "office_hours", "office_phone", "office_fax",
                  "office_postcode", "office_online"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Uniqueness and codes are validated by the service, which names the field in Chinese.
        for field in self.fields.values():
            field.required = False
        self.fields["full_name"].required = True
        self.fields["kind"].required = True

    def validate_unique(self):
        pass

    def clean_sort_order(self):
        return self.cleaned_data.get("sort_order") or 0


class StaffCreateForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    display_name = forms.CharField(label="姓名", max_length=50, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, min_length=1)
    role = forms.ChoiceField(label="角色", choices=Role.choices)


class RoleForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    role = forms.ChoiceField(label="角色", choices=Role.choices)


class TokenForm(forms.Form):
    name = forms.CharField(label="用途", max_length=100)
    days = forms.TypedChoiceField(label="有效期", coerce=int, initial=90, required=False, empty_value=90,
                                  choices=[(d, f"{d} 天") for d in (30, 90, 180, 365)])


def apply_validation_error(form, exc: ValidationError) -> None:
    """The one way a service's ValidationError reaches a person: each message beside its field (or at the top of
    the form when the field is not on it), the form re-shown with everything typed kept."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
