"""Helpers the test folders share, imported as ``tests.support.<module>`` (never ``from conftest import``).

A conftest file is pytest's, loaded by path for the fixtures it holds; importing one as a module
gives a second copy of it (with its own globals) whenever two folders' conftests share a name.
Plain functions and constants therefore live here, and the conftest files only declare fixtures.
"""
