from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.findings, name="findings"),
    path("findings/<int:pk>/<str:action>/", views.decide, name="decide"),
]
