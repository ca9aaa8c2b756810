"""Composition of the language layer: settings + the agents' offline rules → a LanguageModel,
and the optional embedder for semantic search (None offline)."""

from __future__ import annotations

from devbizops.settings import Provider, Settings
from tools.llm import LanguageModel, build_language_model
from tools.llm.embeddings import Embedder, build_embedder


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


def embedder(settings: Settings, *, provider: Provider | None = None) -> Embedder | None:
    """The embedder of the provider in force; None offline, where full-text search is used."""
    chosen = provider or settings.effective_provider
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    return build_embedder(
        chosen, model=settings.embedding_model, api_key=key, base_url=settings.openai_base_url
    )
