"""Gong call transcripts (``/v2/calls/transcript`` plus ``/v2/calls/extensive`` parties) to turns.

Each monologue becomes one turn. JSON has no useful line numbers once decoded, so ``Turn.line``
is the 1-based position of the monologue across all calls in the file.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter

from agents.techtranslator.parsers.json_input import load_json, validate
from agents.techtranslator.parsers.timecodes import clock_from_millis
from agents.techtranslator.schemas import Party, Turn
from devbizops.errors import TranscriptFormatError

_FORMAT = "gong"
_PARTY_BY_AFFILIATION: dict[str, Party] = {"internal": "internal", "external": "customer"}


def _id_as_text(value: object) -> object:
    # Gong sends ids as strings, but hand-made exports often carry them as JSON numbers.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


SpeakerId = Annotated[str, BeforeValidator(_id_as_text)]


class _Wire(BaseModel):
    # Strict: "123" must not pass as a number, nor 5 as a sentence.
    model_config = ConfigDict(strict=True, allow_inf_nan=False, frozen=True)


class GongParty(_Wire):
    speaker_id: SpeakerId | None = Field(default=None, alias="speakerId")
    name: str | None = None
    email_address: str | None = Field(default=None, alias="emailAddress")
    affiliation: str | None = None
    title: str | None = None


class GongSentence(_Wire):
    start: float = Field(ge=0, description="milliseconds from the start of the call")
    end: float | None = Field(default=None, ge=0)
    text: str


class GongMonologue(_Wire):
    speaker_id: SpeakerId = Field(alias="speakerId")
    topic: str | None = None
    sentences: list[GongSentence]


class GongCall(_Wire):
    transcript: list[GongMonologue]


class GongCallTranscripts(_Wire):
    call_transcripts: list[GongCall] = Field(alias="callTranscripts")
    parties: list[GongParty] = []


class GongSingleCall(GongCall):
    parties: list[GongParty] = []


_MANY_CALLS = TypeAdapter(GongCallTranscripts)
_SINGLE_CALL = TypeAdapter(GongSingleCall)


def parse_gong(text: str) -> list[Turn]:
    """Parse a Gong call-transcript JSON document into one turn per monologue."""
    data = load_json(_FORMAT, text)
    if not isinstance(data, dict):
        raise TranscriptFormatError(_FORMAT, "expected a JSON object with a transcript")
    if "callTranscripts" in data:
        many = validate(_FORMAT, _MANY_CALLS, data)
        calls, parties = many.call_transcripts, many.parties
    else:
        single = validate(_FORMAT, _SINGLE_CALL, data)
        calls, parties = [single], single.parties
    # Exports occasionally list a speaker twice; the first listing wins.
    by_speaker = {party.speaker_id: party for party in reversed(parties) if party.speaker_id}
    monologues = [monologue for call in calls for monologue in call.transcript]
    turns: list[Turn] = []
    for position, monologue in enumerate(monologues, start=1):
        spoken = " ".join(" ".join(sentence.text for sentence in monologue.sentences).split())
        if not spoken:
            continue  # a monologue of empty sentences carries nothing to extract
        party = by_speaker.get(monologue.speaker_id)
        turns.append(
            Turn(
                index=len(turns),
                line=position,
                speaker=_speaker_name(monologue.speaker_id, party),
                role=_role(party),
                party=_side(party),
                text=spoken,
                timestamp=clock_from_millis(monologue.sentences[0].start),
            )
        )
    return turns


def _speaker_name(speaker_id: str, party: GongParty | None) -> str:
    """The party's name, else its email, else the raw speaker id."""
    if party is not None:
        for candidate in (party.name, party.email_address):
            if candidate and candidate.strip():
                return " ".join(candidate.split())
    return speaker_id.strip() or "Unknown"


def _side(party: GongParty | None) -> Party:
    """Gong's Internal/External affiliation as our internal/customer party."""
    affiliation = (party.affiliation or "") if party else ""
    return _PARTY_BY_AFFILIATION.get(affiliation.lower(), "unknown")


def _role(party: GongParty | None) -> str | None:
    """``"VP Engineering (External)"``: the title plus the affiliation when Gong knows it."""
    if party is None:
        return None
    title = " ".join((party.title or "").split())
    known = (party.affiliation or "").lower() in _PARTY_BY_AFFILIATION
    affiliation = party.affiliation if known else None
    if title and affiliation:
        return f"{title} ({affiliation})"
    return title or affiliation or None
