from django.urls import path

from .views import portal

app_name = "portal"
urlpatterns = [
    path("", portal.home, name="home"),
    path("agencies/", portal.directory, name="directory"),
    path("agencies/<str:code>/", portal.agency_detail, name="agency"),
    path("agencies/<str:code>/guide/", portal.guide, name="guide"),
]
