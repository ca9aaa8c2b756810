"""Small English helpers for turning spoken phrases into titles and user stories."""

from __future__ import annotations

import re

from agents.techtranslator.wordlists import words

_I = re.IGNORECASE

# Where a capability ends and its reason, deadline or hedge begins.
_CAPABILITY_END = re.compile(
    r"\s*,?\s*\b(?:so\s+that|so\s+(?=(?:we|I|my|our|they|the|it|people|everyone|nobody|users|he"
    r"|she|you)\b)|because|'cause|since|in\s+order\s+to|otherwise|to\s+make\s+sure|to\s+ensure"
    r"|to\s+avoid|which\s+(?:is|would|means|was)|before\s+(?=(?:we|the|our|Q[1-4]|end|next|launch"
    r"|go-?live|renewal|\w+day)\b)|by\s+(?=(?:the\s+end|end\s+of|Q[1-4]|next|this|January|February"
    r"|March|April|May|June|July|August|September|October|November|December|renewal|the\s+renewal)"
    r"\b)|if\s+possible|if\s+you\s+can|asap|for\s+sure|right\s+now|right\s+away|at\s+some\s+point"
    r"|eventually|someday|down\s+the\s+road|or\s+something|or\s+whatever|and\s+stuff|and\s+all\s+"
    r"that|and\s+so\s+on|etc|long\s+term|longer\s+term|in\s+the\s+future|if\s+we\s+can|if\s+that"
    r"|that\s+would|that'd|as\s+well|too|honestly|please|thanks|though|I\s+think|I\s+guess"
    r"|(?:when|if|in\s+case)\s+(?:something|anything|things?)\s+(?:goes|go|breaks?|fails?)"
    r"|full\s+stop|period|(?:this|next)\s+(?:week|month|quarter|year|sprint)|today|tomorrow"
    r"|you\s+know|I\s+mean|or\s+not|yet|anyway|either)\b.*$",
    _I,
)
# A comma followed by one of these starts a digression, not the next item of a list.
_DIGRESSION = re.compile(
    r",\s+(?:every|each|who|which|where|when|whenever|so|because|like|especially|ideally|with"
    r"|for|but|maybe|that|I|we|it|you|they|at|in|on|right|okay|basically|even|ideally|obviously"
    r"|and\s+(?:we|I|it|then|also)|or\s+(?:at|even|something))\b.*$"
    # a comma that opens a new clause: ", half our equipment is in basements"
    r"|,\s+(?:[\w'-]+\s+){0,4}?(?:is|are|was|were|has|have|had|can't|cannot|don't|doesn't"
    r"|won't|live|lives|sits?|works?)\b.*$"
    r"|,\s+or\s+(?:we|I|they|you|else|otherwise)\b.*$",
    _I,
)
_FILLERS = re.compile(
    r"\b(?:um+|uh+|erm|you\s+know|I\s+mean|sort\s+of|kind\s+of|kinda|basically|literally|honestly"
    r"|frankly|actually|really|just|definitely|absolutely|probably|obviously|somehow|seriously"
    r"|ideally|also|still|some\s+kind\s+of|some\s+sort\s+of|realistically|currently|personally"
    r"|like(?=,))\b,?\s*",
    _I,
)
_LEAD = re.compile(
    r"^(?:(?:and|but|so|or|also|well|oh|okay|ok|yeah|yes|plus|then|like|um+|uh+|for\s+us|for\s+me"
    r"|(?:a|an|some|any|the)\s+(?:way|option|means|ability|capability|feature|place|tool|setting)"
    r"\s+(?:to|for\s+(?:us|me|them)\s+to)|something\s+(?:like|that\s+lets\s+us)|(?:to\s+)?be\s+able"
    r"\s+to|being\s+able\s+to|able\s+to|to)\b[\s,]*)+",
    _I,
)
_POSSESSIVE = re.compile(r"\b(?:our|my|your)\s+", _I)
# "in our system" -> "in the system", but "with our Salesforce" -> "with Salesforce".
_PREP_POSSESSIVE = re.compile(
    r"\b(?P<prep>in|to|from|into|with|for|on|of|at|across)\s+(?:our|my|your)\s+"
    r"(?P<next>\w)",
    _I,
)
_PRONOUNS = words("""it this that them those these one something that's both another either all""")


