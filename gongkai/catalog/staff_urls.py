from django.urls import path

from . import views_staff as v

app_name = "catalog_staff"
urlpatterns = [
    path("", v.item_list, name="list"),
    path("due/", v.due_list, name="due"),
    path("new/", v.item_create, name="create"),
    path("gazette/new/", v.gazette_create, name="gazette_create"),
    path("<int:pk>/", v.item_detail, name="item"),
    path("<int:pk>/edit/", v.item_edit, name="edit"),
    path("<int:pk>/<str:action>/", v.item_action, name="action"),
]
