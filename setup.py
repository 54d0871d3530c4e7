"""The optional C extensions: the model's inner loops (cleaner/model/kernels.py), the casefolding of very
long lines (cleaner/text/fold.py) and the metadata tagger's hashed cue words (cleaner/text/meta_features.py);
the rest of the build is in pyproject.toml. Optional: without a C compiler the install still succeeds, and
numpy, str.casefold and Python give the same output."""
from setuptools import Extension, setup

setup(ext_modules=[Extension("cleaner.model._kernels", ["cleaner/model/_kernels.c"], optional=True,
                             extra_compile_args=["-O3", "-ffp-contract=off"]),
                   Extension("cleaner.text._fold", ["cleaner/text/_fold.c"], optional=True, extra_compile_args=["-O2"]),
                   Extension("cleaner.text._cues", ["cleaner/text/_cues.c"], optional=True, extra_compile_args=["-O2"])])
