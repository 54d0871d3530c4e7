"""The optional C extension of the model's inner loops (cleaner/model/kernels.py); the rest of the build is
in pyproject.toml. Optional: without a C compiler the install still succeeds and numpy runs the same loops,
with the same output."""
from setuptools import Extension, setup

setup(ext_modules=[Extension("cleaner.model._kernels", ["cleaner/model/_kernels.c"], optional=True,
                             extra_compile_args=["-O2", "-ffp-contract=off"])])
