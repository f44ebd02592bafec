"""Renderers: pure functions from an evaluation summary (or a checklist) to text or renderables.

rich is imported only here, and only when a terminal renderer is used.
"""
