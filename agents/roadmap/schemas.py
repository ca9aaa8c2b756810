"""Roadmap agent's data: requirements and backlog items in, a RICE-ranked roadmap out."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from agents.techtranslator.schemas import CATEGORIES, PRIORITIES, Category, Priority

PositiveFloat = Annotated[float, Field(gt=0)]
Fraction = Annotated[float, Field(gt=0, le=1)]
NonNegativeFloat = Annotated[float, Field(ge=0)]

PRIORITY_IMPACT: dict[Priority, float] = {"must": 3.0, "should": 2.0, "could": 1.0}
CATEGORY_MULTIPLIER: dict[Category, float] = {
    "security_compliance": 1.25,
    "bug": 1.2,
    "performance": 1.1,
    "integration": 1.0,
    "feature": 1.0,
}
SIZE_WEEKS: dict[Category, float] = {
    "bug": 1.0,
    "performance": 2.0,
    "feature": 2.0,
    "integration": 3.0,
    "security_compliance": 3.0,
}


class RiceWeights(BaseModel):
    """Every tunable constant of the RICE formula (see ``agents.roadmap.rice``)."""

    arr_per_reach_unit: PositiveFloat = Field(
        default=10_000, description="dollars of ARR at stake worth one extra unit of reach"
    )
    priority_impact: dict[Priority, PositiveFloat] = Field(default_factory=PRIORITY_IMPACT.copy)
    category_multiplier: dict[Category, PositiveFloat] = Field(
        default_factory=CATEGORY_MULTIPLIER.copy
    )
    confidence_one_quote: Fraction = 0.5
    confidence_two_quotes: Fraction = 0.8
    confidence_three_quotes: Fraction = Field(default=1.0, description="three quotes or more")
    confidence_backlog_pointed: Fraction = Field(
        default=0.8, description="backlog item with story points and no call evidence"
    )
    confidence_backlog_unpointed: Fraction = Field(
        default=0.5, description="backlog item without story points nor call evidence"
    )
    points_per_week: PositiveFloat = Field(default=5, description="story points per person-week")
    size_weeks: dict[Category, PositiveFloat] = Field(
        default_factory=SIZE_WEEKS.copy,
        description="base person-weeks by category when no story points are known",
    )
    weeks_per_criterion: Annotated[float, Field(ge=0)] = Field(
        default=0.5, description="extra person-weeks per acceptance criterion"
    )
    min_effort_weeks: PositiveFloat = 0.5

    @model_validator(mode="after")
    def _tables_are_complete(self) -> RiceWeights:
        # A partial table would surface later as a KeyError deep inside scoring.
        for name, table, keys in (
            ("priority_impact", self.priority_impact, PRIORITIES),
            ("category_multiplier", self.category_multiplier, CATEGORIES),
            ("size_weeks", self.size_weeks, CATEGORIES),
        ):
            missing = [k for k in keys if k not in table]
            if missing:
                raise ValueError(f"{name} is missing {', '.join(missing)}")
        return self


class RoadmapRequirement(BaseModel):
    """A requirement extracted from calls, with the accounts that asked for it."""

    key: str = Field(min_length=1)
    title: str
    category: Category
    priority: Priority
    accounts: list[str] = Field(description="the accounts that asked")
    arr_at_stake: float = Field(default=0, ge=0, description="sum of those accounts' ARR")
    evidence_count: int = Field(ge=0)
    acceptance_criteria_count: int = Field(ge=0)
    story_points: float | None = Field(default=None, ge=0)


class BacklogItem(BaseModel):
    """An issue already in the tracker (Jira, GitHub), e.g. ``PROJ-12``."""

    key: str = Field(min_length=1)
    title: str
    category: Category | None = None
    priority: Priority | None = None
    story_points: float | None = Field(default=None, ge=0)
    accounts: list[str] = Field(default_factory=list)
    arr_at_stake: float = Field(default=0, ge=0)


Method = Literal["rice", "wsjf"]
METHODS: tuple[Method, ...] = ("rice", "wsjf")

WSJF_PRIORITY_VALUE: dict[Priority, float] = {"must": 8.0, "should": 5.0, "could": 2.0}
WSJF_CATEGORY_URGENCY: dict[Category, float] = {
    "security_compliance": 8.0,
    "bug": 5.0,
    "performance": 3.0,
    "integration": 2.0,
    "feature": 1.0,
}
WSJF_CATEGORY_RISK: dict[Category, float] = {
    "security_compliance": 8.0,
    "bug": 5.0,
    "performance": 3.0,
    "integration": 2.0,
    "feature": 1.0,
}


class WsjfWeights(BaseModel):
    """Every tunable constant of the WSJF formula (see ``agents.roadmap.wsjf``)."""

    priority_value: dict[Priority, PositiveFloat] = Field(
        default_factory=WSJF_PRIORITY_VALUE.copy, description="business value by priority"
    )
    arr_per_value_point: PositiveFloat = Field(
        default=25_000, description="dollars of ARR at stake worth one point of business value"
    )
    category_urgency: dict[Category, NonNegativeFloat] = Field(
        default_factory=WSJF_CATEGORY_URGENCY.copy, description="time criticality by category"
    )
    urgency_per_extra_account: NonNegativeFloat = Field(
        default=1.0, description="time criticality per asking account beyond the first"
    )
    category_risk: dict[Category, NonNegativeFloat] = Field(
        default_factory=WSJF_CATEGORY_RISK.copy, description="risk reduction by category"
    )
    risk_per_quote: NonNegativeFloat = Field(
        default=1.0, description="risk reduction / opportunity enablement per call quote"
    )
    max_quotes: int = Field(default=3, ge=0, description="quotes counted at most")

    @model_validator(mode="after")
    def _tables_are_complete(self) -> WsjfWeights:
        for name, table, keys in (
            ("priority_value", self.priority_value, PRIORITIES),
            ("category_urgency", self.category_urgency, CATEGORIES),
            ("category_risk", self.category_risk, CATEGORIES),
        ):
            missing = [k for k in keys if k not in table]
            if missing:
                raise ValueError(f"{name} is missing {', '.join(missing)}")
        return self


class RoadmapInput(BaseModel):
    """What the Roadmap agent ranks, and how."""

    requirements: list[RoadmapRequirement] = Field(default_factory=list)
    backlog: list[BacklogItem] = Field(default_factory=list)
    method: Method = "rice"
    weights: RiceWeights = Field(default_factory=RiceWeights)
    wsjf_weights: WsjfWeights = Field(default_factory=WsjfWeights)


class RiceScore(BaseModel):
    """A RICE score with the components, the raw inputs and the formula with numbers substituted."""

    reach: float
    impact: float
    confidence: float
    effort: float
    score: float
    formula: str
    inputs: dict[str, float | str | int]


class WsjfScore(BaseModel):
    """A WSJF score: cost of delay over job size, with its parts, inputs and formula."""

    business_value: float
    time_criticality: float
    risk_reduction: float
    cost_of_delay: float
    job_size: float
    score: float
    formula: str
    inputs: dict[str, float | str | int]


class ItemForecast(BaseModel):
    """When one item completes, from the Monte Carlo simulation (dates are ISO days)."""

    size: float = Field(description="the item's size in the throughput unit")
    p50_week: int | None
    p85_week: int | None
    p50_date: str | None
    p85_date: str | None
    fits_quarter_probability: float = Field(ge=0, le=1)
    fits_quarter: bool


class RoadmapItem(BaseModel):
    """One ranked entry of the roadmap."""

    rank: int = Field(ge=1)
    key: str
    title: str
    source: Literal["requirement", "backlog"]
    category: Category | None
    priority: Priority | None
    accounts: list[str]
    arr_at_stake: float
    rice: RiceScore
    wsjf: WsjfScore | None = None
    score: float | None = Field(default=None, description="the score of the ranking method")
    forecast: ItemForecast | None = None
    merged_requirements: list[str] = Field(
        default_factory=list, description="keys of requirements merged into this backlog item"
    )


class ForecastSummary(BaseModel):
    """How the forecast was made: start, quarter end, unit, the throughput history used."""

    start: str
    quarter_end: str
    unit: Literal["points", "items"]
    trials: int
    seed: int
    weekly_throughput: list[float]
    mean_weekly_throughput: float
    items_fitting_quarter: int
    status: Literal["ok", "no_throughput"]


class Roadmap(BaseModel):
    """The ranked roadmap and a short paragraph explaining the order."""

    method: Method
    items: list[RoadmapItem]
    rationale: str
    forecast: ForecastSummary | None = None
