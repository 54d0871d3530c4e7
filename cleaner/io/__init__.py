"""Stage io: bytes and files in, records out, and results written back.

In: paths, folders, stdin, URLs, JSONL and WARC corpora, raw bytes. Out: Items (one input document
each, or why it could not be read), decoded text (encoding), and written outputs (writers, formats,
markdown, the output plan). May import cleaner.document and cleaner.config only; never a stage above.
"""
