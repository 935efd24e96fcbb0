"""The JSON API at /api/v1 (OpenAPI schema at /api/v1/openapi.json, docs at /api/v1/docs)."""

from ninja import NinjaAPI

from gongkai.core.api import router as core_router

api = NinjaAPI(title="gongkai 政府信息公开平台 API", version="1", urls_namespace="api")
api.add_router("/", core_router)
