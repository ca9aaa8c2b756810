"""The matcher: one-to-one, gold in file order, case-insensitive, never on evidence."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from evals.matching import match, term_occurs
from tests.evals.builders import gold, req


def test_each_prediction_matches_at_most_one_gold_requirement() -> None:
    result = match([gold("sso"), gold("sso", "saml")], [req("SAML SSO for all users")])
    assert [(p.gold, p.predicted) for p in result.pairs] == [(0, 0)]
    assert "already matched" in result.gold_reasons[1]


def test_gold_items_are_matched_in_file_order_to_the_first_free_fitting_prediction() -> None:
    golds = [gold("export"), gold("pdf")]
    preds = [req("PDF export of reports"), req("CSV export"), req("PDF branding")]
    result = match(golds, preds)
    # G1 takes P1 (the first that fits) even though P1 would have been G2's best fit.
    assert [(p.gold, p.predicted) for p in result.pairs] == [(0, 0), (1, 2)]
    assert result.predicted_reasons[1].startswith("fits G1")


def test_earlier_gold_wins_a_contested_prediction() -> None:
    result = match([gold("pdf"), gold("export")], [req("PDF export of reports")])
    assert [(p.gold, p.predicted) for p in result.pairs] == [(0, 0)]
    assert 1 in result.gold_reasons


def test_matching_ignores_case_and_collapses_whitespace() -> None:
    result = match([gold("Single  Sign-On")], [req("Support SINGLE\nsign-on via Okta")])
    assert result.pairs[0].term == "Single  Sign-On"


def test_terms_are_searched_in_user_story_and_acceptance_criteria() -> None:
    by_story = req("Login", story="As an admin, I want Okta login so that staff use SSO.")
    by_criteria = req("Access", criteria=("Given SCIM is on, when a user leaves, then...",))
    result = match([gold("sso"), gold("scim")], [by_story, by_criteria])
    assert [(p.gold, p.predicted) for p in result.pairs] == [(0, 0), (1, 1)]


def test_terms_in_evidence_do_not_match() -> None:
    prediction = req("Faster dashboards", quotes=("we also need SAML single sign-on",))
    result = match([gold("saml")], [prediction])
    assert result.pairs == []
    assert "only in the evidence of P1" in result.gold_reasons[0]
    assert result.predicted_reasons[0] == "mentions none of the gold terms (false positive)"


def test_unmatched_gold_says_when_nothing_was_predicted() -> None:
    assert match([gold("sso")], []).gold_reasons[0] == "nothing was predicted"


def test_terms_must_start_at_a_word_boundary() -> None:
    assert term_occurs("encrypt", "Encryption at rest")
    assert term_occurs("sla", "99.9% SLA")
    assert not term_occurs("sla", "Translate reports")
    assert not term_occurs("sso", "associated accounts")
    assert term_occurs("s/4hana", "Sync with SAP S/4HANA")
    assert term_occurs("-on", "sign-on")


texts = st.text(alphabet="abc xyz", min_size=0, max_size=20)


@given(
    st.lists(st.lists(st.sampled_from(["ab", "xy", "c", "zz"]), min_size=1), max_size=5),
    st.lists(texts, max_size=6),
)
def test_matching_is_a_partial_one_to_one_map_justified_by_its_terms(
    gold_terms: list[list[str]], titles: list[str]
) -> None:
    golds = [gold(*terms) for terms in gold_terms]
    preds = [req(f"Title {t}", story="", criteria=("-",)) for t in titles]
    result = match(golds, preds)
    assert len({p.gold for p in result.pairs}) == len(result.pairs)
    assert len({p.predicted for p in result.pairs}) == len(result.pairs)
    for p in result.pairs:
        assert p.term in golds[p.gold].any_of
        assert term_occurs(p.term, preds[p.predicted].title)
    assert len(result.pairs) + len(result.gold_reasons) == len(golds)
    assert len(result.pairs) + len(result.predicted_reasons) == len(preds)
