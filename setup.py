"""The optional C extensions: the model's inner loops (cleaner/model/kernels.py) and the casefolding of very
long lines (cleaner/text/fold.py); the rest of the build is in pyproject.toml. Optional: without a C compiler
the install still succeeds, and numpy and str.casefold give the same output."""
from setuptools import Extension, setup

setup(ext_modules=[Extension("cleaner.model._kernels", ["cleaner/model/_kernels.c"], optional=True,
                             extra_compile_args=["-O2", "-ffp-contract=off"]),
                   Extension("cleaner.text._fold", ["cleaner/text/_fold.c"], optional=True, extra_compile_args=["-O2"])])
