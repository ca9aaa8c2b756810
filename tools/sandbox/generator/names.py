"""Word lists for people, customer companies and the sandbox startup itself."""

from __future__ import annotations

import re

FIRST_NAMES = (
    "Aisha", "Alex", "Amara", "Ana", "Arjun", "Ben", "Carlos", "Chen", "Chloe", "Daniel", "Diego",
    "Elena", "Emma", "Farah", "Felix", "Grace", "Hana", "Hugo", "Ines", "Isaac", "Jamal", "Jonas",
    "Julia", "Kai", "Kenji", "Lara", "Leo", "Lina", "Lucas", "Maya", "Mei", "Mia", "Nadia",
    "Nikhil", "Noah", "Olga", "Omar", "Priya", "Rafael", "Rosa", "Sam", "Sara", "Sofia", "Tariq",
    "Tom", "Valentina", "Wei", "Yara", "Yusuf", "Zoe",
)  # fmt: skip
LAST_NAMES = (
    "Abbott", "Adeyemi", "Alvarez", "Bauer", "Becker", "Brennan", "Castillo", "Chen", "Costa",
    "Dubois", "Eriksen", "Fischer", "Garcia", "Gupta", "Haddad", "Hansen", "Ito", "Jensen", "Kim",
    "Kowalski", "Larsen", "Lopez", "Meyer", "Mori", "Murphy", "Nakamura", "Novak", "Okafor",
    "Olsen", "Patel", "Petrov", "Quinn", "Rossi", "Santos", "Schmidt", "Silva", "Singh", "Sato",
    "Tanaka", "Torres", "Varga", "Wagner", "Walsh", "Weber", "Yilmaz", "Zhang",
)  # fmt: skip

# The startup whose GitHub, Jira and CRM the sandbox holds; one per seed.
STARTUPS = (
    "Northwind Analytics", "Lumen Metrics", "Brightline Insights", "Cobalt Signals",
    "Harbor Dashboards", "Quill Data", "Meridian Pulse", "Tidewater Labs",
)  # fmt: skip

COMPANY_PREFIXES = (
    "Acme", "Apex", "Atlas", "Aurora", "Beacon", "Birch", "BrightPath", "Cascade", "Cedar",
    "Clearwater", "Cobalt", "Crescent", "Delta", "Evergreen", "Fairway", "Falcon", "Fintrack",
    "Granite", "Harbor", "Helix", "Horizon", "Ironwood", "Juniper", "Keystone", "Lakeside",
    "Lighthouse", "Maple", "Meridian", "Monarch", "Northstar", "Northwind", "Oakridge", "Orbit",
    "Pacific", "Pinnacle", "Prairie", "Quantum", "Redwood", "Ridgeline", "Riverbend", "Sable",
    "Sequoia", "Silverline", "Skyline", "Summit", "Sunrise", "Terra", "Trailhead", "Unity",
    "Vantage", "Vertex", "Willow", "Zenith",
)  # fmt: skip

# (suffix, HubSpot industry enumeration value): the suffix says what the company does.
COMPANY_SUFFIXES = (
    ("Logistics", "LOGISTICS_AND_SUPPLY_CHAIN"),
    ("Freight", "TRANSPORTATION_TRUCKING_RAILROAD"),
    ("Health", "HOSPITAL_HEALTH_CARE"),
    ("Clinics", "MEDICAL_PRACTICE"),
    ("Pharma", "PHARMACEUTICALS"),
    ("Bank", "BANKING"),
    ("Capital", "FINANCIAL_SERVICES"),
    ("Insurance", "INSURANCE"),
    ("Retail", "RETAIL"),
    ("Outfitters", "APPAREL_FASHION"),
    ("Foods", "FOOD_BEVERAGES"),
    ("Software", "COMPUTER_SOFTWARE"),
    ("Systems", "INFORMATION_TECHNOLOGY_AND_SERVICES"),
    ("Networks", "TELECOMMUNICATIONS"),
    ("Energy", "RENEWABLES_ENVIRONMENT"),
    ("Manufacturing", "MACHINERY"),
    ("Robotics", "INDUSTRIAL_AUTOMATION"),
    ("Learning", "E_LEARNING"),
    ("University", "HIGHER_EDUCATION"),
    ("Media", "ONLINE_MEDIA"),
    ("Games", "COMPUTER_GAMES"),
    ("Realty", "REAL_ESTATE"),
    ("Hospitality", "HOSPITALITY"),
    ("Marketing", "MARKETING_AND_ADVERTISING"),
    ("Legal", "LAW_PRACTICE"),
    ("Consulting", "MANAGEMENT_CONSULTING"),
)

# (country, weight): mostly North America and Europe, like a young B2B SaaS book of business.
COUNTRIES = (
    ("United States", 45), ("United Kingdom", 12), ("Germany", 10), ("Canada", 7),
    ("France", 6), ("Netherlands", 5), ("Sweden", 3), ("Spain", 3), ("Australia", 4),
    ("Ireland", 2), ("Singapore", 2), ("Brazil", 1),
)  # fmt: skip

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, *, limit: int = 40) -> str:
    """Lower-case words joined by hyphens, cut at a word boundary: "Add SSO" → "add-sso"."""
    words = _NON_SLUG.sub("-", text.lower()).strip("-").split("-")
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > limit:
            break
        out = f"{out}-{word}" if out else word
    return out[:limit]
