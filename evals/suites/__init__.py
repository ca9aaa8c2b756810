"""Evaluation suites: one per agent, each knows its dataset format, how to run and summarise."""
