"""The README's permission table is the one generated from the code, so it cannot drift."""

from __future__ import annotations

from pathlib import Path

from api.auth.permissions import markdown_matrix

README = Path(__file__).resolve().parents[3] / "README.md"
START, END = "<!-- permissions:start -->", "<!-- permissions:end -->"


def test_readme_shows_the_generated_permission_matrix() -> None:
    text = README.read_text(encoding="utf-8")
    assert START in text and END in text, f"README.md needs the {START} … {END} markers"
    documented = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert documented == markdown_matrix().strip(), (
        "the permission table in README.md is stale; paste the output of "
        "`python -c 'from api.auth.permissions import markdown_matrix; print(markdown_matrix())'`"
    )
