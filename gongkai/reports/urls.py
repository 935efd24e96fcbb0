from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("audit/", views.upload, name="audit"),
    path("audit/<str:token>/", views.result, name="audit_result"),
    path("audit/<str:token>/findings.xlsx", views.download, name="audit_download"),
]
