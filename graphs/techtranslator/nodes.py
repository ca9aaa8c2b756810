"""TechTranslator nodes: each returns a partial state update."""

from __future__ import annotations

from typing import Any, Literal

from langchain_core.runnables import RunnableConfig

from agents.techtranslator.chunking import extract_requirements
from agents.techtranslator.dedupe import merge_duplicates
from agents.techtranslator.grounding import ground as ground_requirements
from agents.techtranslator.parsers import parse_transcript
from agents.techtranslator.schemas import Requirement, Transcript
from graphs.context import emit, run_ids
from graphs.techtranslator.state import TranslatorState
from memory.store import GraphStore
from tools.llm import LanguageModel


def parse(state: TranslatorState) -> dict[str, Any]:
    """Parse the transcript (format given or detected) into speaker turns."""
    transcript = parse_transcript(
        state["transcript"],
        state.get("format"),
        customer_speakers=state.get("customer_speakers") or (),
        internal_speakers=state.get("internal_speakers") or (),
    )
    return {"parsed": transcript.model_dump(mode="json"), "detected_format": transcript.format}


def extract(state: TranslatorState, *, llm: LanguageModel) -> dict[str, Any]:
    """Ask the language model (LLM or offline rules) for candidate requirements."""
    transcript = Transcript.model_validate(state["parsed"])
    found = extract_requirements(transcript, state.get("account"), llm)
    return {"candidates": [r.model_dump(mode="json") for r in found]}


def route_after_extract(state: TranslatorState) -> Literal["ground", "store"]:
    """Nothing to ground when nothing was proposed."""
    return "ground" if state.get("candidates") else "store"


def ground(state: TranslatorState) -> dict[str, Any]:
    """Keep only evidence quoted verbatim from the transcript; log every drop."""
    transcript = Transcript.model_validate(state["parsed"])
    candidates = [Requirement.model_validate(c) for c in state["candidates"]]
    # Requirements come from what customers said: a quote of our own rep does not count.
    result = ground_requirements(candidates, transcript, customer_only=True)
    dropped = [d.model_dump(mode="json") for d in result.dropped]
    for item in dropped:
        emit("requirement.dropped", **item)
    kept = merge_duplicates(result.kept)
    return {"requirements": [r.model_dump(mode="json") for r in kept], "dropped": dropped}


def store(state: TranslatorState, config: RunnableConfig, *, store: GraphStore) -> dict[str, Any]:
    """Persist the transcript and requirements for the org (idempotent per run)."""
    org_id, run_id = run_ids(config)
    requirements = state.get("requirements", [])
    stored = store.save_translation(
        org_id,
        run_id,
        state["transcript"],
        state.get("detected_format", "text"),
        state.get("account"),
        requirements,
    )
    return {"stored": stored, "requirements": requirements, "dropped": state.get("dropped", [])}
