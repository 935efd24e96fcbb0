"""The gongkai console script: demo (idempotent), agencies list --json, agencies add, staff add/grant."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.core.codes import make_uscc
from gongkai.core.models import Agency, AuditEvent, Membership, User

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_demo_is_idempotent():
    first = run("demo")
    counts = (Agency.objects.count(), User.objects.count(), Membership.objects.count(), AuditEvent.objects.count())
    second = run("demo")
    assert (Agency.objects.count(), User.objects.count(), Membership.objects.count(), AuditEvent.objects.count()) == counts
    assert "新建机构 15 个" in first and "新建机构 0 个" in second
    assert "gkb_admin" in second and "公开办管理员" in second  # logins are printed every time
    assert Agency.objects.filter(kind="government").count() == 2 and Agency.objects.filter(kind="department").count() >= 10


def test_agencies_list_json(demo_city):
    rows = json.loads(run("agencies", "list", "--json"))
    assert all(set(r) == {"code", "name", "kind", "parent"} for r in rows)
    by_name = {r["name"]: r for r in rows}
    assert by_name["青山县临江镇人民政府"]["parent"] == demo_city["county"].code
    assert by_name["示范市人民政府"]["parent"] is None and by_name["示范市人民政府"]["kind"] == "government"


def test_agencies_add_and_bad_input(demo_city):
    code = make_uscc("11", "990100", "00000099")
    out = run("agencies", "add", "--name", "示范市审计局", "--kind", "政府部门", "--uscc", code,
              "--parent", demo_city["city"].code)
    assert "已新增机构" in out and Agency.objects.get(uscc=code).parent == demo_city["city"]
    with pytest.raises(CommandError) as exc:
        run("agencies", "add", "--name", "示范市统计局", "--kind", "政府部门", "--uscc", code[:-1] + "0")
    assert "统一社会信用代码" in str(exc.value) and not Agency.objects.filter(full_name="示范市统计局").exists()


def test_staff_add_grant_and_errors(demo_city):
    fgw = demo_city["fgw"]
    run("staff", "add", "newclerk", "--agency", fgw.code, "--role", "承办人", "--password", "Strong-pass-123", "--name", "新同事")
    user = User.objects.get(username="newclerk")
    assert user.check_password("Strong-pass-123") and user.memberships.get().role == "handler"
    run("staff", "grant", "newclerk", "--agency", fgw.code, "--role", "reviewer")
    assert set(user.memberships.values_list("role", flat=True)) == {"handler", "reviewer"}
    with pytest.raises(CommandError) as exc:
        run("staff", "add", "other", "--agency", fgw.code, "--role", "科长", "--password", "Strong-pass-123")
    assert "未知角色" in str(exc.value) and not User.objects.filter(username="other").exists()
    with pytest.raises(CommandError) as exc:
        run("staff", "add", "weak", "--agency", fgw.code, "--role", "承办人", "--password", "123")
    assert "password" in str(exc.value) and not User.objects.filter(username="weak").exists()


def test_console_script_runs_outside_django(tmp_path):
    env = {**os.environ, "GONGKAI_VAR_DIR": str(tmp_path), "GONGKAI_DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"}
    exe = os.path.join(os.path.dirname(sys.executable), "gongkai")
    subprocess.run([exe, "migrate", "-v", "0"], check=True, env=env)
    subprocess.run([exe, "demo"], check=True, env=env, capture_output=True)
    out = subprocess.run([exe, "agencies", "list", "--json"], check=True, env=env, capture_output=True, text=True).stdout
    assert len(json.loads(out)) == 15
    assert (tmp_path / "secret_key").exists() and oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"
    wal = subprocess.run([sys.executable, "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('pragma journal_mode').fetchone()[0])",
                          str(tmp_path / "x.sqlite3")], capture_output=True, text=True).stdout.strip()
    assert wal == "wal"
