"""Stage text: one text dump decided block by block, and its metadata.

In: decoded text and a Config. Out: blocks (segment), the document's line table (table: every per-line
fact, made once, with one scan of the document for every pattern; the rules, the learned model and the
metadata tagger read it and make none of their own), the rules' decisions (rules/, decide), and metadata
lines (title, author, dates, language). May import cleaner.io,
cleaner.document and cleaner.config; never html, model, corpus, the pipeline or above.
"""
