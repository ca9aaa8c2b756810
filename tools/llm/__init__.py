"""The language layer: one protocol, an OpenAI-compatible provider, offline rules and a cache."""

from tools.llm.base import ExtractTask, LanguageModel, ProseTask
from tools.llm.cache import CachedModel
from tools.llm.factory import build_language_model
from tools.llm.offline_provider import OfflineModel
from tools.llm.openai_provider import OpenAIModel

__all__ = [
    "CachedModel",
    "ExtractTask",
    "LanguageModel",
    "OfflineModel",
    "OpenAIModel",
    "ProseTask",
    "build_language_model",
]
