"""Writing to Jira: ADF bodies, idempotency keys that survive retries, workflow transitions."""

from __future__ import annotations

import pytest

from tools.jira import JiraClient, JiraError, adf
from tools.sandbox.model import JiraIssue as SandboxIssue
from tools.sandbox.servers.jira import JiraSandbox

IDEM = "run-42:step-3:jira"


def _labelled(sandbox: JiraSandbox, label: str) -> list[str]:
    return [i.key for i in sandbox.store.issues() if label in i.labels]


def _stored(sandbox: JiraSandbox, key: str) -> SandboxIssue:
    issue = sandbox.store.get(key)
    assert issue is not None, key
    return issue


def test_create_issue_sends_the_description_as_adf(
    client: JiraClient, sandbox: JiraSandbox
) -> None:
    created = client.create_issue(
        "DBO",
        summary="SAML single sign-on",
        description="Okta first.\nAzure AD later.\n\nAsked by Acme.",
        labels=["customer-ask"],
        idempotency_key=IDEM,
    )
    assert (created.key, created.created) == ("DBO-13", True)
    stored = sandbox.store.description_adf("DBO-13")
    assert stored == adf.from_text("Okta first.\nAzure AD later.\n\nAsked by Acme.")
    issue = client.get_issue("DBO-13")
    assert issue.description == "Okta first.\nAzure AD later.\n\nAsked by Acme."
    assert set(issue.labels) == {"customer-ask", f"dbo-idem-{IDEM}"}
    assert (issue.status, issue.issue_type) == ("To Do", "Story")


def test_retry_after_a_500_on_a_committed_create_makes_exactly_one_issue(
    client: JiraClient, sandbox: JiraSandbox
) -> None:
    sandbox.after_write.server_error(status=500, path_prefix="/rest/api/3/issue")
    created = client.create_issue("DBO", summary="Audit log", description="x", idempotency_key=IDEM)
    assert _labelled(sandbox, f"dbo-idem-{IDEM}") == [created.key]
    assert created.created is False  # the retry found the first attempt's issue
    assert client.stats.retries == 1
    assert len(sandbox.store.issues()) == 13


def test_calling_create_twice_with_one_key_returns_the_same_issue(
    client: JiraClient, sandbox: JiraSandbox
) -> None:
    first = client.create_issue("DBO", summary="A", description="x", idempotency_key=IDEM)
    second = client.create_issue("DBO", summary="A", description="x", idempotency_key=IDEM)
    assert (first.key, second.key, second.created) == ("DBO-13", "DBO-13", False)
    other = client.create_issue("DBO", summary="B", description="y", idempotency_key="other")
    assert other.key == "DBO-14"


def test_unsafe_idempotency_key_becomes_a_stable_label(
    client: JiraClient, sandbox: JiraSandbox
) -> None:
    key = "run 7 / step 2"  # spaces and slashes cannot go in a Jira label
    first = client.create_issue("DBO", summary="A", description="x", idempotency_key=key)
    again = client.create_issue("DBO", summary="A", description="x", idempotency_key=key)
    assert first.key == again.key
    labels = _stored(sandbox, first.key).labels
    assert len(labels) == 1 and labels[0].startswith("dbo-idem-") and " " not in labels[0]


def test_comment_is_idempotent_across_a_retried_500(
    client: JiraClient, sandbox: JiraSandbox
) -> None:
    sandbox.after_write.server_error(status=502, path_prefix="/rest/api/3/issue/DBO-2/comment")
    first = client.add_comment("DBO-2", "Deployed to staging.", idempotency_key=IDEM)
    again = client.add_comment("DBO-2", "Deployed to staging.", idempotency_key=IDEM)
    comments = sandbox.store.comments("DBO-2")
    assert [c.id for c in comments] == [first.id] == [again.id]
    assert (first.created_now, again.created_now) == (False, False)
    assert first.body_text.startswith("Deployed to staging.")
    assert comments[0].body["type"] == "doc"


def test_different_comment_keys_make_different_comments(
    client: JiraClient, sandbox: JiraSandbox
) -> None:
    client.add_comment("DBO-2", "one", idempotency_key="a")
    client.add_comment("DBO-2", "two", idempotency_key="a-2")  # not a prefix match of "a"
    assert len(sandbox.store.comments("DBO-2")) == 2


def test_transition_moves_the_issue_and_logs_the_change(
    client: JiraClient, sandbox: JiraSandbox
) -> None:
    assert "Done" in {t.to_status for t in client.transitions("DBO-4")}
    client.transition("DBO-4", "done")
    issue = client.get_issue("DBO-4")
    assert (issue.status, issue.status_category) == ("Done", "done")
    assert issue.transitions[-1].from_status == "In Progress"
    assert issue.resolved is not None


def test_transition_to_the_current_status_is_a_no_op(
    client: JiraClient, sandbox: JiraSandbox
) -> None:
    client.transition("DBO-6", "Done")
    assert len(_stored(sandbox, "DBO-6").changelog) == 3


def test_transition_retried_after_a_committed_500_is_applied_once(
    client: JiraClient, sandbox: JiraSandbox
) -> None:
    sandbox.after_write.server_error(path_prefix="/rest/api/3/issue/DBO-4/transitions")
    client.transition("DBO-4", "In Review")
    changes = _stored(sandbox, "DBO-4").changelog
    assert [(c.from_status, c.to_status) for c in changes[1:]] == [("In Progress", "In Review")]
    assert len(changes) == 2


def test_transition_to_an_unknown_status_names_the_reachable_ones(client: JiraClient) -> None:
    with pytest.raises(JiraError, match="reachable: Done, In Review, To Do"):
        client.transition("DBO-4", "Shipped")


def test_invalid_create_surfaces_jiras_field_errors_without_retrying(
    client: JiraClient,
) -> None:
    with pytest.raises(JiraError) as caught:
        client.create_issue(
            "DBO", summary="x", description="y", issue_type="Saga", idempotency_key=IDEM
        )
    assert caught.value.http_status == 400
    assert caught.value.errors == {"issuetype": "The issue type selected is invalid."}
    assert client.stats.retries == 0
