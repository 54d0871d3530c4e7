"""Training data for the learned cleaner: the boilerplate zoo and, beside it, the corpora layer."""
