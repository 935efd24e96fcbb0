"""The JSON API at /api/v1 (OpenAPI schema at /api/v1/openapi.json, docs at /api/v1/docs)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as ParameterError

from gongkai.applications.api import router as applications_router
from gongkai.catalog.api import router as catalog_router
from gongkai.core.api import router as core_router

api = NinjaAPI(title="gongkai 政府信息公开平台 API", version="1", urls_namespace="api")
api.add_router("/", core_router)
api.add_router("/", catalog_router)
api.add_router("/", applications_router)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "无权访问"}, status=403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    response = api.create_response(request, {"detail": "需要有效的 API 令牌（Authorization: Bearer gk_…）"}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "没有找到"}, status=404)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024) or 1
    return api.create_response(request, {"detail": f"请求体过大（最多 {limit} MB）"}, status=413)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    detail = "；".join(f"{k}：{'；'.join(v)}" for k, v in exc.message_dict.items()) if hasattr(exc, "error_dict") else "；".join(exc.messages)
    return api.create_response(request, {"detail": detail}, status=422)


# Parameters the schema refuses (a page past the end, a year of 10 digits, a missing field): a Chinese 400 that names
# the parameter, never a 500 and never an English pydantic dump.
PROBLEMS = {
    "missing": "必须填写", "int_parsing": "应为整数", "int_type": "应为整数", "less_than_equal": "不能大于 {le}",
    "greater_than_equal": "不能小于 {ge}", "string_too_long": "过长（最多 {max_length} 个字符）",
    "string_too_short": "不能为空", "string_pattern_mismatch": "取值无效", "date_from_datetime_parsing": "应为日期",
    "date_parsing": "应为日期（YYYY-MM-DD）", "json_invalid": "不是有效的 JSON", "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false", "string_type": "应为字符串", "literal_error": "应为以下之一：{expected}",
    "date_type": "应为日期（YYYY-MM-DD）", "date_from_datetime_inexact": "应为日期（YYYY-MM-DD）",
    "model_attributes_type": "应为 JSON 对象", "dict_type": "应为 JSON 对象", "int_from_float": "应为整数",
    "extra_forbidden": "不是可用的字段", "nul_character": "不能包含空字符（\\0）",
}


def describe(error: dict) -> str:
    where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "请求"
    problem = PROBLEMS.get(error.get("type", ""), "取值无效")
    try:
        problem = problem.format(**error.get("ctx", {}))
    except (KeyError, IndexError):
        problem = "取值无效"
    return f"参数 {where} {problem}"


@api.exception_handler(ParameterError)
def parameter_error(request, exc):
    return api.create_response(request, {"detail": "；".join(describe(e) for e in exc.errors)}, status=400)
