"""Shared test set-up: database naming, the PostgreSQL data-layer pass, skip policy, a real browser."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls in the same thread are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}
CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")


def uses_database(item) -> bool:
    return bool(DB_FIXTURES & set(getattr(item, "fixturenames", ()))) or item.get_closest_marker("django_db") is not None


def pytest_configure(config):
    """Start-up as the serving commands do it: the var directory and the secret key (gongkai.core.startup)."""
    from gongkai.core.startup import prepare

    prepare()


def pytest_collection_modifyitems(config, items):
    """On the PostgreSQL pass (GONGKAI_TEST_DB_ONLY=1) run only the tests that touch the database."""
    if os.environ.get("GONGKAI_TEST_DB_ONLY") == "1":
        keep = [i for i in items if uses_database(i)]
        deselected = [i for i in items if not uses_database(i)]
        if deselected:
            config.hook.pytest_deselected(items=deselected)
        items[:] = keep


def pytest_sessionfinish(session, exitstatus):
    """With CI=true a skipped test fails the run: in CI nothing may be skipped."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if os.environ.get("CI") == "true" and skipped and session.exitstatus == 0:
        reporter.write_line(f"CI=true: {skipped} 个测试被跳过，视为失败", red=True)
        session.exitstatus = 1


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A per-process test database: on PostgreSQL a unique name, so parallel runs never share one; on SQLite
    a file (not shared-cache memory), so WAL, busy timeouts and concurrent writers behave as in production."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        db.setdefault("TEST", {})["NAME"] = f"test_gongkai_{os.getpid()}"
    elif db["ENGINE"].endswith("sqlite3"):
        db.setdefault("TEST", {})["NAME"] = str(settings.VAR_DIR / f"test_gongkai_{os.getpid()}.sqlite3")


# --- a real browser: Debian's Chromium through Playwright (never a downloaded browser) ---------------

@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"找不到 Chromium：{CHROMIUM}（make test 会安装 Debian 的 chromium 软件包）")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.fixture
def login(page, live_server):
    """login(username, password=...) signs a user in through the real login form."""
    from gongkai.core.demo import DEMO_PASSWORD

    def do_login(username: str, password: str = DEMO_PASSWORD):
        page.goto(f"{live_server.url}/staff/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    return do_login


@pytest.fixture
def demo_city(db):
    """The demo city, loaded as `gongkai demo` loads it; returns {key: Agency}."""
    from gongkai.core.demo import AGENCIES, load_demo
    from gongkai.core.models import Agency

    load_demo()
    return {key: Agency.objects.get(full_name=full) for key, full, *_ in AGENCIES}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 at production strength costs ~0.2 s per user; hashing strength is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Reference data that migrations seed (holiday calendar, 体裁, 主题分类) is wiped by the table flush after
    each transactional test; put it back before any test that uses the database."""
    if not uses_database(request.node):
        return
    marker = request.node.get_closest_marker("django_db")
    transactional = bool({"live_server", "transactional_db"} & set(request.fixturenames)) or \
        bool(marker and marker.kwargs.get("transaction"))
    request.getfixturevalue("transactional_db" if transactional else "db")
    from gongkai.catalog.models import Genre
    from gongkai.catalog.services import seed_vocabularies
    from gongkai.core.calendar_service import seed_from_chinesecalendar
    from gongkai.core.models import CalendarYear

    if not CalendarYear.objects.exists():
        seed_from_chinesecalendar()
    if not Genre.objects.exists():
        seed_vocabularies()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Cached per-agency figures must not leak between tests (primary keys repeat after rollbacks)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _search_index(tmp_path, settings):
    """Each test gets its own search index directory."""
    from gongkai.search import reset_backend

    settings.SEARCH_DIR = tmp_path / "search-index"
    reset_backend()
    yield
    reset_backend()


@pytest.fixture
def as_user(client, demo_city):
    """Sign a demo user in through the real login form; returns the signed-in test client."""
    from gongkai.core.demo import DEMO_PASSWORD

    def sign_in(username):
        client.post("/staff/login/", {"username": username, "password": DEMO_PASSWORD})
        return client
    return sign_in
