"""Domain operations on model objects: rate, check, evaluate, compare, publish, aggregate.

No files, no terminal, no plugin machinery.
"""
