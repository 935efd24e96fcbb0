from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from gongkai.api import api
from gongkai.catalog.views_public import AgencySitemap, ItemSitemap
from gongkai.core.views import portal

urlpatterns = [
    path("staff/privacy/", include("gongkai.privacy.urls")),
    path("staff/catalog/", include("gongkai.catalog.staff_urls")),
    path("staff/applications/", include("gongkai.applications.staff_urls")),
    path("staff/", include("gongkai.core.staff_urls")),
    path("reports/", include("gongkai.reports.urls")),
    path("api/v1/", api.urls),
    path("healthz", portal.healthz, name="healthz"),
    path("disclosure/", include("gongkai.catalog.urls")),
    path("apply/", include("gongkai.applications.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"items": ItemSitemap, "agencies": AgencySitemap}},
         name="django.contrib.sitemaps.views.sitemap"),
    path("", include("gongkai.core.urls")),
]

handler404 = "gongkai.core.views.portal.not_found"
handler500 = "gongkai.core.views.portal.server_error"
handler403 = "gongkai.core.views.portal.forbidden"