def cut_capability(phrase: str) -> str:
    """The capability part of a phrase: no reason clause, deadline, hedge or digression."""
    text = _CAPABILITY_END.sub("", phrase)
    text = _DIGRESSION.sub("", text)
    head, comma, _ = text.partition(",")
    if comma and len(head.split()) >= 3:
        text = head  # "a proper mobile app, iPhone and Android, to see ..." -> the first item
    return tidy(text)


def tidy(phrase: str) -> str:
    """Drop fillers and leading conjunctions; collapse spaces and trailing punctuation."""
    text = _FILLERS.sub("", phrase)
    text = _LEAD.sub("", text.strip(" ,;:.!?-—–\"'“”"))
    return " ".join(text.split()).strip(" ,;:.!?-—–\"'“”")


def unpossess(phrase: str) -> str:
    """Drop "our/my/your/their" so a title reads from the product's point of view."""

    def after_preposition(match: re.Match[str]) -> str:
        article = "" if match["next"].isupper() else "the "
        return f"{match['prep']} {article}{match['next']}"

    return _POSSESSIVE.sub("", _PREP_POSSESSIVE.sub(after_preposition, phrase))


def is_pronoun(phrase: str) -> bool:
    """Whether a phrase points back at something said earlier ("it", "that one")."""
    words = phrase.lower().split()
    return not words or words[0] in _PRONOUNS


def capitalise(phrase: str) -> str:
    """Upper-case the first letter only ("saml SSO" -> "Saml SSO" is avoided for acronyms)."""
    return phrase[:1].upper() + phrase[1:] if phrase else phrase


def gerund(verb: str) -> str:
    """The -ing form of a verb ("retype" -> "retyping", "stop" -> "stopping")."""
    word = verb.lower()
    if word.endswith("ie"):
        return verb[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")) and len(word) > 2:
        return verb[:-1] + "ing"
    vowels = sum(ch in "aeiou" for ch in word)
    if len(word) <= 4 and vowels == 1 and _cvc(word):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def third_person(verb: str) -> str:
    """The -s form of a verb ("sync" -> "syncs", "match" -> "matches", "be" -> "is")."""
    word = verb.lower()
    irregular = {"be": "is", "have": "has", "do": "does", "go": "goes"}
    if word in irregular:
        return irregular[word]
    if word.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return verb[:-1] + "ies"
    return verb + "s"


def plural(noun: str) -> str:
    """A crude plural for a single noun ("appointment" -> "appointments")."""
    word = noun.lower()
    if word.endswith("s"):
        return noun
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    if word.endswith(("sh", "ch", "x", "z")):
        return noun + "es"
    return noun + "s"


def is_plural(noun_phrase: str) -> bool:
    """Whether a noun phrase reads as plural (its last word ends in a plain "s")."""
    words = noun_phrase.lower().split()
    last = words[-1] if words else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


def article(phrase: str) -> str:
    """ "a" or "an" for a phrase, by sound for common acronyms ("an SRE", "a VP")."""
    word = phrase.split()[0] if phrase.split() else ""
    if word.isupper() and len(word) > 1:
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    if word.lower().startswith(("uni", "use", "user", "eu", "one")):
        return "a"
    return "an" if word[:1].lower() in "aeiou" else "a"


def shorten(title: str, limit: int = 80) -> str:
    """Cut a title at a word boundary to ``limit`` characters, without a dangling small word."""
    if len(title) <= limit:
        return title
    words = title[:limit].rsplit(" ", 1)[0].split()
    while len(words) > 2 and words[-1].lower() in {"to", "with", "and", "of", "the", "a", "for"}:
        words.pop()
    return " ".join(words)


def _cvc(word: str) -> bool:
    if len(word) < 3:
        return False
    a, b, c = word[-3], word[-2], word[-1]
    return a not in "aeiou" and b in "aeiou" and c not in "aeiouwxy"
