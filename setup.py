"""Only for the C part of the privacy scanner (everything else is in pyproject.toml). The extension is optional:
without a C compiler the install still succeeds and gongkai.privacy.fastscan falls back to its regexes."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("gongkai.privacy._fastscan", ["gongkai/privacy/_fastscan.c"], optional=True,
                             extra_compile_args=["-O2"])])
