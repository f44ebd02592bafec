"""Text to plain data to model objects and back: strict converters, YAML and JSON, schemas, hashing.

No paths and no plugins: every function takes and gives text or data.
"""
