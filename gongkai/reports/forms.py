"""One form per action on a report page. Fields are not required here: the services check what was sent and name
the problem in Chinese, and core.forms.apply_validation_error puts their messages beside the fields."""

from django import forms

from . import sections


def _text(**kwargs):
    return forms.CharField(required=False, strip=False, **kwargs)


class SectionsForm(forms.Form):
    """The editable sections 一, 五, 六, posted as section-一 … (their placeholders kept as typed)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in sections.EDITABLE:
            self.fields[f"section-{key}"] = _text(widget=forms.Textarea)

    def texts(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"section-{key}") or "" for key in sections.EDITABLE}


class FigureForm(forms.Form):
    key = _text()
    value = _text()
    source = _text()


class ImportFiguresForm(forms.Form):
    file = forms.FileField(required=False)


class AcknowledgeForm(forms.Form):
    rule = _text()
    where = _text()
    reason = _text()


class PublishForm(forms.Form):
    pass
