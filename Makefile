# Two commands on a fresh machine: `make demo` and `make test`. Everything else is set up here.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

# Use uv from PATH, else bootstrap it with pip into .tools/ (no system-wide install).
UV := $(shell command -v uv 2>/dev/null)
ifeq ($(UV),)
UV := .tools/bin/uv
endif
VENV_BIN := .venv/bin
PYTEST_WORKERS ?= 2

.PHONY: help setup demo test lint fmt eval bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

setup: .venv/.synced ## create .venv and install the locked dependencies

demo: setup ## embedded PostgreSQL + migrations + sandbox sync + the pipeline on a sample call
	$(VENV_BIN)/devbizops db upgrade
	$(VENV_BIN)/devbizops sync --sandbox
	$(VENV_BIN)/devbizops demo

lint: setup ## ruff (lint + format check) and mypy --strict
	$(VENV_BIN)/ruff check .
	$(VENV_BIN)/ruff format --check .
	$(VENV_BIN)/mypy

fmt: setup ## format and auto-fix
	$(VENV_BIN)/ruff format .
	$(VENV_BIN)/ruff check --fix .

test: lint ## lint, the whole pytest suite on real PostgreSQL, then the offline eval gates
	$(VENV_BIN)/pytest -n $(PYTEST_WORKERS)
	$(MAKE) --no-print-directory eval

EVAL := $(VENV_BIN)/devbizops eval run --provider offline
EVAL_OUT := .devbizops/evals

eval: setup ## offline eval suites gated by the committed baselines (reports in .devbizops/evals)
	@for suite in techtranslator techtranslator_holdout roadmap dashboard; do \
	  echo "== eval $$suite"; \
	  $(EVAL) evals/datasets/$$suite.jsonl --baseline evals/baselines/$$suite.json \
	    --report $(EVAL_OUT)/$$suite.json --html $(EVAL_OUT)/$$suite.html || exit $$?; \
	done

bench: setup ## benchmarks with same-run baselines; writes benchmarks/results.json
	$(VENV_BIN)/python -m benchmarks.run

clean: ## stop the embedded PostgreSQL and remove local state
	-$(VENV_BIN)/devbizops db stop
	rm -rf .devbizops .venv .tools .mypy_cache .ruff_cache .pytest_cache
