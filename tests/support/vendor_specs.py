"""Where the vendors' OpenAPI descriptions live: ``<repo>/../shared/vendor`` (see its README)."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
VENDOR_DIR = REPO_ROOT.parent / "shared" / "vendor"


def vendor_spec(*parts: str) -> Path:
    """Path of a vendor spec file, e.g. ``vendor_spec("github", "openapi-subset.json")``."""
    path = VENDOR_DIR.joinpath(*parts)
    if not path.is_file():
        raise FileNotFoundError(f"vendor spec not found: {path} (expected under {VENDOR_DIR})")
    return path
