"""Hardening: a Content-Security-Policy on every page, HSTS when served over HTTPS, no external images in item
bodies, and API tokens that expire and can be revoked from /staff/tokens/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.catalog.sanitize import clean_html
from gongkai.core import services
from gongkai.core.demo import DEMO_PASSWORD
from gongkai.core.models import ApiToken, AuditEvent, User

pytestmark = pytest.mark.django_db


def test_every_page_carries_a_content_security_policy(client, demo_city):
    for path in ["/", "/disclosure/", "/staff/login/", "/apply/"]:
        policy = client.get(path)["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
        script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src   # inline: nonce only


def test_hsts_only_over_https(settings):
    from django.test import Client

    assert "Strict-Transport-Security" not in Client().get("/healthz")
    settings.SECURE_HSTS_SECONDS = 31536000                           # what GONGKAI_SECURE_COOKIES=1 sets
    assert "max-age=31536000" in Client().get("/healthz", secure=True)["Strict-Transport-Security"]


def test_secure_cookies_turn_on_hsts(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.update(GONGKAI_VAR_DIR=str(tmp_path), GONGKAI_SECURE_COOKIES="1", DJANGO_SETTINGS_MODULE="gongkai.settings")
    out = subprocess.run([sys.executable, "-c", "from django.conf import settings; print(settings.SECURE_HSTS_SECONDS)"],
                         capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == str(365 * 24 * 3600)


@pytest.mark.parametrize("body, kept", [
    ('<img src="https://tracker.example/p.gif" alt="图">', '<img alt="图">'),
    ('<img src="//tracker.example/p.gif">', "<img>"),
    ('<img src="/media/catalog/1/chart.png" alt="图表">', '<img src="/media/catalog/1/chart.png" alt="图表">'),
])
def test_item_bodies_keep_no_external_images(body, kept):
    assert clean_html(body) == kept


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_tokens_expire(client, demo_city):
    user = User.objects.get(username="fgw_handler")
    token, key = services.issue_api_token(user, user, "脚本", days=30)
    assert token.expires_at - timezone.now() > timedelta(days=29)
    assert client.get("/api/v1/me", **bearer(key)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/me", **bearer(key)).status_code == 401


def test_tokens_are_listed_and_revoked_by_their_owner(client, demo_city):
    user = User.objects.get(username="fgw_handler")
    token, key = services.issue_api_token(user, user, "同步脚本")
    other, _ = services.issue_api_token(None, User.objects.get(username="jyj_handler"), "别人的")
    client.post("/staff/login/", {"username": "fgw_handler", "password": DEMO_PASSWORD})
    page = client.get("/staff/tokens/").content.decode()
    assert "同步脚本" in page and token.prefix in page and "有效" in page and "别人的" not in page
    assert client.post(f"/staff/tokens/{other.pk}/revoke/").status_code == 404    # not even found
    assert client.post(f"/staff/tokens/{token.pk}/revoke/").status_code == 302
    assert client.get("/api/v1/me", **bearer(key)).status_code == 401
    assert "已吊销" in client.get("/staff/tokens/").content.decode()
    assert AuditEvent.objects.filter(action="token.revoked").count() == 1
    other.refresh_from_db()
    assert not other.revoked
