# gongkai — two commands do all set-up on a fresh Debian machine:
#   make run    install, migrate, load the demo city, serve on http://127.0.0.1:8000
#   make test   install test dependencies (incl. PostgreSQL, Chromium, CJK fonts from Debian), run everything
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
GONGKAI := $(VENV)/bin/gongkai
DEBIAN_TEST_PACKAGES := postgresql redis-server chromium fonts-noto-cjk fonts-wqy-zenhei poppler-utils
DEBIAN_RUN_PACKAGES := fonts-wqy-zenhei

.PHONY: run test install install-test system-test-deps system-run-deps bench clean

$(PY):
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); \
	  else echo "请先安装 python3-venv（sudo apt-get install python3-venv）" >&2; exit 1; fi; }
	@$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install -q -e '.[test]'
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test system-test-deps

# Debian packages the tests (or the server: an embeddable CJK font for PDFs) need; installed only when
# missing and only as root.
system-run-deps:
	@$(MAKE) --no-print-directory system-test-deps DEBIAN_TEST_PACKAGES="$(DEBIAN_RUN_PACKAGES)"

system-test-deps:
	@missing=""; for p in $(DEBIAN_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "安装 Debian 软件包:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "缺少 Debian 软件包:$$missing（请以 root 运行 make test 或手动安装）" >&2; exit 1; fi; fi

run: install system-run-deps
	$(GONGKAI) migrate --noinput -v 0
	$(GONGKAI) demo
	GONGKAI_DEBUG=1 $(GONGKAI) serve --host 127.0.0.1 --port 8000

test: install-test
	$(VENV)/bin/ruff check gongkai tests bench scripts
	$(PY) scripts/run_tests.py

bench: install-test
	@$(MAKE) --no-print-directory system-test-deps DEBIAN_TEST_PACKAGES="wrk"
	@for f in bench/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) var build *.egg-info
