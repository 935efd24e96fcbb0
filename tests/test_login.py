"""Staff sign-in: lockout after repeated failures, logout, password change and reset, session expiry."""

import re

import pytest
from django.core import mail

from gongkai.core.demo import DEMO_PASSWORD
from gongkai.core.models import AuditEvent, User
from gongkai.core.views.auth import LOGIN_REFUSED

pytestmark = pytest.mark.django_db


def post_login(client, username, password):
    return client.post("/staff/login/", {"username": username, "password": password})


def test_login_and_logout(client, demo_city):
    response = post_login(client, "fgw_handler", DEMO_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert "示范市发展和改革委员会" in client.get("/staff/").content.decode()
    assert client.get("/staff/logout/").status_code == 405  # logout only by POST (CSRF-protected)
    client.post("/staff/logout/")
    assert client.get("/staff/").status_code == 302


def test_wrong_password_message_is_chinese(client, demo_city):
    response = post_login(client, "fgw_handler", "wrong")
    assert response.status_code == 401 and "用户名或密码错误" in response.content.decode()


def test_lockout_after_repeated_failures(client, demo_city, settings):
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        post_login(client, "fgw_handler", "wrong")
    response = post_login(client, "fgw_handler", DEMO_PASSWORD)  # right password, but locked
    assert response.status_code == 401 and LOGIN_REFUSED in response.content.decode()
    user = User.objects.get(username="fgw_handler")
    assert user.locked_until is not None
    assert AuditEvent.objects.filter(action="staff.locked", object_id=str(user.pk)).exists()
    User.objects.filter(pk=user.pk).update(locked_until=None)
    assert post_login(client, "fgw_handler", DEMO_PASSWORD).status_code == 302


def test_open_redirect_is_refused(client, demo_city):
    response = client.post("/staff/login/", {"username": "fgw_handler", "password": DEMO_PASSWORD,
                                             "next": "https://evil.example/"})
    assert response["Location"] == "/staff/"


def test_password_change(client, demo_city):
    post_login(client, "fgw_handler", DEMO_PASSWORD)
    response = client.post("/staff/password/", {"old_password": DEMO_PASSWORD, "new_password1": "Another-pass-2026",
                                                "new_password2": "Another-pass-2026"})
    assert response.status_code == 302
    assert User.objects.get(username="fgw_handler").check_password("Another-pass-2026")
    assert AuditEvent.objects.filter(action="staff.password_changed").exists()


def test_password_reset_by_mail(client, demo_city):
    client.post("/staff/password/reset/", {"email": "fgw_handler@demo.gongkai.invalid"})
    assert len(mail.outbox) == 1 and "重置密码" in mail.outbox[0].subject
    link = re.search(r"http://testserver(/staff/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "设置新密码" in form_page.content.decode()
    client.post(form_page.redirect_chain[-1][0], {"new_password1": "Reset-pass-2026x", "new_password2": "Reset-pass-2026x"})
    assert User.objects.get(username="fgw_handler").check_password("Reset-pass-2026x")


def test_session_expires(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.mark.django_db(transaction=True)
def test_parallel_failed_logins_check_no_more_passwords_than_the_limit(settings, monkeypatch):
    """Many wrong-password posts at the same moment: at most LOGIN_MAX_FAILURES passwords are checked before
    the account locks, however the requests interleave; the lock is recorded once."""
    import threading

    from django.db import connection
    from django.test import Client

    from gongkai.core import services

    settings.LOGIN_MAX_FAILURES = 4
    user = services.create_staff(None, "target", "Strong-pass-123")
    barrier, outcomes, lock = threading.Barrier(12), [], threading.Lock()
    checked = count_password_checks(monkeypatch)

    def attempt():
        try:
            barrier.wait()
            body = Client().post("/staff/login/", {"username": "target", "password": "wrong"}).content.decode()
            with lock:
                outcomes.append("refused" if LOGIN_REFUSED in body else body)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes == ["refused"] * 12                          # one answer, checked or locked alike
    assert len(checked) == 4                                     # the limit, not one more
    user.refresh_from_db()
    assert user.locked_until is not None
    assert AuditEvent.objects.filter(action="staff.locked", object_id=str(user.pk)).count() == 1


def count_password_checks(monkeypatch) -> list:
    """Record every password the login view actually checks."""
    from gongkai.core.views import auth

    calls, real = [], auth.authenticate

    def counting(request, **credentials):
        calls.append(credentials.get("username"))
        return real(request, **credentials)

    monkeypatch.setattr(auth, "authenticate", counting)
    return calls


def test_unknown_locked_and_wrong_answer_alike(client, demo_city, settings):
    settings.LOGIN_MAX_FAILURES = 2
    wrong = post_login(client, "fgw_handler", "wrong")
    unknown = post_login(client, "no_such_user", "wrong")
    post_login(client, "fgw_handler", "wrong")
    locked = post_login(client, "fgw_handler", DEMO_PASSWORD)
    bodies = [r.content.decode() for r in (wrong, unknown, locked)]
    assert [r.status_code for r in (wrong, unknown, locked)] == [401, 401, 401]
    assert all(LOGIN_REFUSED in b for b in bodies)
    assert not any("锁定。" in b.replace(LOGIN_REFUSED, "") for b in bodies)


def test_one_address_cannot_spray_passwords_over_many_accounts(client, demo_city, settings, monkeypatch):
    settings.LOGIN_MAX_PER_ADDRESS = 5
    checked = count_password_checks(monkeypatch)
    for name in ["fgw_handler", "fgw_admin", "fgw_viewer", "jyj_handler", "county_admin", "town_handler",
                 "city_reviewer", "gkb_admin"]:
        post_login(client, name, "Spring2026!")
    assert len(checked) == 5
    other_office = client.post("/staff/login/", {"username": "fgw_reviewer", "password": DEMO_PASSWORD},
                               REMOTE_ADDR="192.0.2.44")
    assert other_office.status_code == 302                     # another address is not locked out
