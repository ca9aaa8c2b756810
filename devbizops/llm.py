"""Composition of the language model: settings + the agents' offline rules → a LanguageModel."""

from __future__ import annotations

from devbizops.settings import Provider, Settings
from tools.llm import LanguageModel, build_language_model


def language_model(
    settings: Settings,
    *,
    provider: Provider | None = None,
    model: str | None = None,
    use_cache: bool = True,
) -> LanguageModel:
    """Build the provider in force (or the one asked for) with every agent's offline handlers."""
    from agents.dashboard.narrative import write_narrative
    from agents.roadmap.rationale import write_rationale
    from agents.techtranslator.offline import extract_requirements

    chosen = provider or settings.effective_provider
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    return build_language_model(
        provider=chosen,
        model=model or settings.model,
        api_key=key,
        base_url=settings.openai_base_url,
        extractors={"techtranslator.requirements": extract_requirements},
        writers={"roadmap.rationale": write_rationale, "dashboard.narrative": write_narrative},
        cache_dir=settings.data_path / "llm-cache",
        use_cache=use_cache,
    )
