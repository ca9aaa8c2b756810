"""LangGraph wiring of the dashboard agent."""
