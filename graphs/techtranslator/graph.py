"""TechTranslator wiring: parse → extract → ground → store, then optional write-back."""

from __future__ import annotations

from functools import partial

from langgraph.graph import END, START, StateGraph

from graphs.techtranslator import nodes
from graphs.techtranslator import writeback_nodes as wb
from graphs.techtranslator.state import TranslatorInput, TranslatorOutput, TranslatorState
from memory.store import GraphStore
from tools.llm import LanguageModel


def build(
    llm: LanguageModel, store: GraphStore
) -> StateGraph[TranslatorState, None, TranslatorInput, TranslatorOutput]:
    """The uncompiled TechTranslator graph (write-back steps run only when requested)."""
    g = StateGraph(TranslatorState, input_schema=TranslatorInput, output_schema=TranslatorOutput)
    g.add_node("parse", nodes.parse)
    g.add_node("extract", partial(nodes.extract, llm=llm))
    g.add_node("ground", nodes.ground)
    g.add_node("store", partial(nodes.store, store=store))
    g.add_node("enrich", partial(wb.enrich, store=store))
    g.add_node("approve", wb.approve)
    g.add_node("write", wb.write)
    g.add_node("remember", wb.remember)
    g.add_edge(START, "parse")
    g.add_edge("parse", "extract")
    g.add_conditional_edges("extract", nodes.route_after_extract)
    g.add_edge("ground", "store")
    g.add_conditional_edges("store", wb.route_after_store)
    g.add_conditional_edges("enrich", wb.route_after_enrich)
    g.add_conditional_edges("approve", wb.route_after_approve)
    g.add_edge("write", "remember")
    g.add_edge("remember", END)
    return g
