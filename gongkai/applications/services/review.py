"""行政复议 / 行政诉讼 / 举报投诉 cases about an agency's replies (table 四 of the annual report)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core import audit, permissions

from ..access import require
from ..models import Application, ReviewCase


def _review_case_errors(agency, route: str, case_number: str, application, result: str, decided_on) -> dict:
    errors = {}
    if route not in dict(ReviewCase.ROUTES):
        errors["route"] = f"未知途径：{route}"
    if result not in dict(ReviewCase.RESULTS):
        errors["result"] = f"未知结果：{result}"
    if result != "pending" and decided_on is None:
        errors["decided_on"] = "已审结的案件请填写审结日期"
    if not case_number.strip():
        errors["case_number"] = "请填写案号"
    if ReviewCase.objects.filter(agency=agency, case_number=case_number.strip()).exists():
        errors["case_number"] = f"案号已存在：{case_number}"
    if application is not None and application.agency_id != agency.pk:
        errors["application"] = "关联的申请不属于本机关"
    return errors


@transaction.atomic
def record_review_case(actor, agency, route: str, case_number: str, body: str, filed_on: date,
                       application: Application | None = None, result: str = "pending", decided_on=None) -> ReviewCase:
    require(actor, permissions.HANDLE, agency)
    if errors := _review_case_errors(agency, route, case_number, application, result, decided_on):
        raise ValidationError(errors)
    case = ReviewCase.objects.create(agency=agency, application=application, route=route, case_number=case_number.strip(),
                                     body=body, filed_on=filed_on, result=result, decided_on=decided_on)
    audit.record(actor, "review_case.recorded", case, f"记录{case}（{case.get_result_display()}）", agency=agency)
    return case


@transaction.atomic
def decide_review_case(actor, case: ReviewCase, result: str, decided_on: date) -> ReviewCase:
    """Record the result of a 复议/诉讼 case when it is decided (table 四 counts results as of year end)."""
    require(actor, permissions.HANDLE, case.agency)
    if result not in dict(ReviewCase.RESULTS) or result == "pending":
        raise ValidationError({"result": "请选择审结结果：维持、纠正或其他结果"})
    if decided_on < case.filed_on:
        raise ValidationError({"decided_on": "审结日期早于受理日期"})
    before = {"result": case.result}
    case.result, case.decided_on = result, decided_on
    case.save(update_fields=["result", "decided_on"])
    audit.record(actor, "review_case.decided", case, f"{case} 审结：{case.get_result_display()}", before=before,
                 after={"result": result}, agency=case.agency)
    return case
