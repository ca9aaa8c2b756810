"""Chart files: each Vega-Lite spec saved as JSON and rendered offline to SVG and PNG."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import vl_convert as vlc


def _write(path: Path, data: str | bytes) -> str:
    # Write then rename, so a resumed run never leaves a half-written chart behind.
    tmp = path.with_suffix(path.suffix + ".tmp")
    if isinstance(data, bytes):
        tmp.write_bytes(data)
    else:
        tmp.write_text(data, encoding="utf-8")
    tmp.replace(path)
    return str(path)


def render_charts(
    specs: Mapping[str, dict[str, Any]], directory: Path
) -> dict[str, dict[str, str]]:
    """``{name: {"spec": …json, "svg": …svg, "png": …png}}`` written under ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    out: dict[str, dict[str, str]] = {}
    for name, spec in specs.items():
        out[name] = {
            "spec": _write(directory / f"{name}.vl.json", json.dumps(spec, indent=2)),
            "svg": _write(directory / f"{name}.svg", vlc.vegalite_to_svg(spec)),
            "png": _write(directory / f"{name}.png", vlc.vegalite_to_png(spec, scale=2)),
        }
    return out


def write_text(directory: Path, name: str, text: str) -> str:
    """Save ``text`` as ``directory/name``; the path written."""
    directory.mkdir(parents=True, exist_ok=True)
    return _write(directory / name, text)
