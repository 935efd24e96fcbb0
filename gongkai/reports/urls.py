from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("agency/<int:pk>/<int:year>/", views.report, name="report"),
    path("agency/<int:pk>/<int:year>/sections/", views.save_sections, name="sections"),
    path("agency/<int:pk>/<int:year>/figure/", views.save_figure, name="figure"),
    path("agency/<int:pk>/<int:year>/figures/import/", views.import_figures, name="import_figures"),
    path("agency/<int:pk>/<int:year>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("agency/<int:pk>/<int:year>/publish/", views.publish, name="publish"),
    path("agency/<int:pk>/<int:year>/cell/<str:row>/<str:column>/", views.drill, name="drill"),
    path("agency/<int:pk>/<int:year>/report.<str:fmt>", views.download, name="download"),
    path("audit/", views.upload, name="audit"),
    path("audit/<str:token>/", views.result, name="audit_result"),
    path("audit/<str:token>/findings.xlsx", views.download_audit, name="audit_download"),
]
