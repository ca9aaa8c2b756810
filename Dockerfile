# syntax=docker/dockerfile:1
# DevBizOps API and workers: one image, the command picks the role
# (`devbizops serve`, `devbizops worker`, `devbizops db upgrade`).

# --- builder: the locked dependencies and the project in /app/.venv -------------------------------
FROM python:3.11-slim AS builder
COPY --from=ghcr.io/astral-sh/uv:0.13.9 /uv /bin/
ENV UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy
WORKDIR /app
# Dependencies first: this layer is rebuilt only when the lock changes, not on every code edit.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY alembic.ini ./
COPY devbizops ./devbizops
COPY agents ./agents
COPY graphs ./graphs
COPY tools ./tools
COPY memory ./memory
COPY api ./api
COPY evals ./evals
COPY samples ./samples
RUN uv sync --frozen --no-dev

# --- runtime: the same Python, no build tools, a non-root user ------------------------------------
FROM python:3.11-slim AS runtime
ENV UV_PYTHON_DOWNLOADS=never \
    PATH="/app/.venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DEVBIZOPS_DATA_DIR=/app/data \
    DEVBIZOPS_LOG_JSON=true \
    DEVBIZOPS_LOG_LEVEL=INFO
RUN groupadd --system --gid 10001 devbizops \
    && useradd --system --uid 10001 --gid devbizops --home-dir /app --no-create-home devbizops \
    && mkdir -p /app/data && chown devbizops:devbizops /app/data
WORKDIR /app
# Code and venv stay owned by root: the service user can run them, not change them.
COPY --from=builder /app /app
USER devbizops
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=3)"]
CMD ["devbizops", "serve", "--host", "0.0.0.0", "--port", "8000"]
