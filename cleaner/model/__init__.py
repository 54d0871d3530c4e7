"""Stage model: the learned line classifier, its features, inference and training.

In: a document's line table (cleaner.text.table: its columns, matches and characters) and the heuristic
rules' decisions. Out: the model's verdicts as rules
(learned), the model file (file) and, in training/, the corpora, labels and fit that make it. May
import cleaner.text, cleaner.io, cleaner.document and cleaner.config; the pipeline never imports
training/.
"""
