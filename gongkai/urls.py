from django.urls import include, path

from gongkai.api import api
from gongkai.core.views import portal

urlpatterns = [
    path("staff/privacy/", include("gongkai.privacy.urls")),
    path("staff/", include("gongkai.core.staff_urls")),
    path("reports/", include("gongkai.reports.urls")),
    path("api/v1/", api.urls),
    path("healthz", portal.healthz, name="healthz"),
    path("", include("gongkai.core.urls")),
]

handler404 = "gongkai.core.views.portal.not_found"
handler500 = "gongkai.core.views.portal.server_error"
handler403 = "gongkai.core.views.portal.forbidden"
