from django.urls import path

from .views import auditor, generator

app_name = "reports"
urlpatterns = [
    path("", generator.index, name="index"),
    path("agency/<int:pk>/<int:year>/", generator.report, name="report"),
    path("agency/<int:pk>/<int:year>/sections/", generator.save_sections, name="sections"),
    path("agency/<int:pk>/<int:year>/figure/", generator.save_figure, name="figure"),
    path("agency/<int:pk>/<int:year>/figures/import/", generator.import_figures, name="import_figures"),
    path("agency/<int:pk>/<int:year>/acknowledge/", generator.acknowledge, name="acknowledge"),
    path("agency/<int:pk>/<int:year>/publish/", generator.publish, name="publish"),
    path("agency/<int:pk>/<int:year>/cell/<str:row>/<str:column>/", generator.drill, name="drill"),
    path("agency/<int:pk>/<int:year>/report.<str:fmt>", generator.download, name="download"),
    path("audit/", auditor.upload, name="audit"),
    path("audit/<str:token>/", auditor.result, name="audit_result"),
    path("audit/<str:token>/findings.xlsx", auditor.download_audit, name="audit_download"),
]
