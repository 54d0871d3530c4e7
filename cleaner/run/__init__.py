"""Stage run: many documents through the pipeline, in order, under time limits.

In: Items from cleaner.io and a Config. Out: Outcomes in input order, from this process, a worker
pool (batch) or a Dask cluster (distributed); the one-call clean_many (stream) and the in-place
fixer (fix). May import the pipeline and every stage below it; never cleaner.cli.
"""
