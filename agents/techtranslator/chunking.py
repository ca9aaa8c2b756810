"""Long calls are extracted in overlapping windows of turns, then merged.

A model's context (and its attention) is limited, so a transcript longer than ``max_words`` is
split at turn boundaries into windows of at most that many words; each window repeats the last
``overlap`` turns of the previous one so a need spread over a window boundary is seen whole in
one of them. Candidates from all windows are concatenated; grounding and ``merge_duplicates``
then drop what the overlap found twice.
"""

from __future__ import annotations

from agents.techtranslator.prompts import build_extract_task
from agents.techtranslator.schemas import Requirement, Transcript, Turn
from tools.llm.base import LanguageModel

MAX_WORDS = 6000
OVERLAP_TURNS = 4


def windows(
    transcript: Transcript, max_words: int = MAX_WORDS, overlap: int = OVERLAP_TURNS
) -> list[Transcript]:
    """The transcript itself when short enough, else overlapping windows of whole turns."""
    sizes = [len(t.text.split()) for t in transcript.turns]
    if sum(sizes) <= max_words:
        return [transcript]
    result: list[Transcript] = []
    start = 0
    while start < len(transcript.turns):
        end, words = start, 0
        while end < len(transcript.turns) and (end == start or words + sizes[end] <= max_words):
            words += sizes[end]
            end += 1
        result.append(_window(transcript, transcript.turns[start:end]))
        if end >= len(transcript.turns):
            break
        # Step back by the overlap, but always move forward by at least one turn.
        start = max(start + 1, end - overlap)
    return result


def _window(transcript: Transcript, turns: list[Turn]) -> Transcript:
    return Transcript(format=transcript.format, turns=turns, raw=transcript.raw)


def extract_requirements(
    transcript: Transcript, account: str | None, llm: LanguageModel, max_words: int = MAX_WORDS
) -> list[Requirement]:
    """Candidate requirements from every window of the transcript, in window order."""
    found: list[Requirement] = []
    for window in windows(transcript, max_words):
        found += llm.extract(build_extract_task(window, account)).requirements
    return found
