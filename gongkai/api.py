"""The JSON API at /api/v1 (OpenAPI schema at /api/v1/openapi.json, docs at /api/v1/docs)."""

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import NinjaAPI

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


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    detail = "；".join(f"{k}：{'；'.join(v)}" for k, v in exc.message_dict.items()) if hasattr(exc, "error_dict") else "；".join(exc.messages)
    return api.create_response(request, {"detail": detail}, status=422)
