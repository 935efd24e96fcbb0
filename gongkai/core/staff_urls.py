from django.urls import path

from .views import auth, staff

app_name = "staff"
urlpatterns = [
    path("", staff.home, name="home"),
    path("login/", auth.login_view, name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("password/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", auth.password_reset, name="password_reset"),
    path("password/reset/done/", auth.password_reset_done, name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", auth.password_reset_confirm, name="password_reset_confirm"),
    path("tokens/", staff.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", staff.token_revoke, name="token_revoke"),
    path("agencies/<str:code>/", staff.agency_detail, name="agency"),
    path("agencies/<str:code>/edit/", staff.agency_edit, name="agency_edit"),
    path("agencies/<str:code>/staff/", staff.agency_staff, name="agency_staff"),
    path("memberships/<int:pk>/revoke/", staff.membership_revoke, name="membership_revoke"),
]

from .views import calendar as calendar_views  # noqa: E402

urlpatterns.append(path("calendar/", calendar_views.calendar_home, name="calendar"))
