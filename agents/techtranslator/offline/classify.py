"""Category of a need from domain vocabularies: security, integration, performance, bug, feature."""

from __future__ import annotations

import re

from agents.techtranslator.offline.need import Need
from agents.techtranslator.schemas import Category

_I = re.IGNORECASE
SECURITY = re.compile(
    r"\b(?:sso|saml|scim|single\s+sign[-\s]?on|soc\s*(?:[12]|ii|one|two)|hipaa|hitrust|gdpr|ccpa"
    r"|ferpa|coppa|cjis|itar|glba|nist|sox"
    r"|pci(?:[-\s]dss)?|iso\s*27001|fedramp|sox|encrypt\w*|audit(?:\s+logs?|\s+trails?|ing|ors?)?"
    r"|access\s+logs?|rbac|role[-\s]based|permissions?|access\s+controls?|data\s+residency"
    r"|(?:eu|us|uk)\s+data\s+cent(?:er|re)s?|mfa|2fa|two[-\s]factor|multi[-\s]factor|okta|azure\s+ad"
    r"|entra|onelogin|ping\s+identity|security|pen(?:etration)?\s+test\w*|complian\w+|phi|pii"
    r"|retention|retain\w*|years\s+of\s+(?:history|data|records|logs)|who\s+(?:looked\s+at|viewed"
    r"|accessed|changed|edited|opened|exported|deleted)|least\s+privilege|ip\s+allow\w*|whitelist\w*"
    r"|password\s+polic\w+|vulnerabilit\w+|baa|privacy|secure|provisioning|de-?provision\w*"
    r"|offboard\w*|session\s+timeouts?|restrict\w*\s+(?:access|who)|only\s+(?:admins|managers)\s+can"
    r"|data\s+(?:stays?|leaving|leaves)|masking|redact\w*|legal\s+holds?|litigation\s+holds?"
    r"|preserv\w*\s+(?:every|all|each|the)\s+(?:\w+\s+)?(?:records?|data|documents?|files|emails)"
    r"|data\s+sovereignty|byok|bring\s+your\s+own\s+keys?|customer[-\s]managed\s+keys?|kms"
    r"|key\s+management|iso\s*27001|ip\s+(?:allow|block)\s*list\w*|legal\s+discovery|e-?discovery"
    r"|(?:stored|processed|hosted|kept|stays?|resides?|remains?)\s+(?:\w+\s+){0,3}?(?:in|inside"
    r"|within)\s+(?:the\s+)?(?:EU|EEA|Europe|European\s+Union|UK|Canada|Australia|Switzerland"
    r"|country|region|Germany|Norway|Japan|India))\b",
    _I,
)
# Working without a connection is something the product does, even when it syncs later.
_OFFLINE = re.compile(
    r"\b(?:offline|without\s+(?:a\s+)?(?:signal|connectivity|connection|internet|network|coverage)"
    r"|no\s+(?:signal|connectivity|coverage|internet))\b",
    _I,
)
SYSTEMS = re.compile(
    r"\b(?:Salesforce|HubSpot|Slack|Microsoft\s+Teams|MS\s+Teams|Jira|Zapier|SAP|Snowflake|NetSuite"
    r"|QuickBooks|Xero|Workday|ServiceNow|Zendesk|Intercom|Outlook|Gmail|Google\s+(?:Sheets|Drive"
    r"|Calendar|Workspace|Analytics)|Excel|SharePoint|Dynamics(?:\s+365)?|Marketo|Pardot|Stripe"
    r"|Shopify|Segment|BigQuery|Redshift|Databricks|Tableau|Power\s*BI|Looker|GitHub|GitLab"
    r"|Bitbucket|PagerDuty|Datadog|Splunk|Twilio|DocuSign|Box|Dropbox|Asana|Trello|Notion"
    r"|Confluence|Epic|Cerner|athenahealth|Oracle|Mailchimp|Gong|Zoom|Webex|ADP|Gusto|BambooHR"
    r"|Greenhouse|Lever|UPS|FedEx|DHL|USPS|Samsara|Motive|Sage|Bill\.com|Expensify|Plaid|Ramp"
    r"|Brex|Okta|Azure\s+AD|Teams|S3|Postgres|MySQL|Kafka)\b"
)
_INTEGRATION = re.compile(
    r"\b(?:api|apis|rest|graphql|webhooks?|sdk|connectors?|integrat\w*|sync\w*|import\w*|export\w*"
    r"|bi-?directional|two[-\s]way|etl|feeds?|csv|sftp|edi|push\w*\s+(?:to|into)|pull\w*\s+from"
    r"|plug-?ins?|ledger\s+service|endpoints?)\b",
    _I,
)
_PERFORMANCE = re.compile(
    r"\b(?:slow\w*|fast\w*|quick\w*|speed\w*|latency|load\s+times?|loads?\s+in|seconds?|milliseconds?"
    r"|ms|timeouts?|time\s+out|scal\w+|throughput|concurrent|simultaneous|volumes?|millions?"
    r"|thousands?|performan\w+|lag\w*|responsive\w*|response\s+times?|per\s+(?:second|minute|hour)"
    r"|peak|spikes?|heavy\s+load|burst\w*|rate\s+limits?|429s?|uptime|sla)\b",
    _I,
)
_BUG = re.compile(
    r"\b(?:bugs?|broken|crash\w*|errors?|fails?|failures?|glitch\w*|wrong|incorrect|defects?"
    r"|regressions?|duplicat\w+|doesn't\s+work|not\s+working|round(?:ing|ed)|unrounded"
    r"|miscalculat\w*|off\s+by\s+(?:one|a\s+(?:cent|penny|few))|garbled|corrupt\w*)\b",
    _I,
)


def classify(need: Need) -> Category:
    """Pick the category from what the need is about (its capability and subject words)."""
    if need.kind == "complaint":
        return "performance" if need.pain in ("slow", "timeout", "ratelimit") else "bug"
    words = f"{need.subject} {need.phrase}"
    if SECURITY.search(words):
        return "security_compliance"
    if _OFFLINE.search(words):
        return "feature"
    if _BUG.search(words) and not _INTEGRATION.search(words) and need.kind != "noun":
        return "bug"
    if SYSTEMS.search(words) or _INTEGRATION.search(words):
        return "integration"
    if _PERFORMANCE.search(words):
        return "performance"
    if need.kind == "fix" or _BUG.search(words):
        return "bug"
    return "feature"
