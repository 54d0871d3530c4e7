"""Rules that decide, block by block, what is body and what is boilerplate in a text dump.

In: blocks with features. Out: decisions with a rule id and a reason. Patterns and word lists come
from cleaner/data. May import the rest of cleaner.text, cleaner.document and cleaner.config.
"""
