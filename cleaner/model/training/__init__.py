"""Training data and fitting for the learned cleaner: corpora adapters, dumps, labels, the zoo, the model fit.

Needs the `train` extra (scikit-learn, html-text); nothing in the cleaning pipeline imports this package.
"""
