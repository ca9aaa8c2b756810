"""LangGraph wiring of the roadmap agent."""
