"""Link headers parse into their relations, whatever order or spacing GitHub uses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tools.github.paging import next_url, parse_link_header

GITHUB_EXAMPLE = (
    '<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", '
    '<https://api.github.com/repositories/1300192/issues?page=4>; rel="next", '
    '<https://api.github.com/repositories/1300192/issues?page=515>; rel="last", '
    '<https://api.github.com/repositories/1300192/issues?page=1>; rel="first"'
)


def test_githubs_documented_example_parses_to_four_relations() -> None:
    links = parse_link_header(GITHUB_EXAMPLE)
    assert set(links) == {"prev", "next", "last", "first"}
    assert links["next"].endswith("page=4")
    assert next_url(GITHUB_EXAMPLE) == links["next"]


def test_no_header_or_no_next_means_the_last_page() -> None:
    assert parse_link_header(None) == {}
    assert next_url("") is None
    assert next_url('<https://x.test/a?page=1>; rel="first"') is None


def test_unquoted_and_multi_valued_rels_are_understood() -> None:
    links = parse_link_header(
        '<https://x.test/a?page=2>;rel=next, <https://x.test/a>; rel="last first"'
    )
    assert links == {
        "next": "https://x.test/a?page=2",
        "last": "https://x.test/a",
        "first": "https://x.test/a",
    }


_rels = st.lists(
    st.sampled_from(["next", "prev", "first", "last"]), unique=True, min_size=1, max_size=4
)


@given(
    rels=_rels,
    pages=st.lists(st.integers(min_value=1, max_value=10_000), min_size=4, max_size=4),
    space=st.sampled_from(["", " ", "  "]),
)
def test_any_rendered_link_header_parses_back(
    rels: list[str], pages: list[int], space: str
) -> None:
    urls = {
        rel: f"https://api.github.com/x?per_page=100&page={pages[i]}" for i, rel in enumerate(rels)
    }
    header = ("," + space).join(f'<{url}>;{space}rel="{rel}"' for rel, url in urls.items())
    assert parse_link_header(header) == urls
