"""Stage report: the self-contained HTML explain report.

In: saved results (removed spans, metadata) as plain data. Out: one HTML page. Stdlib only: it
imports nothing from cleaner, so any saved JSON record renders.
"""
