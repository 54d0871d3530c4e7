"""Stage html: one HTML page as blocks with decisions, and its metadata.

In: page bytes or text and a Config. Out: the DOM's blocks with removals explained by element path
(dom, dom_score), the body by the fallback chain (extract) reworked for the page's type (page_type,
strategy) and the page's metadata. May import
cleaner.text (features, rules, dates, bylines), cleaner.io, cleaner.document and cleaner.config.
"""
