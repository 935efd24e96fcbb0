"""Staff login with lockout after repeated failures; logout; password change and reset (Django's views)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.hashers import make_password
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from .. import ratelimit, services
from ..http import client_address


class LoginForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    password = forms.CharField(label="密码", widget=forms.PasswordInput)


# One answer for a wrong password, an unknown user and a locked account, so the page never tells which usernames exist.
LOGIN_REFUSED = "用户名或密码错误，或账号因连续登录失败已被暂时锁定。请稍后再试，或联系管理员。"


def _attempt(request, username: str, password: str):
    """The user, or None. Every attempt is counted before any password is checked — per client address (password
    spraying over many accounts) and per account (guessing one) — so parallel tries cannot slip past a limit; a
    refused attempt still does one password hash, so a locked or unknown account answers no faster."""
    address_key = f"login:address:{client_address(request)}"
    window = settings.LOGIN_LOCKOUT_MINUTES * 60
    if not ratelimit.hit(address_key, settings.LOGIN_MAX_PER_ADDRESS, window) or not services.begin_login_attempt(username):
        make_password(password)
        return None
    user = authenticate(request, username=username, password=password)
    if user is None:
        services.record_login_failure(username)
        return None
    ratelimit.release(address_key)
    return user


@sensitive_post_parameters("password")
def login_view(request):
    form = LoginForm(request.POST or None)
    error = ""
    next_url = request.POST.get("next") or request.GET.get("next") or reverse("staff:home")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("staff:home")
    if request.method == "POST" and form.is_valid():
        user = _attempt(request, form.cleaned_data["username"], form.cleaned_data["password"])
        if user is None:
            error = LOGIN_REFUSED
        else:
            login(request, user)
            services.record_login_success(user)
            return redirect(next_url)
    return render(request, "staff/login.html", {"form": form, "error": error, "next": next_url},
                  status=200 if not error else 401)


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, "您已退出登录。")
    return redirect("portal:home")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "staff/password_change.html"
    success_url = reverse_lazy("staff:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        from django.db import transaction

        from .. import audit

        with transaction.atomic():
            audit.record(self.request.user, "staff.password_changed", self.request.user, "修改密码")
        messages.success(self.request, "密码已修改。")
        return response


password_reset = auth_views.PasswordResetView.as_view(
    template_name="staff/password_reset.html", email_template_name="staff/password_reset_email.txt",
    subject_template_name="staff/password_reset_subject.txt", success_url=reverse_lazy("staff:password_reset_done"))
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="staff/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="staff/password_reset_confirm.html", success_url=reverse_lazy("staff:login"))
