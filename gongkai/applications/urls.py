from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("", views.apply, name="apply"),
    path("status/", views.status, name="status"),
    path("letters/<str:token>.<str:fmt>", views.applicant_letter, name="letter"),
    path("attachments/<str:token>/", views.applicant_attachment, name="attachment"),
]
