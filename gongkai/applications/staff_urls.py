from django.urls import path

from . import views

app_name = "applications_staff"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("register/", views.register, name="register"),
    path("templates/", views.letter_templates, name="templates"),
    path("<int:pk>/", views.case, name="case"),
    path("<int:pk>/act/", views.case_action, name="action"),
    path("<int:pk>/archive.pdf", views.case_archive, name="archive"),
    path("<int:pk>/id-proof/", views.id_proof, name="id_proof"),
    path("<int:pk>/letters/<int:letter_id>.<str:fmt>", views.staff_letter, name="letter"),
]
