"""Stage text: one text dump decided block by block, and its metadata.

In: decoded text and a Config. Out: blocks (segment), their features, the rules' decisions (rules/,
decide), and metadata lines (title, author, dates, language). May import cleaner.io,
cleaner.document and cleaner.config; never html, model, corpus, the pipeline or above.
"""
