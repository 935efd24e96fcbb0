from django.urls import path

from . import views_public as v

app_name = "catalog"
urlpatterns = [
    path("", v.home, name="home"),
    path("search/", v.search, name="search"),
    path("items/<int:pk>/", v.item_detail, name="item"),
    path("items/<int:pk>/print/", v.item_print, name="item_print"),
    path("items/<int:pk>/attachments/<int:att>/", v.attachment_download, name="attachment"),
    path("topics/<int:pk>/", v.topic_list, name="topic"),
    path("annual-reports/", v.annual_reports, name="annual_reports"),
    path("gazette/", v.gazette_list, name="gazette_list"),
    path("gazette/<int:pk>/", v.gazette_detail, name="gazette"),
    path("gazette/<int:pk>/pdf/", v.gazette_pdf, name="gazette_pdf"),
    path("<str:code>/", v.agency_catalog, name="agency"),
    path("<str:code>/basic-catalog/", v.basic_catalog, name="basic_catalog"),
    path("<str:code>/feed.xml", v.AgencyFeed(), name="feed"),
    path("<str:code>/c/<str:category>/", v.agency_catalog, name="category"),
    path("<str:code>/c/<str:category>/feed.xml", v.AgencyFeed(), name="category_feed"),
]
