"""TechTranslator's write-back tools: the shared ones of ``graphs.writeback_tools``.

Kept as a name so callers that import them from here (the run service) keep working.
"""

from graphs.writeback_tools import JiraOpener, WriteBackTools, tools_of, with_tools

__all__ = ["JiraOpener", "WriteBackTools", "tools_of", "with_tools"]
