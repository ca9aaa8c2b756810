"""``devbizops serve``: the HTTP API under uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from devbizops.settings import get_settings

APP_FACTORY = "api.app:create_app"


def serve(
    host: Annotated[str, typer.Option(help="interface to bind (0.0.0.0 in a container)")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="processes; prefer 1 per container and scale containers")
    ] = 1,
    reload: Annotated[bool, typer.Option(help="restart on code changes (development)")] = False,
) -> None:
    """Serve the API (uvicorn, app factory api.app:create_app)."""
    import uvicorn

    settings = get_settings()
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=None if reload else workers,
        reload=reload,
        # One access line per request comes from our middleware, with request and org ids.
        access_log=False,
        log_level=settings.log_level.lower(),
        # Behind a load balancer that terminates TLS: trust its X-Forwarded-* headers.
        proxy_headers=True,
        forwarded_allow_ips="*",
    )
