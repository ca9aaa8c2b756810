"""LangGraph wiring of the techtranslator agent."""
