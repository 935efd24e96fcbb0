"""Holiday calendar admin: covered years with their source notice, import of a new year, a day calculator."""

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from .. import calendar_service, permissions
from ..clock import add_workdays_explained
from ..models import CalendarYear
from .staff import staff_required


class ImportForm(forms.Form):
    file = forms.FileField(label="节假日安排文件（UTF-8 文本或 CSV，格式见下方说明）")
    replace = forms.BooleanField(label="替换已录入的同一年度", required=False)


class CalcForm(forms.Form):
    start = forms.DateField(label="起算日", widget=forms.DateInput(attrs={"type": "date"}))
    n = forms.IntegerField(label="工作日数", min_value=0, max_value=400, initial=20)


@staff_required
def calendar_home(request):
    can_edit = permissions.can_manage_platform(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(permissions.PLATFORM_ONLY)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                text = upload.read().decode("utf-8-sig")
                cy = calendar_service.import_notice(request.user, text, f"导入：{upload.name}",
                                                    replace=form.cleaned_data["replace"])
            except UnicodeDecodeError:
                form.add_error("file", "文件不是 UTF-8 编码")
            except ValidationError as exc:
                for msg in exc.message_dict.get("file", exc.messages):
                    form.add_error("file", msg)
            else:
                messages.success(request, f"已录入 {cy.year} 年节假日安排（{cy.days.count()} 天），暂定的期限已重新计算。")
                return redirect("staff:calendar")
    calc = CalcForm(request.GET or None)
    result = None
    if calc.is_valid():
        due, steps, provisional, reason = add_workdays_explained(calendar_service.get_calendar(), calc.cleaned_data["start"],
                                                                 calc.cleaned_data["n"])
        result = {"due": due, "steps": steps, "provisional": provisional}
    cov = calendar_service.coverage()
    years = CalendarYear.objects.order_by("-year")
    return render(request, "staff/calendar.html", {"form": form, "calc": calc, "result": result, "coverage": cov,
                                                    "years": years, "can_edit": can_edit, "today": date.today()},
                  status=400 if form.errors else 200)
